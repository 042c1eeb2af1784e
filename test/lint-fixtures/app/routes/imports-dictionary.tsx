// lint-expect: no-restricted-imports "The i18n dictionaries are server code"
// Even from a loader: a route module reaches server text through #app/i18n/translate.server.ts.
import { en } from '#app/i18n/en.ts';

export const loader = () => ({ title: en['app.name'] });

export default function Page() {
  return <p>{en['app.short']}</p>;
}
