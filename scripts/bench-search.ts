/**
 * `npm run bench:search [-- --count 100000 --queries 200 --fresh-vectors]`: generated
 * listings as real `results` rows in PostgreSQL, then
 *   1. the first embedding (`embedAllResults`, as `npm run search:embed` runs it), in a
 *      child process of its own so its peak RSS is the embedding's, not this benchmark's;
 *   2. the reindex from stored vectors (`reindexResults`), against the same documents
 *      indexed without vectors;
 *   3. query embedding (`embedText`) latency;
 *   4. the same queries through our HTTP API against Meilisearch's own hybrid search with
 *      the query's vector (and, for information, the lexical search alone).
 * PostgreSQL's data (.data/bench) is kept between runs, so the 100,000 vectors are
 * embedded once; `--fresh-vectors` forgets them and measures the first embedding again.
 * Figures and ratios only: nothing here asserts a timing.
 */
import { fork } from 'node:child_process';
import type { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { ServerBuild } from '@remix-run/node';
import { closeDb } from '#db/client.ts';
import { generateListings } from '#db/seed/results-generator.ts';
import { meili, indexName } from '#search/client.ts';
import { embedAllResults } from '#search/embedding/backfill.ts';
import { embedText, warmEmbedder, type EmbedderState } from '#search/embedding/embedder.ts';
import { EMBEDDER, toMeiliVector } from '#search/embedding/vectors.ts';
import { RESULT_FACETS, RESULTS_INDEX, toDocument, type ResultDocument } from '#search/indexes/results.ts';
import { normalizeText } from '#search/normalize.ts';
import { HYBRID, prepareQuery } from '#search/query.ts';
import { reindexResults } from '#search/reindex.ts';
import { semanticQueryText } from '#search/semantic-query.ts';
import { applyResultsSettings } from '#search/setup.ts';
import { DEFAULT_SYNONYMS } from '#search/synonyms.ts';
import { settled } from '#search/tasks.ts';
import {
  embeddingFigure,
  embedWithProgress,
  forgetVectors,
  peakRssMiB,
  percentiles,
  perSecond,
  ratios,
  reindexWithProgress,
  replaceResults,
  row,
  rssMiB,
  seedSynonyms,
  startBenchServices,
  stats,
  syntheticOrgs,
  upsertOrgs,
  vectorsInIndex,
  type EmbedRun,
} from './bench-common.ts';
import { buildIfStale } from './build-if-stale.ts';
import { createHttpApp } from './http-server.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '200' },
    'fresh-vectors': { type: 'boolean', default: false },
    /** Internal: this file run as the first-embedding child. */
    'embed-child': { type: 'boolean', default: false },
  },
});
const WAIT = { timeout: 1_800_000, interval: 100 };

type ChildReport = EmbedRun & { model: EmbedderState; peakRssMiB: number };

/** The child: what `npm run search:embed` does for the results, and nothing else in memory. */
async function embedInThisProcess(): Promise<void> {
  try {
    const model = await warmEmbedder();
    if (model.status !== 'ready') throw new Error(`the embedding model is unavailable (${model.reason}): run \`npm run model:install\` or set MODEL_DIR`);
    const run = await embedWithProgress(embedAllResults);
    const report: ChildReport = { ...run, model, peakRssMiB: peakRssMiB() };
    await new Promise<void>((resolve, reject) => process.send!(report, undefined, {}, (e: Error | null) => (e ? reject(e) : resolve())));
  } finally {
    await closeDb();
    process.disconnect?.();
  }
}

/** Runs the first embedding in a child process (same environment) and returns its report. */
function firstEmbedding(): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--embed-child'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let report: ChildReport | undefined;
    child.on('message', (m) => (report = m as ChildReport));
    child.on('error', reject);
    child.on('exit', (code) => (report && code === 0 ? resolve(report) : reject(new Error(`the first-embedding child exited with ${code}`))));
  });
}

