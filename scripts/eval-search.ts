/**
 * `npm run eval:search [-- --listings file --queries file --tuning '{"semanticRatio":0.4}' --misses]`:
 * recall@10 and nDCG@10 of five searches side by side, on the tuning and the validation
 * half of the queries (search/eval.ts `halfOf`): Meilisearch with default settings,
 * Meilisearch's own hybrid search on our index, our lexical search, semantic only (the
 * embedding model), and hybrid (what the site runs, `runResultSearch`: our fusion).
 * Tune on the tuning half only. On a real Meilisearch started
 * under .data/eval; prints the hybrid's misses on the tuning half only.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Meilisearch, type Index } from 'meilisearch';
import { embedText, embedTexts, warmEmbedder } from '#search/embedding/embedder.ts';
import { EMBEDDER, resultEmbeddingText, toMeiliVector } from '#search/embedding/vectors.ts';
import { exactQuery, semanticQueryText } from '#search/semantic-query.ts';
import { halfOf, listingAsResult, mean, ndcgAt, recallAt, type EvalListing, type EvalQuery as Query, type Half } from '#search/eval.ts';
import { resultsSettings, toDocument, type ResultDocument } from '#search/indexes/results.ts';
import { meiliHttpClient } from '#search/http.ts';
import { normalizeText } from '#search/normalize.ts';
import { HYBRID, prepareQuery, resultSearchSchema, runResultSearch, type HybridTuning, type SearchMode } from '#search/query.ts';
import { dictionaryTerms, withNarrowerTerms } from '#search/settings.ts';
import { DEFAULT_SYNONYMS, toMeiliSynonyms } from '#search/synonyms.ts';
import { startMeilisearch } from './services/meilisearch.ts';


const { values } = parseArgs({
  options: {
    listings: { type: 'string', default: 'test/fixtures/search/dev-listings.json' },
    queries: { type: 'string', default: 'test/fixtures/search/dev-queries.json' },
    /** JSON of HYBRID fields to try, e.g. '{"semanticRatio":0.4,"semanticFloor":0.72}'. */
    tuning: { type: 'string', default: '{}' },
    misses: { type: 'boolean', default: false },
  },
});
const K = 10;
const listings = JSON.parse(readFileSync(values.listings!, 'utf8')) as EvalListing[];
const queries = JSON.parse(readFileSync(values.queries!, 'utf8')) as Query[];
const hybrid = { ...HYBRID, ...(JSON.parse(values.tuning!) as Partial<HybridTuning>) };

const model = await warmEmbedder();
if (model.status !== 'ready') {
  console.error(`the embedding model is unavailable (${model.reason}): run \`npm run model:install\``);
  process.exit(1);
}

// Each run has its own server and folder, so two evaluations can run at once.
const dir = path.resolve('.data/eval', String(process.pid));
rmSync(path.join(dir, 'meili'), { recursive: true, force: true });
const server = await startMeilisearch({ dir });
const client = new Meilisearch({ host: server.url, apiKey: server.masterKey, httpClient: meiliHttpClient });
const WAIT = { timeout: 600_000, interval: 50 };

