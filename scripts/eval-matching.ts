/**
 * `npm run eval:matching [-- --demands file --listings file --tuning '{…}']`: precision@5,
 * recall@10 and nDCG@10 of demand → result matching on the tuning and the validation half
 * of the demands (search/eval.ts `halfOf`), four runs side by side: Meilisearch defaults
 * (the title as typed), our matching lexical only (no model), semantic only (a bare ranking
 * by embedding similarity, demand title + description against title + abstract), and
 * hybrid (`rankResultsForDemand` with the model: what the site runs). Also calibrates the
 * "no good match" threshold on the demands nothing in the set meets. On a real Meilisearch
 * started under .data/eval-matching. Tune on the tuning half only.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Meilisearch } from 'meilisearch';
import { SEMANTIC, UNMATCHED_THRESHOLD } from '#domain/matching/score.ts';
import { embedTexts, warmEmbedder, type Vector } from '#search/embedding/embedder.ts';
import { demandEmbeddingText, EMBEDDER, resultEmbeddingText, textHash, toMeiliVector } from '#search/embedding/vectors.ts';
import { halfOf, listingAsResult, mean, ndcgAt, recallAt, type EvalListing, type Half, type Judgments } from '#search/eval.ts';
import { meiliHttpClient } from '#search/http.ts';
import { resultsSettings, toDocument, type ResultDocument } from '#search/indexes/results.ts';
import { equivalentsFrom, rankResultsForDemand, type DemandProfile, type MatchContext, type MatchTuning } from '#search/matching.ts';
import { normalizeText } from '#search/normalize.ts';
import { dictionaryTerms, withNarrowerTerms } from '#search/settings.ts';
import { DEFAULT_SYNONYMS, toMeiliSynonyms } from '#search/synonyms.ts';
import { zh, type MessageKey } from '#app/i18n/zh.ts';
import { startMeilisearch } from './services/meilisearch.ts';

type Demand = Omit<DemandProfile, 'ownerOrgId'> & { id: string; judgments: Judgments };

/** The similarity a match's reasons show (语义相近（相似度 N%）), or null (it is shown from SEMANTIC.reason up, so only higher thresholds can be compared). */
function similarityOf(reasons: ReadonlyArray<{ kind: string; text: string }>): number | null {
  const m = /相似度 (\d+)%/.exec(reasons.find((r) => r.kind === 'semantic')?.text ?? '');
  return m ? Number(m[1]) / 100 : null;
}

const { values } = parseArgs({
  options: {
    listings: { type: 'string', default: 'test/fixtures/search/dev-listings.json' },
    demands: { type: 'string', default: 'test/fixtures/matching/demands.json' },
    /** JSON of MatchTuning fields to try other settings than the API's, e.g. '{"semantic":{"weight":0.6}}'. */
    tuning: { type: 'string', default: '{}' },
    misses: { type: 'boolean', default: false },
  },
});
const listings = JSON.parse(readFileSync(values.listings!, 'utf8')) as EvalListing[];
const demands = JSON.parse(readFileSync(values.demands!, 'utf8')) as Demand[];
const tuning = JSON.parse(values.tuning!) as Partial<MatchTuning>;

/** The dev listings name holders, not regions: Liaocheng's place names mark the local ones. */
const LOCAL = /聊城|临清|茌平|阳谷|莘县|东阿|冠县|高唐|东昌府|聊大/;

function precisionAt(k: number, ranked: string[], judged: Judgments): number {
  return ranked.slice(0, k).filter((id) => (judged[id] ?? 0) >= 2).length / k;
}

const model = await warmEmbedder();
if (model.status !== 'ready') {
  console.error(`the embedding model is unavailable (${model.reason}): run \`npm run model:install\``);
  process.exit(1);
}

// Each run has its own server and folder, so two evaluations can run at once.
const dir = path.resolve('.data/eval-matching', String(process.pid));
rmSync(path.join(dir, 'meili'), { recursive: true, force: true });
const server = await startMeilisearch({ dir });
const client = new Meilisearch({ host: server.url, apiKey: server.masterKey, httpClient: meiliHttpClient });
const WAIT = { timeout: 600_000, interval: 50 };

