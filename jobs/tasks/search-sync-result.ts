import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { syncResultWithLagging } from '#search/sync.ts';

const payload = z.object({ resultId: z.uuid() });

/**
 * Mirrors one result into the search index, with any others whose copy lags.
 * Throws while Meilisearch is down, so it retries with backoff.
 */
export const searchSyncResult: Task = async (raw) => {
  const { resultId } = payload.parse(raw);
  await syncResultWithLagging(resultId);
};
