/**
 * `npm run bench:matching [-- --count 100000 --demands 250]`: indexes generated results
 * into a real Meilisearch (its own DATA_DIR, .data/bench-matching), posts generated demands
 * into a real PostgreSQL, then times `matchesForDemand` over every demand (and
 * `matchesForResult` over a sample of results) exactly as the API calls them:
 * p50 / p95 / p99, target p95 ≤ 200 ms.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Decimal from 'decimal.js';
import { Meilisearch } from 'meilisearch';
import { resetEnv } from '#config/env.ts';
import { closeDb, getDb } from '#db/client.ts';
import { migrateDatabase } from '#db/migrate.ts';
import { demands, organizations, results, searchSynonyms, type Result } from '#db/schema.ts';
import { generateDemands } from '#db/seed/demands.ts';
import { DEMO_ORGANIZATIONS } from '#db/seed/organizations.ts';
import { generateListings } from '#db/seed/results-generator.ts';
import { UNMATCHED_THRESHOLD } from '#domain/matching/score.ts';
import { meiliHttpClient } from '#search/http.ts';
import { demandsSettings, toDemandDocument } from '#search/indexes/demands.ts';
import { resultsSettings, toDocument } from '#search/indexes/results.ts';
import { dictionaryTerms, withNarrowerTerms } from '#search/settings.ts';
import { DEFAULT_SYNONYMS, toMeiliSynonyms } from '#search/synonyms.ts';
import { matchesForDemand, matchesForResult } from '#app/services/matching.server.ts';
import { startMeilisearch } from './services/meilisearch.ts';
import { ensureDatabase, startPostgres } from './services/postgres.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '100000' }, demands: { type: 'string', default: '250' }, results: { type: 'string', default: '200' } } });
const COUNT = Number(values.count);
const DEMANDS = Number(values.demands);
const RESULT_SAMPLE = Number(values.results);
const TARGET_P95_MS = 200;
const WAIT = { timeout: 1_800_000, interval: 100 };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s.at(-1)! };
}
function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.replace(/\D+/g, '')) / 1024;
}

const dir = path.resolve('.data/bench-matching');
rmSync(path.join(dir, 'meili'), { recursive: true, force: true });
const [meili, pg] = await Promise.all([startMeilisearch({ dir }), startPostgres({ dir, settings: { fsync: 'off', synchronous_commit: 'off' } })]);
await ensureDatabase(pg.url('postgres'), 'bench');
await migrateDatabase(pg.url('bench'));
process.env.DATABASE_URL = pg.url('bench');
process.env.MEILI_URL = meili.url;
process.env.MEILI_MASTER_KEY = meili.masterKey;
process.env.MEILI_INDEX_PREFIX = 'benchm_';
resetEnv();
const client = new Meilisearch({ host: meili.url, apiKey: meili.masterKey, httpClient: meiliHttpClient });

try {
  const db = getDb();
  // A fresh database each run: synonyms as seeded, the demo organisations (demands need enterprises).
  await db.delete(demands);
  await db.delete(results);
  await db.delete(searchSynonyms);
  await db.insert(searchSynonyms).values(DEFAULT_SYNONYMS.map((terms) => ({ terms })));
  await db
    .insert(organizations)
    .values(DEMO_ORGANIZATIONS.map((o) => ({ name: o.name, kind: o.kind, creditCode: o.creditCode, regionCode: o.regionCode, status: 'verified' as const, description: o.description })))
    .onConflictDoNothing({ target: organizations.creditCode });
  const orgs = await db.select({ id: organizations.id, name: organizations.name, kind: organizations.kind, regionCode: organizations.regionCode, description: organizations.description }).from(organizations);
  const holders = orgs.filter((o) => o.kind !== 'agency' && o.kind !== 'enterprise');
  const enterprises = orgs.filter((o) => o.kind === 'enterprise');

  console.log(`generating ${COUNT.toLocaleString()} results…`);
  const institutions = Array.from({ length: 400 }, (_, i) => ({ id: `org-${i}`, name: i < holders.length ? holders[i]!.name : `机构${i}`, kind: i % 3 === 0 ? 'university' : i % 3 === 1 ? 'institute' : 'enterprise' }));
  const listings = generateListings({ count: COUNT, seed: 42, institutions });
  const names = new Map(institutions.map((i) => [i.id, i.name]));
  const regions = ['371502', '371503', '371521', '371581', '370102', '370202', '110108', '310115'];
  const rows: Result[] = listings.map((l, i) => {
    const at = new Date(Date.UTC(2023, 0, 1) + i * 60_000);
    return { ...l, id: randomUUID(), ownerOrgId: l.holderOrgId, status: 'published', price: l.price ? new Decimal(l.price) : null, titleEn: l.titleEn ?? null, patentNo: l.patentNo ?? null, publishedAt: at, withdrawnAt: null, version: 1, indexedVersion: 1, createdBy: null, createdAt: at, updatedAt: at } as unknown as Result;
  });
  const docs = rows.map((r, i) => toDocument(r, { name: names.get(r.holderOrgId) ?? '', regionCode: regions[i % regions.length]! }));

  const synonyms = withNarrowerTerms(toMeiliSynonyms(DEFAULT_SYNONYMS));
  await client.createIndex('benchm_results', { primaryKey: 'id' }).waitTask(WAIT);
  await client.index('benchm_results').updateSettings(resultsSettings({ synonyms, dictionary: dictionaryTerms() })).waitTask(WAIT);
  const t0 = performance.now();
  const tasks = [];
  for (let i = 0; i < docs.length; i += 10_000) tasks.push(await client.index('benchm_results').addDocuments(docs.slice(i, i + 10_000)));
  for (const t of tasks) {
    const done = await client.tasks.waitForTask(t.taskUid, WAIT);
    if (done.status !== 'succeeded') throw new Error(`indexing failed: ${done.error?.message}`);
  }
  const indexSeconds = (performance.now() - t0) / 1000;
  console.log(`indexed ${COUNT.toLocaleString()} results in ${indexSeconds.toFixed(1)} s`);

  // The demands, posted as enterprises would (published, deadline ahead), and indexed for results → demands.
  const generated = generateDemands({ count: DEMANDS, seed: 7, enterprises });
  const today = Date.now();
  const inserted = await db
    .insert(demands)
    .values(
      generated.map((g) => ({
        ownerOrgId: g.ownerOrgId,
        title: g.title,
        description: g.description,
        field: g.field,
        indicators: g.indicators,
        keywords: g.keywords,
        budget: g.budget ? new Decimal(g.budget) : null,
        deadline: new Date(today + 90 * 86_400_000).toISOString().slice(0, 10),
        cooperationModes: g.cooperationModes,
        maturityNeeded: g.maturityNeeded,
        status: 'published' as const,
      })),
    )
    .returning();
  const ownerOf = new Map(orgs.map((o) => [o.id, o]));
  await client.createIndex('benchm_demands', { primaryKey: 'id' }).waitTask(WAIT);
  await client.index('benchm_demands').updateSettings(demandsSettings({ synonyms, dictionary: dictionaryTerms() })).waitTask(WAIT);
  await client
    .index('benchm_demands')
    .addDocuments(inserted.map((d) => toDemandDocument(d, { name: ownerOf.get(d.ownerOrgId)?.name ?? '', regionCode: ownerOf.get(d.ownerOrgId)?.regionCode ?? '' })))
    .waitTask(WAIT);

  // A sample of the results in PostgreSQL too: matchesForResult reads the result's row.
  const sample = rows.filter((_, i) => i % Math.floor(COUNT / RESULT_SAMPLE) === 0).slice(0, RESULT_SAMPLE);
  await db.insert(results).values(sample.map((r) => ({ ...r, ownerOrgId: holders[0]!.id, holderOrgId: holders[0]!.id })));

  // Warm-up (the first calls load the segmenter and open connections), then one client at a time.
  for (const d of inserted.slice(0, 20)) await matchesForDemand(d.id);
  const demandMs: number[] = [];
  let candidates = 0;
  let best = 0;
  let unmatched = 0;
  for (const d of inserted) {
    const t = performance.now();
    const m = await matchesForDemand(d.id);
    demandMs.push(performance.now() - t);
    candidates += m.items.length;
    best += m.items[0]?.score ?? 0;
    if ((m.items[0]?.score ?? 0) < UNMATCHED_THRESHOLD) unmatched++;
  }
  for (const r of sample.slice(0, 20)) await matchesForResult(r.id);
  const resultMs: number[] = [];
  for (const r of sample) {
    const t = performance.now();
    await matchesForResult(r.id);
    resultMs.push(performance.now() - t);
  }

  const s = stats(demandMs);
  const r = stats(resultMs);
  const f = (x: number) => `${x.toFixed(1)} ms`;
  const pass = s.p95 <= TARGET_P95_MS;
  console.log(`
Matching benchmark (${COUNT.toLocaleString()} results, ${inserted.length} demands, one client at a time)
  indexing throughput:                  ${(COUNT / indexSeconds).toFixed(0)} docs/s (${indexSeconds.toFixed(1)} s)
  matchesForDemand  p50 ${f(s.p50)}  p95 ${f(s.p95)}  p99 ${f(s.p99)}  max ${f(s.max)}   target p95 ≤ ${TARGET_P95_MS} ms
  matchesForResult  p50 ${f(r.p50)}  p95 ${f(r.p95)}  p99 ${f(r.p99)}  max ${f(r.max)}   (${sample.length} results against ${inserted.length} demands)
  items per demand (limit 20):          ${(candidates / inserted.length).toFixed(1)}
  mean best score:                      ${(best / inserted.length).toFixed(3)}; under ${UNMATCHED_THRESHOLD}: ${unmatched} of ${inserted.length}
  Meilisearch resident memory:          ${rssMiB(meili.pid).toFixed(0)} MiB
${pass ? 'PASS' : 'FAIL'}: matchesForDemand p95 ${f(s.p95)} ${pass ? '≤' : '>'} ${TARGET_P95_MS} ms`);
  process.exitCode = pass ? 0 : 1;
} finally {
  await closeDb();
  await Promise.all([meili.stop(), pg.stop()]);
}
