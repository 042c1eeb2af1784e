// lint-expect: no-restricted-imports "db/, search/ and jobs/ never import app/"
import { translate } from '#app/i18n/translate.server.ts';

export const label = translate;
