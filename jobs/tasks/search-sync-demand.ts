import { syncDemand } from '#search/demands-sync.ts';
import { defineTask } from '#jobs/task.ts';

/** Mirrors one demand into the search index, with its best match score. Throws while Meilisearch is down, so it retries. */
export const searchSyncDemand = defineTask('search:sync-demand', async ({ demandId }) => {
  await syncDemand(demandId);
});
