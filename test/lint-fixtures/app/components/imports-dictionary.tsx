// lint-expect: no-restricted-imports "The i18n dictionaries are server code"
// A value import of a dictionary would ship it (and through bilingual.ts both) in the browser bundle.
import { zh } from '#app/i18n/zh.ts';
// @ts-expect-error -- the path is relative to app/components/, where lint reads this text, not to this folder.
import { en } from '../i18n/en.ts';
import { message } from '#app/i18n/bilingual.ts';

export function Title() {
  return <h1>{zh['app.name'] + en['app.name'] + message('app.name').en}</h1>;
}
