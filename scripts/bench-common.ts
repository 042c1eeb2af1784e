/**
 * What the benchmarks share: their embedded services (PostgreSQL's data, so the stored
 * vectors too, kept between runs in the benchmark's own folder; Meilisearch rebuilt every
 * run), organisations and results as real rows, the first embedding with its progress bar,
 * and the figures (percentiles, memory, one table line).
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { inArray } from 'drizzle-orm';
import { resetEnv } from '#config/env.ts';
import { closeDb, getDb } from '#db/client.ts';
import { migrateDatabase } from '#db/migrate.ts';
import { organizations, results, searchSynonyms, textEmbeddings, type Result } from '#db/schema.ts';
import { publishedResultRow, type GeneratedListing } from '#db/seed/results-generator.ts';
import { makeUscc } from '#domain/codes/uscc.ts';
import type { BackfillProgress } from '#search/embedding/backfill.ts';
import type { VectorStats } from '#search/embedding/vectors.ts';
import { meili } from '#search/client.ts';
import { DEFAULT_SYNONYMS } from '#search/synonyms.ts';
import { progressBar } from './progress.ts';
import { startMeilisearch, type RunningMeili } from './services/meilisearch.ts';
import { ensureDatabase, startPostgres } from './services/postgres.ts';

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function stats(ms: readonly number[]) {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s.at(-1)! };
}

export type Stats = ReturnType<typeof stats>;

/** Another process's resident memory now (Meilisearch's). */
export function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.replace(/\D+/g, '')) / 1024;
}

/** This process's peak resident memory so far. */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export const ms = (x: number) => `${x.toFixed(1)} ms`;
export const perSecond = (n: number, seconds: number) => `${Math.round(n / Math.max(seconds, 0.001)).toLocaleString()} docs/s (${seconds.toFixed(1)} s)`;
export const percentiles = (s: Stats) => `p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  p99 ${ms(s.p99)}`;
export const ratios = (a: Stats, b: Stats) => `p50 ${(a.p50 / b.p50).toFixed(2)}×  p95 ${(a.p95 / b.p95).toFixed(2)}×  p99 ${(a.p99 / b.p99).toFixed(2)}×`;

/** One line of a result table: the label, the figure, and the target beside it. */
export function row(label: string, figure: string, target = ''): string {
  return `  ${label.padEnd(32)}${figure}${target ? `   ${target}` : ''}`;
}

export type BenchServices = { meili: RunningMeili; stop: () => Promise<void> };

/**
 * Meilisearch from scratch and PostgreSQL on the data of earlier runs, both under `dir`,
 * the database migrated; the environment points the platform's code at them.
 */
export async function startBenchServices(dir: string, indexPrefix: string): Promise<BenchServices> {
  rmSync(path.join(dir, 'meili'), { recursive: true, force: true });
  const [meiliProc, pg] = await Promise.all([startMeilisearch({ dir }), startPostgres({ dir, settings: { fsync: 'off', synchronous_commit: 'off' } })]);
  await ensureDatabase(pg.url('postgres'), 'bench');
  await migrateDatabase(pg.url('bench'));
  process.env.DATABASE_URL = pg.url('bench');
  process.env.MEILI_URL = meiliProc.url;
  process.env.MEILI_MASTER_KEY = meiliProc.masterKey;
  process.env.MEILI_INDEX_PREFIX = indexPrefix;
  resetEnv();
  return {
    meili: meiliProc,
    stop: async () => {
      await closeDb();
      await Promise.all([meiliProc.stop(), pg.stop()]);
    },
  };
}

/** The synonym groups as seeded: the API and the index settings read them from PostgreSQL. */
export async function seedSynonyms(): Promise<void> {
  const db = getDb();
  await db.delete(searchSynonyms);
  await db.insert(searchSynonyms).values(DEFAULT_SYNONYMS.map((terms) => ({ terms })));
}

/** `--fresh-vectors`: forgets every stored vector, so the first embedding is measured again. */
export async function forgetVectors(): Promise<number> {
  return (await getDb().delete(textEmbeddings).returning({ hash: textEmbeddings.textHash })).length;
}

export type BenchOrg = { name: string; kind: 'university' | 'institute' | 'enterprise'; regionCode: string; creditCode: string; description?: string | null };

