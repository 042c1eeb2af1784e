import type { Task } from 'graphile-worker';
import { reconcileResults } from '#search/sync.ts';

/** Every minute: re-enqueue any result the index is behind on (after an outage, say). */
export const searchReconcile: Task = async (_payload, helpers) => {
  const n = await reconcileResults();
  if (n > 0) helpers.logger.info(`re-enqueued ${n} result syncs`);
};