async function benchmark(): Promise<void> {
  const COUNT = Number(values.count);
  const QUERIES = Number(values.queries);
  const root = process.cwd();
  const services = await startBenchServices(path.resolve('.data/bench'), 'bench_');
  let server: Server | undefined;
  try {
    await seedSynonyms();
    const orgs = await upsertOrgs(syntheticOrgs(0, 400));
    const holders = new Map(orgs.map((o) => [o.id, { name: o.name, regionCode: o.regionCode }]));

    console.log(`generating ${COUNT.toLocaleString()} listings and inserting them into PostgreSQL…`);
    const listings = generateListings({ count: COUNT, seed: 42, institutions: orgs });
    const t0 = performance.now();
    const rows = await replaceResults(listings);
    const insertSeconds = (performance.now() - t0) / 1000;

    // 1. The first embedding.
    if (values['fresh-vectors']) console.log(`--fresh-vectors: ${(await forgetVectors()).toLocaleString()} stored vectors forgotten`);
    console.log('first embedding (a child process, as `npm run search:embed`)…');
    const embedding = await firstEmbedding();
    console.log(embedding.embedded === 0 ? `first embedding: ${embedding.reused.toLocaleString()} already stored, skipped` : `first embedding: ${embedding.embedded.toLocaleString()} embedded in ${embedding.seconds.toFixed(1)} s`);

    // 2. Baseline: the same documents, built the same way, into a fresh index with the same settings, without vectors.
    console.log('baseline: the same documents indexed without vectors…');
    const baselineUid = indexName('baseline');
    const t1 = performance.now();
    await applyResultsSettings(baselineUid);
    const pending = [];
    for (let i = 0; i < rows.length; i += 2_000) {
      const docs = rows.slice(i, i + 2_000).map((r) => toDocument(r, holders.get(r.holderOrgId)!));
      const enqueued = meili().index(baselineUid).addDocuments(docs, { primaryKey: 'id' });
      await enqueued;
      pending.push(enqueued);
    }
    // One task polled at a time: the tasks run in order, and polling them all at once would load Meilisearch.
    for (const p of pending) {
      const t = await settled(p, WAIT);
      if (t.status !== 'succeeded') throw new Error(`baseline indexing failed: ${t.error?.message ?? t.status}`);
    }
    const baselineSeconds = (performance.now() - t1) / 1000;
    await settled(meili().deleteIndex(baselineUid), WAIT);

    console.log('reindex from stored vectors…');
    const reindex = await reindexWithProgress(reindexResults);
    const uid = indexName(RESULTS_INDEX);
    const inIndex = await vectorsInIndex(uid);

    // 3. Query embedding, after the model is loaded and warm.
    const words = ['电池', '锂离子电池', '石墨烯', '轴承', '中药', '制剂', '传感器', '机器视觉', '污水处理', '土壤修复', '蔬菜', '育种', '光伏', '储能', '复合材料', '检测方法', '控制系统', '生物农药', '疫苗', '物联网', 'graphene', 'battery', '新能源汽车', '节水灌溉', '催化剂'];
    const queries = Array.from({ length: QUERIES }, (_, i) => ({ q: words[i % words.length]!, field: i % 4 === 0 ? 'new_materials' : undefined }));
    const model = await warmEmbedder();
    if (model.status !== 'ready') throw new Error(`the embedding model is unavailable (${model.reason})`);
    const vectors = new Map<string, number[]>();
    const embedOnce = async (q: string) => {
      const t = performance.now();
      const v = await embedText(semanticQueryText(q));
      const elapsed = performance.now() - t;
      vectors.set(q, toMeiliVector(v)!);
      return elapsed;
    };
    for (const q of queries.slice(0, 20)) await embedOnce(q.q);
    const embedMs: number[] = [];
    for (const q of queries) embedMs.push(await embedOnce(q.q));

    // 4. The API against Meilisearch's own hybrid search with the query's vector (the embedding is not in the baseline's time).
    buildIfStale(root, (l) => console.log(l));
    const build = (await import(pathToFileURL(path.join(root, 'build/index.js')).href)) as ServerBuild;
    const app = createHttpApp(build, root);
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const port = (server.address() as { port: number }).port;
    // The API's own Meilisearch client is meili() in its bundle: the same settings and HTTP client (search/http.ts).
    const index = meili().index<ResultDocument>(uid);
    const keepWhole = new Set(DEFAULT_SYNONYMS.flat().map((t) => normalizeText(t)));
    const lexical: number[] = [];
    const hybrid: number[] = [];
    const viaApi: number[] = [];
    const run = async (q: { q: string; field?: string }) => {
      const common = { filter: q.field ? [`field IN ["${q.field}"]`] : [], facets: [...RESULT_FACETS], page: 1, hitsPerPage: 20, matchingStrategy: 'last' as const };
      const tokens = prepareQuery(q.q, keepWhole).tokens;
      let t = performance.now();
      await index.search(tokens, common);
      const l = performance.now() - t;
      t = performance.now();
      await index.search(tokens, { ...common, vector: vectors.get(q.q)!, hybrid: { embedder: EMBEDDER, semanticRatio: HYBRID.semanticRatio } });
      const h = performance.now() - t;
      const url = `http://127.0.0.1:${port}/api/v1/search/results?q=${encodeURIComponent(q.q)}${q.field ? `&field=${q.field}` : ''}`;
      t = performance.now();
      const res = await fetch(url);
      if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
      await res.json();
      return { l, h, a: performance.now() - t };
    };
    for (const q of queries.slice(0, 20)) await run(q); // warm-up: the API's first calls load its copy of the model
    for (const q of queries) {
      const { l, h, a } = await run(q);
      lexical.push(l);
      hybrid.push(h);
      viaApi.push(a);
    }

    const e = stats(embedMs);
    const [sl, sh, sa] = [stats(lexical), stats(hybrid), stats(viaApi)];
    const load = embedding.model.status === 'ready' ? `${embedding.model.loadMs.toLocaleString()} ms` : '?';
    console.log(`
Search benchmark (${COUNT.toLocaleString()} listings, ${QUERIES} queries, one client at a time)
${row('results inserted (PostgreSQL)', `${Math.round(COUNT / insertSeconds).toLocaleString()} rows/s (${insertSeconds.toFixed(1)} s)`)}
${row('model load (warmEmbedder)', `${load} (in a fresh process)`)}
${row('first embedding', embeddingFigure(embedding, `  peak RSS ${embedding.peakRssMiB.toFixed(0)} MiB`), embedding.embedded > 0 ? 'target ≥ 150' : '')}
${row('reindex from stored vectors', perSecond(reindex.documents, reindex.seconds), 'target ≥ 2,000')}
${row('  baseline: without vectors', `${perSecond(rows.length, baselineSeconds)}   reindex / baseline ${(baselineSeconds / reindex.seconds).toFixed(2)}× the throughput`)}
${row('  vectors in the index', `${inIndex.embedded.toLocaleString()} of ${inIndex.documents.toLocaleString()} documents`)}
${row('query embedding', percentiles(e), `target p95 ≤ 15 ms`)}
${row('direct Meilisearch lexical', `${percentiles(sl)}   (information)`)}
${row('direct Meilisearch hybrid', `${percentiles(sh)}   (baseline: semanticRatio ${HYBRID.semanticRatio}, vector given)`)}
${row('GET /api/v1/search/results', percentiles(sa))}
${row('ratio API / hybrid', ratios(sa, sh), 'target p95 ≤ 1.5×')}
${row('ratio API / lexical', `${ratios(sa, sl)}   (information)`)}
${row('Meilisearch resident memory', `${rssMiB(services.meili.pid).toFixed(0)} MiB`)}
${row('this process, peak RSS', `${peakRssMiB().toFixed(0)} MiB (information: holds the listings and two copies of the model)`)}`);
  } finally {
    server?.close();
    await services.stop();
  }
}

if (values['embed-child']) await embedInThisProcess();
else await benchmark();
