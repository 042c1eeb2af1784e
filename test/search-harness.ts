import { afterAll, beforeAll } from 'vitest';
import { env } from '#config/env.ts';
import { startWorker, type Worker } from '#jobs/worker.ts';
import { indexName, meili } from '#search/client.ts';
import { settled } from '#search/tasks.ts';
import { RESULTS_INDEX } from '#search/indexes/results.ts';
import { applyResultsSettings } from '#search/setup.ts';

/** For files that need the index and the job worker: both real, both per test file. */
export function withSearchAndWorker(): void {
  let runner: Worker | undefined;
  beforeAll(async () => {
    await applyResultsSettings();
    // A live index is never empty; its first document costs Meilisearch a one-off second or so.
    const index = meili().index(indexName(RESULTS_INDEX));
    await settled(index.addDocuments([{ id: 'warm-up', title: '预热文档', titleTokens: '预热 文档' }]), { timeout: 30_000, interval: 50 });
    await settled(index.deleteDocument('warm-up'), { timeout: 30_000, interval: 50 });
    runner = await startWorker({ connectionString: env().DATABASE_URL!, concurrency: 2 });
  });
  afterAll(async () => {
    await runner?.stop();
  });
}

/** Polls until `check` holds, returning the time it took; fails after `ms`. */
export async function within<T>(ms: number, check: () => Promise<T | undefined | false>): Promise<{ value: T; elapsedMs: number }> {
  const t0 = performance.now();
  for (;;) {
    const value = await check();
    if (value) return { value, elapsedMs: performance.now() - t0 };
    if (performance.now() - t0 > ms) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
