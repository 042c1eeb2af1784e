/**
 * `npm run bench:search [-- --count 100000 --queries 200]`: generates listings, indexes them
 * into a real Meilisearch (docs/s), then times the same queries through our HTTP API and
 * directly against Meilisearch (p50/p95/p99 and their ratio), and reads Meilisearch's RSS.
 */
import { readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import Decimal from 'decimal.js';
import { Meilisearch } from 'meilisearch';
import type { ServerBuild } from '@remix-run/node';
import { resetEnv } from '#config/env.ts';
import type { Result } from '#db/schema.ts';
import { generateListings } from '#db/seed/results-generator.ts';
import { resultsSettings, toDocument, RESULT_FACETS } from '#search/indexes/results.ts';
import { normalizeText } from '#search/normalize.ts';
import { prepareQuery } from '#search/query.ts';
import { meiliHttpClient } from '#search/http.ts';
import { dictionaryTerms, withNarrowerTerms } from '#search/settings.ts';
import { DEFAULT_SYNONYMS, toMeiliSynonyms } from '#search/synonyms.ts';
import { buildIfStale } from './build-if-stale.ts';
import { createHttpApp } from './http-server.ts';
import { startMeilisearch } from './services/meilisearch.ts';
import { ensureDatabase, startPostgres } from './services/postgres.ts';
import { closeDb, getDb } from '#db/client.ts';
import { migrateDatabase } from '#db/migrate.ts';
import { searchSynonyms } from '#db/schema.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '100000' }, queries: { type: 'string', default: '200' } } });
const COUNT = Number(values.count);
const QUERIES = Number(values.queries);
const root = process.cwd();
const WAIT = { timeout: 1_800_000, interval: 100 };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99) };
}
function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.replace(/\D+/g, '')) / 1024;
}

const dir = path.resolve('.data/bench');
rmSync(path.join(dir, 'meili'), { recursive: true, force: true });
const [meili, pg] = await Promise.all([startMeilisearch({ dir }), startPostgres({ dir, settings: { fsync: 'off' } })]);
// The API reads the synonym groups from PostgreSQL, as in production.
await ensureDatabase(pg.url('postgres'), 'bench');
await migrateDatabase(pg.url('bench'));
process.env.DATABASE_URL = pg.url('bench');
process.env.MEILI_URL = meili.url;
process.env.MEILI_MASTER_KEY = meili.masterKey;
process.env.MEILI_INDEX_PREFIX = 'bench_';
resetEnv();
// Both paths use the same HTTP client to Meilisearch, so the ratio measures our layer alone.
const client = new Meilisearch({ host: meili.url, apiKey: meili.masterKey, httpClient: meiliHttpClient });
let server: Server | undefined;

