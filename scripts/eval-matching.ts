/**
 * `npm run eval:matching [-- --demands file --listings file]`: precision@5 and recall@10
 * of the demand → result matching (`rankResultsForDemand`, the code behind
 * matchesForDemand) against plain Meilisearch queries of the demand's title, in one run,
 * on a real Meilisearch started under .data/eval-matching. Prints every demand the
 * matching misses on.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Meilisearch } from 'meilisearch';
import { listingAsResult, mean, ndcgAt, recallAt, type EvalListing, type Judgments } from '#search/eval.ts';
import { resultsSettings, toDocument, type ResultDocument } from '#search/indexes/results.ts';
import { UNMATCHED_THRESHOLD } from '#domain/matching/score.ts';
import { equivalentsFrom, matchTerms, rankResultsForDemand, type DemandProfile } from '#search/matching.ts';
import { normalizeText } from '#search/normalize.ts';
import { prepareQuery } from '#search/query.ts';
import { dictionaryTerms, withNarrowerTerms } from '#search/settings.ts';
import { DEFAULT_SYNONYMS, toMeiliSynonyms } from '#search/synonyms.ts';
import { zh, type MessageKey } from '#app/i18n/messages.ts';
import { startMeilisearch } from './services/meilisearch.ts';

type Demand = Omit<DemandProfile, 'ownerOrgId'> & { id: string; description: string; judgments: Judgments };

const { values } = parseArgs({
  options: {
    listings: { type: 'string', default: 'test/fixtures/search/dev-listings.json' },
    demands: { type: 'string', default: 'test/fixtures/matching/demands.json' },
    /** JSON of MatchTuning fields to try other settings than the API's, e.g. '{"perTermHits":15}'. */
    tuning: { type: 'string', default: '{}' },
  },
});
const listings = JSON.parse(readFileSync(values.listings!, 'utf8')) as EvalListing[];
const demands = JSON.parse(readFileSync(values.demands!, 'utf8')) as Demand[];

/** The dev listings name holders, not regions: Liaocheng's place names mark the local ones. */
const LOCAL = /聊城|临清|茌平|阳谷|莘县|东阿|冠县|高唐|东昌府|聊大/;


function precisionAt(k: number, ranked: string[], judged: Judgments): number {
  return ranked.slice(0, k).filter((id) => (judged[id] ?? 0) >= 2).length / k;
}

const dir = path.resolve('.data/eval-matching');
rmSync(path.join(dir, 'meili'), { recursive: true, force: true });
const server = await startMeilisearch({ dir });
const client = new Meilisearch({ host: server.url, apiKey: server.masterKey });
const WAIT = { timeout: 300_000, interval: 50 };

