import type { JobHelpers, Task } from 'graphile-worker';
import { payloadSchemas, type JobName, type JobPayload } from './catalog.ts';

/**
 * A graphile-worker task for one job of the catalogue: the payload is parsed with the
 * catalogue's schema before the handler sees it, so a malformed job fails (and retries,
 * then dead-letters) instead of running on a guess.
 */
export function defineTask<K extends JobName>(name: K, run: (payload: JobPayload<K>, helpers: JobHelpers) => Promise<void>): Task {
  const schema = payloadSchemas[name];
  return async (raw, helpers) => {
    await run(schema.parse(raw ?? {}) as JobPayload<K>, helpers);
  };
}
