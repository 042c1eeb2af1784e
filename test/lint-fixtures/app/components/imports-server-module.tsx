// lint-expect: no-restricted-imports "A *.server module cannot be imported"
import { listGrants } from '#app/services/grants/review.server.ts';

export function Grants() {
  return <p>{listGrants.name}</p>;
}
