/**
 * `npm run eval:search [-- --listings file --queries file]`: recall@10 and nDCG@10 in one
 * run for (a) Meilisearch with default settings and (b) our configuration, on a real
 * Meilisearch started under .data/eval. Prints every query that our configuration misses.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Meilisearch } from 'meilisearch';
import { listingAsResult, mean, ndcgAt, recallAt, type EvalListing, type Judgments } from '#search/eval.ts';
import { resultsSettings, toDocument } from '#search/indexes/results.ts';
import { normalizeText } from '#search/normalize.ts';
import { prepareQuery } from '#search/query.ts';
import { dictionaryTerms, withNarrowerTerms } from '#search/settings.ts';
import { DEFAULT_SYNONYMS, toMeiliSynonyms } from '#search/synonyms.ts';
import { startMeilisearch } from './services/meilisearch.ts';

type Query = { id: string; q: string; kind: string; judgments: Judgments };

const { values } = parseArgs({
  options: {
    listings: { type: 'string', default: 'test/fixtures/search/dev-listings.json' },
    queries: { type: 'string', default: 'test/fixtures/search/dev-queries.json' },
    k: { type: 'string', default: '10' },
    strategy: { type: 'string', default: 'last' },
  },
});
const K = Number(values.k);
const listings = JSON.parse(readFileSync(values.listings!, 'utf8')) as EvalListing[];
const queries = JSON.parse(readFileSync(values.queries!, 'utf8')) as Query[];


const dir = path.resolve('.data/eval');
rmSync(path.join(dir, 'meili'), { recursive: true, force: true });
const server = await startMeilisearch({ dir });
const client = new Meilisearch({ host: server.url, apiKey: server.masterKey });
const WAIT = { timeout: 300_000, interval: 50 };

try {
  // (a) Meilisearch as it comes: the raw fields, default settings, the raw query.
  await client.createIndex('baseline', { primaryKey: 'id' }).waitTask(WAIT);
  await client.index('baseline').addDocuments(listings.map((l) => ({ ...l, id: l.id }))).waitTask(WAIT);
  // (b) Ours: segmented fields, patent forms, synonyms, dictionary, typo settings; queries prepared alike.
  await client.createIndex('ours', { primaryKey: 'id' }).waitTask(WAIT);
  await client.index('ours').updateSettings(resultsSettings({ synonyms: withNarrowerTerms(toMeiliSynonyms(DEFAULT_SYNONYMS)), dictionary: dictionaryTerms() })).waitTask(WAIT);
  await client
    .index('ours')
    .addDocuments(listings.map((l, i) => toDocument(listingAsResult(l, i), { name: l.institution, regionCode: '371502' })))
    .waitTask(WAIT);

  // As in production: a query word that is a synonym term is sent whole.
  const keepWhole = new Set(DEFAULT_SYNONYMS.flat().map((t) => normalizeText(t)));
  const rows: Array<{ q: Query; base: { r: number; n: number }; ours: { r: number; n: number; top: string[] } }> = [];
  for (const q of queries) {
    const base = await client.index('baseline').search(q.q, { limit: K, attributesToRetrieve: ['id'] });
    const ours = await client.index('ours').search(prepareQuery(q.q, keepWhole).tokens, { limit: K, attributesToRetrieve: ['id'], matchingStrategy: values.strategy as 'last' | 'all' | 'frequency' });
    const b = base.hits.map((h) => String(h.id));
    const o = ours.hits.map((h) => String(h.id));
    rows.push({ q, base: { r: recallAt(K, b, q.judgments), n: ndcgAt(K, b, q.judgments) }, ours: { r: recallAt(K, o, q.judgments), n: ndcgAt(K, o, q.judgments), top: o } });
  }

  const fmt = (x: number) => x.toFixed(3);
  console.log(`\nSearch relevance on ${listings.length} listings and ${queries.length} graded queries (k = ${K})\n`);
  console.log('kind            queries   recall (default → ours)   nDCG (default → ours)');
  const kinds = [...new Set(queries.map((q) => q.kind))].sort();
  for (const kind of [...kinds, 'ALL']) {
    const sel = rows.filter((r) => kind === 'ALL' || r.q.kind === kind);
    const line = `${kind.padEnd(15)} ${String(sel.length).padStart(7)}   ${fmt(mean(sel.map((r) => r.base.r)))} → ${fmt(mean(sel.map((r) => r.ours.r)))}          ${fmt(mean(sel.map((r) => r.base.n)))} → ${fmt(mean(sel.map((r) => r.ours.n)))}`;
    console.log(kind === 'ALL' ? `${'-'.repeat(78)}\n${line}` : line);
  }
  const misses = rows.filter((r) => r.ours.r < 1);
  console.log(`\nQueries our configuration does not fully recall (${misses.length}):`);
  for (const m of misses) {
    const missing = Object.entries(m.q.judgments)
      .filter(([id, g]) => g >= 2 && !m.ours.top.includes(id))
      .map(([id]) => `${id} ${listings.find((l) => l.id === id)?.title ?? ''}`);
    console.log(`  ${m.q.id} [${m.q.kind}] “${m.q.q}” recall ${fmt(m.ours.r)} → tokens “${prepareQuery(m.q.q, keepWhole).tokens}”; missing: ${missing.join('; ')}`);
  }
  const recall = mean(rows.map((r) => r.ours.r));
  const ndcg = mean(rows.map((r) => r.ours.n));
  // Where a query has more than k relevant listings, even a perfect ranking recalls k/|relevant|.
  const ceiling = mean(rows.map((r) => {
    const rel = Object.values(r.q.judgments).filter((g) => g >= 2).length;
    return rel === 0 ? 1 : Math.min(K, rel) / rel;
  }));
  console.log(`\nceiling of recall@${K} on this set (a perfect ranking): ${fmt(ceiling)}; ours reaches ${fmt(recall / ceiling)} of it`);
  console.log(`\nours: recall@${K} ${fmt(recall)} (goal ≥ 0.9), nDCG@${K} ${fmt(ndcg)} (goal ≥ 0.8)`);
} finally {
  await server.stop();
}
