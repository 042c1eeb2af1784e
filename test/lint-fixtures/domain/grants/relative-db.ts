// lint-expect: no-restricted-imports "domain/ imports nothing of ours but domain/"
// @ts-expect-error -- the path is relative to domain/grants/, where lint reads this text, not to this folder.
import { grants } from '../../db/schema.ts';

export const table = grants;
