// lint-expect: no-restricted-imports "Server-only package"
import postgres from 'postgres';

export function Db() {
  return <p>{typeof postgres}</p>;
}