try {
  const synonyms = withNarrowerTerms(toMeiliSynonyms(DEFAULT_SYNONYMS));
  await client.createIndex('baseline', { primaryKey: 'id' }).waitTask(WAIT);
  await client.index('baseline').addDocuments(listings).waitTask(WAIT);
  await client.createIndex('ours', { primaryKey: 'id' }).waitTask(WAIT);
  await client.index('ours').updateSettings(resultsSettings({ synonyms, dictionary: dictionaryTerms() })).waitTask(WAIT);
  await client
    .index('ours')
    .addDocuments(listings.map((l, i) => toDocument(listingAsResult(l, i, `holder-${l.institution}`), { name: l.institution, regionCode: LOCAL.test(l.institution) ? '371502' : '370102' })))
    .waitTask(WAIT);

  const keepWhole = new Set(DEFAULT_SYNONYMS.flat().map((t) => normalizeText(t)));
  const ctx = { keepWhole, equivalents: equivalentsFrom(synonyms), label: (k: string) => zh[k as MessageKey] ?? k };
  const ours = client.index<ResultDocument>('ours');

  type Row = { d: Demand; runs: Record<'defaults' | 'title' | 'frequency' | 'matching', string[]>; top?: Array<{ id: string; score: number; why: string }>; terms: string[] };
  const rows: Row[] = [];
  for (const d of demands) {
    const base = await client.index('baseline').search(d.title, { limit: 10, attributesToRetrieve: ['id'] });
    const title = await ours.search(prepareQuery(d.title, keepWhole).tokens, { limit: 10, matchingStrategy: 'last', attributesToRetrieve: ['id'] });
    // The single query the brief first suggested: every term in one query, `frequency` drops the commonest first.
    const one = await ours.search(matchTerms([d.title, ...d.keywords, ...d.indicators], keepWhole, 10).join(' '), { limit: 10, matchingStrategy: 'frequency', attributesToRetrieve: ['id'] });
    const m = await rankResultsForDemand(ours, { ...d, ownerOrgId: null }, ctx, { ...(JSON.parse(values.tuning!) as object), limit: 10 });
    rows.push({
      d,
      runs: { defaults: base.hits.map((h) => String(h.id)), title: title.hits.map((h) => h.id), frequency: one.hits.map((h) => h.id), matching: m.items.map((i) => i.id) },
      top: m.items.map((i) => ({ id: i.id, score: i.score, why: i.reasons.map((x) => x.text).join('；') })),
      terms: m.terms,
    });
  }

  const fmt = (x: number) => x.toFixed(3);
  // Demands without judgments are the ones nothing in the set meets: they calibrate the threshold, not precision.
  const judged = rows.filter((r) => Object.keys(r.d.judgments).length > 0);
  const offTopic = rows.filter((r) => Object.keys(r.d.judgments).length === 0);
  const metric = (run: keyof Row['runs'], f: (ranked: string[], j: Judgments) => number) => mean(judged.map((r) => f(r.runs[run], r.d.judgments)));
  const p5 = (ranked: string[], j: Judgments) => precisionAt(5, ranked, j);
  const r10 = (ranked: string[], j: Judgments) => recallAt(10, ranked, j);
  const n10 = (ranked: string[], j: Judgments) => ndcgAt(10, ranked, j);
  const ceiling = mean(judged.map((r) => Math.min(5, Object.values(r.d.judgments).filter((g) => g >= 2).length) / 5));
  console.log(`\nMatching relevance: ${judged.length} judged demands against ${listings.length} listings (relevant = grade ≥ 2)\n`);
  console.log('run                                         precision@5   recall@10   nDCG@10');
  for (const [run, name] of [
    ['defaults', 'Meilisearch defaults, the title as typed'],
    ['title', 'our index, the title (prepareQuery)'],
    ['frequency', 'our index, all terms, one `frequency` query'],
    ['matching', 'matchesForDemand (re-scored, with reasons)'],
  ] as const) {
    console.log(`${name.padEnd(44)}${fmt(metric(run, p5)).padStart(11)}${fmt(metric(run, r10)).padStart(12)}${fmt(metric(run, n10)).padStart(10)}`);
  }
  console.log(`\nceiling of precision@5 on this set (a perfect ranking): ${fmt(ceiling)}`);

  const best = (r: Row) => r.top?.[0]?.score ?? 0;
  const bestRelevant = judged.map((r) => Math.max(0, ...(r.top ?? []).filter((t) => (r.d.judgments[t.id] ?? 0) >= 2).map((t) => t.score)));
  const quantiles = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return `min ${fmt(s[0] ?? 0)}  median ${fmt(s[Math.floor(s.length / 2)] ?? 0)}  max ${fmt(s.at(-1) ?? 0)}`;
  };
  console.log(`\nbest score of the best relevant match, per judged demand:   ${quantiles(bestRelevant)}`);
  console.log(`best score, demands nothing in the set meets (${offTopic.length}):        ${quantiles(offTopic.map(best))}`);
  console.log(`judged demands whose best match is under ${UNMATCHED_THRESHOLD}: ${judged.filter((r) => best(r) < UNMATCHED_THRESHOLD).map((r) => `${r.d.id} (${fmt(best(r))})`).join(', ') || 'none'}`);
  console.log(`off-topic demands at or above ${UNMATCHED_THRESHOLD}: ${offTopic.filter((r) => best(r) >= UNMATCHED_THRESHOLD).map((r) => `${r.d.id} ${r.d.title} [${r.terms.join(' ')}] → ${r.top?.[0]?.id} (${fmt(best(r))}: ${r.top?.[0]?.why})`).join(', ') || 'none'}`);

  const misses = judged.filter((r) => r10(r.runs.matching, r.d.judgments) < 1 || p5(r.runs.matching, r.d.judgments) < Math.min(5, Object.values(r.d.judgments).filter((g) => g >= 2).length) / 5);
  console.log(`\nDemands where matching misses a relevant listing in the top 10 or ranks a weaker one into the top 5 (${misses.length}):`);
  const titleOf = (id: string) => listings.find((l) => l.id === id)?.title ?? id;
  for (const m of misses) {
    const missing = Object.entries(m.d.judgments)
      .filter(([id, g]) => g >= 2 && !m.runs.matching.includes(id))
      .map(([id]) => `${id} ${titleOf(id)}`);
    const intruders = (m.top ?? []).slice(0, 5).filter((t) => (m.d.judgments[t.id] ?? 0) < 2).map((t) => `${t.id} ${titleOf(t.id)} (${t.score})`);
    console.log(`  ${m.d.id} “${m.d.title}” P@5 ${fmt(p5(m.runs.matching, m.d.judgments))} R@10 ${fmt(r10(m.runs.matching, m.d.judgments))}`);
    if (missing.length) console.log(`      not in top 10: ${missing.join('; ')}`);
    if (intruders.length) console.log(`      in top 5 but not relevant: ${intruders.join('; ')}`);
  }
} finally {
  await server.stop();
}
