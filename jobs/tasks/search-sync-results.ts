import { enqueueResultSync, sweepResults } from '#search/sync.ts';
import { getDb } from '#db/client.ts';
import { defineTask } from '#jobs/task.ts';

/**
 * Mirrors every result whose index copy lags into the search index (search/sync.ts).
 * Throws while Meilisearch is down, so it retries with backoff; a sweep that ran out of
 * budget with work left hands over to a fresh job.
 */
export const searchSyncResults = defineTask('search:sync-results', async (_payload, helpers) => {
  const { synced, more } = await sweepResults();
  if (more) {
    helpers.logger.info(`synced ${synced} results; more lag, continuing in a new job`);
    await enqueueResultSync(getDb());
  }
});