/** Liaocheng's districts first, then a few places elsewhere. */
export const REGIONS = ['371502', '371503', '371521', '371581', '370102', '370202', '110108', '310115'] as const;

/** Holders named 机构{i}, kinds and regions in turn, credit codes fixed by i: the same every run. */
export function syntheticOrgs(from: number, to: number): BenchOrg[] {
  const kinds = ['university', 'institute', 'enterprise'] as const;
  return Array.from({ length: Math.max(0, to - from) }, (_, k) => {
    const i = from + k;
    const regionCode = REGIONS[i % REGIONS.length]!;
    return { name: `机构${i}`, kind: kinds[i % 3]!, regionCode, creditCode: makeUscc(`${i % 3 === 2 ? '91' : '12'}${regionCode}BENCH${String(i).padStart(4, '0')}`) };
  });
}

/** The organisations as verified rows (kept from an earlier run when there), with their ids, in the given order. */
export async function upsertOrgs(orgs: readonly BenchOrg[]): Promise<Array<BenchOrg & { id: string }>> {
  const db = getDb();
  for (let i = 0; i < orgs.length; i += 500) {
    await db
      .insert(organizations)
      .values(orgs.slice(i, i + 500).map((o) => ({ ...o, description: o.description ?? null, status: 'verified' as const, verifiedAt: new Date() })))
      .onConflictDoNothing({ target: organizations.creditCode });
  }
  const ids = new Map<string, string>();
  for (let i = 0; i < orgs.length; i += 500) {
    const found = await db.select({ id: organizations.id, creditCode: organizations.creditCode }).from(organizations).where(inArray(organizations.creditCode, orgs.slice(i, i + 500).map((o) => o.creditCode)));
    for (const f of found) ids.set(f.creditCode, f.id);
  }
  return orgs.map((o) => ({ ...o, id: ids.get(o.creditCode)! }));
}

/**
 * Every results row replaced by these listings (their holderOrgId an organisation's id),
 * published a minute apart, inserted in batches; returns the rows. Their texts, and so
 * their stored vectors, are the same every run with the same generator seed.
 */
export async function replaceResults(listings: readonly GeneratedListing[]): Promise<Result[]> {
  const db = getDb();
  await db.delete(results);
  const out: Result[] = [];
  const BATCH = 1_000;
  for (let i = 0; i < listings.length; i += BATCH) {
    const batch = listings.slice(i, i + BATCH).map((l, j) => {
      const at = new Date(Date.UTC(2023, 0, 1) + (i + j) * 60_000);
      return publishedResultRow(l, at);
    });
    out.push(...(await db.insert(results).values(batch).returning()));
  }
  return out;
}

export type EmbedRun = VectorStats & { seconds: number };

/** One first-embedding pass (embedAllResults or embedAllDemands) with the progress bar on stderr. */
export async function embedWithProgress(run: (onProgress: (p: BackfillProgress) => void) => Promise<VectorStats>): Promise<EmbedRun> {
  const t0 = performance.now();
  const s = await run((p) => progressBar({ ...p, note: `  (${p.embedded} embedded)` }, t0));
  if (process.stderr.isTTY) process.stderr.write('\n');
  return { ...s, seconds: (performance.now() - t0) / 1000 };
}

/** A rebuild (reindexResults or reindexDemands) with the progress bar on stderr. */
export async function reindexWithProgress(run: (onProgress: (p: { done: number; total: number }) => void) => Promise<{ documents: number; seconds: number }>) {
  const t0 = performance.now();
  const r = await run((p) => progressBar(p, t0));
  if (process.stderr.isTTY) process.stderr.write('\n');
  return r;
}

/** How many of an index's documents carry a vector. */
export async function vectorsInIndex(uid: string): Promise<{ documents: number; embedded: number }> {
  const s = await meili().index(uid).getStats();
  return { documents: s.numberOfDocuments, embedded: s.numberOfEmbeddedDocuments };
}

/** What a first-embedding figure says: measured, partly measured, or skipped because every vector was stored. */
export function embeddingFigure(r: EmbedRun, extra = ''): string {
  if (r.embedded === 0) return `${r.reused.toLocaleString()} already stored, skipped (--fresh-vectors measures it again)`;
  const skipped = r.reused > 0 ? `; ${r.reused.toLocaleString()} already stored, skipped` : '';
  return `${perSecond(r.embedded, r.seconds)}${extra}${skipped}`;
}
