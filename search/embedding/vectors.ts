/**
 * Vectors as data: each listing's and demand's vector is stored in PostgreSQL under the
 * sha256 of the text it came from and the model's key (`text_embeddings`). The sync jobs
 * ask `vectorsFor`, which embeds only texts never seen before; a reindex asks
 * `storedVectors`, which embeds nothing. Documents carry them to Meilisearch as
 * user-provided vectors (`_vectors`).
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { env } from '#config/env.ts';
import type { DbOrTx } from '#db/client.ts';
import { textEmbeddings } from '#db/schema.ts';
import { embedTexts, type Vector } from './embedder.ts';
import { MODEL } from './model.ts';

/** The embedder's name in the Meilisearch settings and in every document's `_vectors`. */
export const EMBEDDER = 'bge';

/** What a listing's vector is computed from: what a reader sees first. */
export function resultEmbeddingText(r: { title: string; keywords: readonly string[]; abstract: string }): string {
  return [r.title, r.keywords.join('、'), r.abstract].filter(Boolean).join('\n');
}

/** What a demand's vector is computed from. */
export function demandEmbeddingText(d: { title: string; keywords: readonly string[]; description: string }): string {
  return [d.title, d.keywords.join('、'), d.description].filter(Boolean).join('\n');
}

export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A vector as Meilisearch takes it: plain numbers, five decimals (float32 noise is lower than what the JSON would carry). */
export function toMeiliVector(v: Vector | null): number[] | null {
  if (!v) return null;
  const out = new Array<number>(v.length);
  for (let i = 0; i < v.length; i++) out[i] = Math.round(v[i]! * 1e5) / 1e5;
  return out;
}

async function readStored(db: DbOrTx, hashes: readonly string[]): Promise<Map<string, Vector>> {
  const found = new Map<string, Vector>();
  const unique = [...new Set(hashes)];
  for (let i = 0; i < unique.length; i += 1_000) {
    const rows = await db
      .select({ textHash: textEmbeddings.textHash, vector: textEmbeddings.vector })
      .from(textEmbeddings)
      .where(and(eq(textEmbeddings.model, MODEL.key), inArray(textEmbeddings.textHash, unique.slice(i, i + 1_000))));
    for (const r of rows) found.set(r.textHash, r.vector);
  }
  return found;
}

/** The stored vectors of these texts, in order; null where none is stored, or all null with SEMANTIC_SEARCH=false. Never runs the model. */
export async function storedVectors(db: DbOrTx, texts: readonly string[]): Promise<Array<Vector | null>> {
  if (!env().SEMANTIC_SEARCH) return texts.map(() => null);
  const hashes = texts.map(textHash);
  const found = await readStored(db, hashes);
  return hashes.map((h) => found.get(h) ?? null);
}

export type VectorStats = { reused: number; embedded: number };

/**
 * The vectors of these texts, in order: stored ones are read, the others embedded now and
 * stored. Null entries where the model is unavailable (the caller indexes without them);
 * all null with SEMANTIC_SEARCH=false, so that switch turns meaning off everywhere.
 */
export async function vectorsFor(db: DbOrTx, texts: readonly string[], stats?: VectorStats): Promise<Array<Vector | null>> {
  if (!env().SEMANTIC_SEARCH) return texts.map(() => null);
  const hashes = texts.map(textHash);
  const found = await readStored(db, hashes);
  const missing = [...new Set(hashes.filter((h) => !found.has(h)))];
  if (missing.length > 0) {
    const textOf = new Map(hashes.map((h, i) => [h, texts[i]!]));
    const vectors = await embedTexts(missing.map((h) => textOf.get(h)!));
    if (vectors) {
      const rows = missing.map((h, i) => ({ model: MODEL.key, textHash: h, dimensions: vectors[i]!.length, vector: vectors[i]! }));
      for (let i = 0; i < rows.length; i += 500) await db.insert(textEmbeddings).values(rows.slice(i, i + 500)).onConflictDoNothing();
      missing.forEach((h, i) => found.set(h, vectors[i]!));
      if (stats) stats.embedded += missing.length;
    }
  }
  if (stats) stats.reused += hashes.length - missing.length;
  return hashes.map((h) => found.get(h) ?? null);
}
