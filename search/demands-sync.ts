import { and, asc, eq, gt, gte, lt, sql } from 'drizzle-orm';
import { getDb, type DbOrTx } from '#db/client.ts';
import { settled } from './tasks.ts';
import { demands, organizations } from '#db/schema.ts';
import { enqueue } from '#jobs/enqueue.ts';
import { indexName, meili } from './client.ts';
import { DEMANDS_INDEX, toDemandDocument } from './indexes/demands.ts';
import { bestMatchScore } from './matching.ts';
import { applyDemandsSettings, recordApplied } from './setup.ts';
import { demandEmbeddingText, storedVectors, vectorsFor } from './embedding/vectors.ts';

const WAIT = { timeout: 30_000, interval: 50 };

/**
 * Brings the index in line with one demand's row: present while published, absent
 * otherwise (closed, expired, deleted). Idempotent; records the version the index now
 * holds. The document carries the demand's best match score, computed now, and its vector
 * (embedded only if its text is new; without the model, none).
 */
export async function syncDemand(demandId: string): Promise<'indexed' | 'removed' | 'missing'> {
  const db = getDb();
  const [row] = await db
    .select({ d: demands, ownerName: organizations.name, ownerRegion: organizations.regionCode })
    .from(demands)
    .innerJoin(organizations, eq(organizations.id, demands.ownerOrgId))
    .where(eq(demands.id, demandId));
  const index = meili().index(indexName(DEMANDS_INDEX));
  if (!row) {
    await settled(index.deleteDocument(demandId), WAIT);
    return 'missing';
  }
  const published = row.d.status === 'published';
  const owner = { name: row.ownerName, regionCode: row.ownerRegion };
  const task = published
    ? await settled(index.addDocuments([toDemandDocument(row.d, owner, await bestMatchScore(row.d), (await vectorsFor(db, [demandEmbeddingText(row.d)]))[0])], { primaryKey: 'id' }), WAIT)
    : await settled(index.deleteDocument(demandId), WAIT);
  if (task.status !== 'succeeded') throw new Error(`Meilisearch task ${task.uid} ${task.status}: ${task.error?.message ?? ''}`);
  await db
    .update(demands)
    .set({ indexedVersion: row.d.version })
    .where(and(eq(demands.id, demandId), lt(demands.indexedVersion, row.d.version)));
  return published ? 'indexed' : 'removed';
}

/** Enqueues the sync of one demand, in the caller's transaction; a pending one is replaced, not doubled. */
export function enqueueDemandSync(tx: DbOrTx, demandId: string): Promise<void> {
  return enqueue(tx, 'search:sync-demand', { demandId }, { jobKey: `search:demand:${demandId}`, maxAttempts: 25 });
}

/** Every demand whose index version lags gets a sync job (after an outage or a lost job). */
export async function reconcileDemands(limit = 5_000): Promise<number> {
  return getDb().transaction(async (tx) => {
    const lagging = await tx
      .select({ id: demands.id })
      .from(demands)
      .where(sql`${demands.indexedVersion} < ${demands.version}`)
      .limit(limit);
    for (const d of lagging) await enqueueDemandSync(tx, d.id);
    return lagging.length;
  });
}

/**
 * New results change how well open demands are met: re-syncs every published demand
 * (low priority), which recomputes its best match score. Hourly from the crontab.
 */
export async function rescoreDemands(): Promise<number> {
  return getDb().transaction(async (tx) => {
    const open = await tx.select({ id: demands.id }).from(demands).where(eq(demands.status, 'published'));
    for (const d of open) await enqueue(tx, 'search:sync-demand', { demandId: d.id }, { jobKey: `search:demand:${d.id}`, maxAttempts: 25, priority: 10 });
    return open.length;
  });
}

const BATCH = 500;
const BUILD_WAIT = { timeout: 600_000, interval: 100 };

/**
 * Rebuilds the demands index into a fresh index and swaps it in (as for results), so
 * searches never see a half-built index; changes made meanwhile are re-synced after, and
 * every open demand's best match score follows through the sync jobs (seconds, with the worker).
 */
export async function reindexDemands(onProgress: (p: { done: number; total: number }) => void = () => {}): Promise<{ documents: number; seconds: number }> {
  const t0 = performance.now();
  const startedAt = new Date();
  const live = indexName(DEMANDS_INDEX);
  const fresh = `${live}_build_${Date.now()}`;
  const client = meili();
  const db = getDb();
  const hash = await applyDemandsSettings(fresh);
  const total = await db.$count(demands, eq(demands.status, 'published'));
  let done = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  onProgress({ done, total });
  for (;;) {
    const rows = await db
      .select({ d: demands, name: organizations.name, region: organizations.regionCode })
      .from(demands)
      .innerJoin(organizations, eq(organizations.id, demands.ownerOrgId))
      .where(and(eq(demands.status, 'published'), gt(demands.id, after)))
      .orderBy(asc(demands.id))
      .limit(BATCH);
    if (rows.length === 0) break;
    after = rows.at(-1)!.d.id;
    // Scores come after the swap, from the jobs rescoreDemands enqueues: a reindex stays a bulk copy.
    const vectors = await storedVectors(db, rows.map((x) => demandEmbeddingText(x.d)));
    const docs = rows.map((x, i) => toDemandDocument(x.d, { name: x.name, regionCode: x.region }, null, vectors[i]));
    const t = await settled(client.index(fresh).addDocuments(docs, { primaryKey: 'id' }), BUILD_WAIT);
    if (t.status !== 'succeeded') throw new Error(`indexing batch failed: ${t.error?.message ?? t.status}`);
    await db.execute(sql`
      update demands d set indexed_version = x.v
      from jsonb_to_recordset(${JSON.stringify(docs.map((x) => ({ id: x.id, v: x.version })))}::jsonb) as x(id uuid, v int)
      where d.id = x.id and d.version = x.v and d.indexed_version < x.v`);
    done += docs.length;
    onProgress({ done, total });
  }
  const exists = await client.index(live).getRawInfo().then(() => true, () => false);
  if (!exists) await settled(client.createIndex(live, { primaryKey: 'id' }), BUILD_WAIT);
  const swap = await settled(client.swapIndexes([{ indexes: [live, fresh], rename: false }]), BUILD_WAIT);
  if (swap.status !== 'succeeded') throw new Error(`swap failed: ${swap.error?.message ?? swap.status}`);
  await settled(client.deleteIndex(fresh), BUILD_WAIT);
  await recordApplied(live, hash, done);
  await db.transaction(async (tx) => {
    const raced = await tx.select({ id: demands.id }).from(demands).where(gte(demands.updatedAt, startedAt));
    for (const d of raced) await enqueueDemandSync(tx, d.id);
  });
  await rescoreDemands();
  return { documents: done, seconds: (performance.now() - t0) / 1000 };
}
