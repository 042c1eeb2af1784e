// lint-expect: no-restricted-imports "domain/ imports nothing of ours but domain/"
import { translate } from '#app/i18n/translate.server.ts';

export const label = translate;
