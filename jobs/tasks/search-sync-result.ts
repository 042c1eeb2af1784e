import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { syncResult } from '#search/sync.ts';

const payload = z.object({ resultId: z.uuid() });

/** Mirrors one result into the search index. Throws while Meilisearch is down, so it retries with backoff. */
export const searchSyncResult: Task = async (raw) => {
  const { resultId } = payload.parse(raw);
  await syncResult(resultId);
};
