// lint-expect: no-restricted-imports "browser bundle must not reach"
import { env } from '#config/env.ts';

export function Port() {
  return <p>{env().PORT}</p>;
}
