// lint-expect: no-restricted-imports "domain/ is pure"
import { readFileSync } from 'node:fs';

export const read = readFileSync;