try {
  const listingVectors = (await embedTexts(listings.map((l) => resultEmbeddingText(l))))!;
  const demandTexts = demands.map((d) => demandEmbeddingText(d));
  const demandVectors = (await embedTexts(demandTexts))!;
  const byHash = new Map<string, Vector>(demandTexts.map((t, i) => [textHash(t), demandVectors[i]!]));

  const synonyms = withNarrowerTerms(toMeiliSynonyms(DEFAULT_SYNONYMS));
  await client.createIndex('baseline', { primaryKey: 'id' }).waitTask(WAIT);
  await client.index('baseline').addDocuments(listings).waitTask(WAIT);
  await client.createIndex('ours', { primaryKey: 'id' }).waitTask(WAIT);
  await client.index('ours').updateSettings(resultsSettings({ synonyms, dictionary: dictionaryTerms() })).waitTask(WAIT);
  await client
    .index('ours')
    .addDocuments(
      listings.map((l, i) => toDocument(listingAsResult(l, i, `holder-${l.institution}`), { name: l.institution, regionCode: LOCAL.test(l.institution) ? '371502' : '370102' }, listingVectors[i]!)),
    )
    .waitTask(WAIT);
  const ours = client.index<ResultDocument>('ours');

  const keepWhole = new Set(DEFAULT_SYNONYMS.flat().map((t) => normalizeText(t)));
  const lexical: MatchContext = { keepWhole, equivalents: equivalentsFrom(synonyms), label: (k: string) => zh[k as MessageKey] ?? k };
  const hybrid: MatchContext = { ...lexical, embed: async (text) => byHash.get(textHash(text)) ?? null };

  const RUNS = ['defaults', 'lexical', 'semantic', 'hybrid'] as const;
  type Run = (typeof RUNS)[number];
  type Row = { d: Demand; half: Half; runs: Record<Run, string[]>; best: Record<'lexical' | 'hybrid', number>; top: Array<{ id: string; score: number; why: string; similarity: number | null }> };
  const rows: Row[] = [];
  const latency: number[] = [];
  for (const [i, d] of demands.entries()) {
    const base = await client.index('baseline').search(d.title, { limit: 10, attributesToRetrieve: ['id'] });
    const lex = await rankResultsForDemand(ours, { ...d, ownerOrgId: null }, lexical, { ...tuning, limit: 10 });
    const sem = await ours.search('', { vector: toMeiliVector(demandVectors[i]!), hybrid: { embedder: EMBEDDER, semanticRatio: 1 }, limit: 10, attributesToRetrieve: ['id'] });
    const t = performance.now();
    const hyb = await rankResultsForDemand(ours, { ...d, ownerOrgId: null }, hybrid, { ...tuning, limit: 10 });
    latency.push(performance.now() - t);
    rows.push({
      d,
      half: halfOf(d.id),
      runs: { defaults: base.hits.map((h) => String(h.id)), lexical: lex.items.map((x) => x.id), semantic: sem.hits.map((h) => h.id), hybrid: hyb.items.map((x) => x.id) },
      best: { lexical: lex.items[0]?.score ?? 0, hybrid: hyb.items[0]?.score ?? 0 },
      top: hyb.items.map((x) => ({ id: x.id, score: x.score, why: x.reasons.map((r) => r.text).join('；'), similarity: similarityOf(x.reasons) })),
    });
  }

  const fmt = (x: number) => x.toFixed(3);
  const isJudged = (r: Row) => Object.keys(r.d.judgments).length > 0;
  const p5 = (ranked: string[], j: Judgments) => precisionAt(5, ranked, j);
  console.log(`\nMatching relevance: ${demands.length} demands (${rows.filter(isJudged).length} judged) against ${listings.length} listings (relevant = grade ≥ 2)`);
  for (const half of ['tuning', 'validation'] as const) {
    const judged = rows.filter((r) => r.half === half && isJudged(r));
    const ceiling = mean(judged.map((r) => Math.min(5, Object.values(r.d.judgments).filter((g) => g >= 2).length) / 5));
    console.log(`\n${half} half: ${judged.length} judged demands (ceiling of precision@5: ${fmt(ceiling)})`);
    console.log('  run          precision@5   recall@10   nDCG@10');
    for (const run of RUNS) {
      const m = (f: (ranked: string[], j: Judgments) => number) => fmt(mean(judged.map((r) => f(r.runs[run], r.d.judgments))));
      console.log(`  ${run.padEnd(12)} ${m(p5).padStart(11)} ${m((a, j) => recallAt(10, a, j)).padStart(11)} ${m((a, j) => ndcgAt(10, a, j)).padStart(9)}`);
    }
  }

  // The threshold: judged demands' best relevant match should be above it, unmet demands' best match below.
  const quantiles = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return `min ${fmt(s[0] ?? 0)}  median ${fmt(s[Math.floor(s.length / 2)] ?? 0)}  max ${fmt(s.at(-1) ?? 0)}`;
  };
  console.log(`\n"no good match" threshold ${UNMATCHED_THRESHOLD} (hybrid scores):`);
  for (const half of ['tuning', 'validation'] as const) {
    const judged = rows.filter((r) => r.half === half && isJudged(r));
    const unmet = rows.filter((r) => r.half === half && !isJudged(r));
    const bestRelevant = judged.map((r) => Math.max(0, ...r.top.filter((t) => (r.d.judgments[t.id] ?? 0) >= 2).map((t) => t.score)));
    console.log(`  ${half}: best relevant match per judged demand ${quantiles(bestRelevant)}; best match of ${unmet.length} unmet demands ${quantiles(unmet.map((r) => r.best.hybrid))}`);
    console.log(`    judged under the threshold: ${judged.filter((r) => r.best.hybrid < UNMATCHED_THRESHOLD).length}; unmet at or above it: ${unmet.filter((r) => r.best.hybrid >= UNMATCHED_THRESHOLD).map((r) => `${r.d.id} ${r.d.title} (${fmt(r.best.hybrid)})`).join(', ') || 'none'}`);
  }
  // The reason 语义相近 should tell a relevant match from the rest, not come with every one.
  console.log(`\nthe reason 语义相近 in the hybrid top 10 at its threshold (now ${SEMANTIC.reason}) and others (relevant = grade ≥ 2):`);
  for (const half of ['tuning', 'validation'] as const) {
    const pairs = rows.filter((r) => r.half === half && isJudged(r)).flatMap((r) => r.top.map((t) => ({ relevant: (r.d.judgments[t.id] ?? 0) >= 2, similarity: t.similarity })));
    const share = (xs: typeof pairs, at: number) => `${xs.filter((x) => (x.similarity ?? 0) >= at).length}/${xs.length}`;
    const cells = [0.6, 0.65, 0.7, 0.75, 0.8].map((at) => `≥${at}: ${share(pairs.filter((x) => x.relevant), at)} relevant, ${share(pairs.filter((x) => !x.relevant), at)} others`);
    console.log(`  ${half}: ${cells.join(';  ')}`);
  }
  const s = [...latency].sort((a, b) => a - b);
  console.log(`\nhybrid matching latency p50 ${s[Math.floor(s.length / 2)]!.toFixed(1)} ms, p95 ${s[Math.floor(s.length * 0.95)]!.toFixed(1)} ms (vectors precomputed, as stored ones are in production)`);

  if (values.misses) {
    const titleOf = (id: string) => listings.find((l) => l.id === id)?.title ?? id;
    console.log('\nHybrid misses on the tuning half (the validation half is not looked at):');
    for (const r of rows.filter((x) => x.half === 'tuning' && isJudged(x))) {
      const missing = Object.entries(r.d.judgments).filter(([id, g]) => g >= 2 && !r.runs.hybrid.includes(id)).map(([id]) => `${id} ${titleOf(id)}`);
      const intruders = r.top.slice(0, 5).filter((t) => (r.d.judgments[t.id] ?? 0) < 2).map((t) => `${t.id} ${titleOf(t.id)} (${t.score})`);
      if (!missing.length && !intruders.length) continue;
      console.log(`  ${r.d.id} “${r.d.title}” P@5 ${fmt(p5(r.runs.hybrid, r.d.judgments))}`);
      if (missing.length) console.log(`      not in top 10: ${missing.join('; ')}`);
      if (intruders.length) console.log(`      in top 5 but not relevant: ${intruders.join('; ')}`);
    }
  }
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