try {
  const t0 = performance.now();
  const vectors = (await embedTexts(listings.map((l) => resultEmbeddingText(l))))!;
  const embedSeconds = (performance.now() - t0) / 1000;
  // Meilisearch as it comes: the raw fields, default settings, the raw query.
  await client.createIndex('baseline', { primaryKey: 'id' }).waitTask(WAIT);
  await client.index('baseline').addDocuments(listings.map((l) => ({ ...l, id: l.id }))).waitTask(WAIT);
  // Ours: segmented fields, patent forms, synonyms, dictionary, typo settings, and the vectors.
  await client.createIndex('ours', { primaryKey: 'id' }).waitTask(WAIT);
  await client.index('ours').updateSettings(resultsSettings({ synonyms: withNarrowerTerms(toMeiliSynonyms(DEFAULT_SYNONYMS)), dictionary: dictionaryTerms() })).waitTask(WAIT);
  await client
    .index('ours')
    .addDocuments(listings.map((l, i) => toDocument(listingAsResult(l, i), { name: l.institution, regionCode: '371502' }, vectors[i]!)))
    .waitTask(WAIT);
  const ours = client.index<ResultDocument>('ours');

  // As in production: a query word that is a synonym term is sent whole.
  const keepWhole = new Set(DEFAULT_SYNONYMS.flat().map((t) => normalizeText(t)));
  const RUNS = ['defaults', 'meili-hybrid', 'lexical', 'semantic', 'hybrid'] as const;
  type Run = (typeof RUNS)[number];
  const search = async (index: Index<ResultDocument>, q: string, mode: SearchMode) => {
    const res = await runResultSearch(index, resultSearchSchema.parse({ q, pageSize: K }), { keepWhole, mode, embed: embedText, hybrid });
    return res.hits.map((h) => h.id);
  };
  type Row = { q: Query; half: Half; top: Record<Run, string[]> };
  const rows: Row[] = [];
  const latency: number[] = [];
  for (const q of queries) {
    const base = await client.index('baseline').search(q.q, { limit: K, attributesToRetrieve: ['id'] });
    const top = { defaults: base.hits.map((h) => String(h.id)) } as Record<Run, string[]>;
    // Meilisearch's own hybrid search on our index (its default ratio 0.5), for comparison with our fusion.
    const prepared = prepareQuery(q.q, keepWhole);
    const vector = exactQuery(prepared.text) ? null : await embedText(semanticQueryText(q.q));
    const native = await ours.search(prepared.tokens, { limit: K, attributesToRetrieve: ['id'], matchingStrategy: 'last', ...(vector ? { vector: toMeiliVector(vector)!, hybrid: { embedder: EMBEDDER, semanticRatio: 0.5 } } : {}) });
    top['meili-hybrid'] = native.hits.map((h) => String(h.id));
    for (const mode of ['lexical', 'semantic', 'hybrid'] as const) {
      const t = performance.now();
      top[mode] = await search(ours, q.q, mode);
      if (mode === 'hybrid') latency.push(performance.now() - t);
    }
    rows.push({ q, half: halfOf(q.id), top });
  }

  const fmt = (x: number) => x.toFixed(3);
  console.log(`\nSearch relevance on ${listings.length} listings, ${queries.length} graded queries (k = ${K}); hybrid ${JSON.stringify(hybrid)}`);
  console.log(`(embedding the listings took ${embedSeconds.toFixed(1)} s, ${(listings.length / embedSeconds).toFixed(0)} docs/s)\n`);
  for (const half of ['tuning', 'validation'] as const) {
    const sel = rows.filter((r) => r.half === half);
    console.log(`${half} half: ${sel.length} queries`);
    console.log('  run          recall@10   nDCG@10   zero-hit');
    for (const run of RUNS) {
      const r = mean(sel.map((x) => recallAt(K, x.top[run], x.q.judgments)));
      const n = mean(sel.map((x) => ndcgAt(K, x.top[run], x.q.judgments)));
      const zero = sel.filter((x) => x.top[run].length === 0).length;
      console.log(`  ${run.padEnd(12)} ${fmt(r).padStart(9)} ${fmt(n).padStart(9)} ${String(zero).padStart(10)}`);
    }
  }
  console.log('\nhybrid by kind (tuning → validation), recall@10 / nDCG@10');
  for (const kind of [...new Set(queries.map((q) => q.kind))].sort()) {
    const part = (half: Half) => {
      const sel = rows.filter((r) => r.q.kind === kind && r.half === half);
      if (!sel.length) return '      —      ';
      return `${fmt(mean(sel.map((x) => recallAt(K, x.top.hybrid, x.q.judgments))))} / ${fmt(mean(sel.map((x) => ndcgAt(K, x.top.hybrid, x.q.judgments))))} (${sel.length})`;
    };
    console.log(`  ${kind.padEnd(18)} ${part('tuning')}   →   ${part('validation')}`);
  }
  const s = [...latency].sort((a, b) => a - b);
  console.log(`\nhybrid query latency (embedding + search) p50 ${s[Math.floor(s.length / 2)]!.toFixed(1)} ms, p95 ${s[Math.floor(s.length * 0.95)]!.toFixed(1)} ms`);
  if (values.misses) {
    const title = (id: string) => listings.find((l) => l.id === id)?.title ?? id;
    console.log('\nHybrid misses on the tuning half (the validation half is not looked at):');
    for (const r of rows.filter((x) => x.half === 'tuning' && recallAt(K, x.top.hybrid, x.q.judgments) < 1)) {
      const missing = Object.entries(r.q.judgments).filter(([id, g]) => g >= 2 && !r.top.hybrid.includes(id)).map(([id]) => `${id} ${title(id)}`);
      console.log(`  ${r.q.id} [${r.q.kind}] “${r.q.q}” recall ${fmt(recallAt(K, r.top.hybrid, r.q.judgments))}; missing: ${missing.join('; ')}; top: ${r.top.hybrid.slice(0, 3).map(title).join(' | ')}`);
    }
  }
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
