// lint-expect: no-restricted-imports "browser bundle must not reach db/"
// The bug of issue 11: `'#db/*'` was a gitignore comment, so this passed lint.
import { getDb } from '#db/client.ts';

export function Count() {
  return <p>{typeof getDb}</p>;
}
