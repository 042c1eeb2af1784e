import { reconcileDemands } from '#search/demands-sync.ts';
import { reconcileResults } from '#search/sync.ts';
import { defineTask } from '#jobs/task.ts';

/** Every minute: re-enqueue any result or demand the index is behind on (after an outage, say). */
export const searchReconcile = defineTask('search:reconcile', async (_payload, helpers) => {
  const n = await reconcileResults();
  if (n > 0) helpers.logger.info(`re-enqueued ${n} result syncs`);
  const d = await reconcileDemands();
  if (d > 0) helpers.logger.info(`re-enqueued ${d} demand syncs`);
});
