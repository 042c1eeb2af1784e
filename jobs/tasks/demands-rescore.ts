import { rescoreDemands } from '#search/demands-sync.ts';
import { defineTask } from '#jobs/task.ts';

/** Hourly: new results change how well open demands are met; re-syncs them so their best match score is current. */
export const demandsRescore = defineTask('demands:rescore', async (_payload, helpers) => {
  const n = await rescoreDemands();
  if (n > 0) helpers.logger.debug(`re-scoring ${n} open demand(s)`);
});
