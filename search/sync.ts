import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { getDb, type DbOrTx } from '#db/client.ts';
import { settled } from './tasks.ts';
import { organizations, results } from '#db/schema.ts';
import { enqueue } from '#jobs/enqueue.ts';
import { indexName, meili } from './client.ts';
import { RESULTS_INDEX, toDocument } from './indexes/results.ts';

const WAIT = { timeout: 30_000, interval: 50 };

/**
 * Sweeps in this process start at least this far apart. A change on a quiet
 * system is synced at once; under a stream, changes are gathered for up to this
 * long, so one Meilisearch task carries many (well inside the 2 s visibility goal).
 */
export const SPACING_MS = 1_000;
let lastSweepAt = 0;

/** Results one sync job takes along: Meilisearch spends ~0.2 s of CPU per task, whatever its size (docs/decisions/010). */
export const SWEEP = 200;

export type SyncOutcome = 'indexed' | 'removed' | 'missing';

/**
 * Brings the index in line with these results' rows: present if published, absent
 * otherwise, in at most one Meilisearch task for the additions and one for the
 * removals. Idempotent; records the version the index now holds for each.
 */
export async function syncResults(resultIds: readonly string[]): Promise<Map<string, SyncOutcome>> {
  const ids = [...new Set(resultIds)];
  const out = new Map<string, SyncOutcome>();
  if (ids.length === 0) return out;
  const db = getDb();
  const rows = await db
    .select({ r: results, holderName: organizations.name, holderRegion: organizations.regionCode })
    .from(results)
    .innerJoin(organizations, eq(organizations.id, results.holderOrgId))
    .where(inArray(results.id, ids));
  const byId = new Map(rows.map((row) => [row.r.id, row]));
  const published = rows.filter((row) => row.r.status === 'published');
  const gone = ids.filter((id) => byId.get(id)?.r.status !== 'published');
  const index = meili().index(indexName(RESULTS_INDEX));
  // Both tasks are enqueued before either is awaited: Meilisearch may batch them.
  const pending = [
    ...(published.length ? [index.addDocuments(published.map((row) => toDocument(row.r, { name: row.holderName, regionCode: row.holderRegion })), { primaryKey: 'id' })] : []),
    ...(gone.length ? [index.deleteDocuments(gone)] : []),
  ];
  for (const enqueued of pending) {
    const task = await settled(enqueued, WAIT);
    if (task.status !== 'succeeded') throw new Error(`Meilisearch task ${task.uid} ${task.status}: ${task.error?.message ?? ''}`);
  }
  if (rows.length) {
    await db.execute(sql`
      update results r set indexed_version = v.version
      from jsonb_to_recordset(${JSON.stringify(rows.map((row) => ({ id: row.r.id, version: row.r.version })))}::jsonb) as v(id uuid, version int)
      where r.id = v.id and r.indexed_version < v.version`);
  }
  for (const id of ids) out.set(id, !byId.has(id) ? 'missing' : byId.get(id)!.r.status === 'published' ? 'indexed' : 'removed');
  return out;
}

/** One result, now (tests, the benchmark's warm-up): see syncResults. */
export async function syncResult(resultId: string): Promise<SyncOutcome> {
  return (await syncResults([resultId])).get(resultId)!;
}

/**
 * The sync job's work. Besides its own result it takes up to SWEEP - 1 others whose
 * index copy lags, so a burst of changes costs a few Meilisearch tasks, not one each;
 * a job whose result an earlier sweep already brought in line touches nothing. A
 * lagging row whose own job is lost is still found by the reconciler (every minute). Sync
 * jobs run one at a time (their own named queue), so sweeps do not overlap.
 */
export async function syncResultWithLagging(resultId: string): Promise<number> {
  const db = getDb();
  const inSync = async () => {
    const [own] = await db.select({ version: results.version, indexedVersion: results.indexedVersion }).from(results).where(eq(results.id, resultId));
    return !!own && own.indexedVersion >= own.version;
  };
  if (await inSync()) return 0;
  // Under a stream of changes, at most one sweep per SPACING_MS: the wait gathers what comes meanwhile.
  const wait = lastSweepAt + SPACING_MS - Date.now();
  if (wait > 0) {
    await new Promise((r) => setTimeout(r, wait));
    if (await inSync()) return 0;
  }
  lastSweepAt = Date.now();
  const others = await db
    .select({ id: results.id })
    .from(results)
    .where(and(sql`${results.indexedVersion} < ${results.version}`, ne(results.id, resultId)))
    .limit(SWEEP - 1);
  // A deleted row (own undefined) still needs its document removed.
  const ids = [resultId, ...others.map((o) => o.id)];
  await syncResults(ids);
  return ids.length;
}

/** Enqueues the sync of one result, in the caller's transaction; a pending one is replaced, not doubled. */
export function enqueueResultSync(tx: DbOrTx, resultId: string): Promise<void> {
  return enqueue(tx, 'search:sync-result', { resultId }, { jobKey: `search:result:${resultId}`, maxAttempts: 25, queueName: 'search:results' });
}

/**
 * Catches up after an outage or a lost job: every row whose index version lags
 * gets a sync job. Runs every minute from the crontab.
 */
export async function reconcileResults(limit = 5_000): Promise<number> {
  const db = getDb();
  return db.transaction(async (tx) => {
    const lagging = await tx
      .select({ id: results.id })
      .from(results)
      .where(sql`${results.indexedVersion} < ${results.version}`)
      .limit(limit);
    for (const r of lagging) await enqueueResultSync(tx, r.id);
    return lagging.length;
  });
}
