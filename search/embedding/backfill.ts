/**
 * The first embedding of a whole catalogue (a new deployment, or a new model): every
 * published result and demand whose text has no stored vector is embedded and stored,
 * in batches, with progress. Idempotent: a second run finds nothing to do.
 */
import { and, asc, eq, gt } from 'drizzle-orm';
import { getDb } from '#db/client.ts';
import { demands, results } from '#db/schema.ts';
import { demandEmbeddingText, resultEmbeddingText, vectorsFor, type VectorStats } from './vectors.ts';

export type BackfillProgress = { done: number; total: number; embedded: number };

const BATCH = 256;

async function backfill<T extends { id: string }>(
  total: number,
  page: (after: string) => Promise<T[]>,
  text: (row: T) => string,
  onProgress: (p: BackfillProgress) => void,
): Promise<VectorStats> {
  const stats: VectorStats = { reused: 0, embedded: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  let done = 0;
  onProgress({ done, total, embedded: 0 });
  for (;;) {
    const rows = await page(after);
    if (rows.length === 0) break;
    after = rows.at(-1)!.id;
    const vectors = await vectorsFor(getDb(), rows.map(text), stats);
    if (vectors.some((v) => v === null)) throw new Error('the embedding model is unavailable: run `npm run model:install`');
    done += rows.length;
    onProgress({ done, total, embedded: stats.embedded });
  }
  return stats;
}

export async function embedAllResults(onProgress: (p: BackfillProgress) => void = () => {}): Promise<VectorStats> {
  const db = getDb();
  const total = await db.$count(results, eq(results.status, 'published'));
  return backfill<{ id: string; title: string; keywords: string[]; abstract: string }>(
    total,
    (after) =>
      db
        .select({ id: results.id, title: results.title, keywords: results.keywords, abstract: results.abstract })
        .from(results)
        .where(and(eq(results.status, 'published'), gt(results.id, after)))
        .orderBy(asc(results.id))
        .limit(BATCH),
    resultEmbeddingText,
    onProgress,
  );
}

export async function embedAllDemands(onProgress: (p: BackfillProgress) => void = () => {}): Promise<VectorStats> {
  const db = getDb();
  const total = await db.$count(demands, eq(demands.status, 'published'));
  return backfill<{ id: string; title: string; keywords: string[]; description: string }>(
    total,
    (after) =>
      db
        .select({ id: demands.id, title: demands.title, keywords: demands.keywords, description: demands.description })
        .from(demands)
        .where(and(eq(demands.status, 'published'), gt(demands.id, after)))
        .orderBy(asc(demands.id))
        .limit(BATCH),
    demandEmbeddingText,
    onProgress,
  );
}
