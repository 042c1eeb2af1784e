import { and, asc, eq, gt, gte, sql } from 'drizzle-orm';
import { getDb } from '#db/client.ts';
import { settled } from './tasks.ts';
import { organizations, results } from '#db/schema.ts';
import { indexName, meili } from './client.ts';
import { RESULTS_INDEX, toDocument } from './indexes/results.ts';
import { applyResultsSettings, recordApplied } from './setup.ts';
import { enqueueResultSync } from './sync.ts';
import { resultEmbeddingText, storedVectors } from './embedding/vectors.ts';

const BATCH = 2_000;
const WAIT = { timeout: 600_000, interval: 100 };
/** Batches sent to Meilisearch and not yet indexed, at most. */
const AHEAD = 3;

/** Records the versions now in the index, unless a row has moved on since it was read. */
async function markIndexed(rows: Array<{ id: string; v: number }>): Promise<void> {
  await getDb().execute(sql`
    update results r set indexed_version = x.v
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id uuid, v int)
    where r.id = x.id and r.version = x.v and r.indexed_version < x.v`);
}

export type Progress = { done: number; total: number };

/**
 * Rebuilds the results index into a fresh index and swaps it in atomically, so
 * searches never see a half-built index. Changes made meanwhile are re-synced after the swap.
 * Vectors come from PostgreSQL (`text_embeddings`): a reindex never runs the model; a
 * listing without a stored vector is indexed without one (`npm run search:embed` fills them).
 */
export async function reindexResults(onProgress: (p: Progress) => void = () => {}): Promise<{ documents: number; seconds: number }> {
  const t0 = performance.now();
  const startedAt = new Date();
  const live = indexName(RESULTS_INDEX);
  const fresh = `${live}_build_${Date.now()}`;
  const client = meili();
  const db = getDb();

  const hash = await applyResultsSettings(fresh);
  const total = await db.$count(results, eq(results.status, 'published'));
  let done = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  const tasks: Array<Promise<unknown>> = [];
  onProgress({ done, total });
  for (;;) {
    const rows = await db
      .select({ r: results, name: organizations.name, region: organizations.regionCode })
      .from(results)
      .innerJoin(organizations, eq(organizations.id, results.holderOrgId))
      .where(and(eq(results.status, 'published'), gt(results.id, after)))
      .orderBy(asc(results.id))
      .limit(BATCH);
    if (rows.length === 0) break;
    after = rows.at(-1)!.r.id;
    const vectors = await storedVectors(db, rows.map((x) => resultEmbeddingText(x.r)));
    const docs = rows.map((x, i) => toDocument(x.r, { name: x.name, regionCode: x.region }, vectors[i]));
    // Only ids and versions wait for the task: the documents (vectors and all) are freed once sent.
    const versions = docs.map((d) => ({ id: d.id, v: d.version }));
    const enqueued = client.index(fresh).addDocuments(docs, { primaryKey: 'id' });
    const task = settled(enqueued, WAIT).then(async (t) => {
      if (t.status !== 'succeeded') throw new Error(`indexing batch failed: ${t.error?.message ?? t.status}`);
      await markIndexed(versions);
      done += versions.length;
      onProgress({ done, total });
    });
    task.catch(() => undefined); // awaited below; it may fail while later batches are read
    tasks.push(task);
    await enqueued;
    // A few batches ahead of Meilisearch at most, so memory and polling stay bounded.
    if (tasks.length >= AHEAD) await tasks.shift();
  }
  await Promise.all(tasks);

  const exists = await client.index(live).getRawInfo().then(() => true, () => false);
  if (!exists) await settled(client.createIndex(live, { primaryKey: 'id' }), WAIT);
  const swap = await settled(client.swapIndexes([{ indexes: [live, fresh], rename: false }]), WAIT);
  if (swap.status !== 'succeeded') throw new Error(`swap failed: ${swap.error?.message ?? swap.status}`);
  await settled(client.deleteIndex(fresh), WAIT);
  await recordApplied(live, hash, done);

  // Writes that raced with the build may have gone to the old index: marked as lagging, the sweep syncs them once more.
  await db.transaction(async (tx) => {
    const raced = await tx
      .update(results)
      .set({ indexedVersion: sql`least(${results.indexedVersion}, ${results.version} - 1)` })
      .where(gte(results.updatedAt, startedAt))
      .returning({ id: results.id });
    if (raced.length) await enqueueResultSync(tx);
  });
  return { documents: done, seconds: (performance.now() - t0) / 1000 };
}
