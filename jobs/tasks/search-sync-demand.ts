import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { syncDemand } from '#search/demands-sync.ts';

const payload = z.object({ demandId: z.uuid() });

/** Mirrors one demand into the search index, with its best match score. Throws while Meilisearch is down, so it retries. */
export const searchSyncDemand: Task = async (raw) => {
  const { demandId } = payload.parse(raw);
  await syncDemand(demandId);
};
