import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { EnqueuedTaskPromise } from 'meilisearch';
import { getDb, type DbOrTx } from '#db/client.ts';
import { settled } from './tasks.ts';
import { organizations, results } from '#db/schema.ts';
import { enqueue } from '#jobs/enqueue.ts';
import { indexName, meili } from './client.ts';
import { RESULTS_INDEX, toDocument } from './indexes/results.ts';
import { resultEmbeddingText, vectorsFor } from './embedding/vectors.ts';

const WAIT = { timeout: 120_000, interval: 25 };

/**
 * Every change to a result enqueues the same job (this key): a burst of publishes is one
 * pending sweep, not one job each. While a sweep runs, a new change creates the next one
 * (graphile-worker clears a running job's key), which waits its turn in the named queue.
 */
export const SWEEP_JOB_KEY = 'search:results:sweep';
const QUEUE = 'search:results';

/** Results one Meilisearch task carries at most: indexing costs ~0.2 s of CPU per task whatever its size (docs/decisions/010). */
export const SWEEP_BATCH = 64;

/** A sweep still finding work after this long enqueues its successor and ends, so a crash never redoes much. */
export const SWEEP_BUDGET_MS = 30_000;

export type SyncOutcome = 'indexed' | 'removed' | 'missing';

type Prepared = { ids: string[]; rows: Array<{ id: string; version: number }>; outcomes: Map<string, SyncOutcome>; submit: () => EnqueuedTaskPromise[] };

/** Reads the rows and computes the vectors of a batch (the slow part, with new texts), without touching the index. */
async function prepare(resultIds: readonly string[]): Promise<Prepared> {
  const ids = [...new Set(resultIds)];
  const db = getDb();
  const rows = ids.length
    ? await db
        .select({ r: results, holderName: organizations.name, holderRegion: organizations.regionCode })
        .from(results)
        .innerJoin(organizations, eq(organizations.id, results.holderOrgId))
        .where(inArray(results.id, ids))
    : [];
  const byId = new Map(rows.map((row) => [row.r.id, row]));
  const published = rows.filter((row) => row.r.status === 'published');
  const gone = ids.filter((id) => byId.get(id)?.r.status !== 'published');
  const vectors = await vectorsFor(db, published.map((row) => resultEmbeddingText(row.r)));
  const docs = published.map((row, i) => toDocument(row.r, { name: row.holderName, regionCode: row.holderRegion }, vectors[i]));
  const outcomes = new Map(ids.map((id): [string, SyncOutcome] => [id, !byId.has(id) ? 'missing' : byId.get(id)!.r.status === 'published' ? 'indexed' : 'removed']));
  return {
    ids,
    rows: rows.map((row) => ({ id: row.r.id, version: row.r.version })),
    outcomes,
    submit: () => {
      const index = meili().index(indexName(RESULTS_INDEX));
      return [...(docs.length ? [index.addDocuments(docs, { primaryKey: 'id' })] : []), ...(gone.length ? [index.deleteDocuments(gone)] : [])];
    },
  };
}

/** Sends a prepared batch (its tasks enqueued together: Meilisearch may batch them), waits for it, records the versions the index now holds. */
async function apply(batch: Prepared): Promise<void> {
  for (const enqueued of batch.submit()) {
    const task = await settled(enqueued, WAIT);
    if (task.status !== 'succeeded') throw new Error(`Meilisearch task ${task.uid} ${task.status}: ${task.error?.message ?? ''}`);
  }
  if (batch.rows.length) {
    await getDb().execute(sql`
      update results r set indexed_version = v.version
      from jsonb_to_recordset(${JSON.stringify(batch.rows)}::jsonb) as v(id uuid, version int)
      where r.id = v.id and r.indexed_version < v.version`);
  }
}

/**
 * Brings the index in line with these results' rows: present (with the listing's vector)
 * if published, absent otherwise, in at most one Meilisearch task for the additions and
 * one for the removals. Idempotent; records the version the index now holds for each.
 * Vectors are computed only for texts never embedded before (search/embedding/vectors.ts);
 * without the model a listing is indexed without one and searched lexically.
 */
export async function syncResults(resultIds: readonly string[]): Promise<Map<string, SyncOutcome>> {
  const batch = await prepare(resultIds);
  if (batch.ids.length) await apply(batch);
  return batch.outcomes;
}

/** One result, now (tests, the benchmark's warm-up): see syncResults. */
export async function syncResult(resultId: string): Promise<SyncOutcome> {
  return (await syncResults([resultId])).get(resultId)!;
}

/** Results whose index copy lags their row, oldest change first, leaving out those on their way. */
async function lagging(limit: number, except: readonly string[] = []): Promise<string[]> {
  const rows = await getDb()
    .select({ id: results.id })
    .from(results)
    .where(and(sql`${results.indexedVersion} < ${results.version}`, except.length ? notInArray(results.id, [...except]) : undefined))
    .orderBy(results.updatedAt)
    .limit(limit);
  return rows.map((r) => r.id);
}

/**
 * The sweep job's work: syncs every result whose index copy lags, SWEEP_BATCH at a time,
 * until none does. Nothing waits to gather a batch: while one batch is embedded and
 * indexed the next changes pile up, and the next round takes them, so a quiet system
 * syncs a change at once and a stream costs a few Meilisearch tasks a second. The next
 * batch is read and embedded while Meilisearch indexes the current one; batches reach
 * Meilisearch in order. Returns how many it synced and whether it stopped at its budget
 * with work left (the caller enqueues a successor).
 */
export async function sweepResults(budgetMs = SWEEP_BUDGET_MS): Promise<{ synced: number; more: boolean }> {
  const t0 = Date.now();
  let synced = 0;
  let inFlight: { ids: string[]; done: Promise<void> } | undefined;
  try {
    for (;;) {
      const ids = await lagging(SWEEP_BATCH, inFlight?.ids);
      if (ids.length === 0) {
        if (!inFlight) return { synced, more: false };
        await inFlight.done;
        inFlight = undefined;
        continue;
      }
      const batch = await prepare(ids);
      if (inFlight) await inFlight.done;
      const done = apply(batch);
      done.catch(() => undefined); // handled: awaited below, but it may fail while the next batch is embedded
      inFlight = { ids, done };
      synced += ids.length;
      if (Date.now() - t0 >= budgetMs) {
        await inFlight.done;
        inFlight = undefined;
        return { synced, more: (await lagging(1)).length > 0 };
      }
    }
  } finally {
    // A failure leaves nothing running behind the job's back.
    await inFlight?.done.catch(() => undefined);
  }
}

/** Enqueues the sweep, in the caller's transaction: it runs once the change commits. */
export function enqueueResultSync(tx: DbOrTx): Promise<void> {
  return enqueue(tx, 'search:sync-results', {}, { jobKey: SWEEP_JOB_KEY, jobKeyMode: 'preserve_run_at', maxAttempts: 25, queueName: QUEUE });
}

/**
 * Catches up after an outage or a lost job: if any row's index copy lags, the sweep is
 * enqueued. Runs every minute from the crontab. Returns how many rows lag (up to limit).
 */
export async function reconcileResults(limit = 5_000): Promise<number> {
  const n = (await lagging(limit)).length;
  if (n > 0) await enqueueResultSync(getDb());
  return n;
}