try {
  console.log(`generating ${COUNT.toLocaleString()} listings…`);
  const institutions = Array.from({ length: 400 }, (_, i) => ({ id: `org-${i}`, name: `机构${i}`, kind: i % 3 === 0 ? 'university' : i % 3 === 1 ? 'institute' : 'enterprise' }));
  const listings = generateListings({ count: COUNT, seed: 42, institutions });
  const names = new Map(institutions.map((i) => [i.id, i.name]));
  const t0 = performance.now();
  const docs = listings.map((l, i) => {
    const at = new Date(Date.UTC(2023, 0, 1) + i * 60_000);
    const row = { ...l, id: `b${i}`, ownerOrgId: l.holderOrgId, status: 'published', price: l.price ? new Decimal(l.price) : null, titleEn: l.titleEn ?? null, patentNo: l.patentNo ?? null, publishedAt: at, withdrawnAt: null, version: 1, indexedVersion: 1, createdBy: null, createdAt: at, updatedAt: at } as unknown as Result;
    return toDocument(row, { name: names.get(l.holderOrgId) ?? '', regionCode: '371502' });
  });
  const prepSeconds = (performance.now() - t0) / 1000;

  await getDb().delete(searchSynonyms);
  await getDb().insert(searchSynonyms).values(DEFAULT_SYNONYMS.map((terms) => ({ terms })));
  const uid = 'bench_results';
  await client.createIndex(uid, { primaryKey: 'id' }).waitTask(WAIT);
  await client.index(uid).updateSettings(resultsSettings({ synonyms: withNarrowerTerms(toMeiliSynonyms(DEFAULT_SYNONYMS)), dictionary: dictionaryTerms() })).waitTask(WAIT);
  const t1 = performance.now();
  const BATCH = 10_000;
  const tasks = [];
  for (let i = 0; i < docs.length; i += BATCH) tasks.push(await client.index(uid).addDocuments(docs.slice(i, i + BATCH)));
  for (const t of tasks) {
    const done = await client.tasks.waitForTask(t.taskUid, WAIT);
    if (done.status !== 'succeeded') throw new Error(`indexing failed: ${done.error?.message}`);
  }
  const indexSeconds = (performance.now() - t1) / 1000;

  // The same queries for both paths: words a person would type, some with a facet filter.
  const words = ['电池', '锂离子电池', '石墨烯', '轴承', '中药', '制剂', '传感器', '机器视觉', '污水处理', '土壤修复', '蔬菜', '育种', '光伏', '储能', '复合材料', '检测方法', '控制系统', '生物农药', '疫苗', '物联网', 'graphene', 'battery', '新能源汽车', '节水灌溉', '催化剂'];
  const queries = Array.from({ length: QUERIES }, (_, i) => ({ q: words[i % words.length]!, field: i % 4 === 0 ? 'new_materials' : undefined }));

  buildIfStale(root, (l) => console.log(l));
  const build = (await import(pathToFileURL(path.join(root, 'build/index.js')).href)) as ServerBuild;
  const app = createHttpApp(build, root);
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const port = (server.address() as { port: number }).port;

  const keepWhole = new Set(DEFAULT_SYNONYMS.flat().map((t) => normalizeText(t)));
  const direct: number[] = [];
  const viaApi: number[] = [];
  const run = async (q: { q: string; field?: string }) => {
    const tokens = prepareQuery(q.q, keepWhole).tokens;
    let t = performance.now();
    await client.index(uid).search(tokens, { filter: q.field ? [`field IN ["${q.field}"]`] : [], facets: [...RESULT_FACETS], page: 1, hitsPerPage: 20, matchingStrategy: 'last' });
    const d = performance.now() - t;
    const url = `http://127.0.0.1:${port}/api/v1/search/results?q=${encodeURIComponent(q.q)}${q.field ? `&field=${q.field}` : ''}`;
    t = performance.now();
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    await res.json();
    return { d, a: performance.now() - t };
  };
  for (const q of queries.slice(0, 20)) await run(q); // warm-up
  for (const q of queries) {
    const { d, a } = await run(q);
    direct.push(d);
    viaApi.push(a);
  }
  const s1 = stats(direct);
  const s2 = stats(viaApi);
  const f = (x: number) => `${x.toFixed(1)} ms`;
  console.log(`
Search benchmark (${COUNT.toLocaleString()} listings, ${QUERIES} queries, one client at a time)
  documents prepared (segmentation):  ${(COUNT / prepSeconds).toFixed(0)} docs/s (${prepSeconds.toFixed(1)} s)
  indexing throughput:                ${(COUNT / indexSeconds).toFixed(0)} docs/s (${indexSeconds.toFixed(1)} s)   target ≥ 2,000
  direct Meilisearch   p50 ${f(s1.p50)}  p95 ${f(s1.p95)}  p99 ${f(s1.p99)}
  GET /api/v1/search   p50 ${f(s2.p50)}  p95 ${f(s2.p95)}  p99 ${f(s2.p99)}
  ratio API / direct   p50 ${(s2.p50 / s1.p50).toFixed(2)}×  p95 ${(s2.p95 / s1.p95).toFixed(2)}×  p99 ${(s2.p99 / s1.p99).toFixed(2)}×   target p95 ≤ 1.5×
  Meilisearch resident memory:        ${rssMiB(meili.pid).toFixed(0)} MiB`);
} finally {
  server?.close();
  await closeDb();
  await Promise.all([meili.stop(), pg.stop()]);
}
