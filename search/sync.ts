import { and, eq, lt, sql } from 'drizzle-orm';
import { getDb, type DbOrTx } from '#db/client.ts';
import { organizations, results } from '#db/schema.ts';
import { enqueue } from '#jobs/enqueue.ts';
import { indexName, meili } from './client.ts';
import { RESULTS_INDEX, toDocument } from './indexes/results.ts';

const WAIT = { timeout: 30_000, interval: 50 };

/**
 * Brings the index in line with one result's row: present if published, absent
 * otherwise. Idempotent; records the version the index now holds.
 */
export async function syncResult(resultId: string): Promise<'indexed' | 'removed' | 'missing'> {
  const db = getDb();
  const [row] = await db
    .select({ r: results, holderName: organizations.name, holderRegion: organizations.regionCode })
    .from(results)
    .innerJoin(organizations, eq(organizations.id, results.holderOrgId))
    .where(eq(results.id, resultId));
  const index = meili().index(indexName(RESULTS_INDEX));
  if (!row) {
    await index.deleteDocument(resultId).waitTask(WAIT);
    return 'missing';
  }
  const task =
    row.r.status === 'published'
      ? await index.addDocuments([toDocument(row.r, { name: row.holderName, regionCode: row.holderRegion })], { primaryKey: 'id' }).waitTask(WAIT)
      : await index.deleteDocument(resultId).waitTask(WAIT);
  if (task.status !== 'succeeded') throw new Error(`Meilisearch task ${task.uid} ${task.status}: ${task.error?.message ?? ''}`);
  await db
    .update(results)
    .set({ indexedVersion: row.r.version })
    .where(and(eq(results.id, resultId), lt(results.indexedVersion, row.r.version)));
  return row.r.status === 'published' ? 'indexed' : 'removed';
}

/** Enqueues the sync of one result, in the caller's transaction; a pending one is replaced, not doubled. */
export function enqueueResultSync(tx: DbOrTx, resultId: string): Promise<void> {
  return enqueue(tx, 'search:sync-result', { resultId }, { jobKey: `search:result:${resultId}`, maxAttempts: 25 });
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
