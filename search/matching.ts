/**
 * Matching on the search engine: one Meilisearch query per demand (or result) finds
 * the candidates, and the pure rules in domain/matching/score.ts re-score them with
 * reasons. No table is scanned. Works on any index handle, so the evaluation and the
 * benchmark run exactly this code against their own Meilisearch.
 */
import type { Index } from 'meilisearch';
import { getDb } from '#db/client.ts';
import type { demands } from '#db/schema.ts';
import { LIAOCHENG_DISTRICTS } from '#domain/codes/region.ts';
import { rankScored, scoreMatch, SEMANTIC, type SemanticTuning, type DemandFacts, type Labeler, type MatchInput, type MatchReason, type ResultFacts } from '#domain/matching/score.ts';
import { indexName, meili } from './client.ts';
import { cosine, type Vector } from './embedding/embedder.ts';
import { demandEmbeddingText, EMBEDDER, resultEmbeddingText, toMeiliVector, vectorsFor } from './embedding/vectors.ts';
import type { DemandDocument } from './indexes/demands.ts';
import { RESULTS_INDEX, type ResultDocument } from './indexes/results.ts';
import { prepareQuery } from './query.ts';
import { currentLanguageSettings } from './settings.ts';
import { synonymTerms } from './synonym-terms.ts';

/**
 * The work one match list may cost, tuned with `bench:matching` (latency) and
 * `eval:matching` (quality) together: against 10 terms × 25 hits × 50 candidates in one
 * request, these cut p95 from 123 to 62 ms on 100,000 results for precision@5 0.450 → 0.445.
 */
/** Candidates re-scored. */
export const MATCH_CANDIDATES = 40;
/** Terms queried, keywords and title first (Meilisearch would read at most ten words of one query anyway). */
export const MATCH_QUERY_TERMS = 8;
/** Indicator terms are added only while title and keywords give fewer terms than this. */
export const INDICATOR_FILL = 4;
/** The term queries are split over this many concurrent requests: Meilisearch runs one request's queries one after another. */
export const MATCH_REQUESTS = 2;

/**
 * Words every demand or result title is full of (寻求…技术合作, 一种…的制备方法): they
 * say nothing about the topic, and would use up the query terms.
 */
export const GENERIC_TERMS: ReadonlySet<string> = new Set([
  '技术', '需求', '技术需求', '寻求', '征集', '求购', '合作', '技术合作', '开发', '研发', '研究', '攻关', '难题', '解决', '方案', '解决方案',
  '提供', '要求', '企业', '公司', '我司', '本公司', '项目', '需要', '问题', '相关', '产品', '提高', '提升', '实现', '进行', '用于', '一种',
  '及其', '方法', '制备方法', '应用', '系统', '装置', '基于', '工艺', '设备', '关键技术', '改进', '优化', '新型', '高效', '能力', '以上',
  '以下', '不低于', '不高于', '达到', '小于', '大于', '至少', '左右', '生产', '我们', '希望', '目前', '现有', '治理',
]);

const HAN = /\p{Script=Han}/u;

/** The query terms of some texts, in order: segmented like a search, generic words and numbers dropped, at most `max`. */
export function matchTerms(texts: readonly string[], keepWhole: ReadonlySet<string> = new Set(), max = MATCH_QUERY_TERMS): string[] {
  const out: string[] = [];
  for (const text of texts) {
    for (const t of prepareQuery(text, keepWhole).tokens.split(' ')) {
      if (!t || GENERIC_TERMS.has(t) || /^[\d.,%℃°+-]+$/u.test(t)) continue;
      if (HAN.test(t) ? [...t].length < 2 : t.length < 2) continue;
      if (!out.includes(t)) out.push(t);
      if (out.length >= max) return out;
    }
  }
  return out;
}

export type MatchContext = {
  keepWhole: ReadonlySet<string>;
  equivalents: (term: string) => readonly string[];
  label: Labeler;
  regionName?: (code: string) => string | null;
  /** A text's embedding (stored, or computed now), or null without a model: matching is then lexical only. */
  embed?: (text: string) => Promise<Vector | null>;
};

export type DemandProfile = DemandFacts & { title: string; description: string; keywords: readonly string[]; indicators: readonly string[]; ownerOrgId: string | null };
export type ResultProfile = ResultFacts & { title: string; abstract: string; keywords: readonly string[]; holderOrgId: string | null };

export type ResultMatch = {
  id: string;
  title: string;
  institution: string;
  holderOrgId: string;
  field: ResultDocument['field'];
  maturity: ResultDocument['maturity'];
  price: string | null;
  transferModes: ResultDocument['transferModes'];
  score: number;
  reasons: MatchReason[];
};

export type DemandMatch = {
  id: string;
  title: string;
  enterprise: string;
  ownerOrgId: string;
  field: DemandDocument['field'];
  maturityNeeded: DemandDocument['maturityNeeded'];
  budget: string | null;
  cooperationModes: DemandDocument['cooperationModes'];
  deadline: string | null;
  score: number;
  reasons: MatchReason[];
};

export type Matches<T> = { items: T[]; terms: string[] };

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function tokensOf(doc: { titleTokens: string; bodyTokens: string; keywords: string[] }): Set<string> {
  const set = new Set<string>();
  for (const t of `${doc.titleTokens} ${doc.bodyTokens}`.split(' ')) if (t) set.add(t);
  for (const k of doc.keywords) set.add(k.toLowerCase());
  return set;
}

/** Hits read per term: enough for the OR of the terms to surface documents that share several. */
export const PER_TERM_HITS = 15;
/** Terms taken only from indicators count half: they name properties (耐温, 检出率) more than topics. */
const INDICATOR_WEIGHT = 0.5;
/** A document whose tokens hold a term but fell outside that term's top hits still earns this much of it. */
const CONTAINED_SCORE = 0.8;

type Term = { term: string; weight: number };

/** Overrides of the constants above, for the evaluation and the benchmark to try other settings. */
export type MatchTuning = {
  /** Results returned. */
  limit: number;
  /** Candidates re-scored. */
  candidates?: number;
  /** Hits read per term. */
  perTermHits?: number;
  /** Terms queried (each is one query of the multi-search). */
  maxTerms?: number;
  /** Indicator terms are added only while there are fewer terms than this. */
  indicatorFill?: number;
  /** The term queries split over this many concurrent requests (Meilisearch runs one request's queries in turn). */
  requests?: number;
  /** Nearest neighbours by meaning added to the candidates. */
  semanticCandidates?: number;
  /** Other weights for meaning than domain/matching/score.ts SEMANTIC. */
  semantic?: Partial<SemanticTuning>;
};

/** Candidates the embedding adds: the nearest documents by meaning, whatever words they use. */
export const SEMANTIC_CANDIDATES = 30;

/** The keywords (the enterprise's own choice of words), then the title; indicator terms at half weight while there are few. */
function weightedTerms(main: readonly string[], indicators: readonly string[], keepWhole: ReadonlySet<string>, t: MatchTuning): Term[] {
  const max = t.maxTerms ?? MATCH_QUERY_TERMS;
  const primary = matchTerms(main, keepWhole, max);
  const room = Math.max(0, (t.indicatorFill ?? INDICATOR_FILL) - primary.length);
  const extra = matchTerms(indicators, keepWhole).filter((x) => !primary.includes(x)).slice(0, room);
  return [...primary.map((term) => ({ term, weight: 1 })), ...extra.map((term) => ({ term, weight: INDICATOR_WEIGHT }))].slice(0, max);
}

type Candidate = { id: string; perTerm: Map<string, number> };

/**
 * The candidates: one multi-search request holding one query per term (Meilisearch
 * ANDs the words of a query, and `frequency`/`last` only drop words, so a term missing
 * from the corpus or a rare stray word would decide the whole result), plus an empty
 * query for the corpus size. Terms weigh by rarity (inverse document frequency) and
 * by source; a document's text score is the weighted share of the terms it matches,
 * each by its `_rankingScore`. Returns the best `limit` ids, and the terms that exist.
 */
type MultiSearchAnswer = { results: Array<{ hits: Array<{ id: string; _rankingScore?: number }>; estimatedTotalHits?: number }> };

async function findCandidates(index: Index, terms: Term[], filter: string[], t: MatchTuning, vector: Vector | null) {
  const queries: Array<Record<string, unknown>> = [
    { indexUid: index.uid, q: '', limit: 0, filter },
    ...terms.map((x) => ({ indexUid: index.uid, q: x.term, limit: t.perTermHits ?? PER_TERM_HITS, filter, showRankingScore: true, attributesToRetrieve: ['id'] })),
  ];
  const semanticLimit = vector ? (t.semanticCandidates ?? SEMANTIC_CANDIDATES) : 0;
  if (semanticLimit > 0) {
    // Only neighbours above the floor of meaning (score = (1 + cosine) / 2): an unrelated nearest document is no candidate.
    const floor = (1 + (t.semantic?.floor ?? SEMANTIC.floor)) / 2;
    queries.push({ indexUid: index.uid, q: '', vector: toMeiliVector(vector), hybrid: { embedder: EMBEDDER, semanticRatio: 1 }, limit: semanticLimit, filter, rankingScoreThreshold: floor, attributesToRetrieve: ['id'] });
  }
  const parts = Math.max(1, Math.min(t.requests ?? MATCH_REQUESTS, queries.length));
  const size = Math.ceil(queries.length / parts);
  const answers = await Promise.all(
    Array.from({ length: parts }, (_, i) => index.httpRequest.post<MultiSearchAnswer>({ path: 'multi-search', body: { queries: queries.slice(i * size, (i + 1) * size) } })),
  );
  const [all, ...rest] = answers.flatMap((a) => a.results);
  const perTerm = semanticLimit > 0 ? rest.slice(0, -1) : rest;
  const nearest = semanticLimit > 0 ? (rest.at(-1)?.hits.map((h) => h.id) ?? []) : [];
  const total = Math.max(1, all?.estimatedTotalHits ?? 1);
  const weights = new Map<string, number>();
  const found: Term[] = [];
  const byId = new Map<string, Candidate>();
  perTerm.forEach((r, i) => {
    const term = terms[i]!;
    const df = r.estimatedTotalHits ?? r.hits.length;
    if (df === 0) return;
    const w = term.weight * Math.log(1 + total / df);
    weights.set(term.term, w);
    found.push(term);
    for (const h of r.hits) {
      const c = byId.get(h.id) ?? { id: h.id, perTerm: new Map<string, number>() };
      c.perTerm.set(term.term, h._rankingScore ?? 0);
      byId.set(h.id, c);
    }
  });
  // A term no document holds still counts against every candidate (钢琴 in a piano maker's demand
  // should not leave 制造 to decide alone), at the average weight: it may be a stray cut, not a rare word.
  const present = [...weights.values()];
  const averageIdf = present.length ? present.reduce((a, b) => a + b, 0) / found.reduce((a, t) => a + t.weight, 0) : 0;
  const absent = terms.filter((t) => !weights.has(t.term)).reduce((a, t) => a + t.weight * averageIdf, 0);
  const sumW = present.reduce((a, b) => a + b, 0) + absent || 1;
  const textScore = (c: Candidate) => [...c.perTerm].reduce((s, [term, score]) => s + (weights.get(term) ?? 0) * score, 0) / sumW;
  const ranked = [...byId.values()].map((c) => ({ c, s: textScore(c) })).sort((a, b) => b.s - a.s).slice(0, t.candidates ?? MATCH_CANDIDATES);
  const candidates = ranked.map((x) => x.c);
  // The nearest by meaning join those the terms found, whatever words they use.
  const chosen = new Set(candidates.map((c) => c.id));
  for (const id of nearest) {
    if (chosen.has(id)) continue;
    candidates.push(byId.get(id) ?? { id, perTerm: new Map() });
    chosen.add(id);
  }
  return { candidates, weights, sumW, found };
}

/** The text score once the candidate's tokens are known: terms it contains beyond its top-hit lists count too. */
function textScoreOf(c: Candidate, tokens: ReadonlySet<string>, weights: Map<string, number>, sumW: number, equivalents: (t: string) => readonly string[]): number {
  let s = 0;
  for (const [term, w] of weights) {
    const hit = c.perTerm.get(term);
    if (hit !== undefined) s += w * hit;
    else if (tokens.has(term) || equivalents(term).some((e) => tokens.has(e))) s += w * CONTAINED_SCORE;
  }
  return s / sumW;
}

/** What both directions hand the scorer besides the two sides' facts. */
type TextEvidence = Omit<MatchInput, 'demand' | 'result'>;
type MatchDocument = { id: string; regionCode: string; titleTokens: string; bodyTokens: string; keywords: string[] };

/** What Meilisearch returns for a document's vectors with `retrieveVectors`. */
type RetrievedVectors = { _vectors?: Record<string, { embeddings?: number[][] | number[] } | null> };

/** The cosine of the query vector and the document's own, or null when the document has none. */
function similarityTo(vector: Vector, doc: unknown): number | null {
  const e = (doc as RetrievedVectors)._vectors?.[EMBEDDER]?.embeddings;
  const v = Array.isArray(e?.[0]) ? (e[0] as number[]) : (e as number[] | undefined);
  return v && v.length === vector.length ? cosine(vector, v) : null;
}

/**
 * The pipeline both directions share: candidates by text, then their documents, then
 * `toMatch` scores each one; best first, at most `opts.limit`.
 */
async function rankCandidates<D extends MatchDocument, M extends { score: number }>(
  index: Index<D>,
  terms: Term[],
  semanticText: string | null,
  filter: string[],
  fields: readonly Extract<keyof D, string>[],
  ctx: MatchContext,
  opts: MatchTuning,
  toMatch: (doc: D, evidence: TextEvidence) => M,
): Promise<Matches<M>> {
  const vector = semanticText && ctx.embed ? await ctx.embed(semanticText) : null;
  if (terms.length === 0 && !vector) return { items: [], terms: [] };
  const { candidates, weights, sumW, found } = await findCandidates(index as Index, terms, filter, opts, vector);
  const queryTerms = terms.map((t) => t.term);
  if ((found.length === 0 && !vector) || candidates.length === 0) return { items: [], terms: queryTerms };
  const docs = await index.getDocuments({ ids: candidates.map((c) => c.id), fields: [...fields], limit: candidates.length, ...(vector ? { retrieveVectors: true } : {}) });
  const byId = new Map(docs.results.map((d) => [d.id, d]));
  const scored = candidates.flatMap((c) => {
    const doc = byId.get(c.id);
    if (!doc) return [];
    const tokens = tokensOf(doc);
    return [
      toMatch(doc, {
        rankingScore: textScoreOf(c, tokens, weights, sumW, ctx.equivalents),
        queryTerms,
        candidateTokens: tokens,
        equivalents: ctx.equivalents,
        counterpart: { regionCode: doc.regionCode, regionName: ctx.regionName?.(doc.regionCode) ?? null },
        semantic: vector ? similarityTo(vector, doc) : null,
        semanticTuning: opts.semantic,
      }),
    ];
  });
  return { items: rankScored(scored).slice(0, opts.limit), terms: queryTerms };
}

const RESULT_FIELDS_TO_READ = ['id', 'title', 'institution', 'holderOrgId', 'regionCode', 'field', 'maturity', 'priceText', 'transferModes', 'keywords', 'titleTokens', 'bodyTokens'] as const;

/** The results that best meet a demand, best first. */
export async function rankResultsForDemand(
  index: Index<ResultDocument>,
  demand: DemandProfile,
  ctx: MatchContext,
  opts: MatchTuning,
): Promise<Matches<ResultMatch>> {
  const terms = weightedTerms([...demand.keywords, demand.title], demand.indicators, ctx.keepWhole, opts);
  const filter = demand.ownerOrgId ? [`holderOrgId != ${quote(demand.ownerOrgId)}`] : [];
  return rankCandidates(index, terms, demandEmbeddingText(demand), filter, RESULT_FIELDS_TO_READ, ctx, opts, (h, evidence) => {
    const s = scoreMatch(
      { demand, result: { field: h.field, maturity: h.maturity, price: h.priceText, transferModes: h.transferModes as ResultFacts['transferModes'] }, ...evidence },
      ctx.label,
    );
    return {
      id: h.id,
      title: h.title,
      institution: h.institution,
      holderOrgId: h.holderOrgId,
      field: h.field,
      maturity: h.maturity,
      price: h.priceText,
      transferModes: h.transferModes,
      score: s.score,
      reasons: s.reasons,
    } satisfies ResultMatch;
  });
}

const DEMAND_FIELDS_TO_READ = ['id', 'title', 'enterprise', 'ownerOrgId', 'regionCode', 'field', 'maturityNeeded', 'budgetText', 'cooperationModes', 'deadline', 'keywords', 'titleTokens', 'bodyTokens'] as const;

/** The published demands a result could meet, best first. */
export async function rankDemandsForResult(
  index: Index<DemandDocument>,
  result: ResultProfile,
  ctx: MatchContext,
  opts: MatchTuning,
): Promise<Matches<DemandMatch>> {
  const terms = weightedTerms([result.title, ...result.keywords], [], ctx.keepWhole, opts);
  const filter = ['status = "published"'];
  if (result.holderOrgId) filter.push(`ownerOrgId != ${quote(result.holderOrgId)}`);
  return rankCandidates(index, terms, resultEmbeddingText(result), filter, DEMAND_FIELDS_TO_READ, ctx, opts, (h, evidence) => {
    const s = scoreMatch(
      { demand: { field: h.field, maturityNeeded: h.maturityNeeded, budget: h.budgetText, cooperationModes: h.cooperationModes as DemandFacts['cooperationModes'] }, result, ...evidence },
      ctx.label,
    );
    return {
      id: h.id,
      title: h.title,
      enterprise: h.enterprise,
      ownerOrgId: h.ownerOrgId,
      field: h.field,
      maturityNeeded: h.maturityNeeded,
      budget: h.budgetText,
      cooperationModes: h.cooperationModes,
      deadline: h.deadline,
      score: s.score,
      reasons: s.reasons,
    } satisfies DemandMatch;
  });
}

/** Equivalent terms from Meilisearch's synonym map (as `toMeiliSynonyms` + narrower terms build it). */
export function equivalentsFrom(synonyms: Record<string, readonly string[]>): (term: string) => readonly string[] {
  return (term) => (Object.hasOwn(synonyms, term) ? (synonyms[term] ?? []) : []);
}

const TTL_MS = 30_000;
let cachedEquivalents: { at: number; fn: MatchContext['equivalents'] } | undefined;
const districts = new Map(LIAOCHENG_DISTRICTS.map((d) => [d.code, d.name]));

/**
 * The live context: the synonym terms kept whole and the synonym map the indexes use
 * (the bureau's groups plus the narrower terms), cached for 30 s like synonymTerms.
 */
export async function matchContext(label: Labeler = (k) => k): Promise<MatchContext> {
  if (!cachedEquivalents || Date.now() - cachedEquivalents.at >= TTL_MS) {
    const { synonyms } = await currentLanguageSettings(getDb());
    cachedEquivalents = { at: Date.now(), fn: equivalentsFrom(synonyms) };
  }
  return {
    keepWhole: await synonymTerms(),
    equivalents: cachedEquivalents.fn,
    label,
    regionName: (code) => districts.get(code) ?? null,
    // The stored vector when the text was embedded before (a synced listing or demand), else embedded now and stored.
    embed: async (text) => (await vectorsFor(getDb(), [text]))[0] ?? null,
  };
}

type Demand = typeof demands.$inferSelect;

export function demandProfile(d: Demand): DemandProfile {
  return {
    title: d.title,
    description: d.description,
    keywords: d.keywords,
    indicators: d.indicators,
    field: d.field,
    maturityNeeded: d.maturityNeeded,
    budget: d.budget?.toFixed(2) ?? null,
    cooperationModes: d.cooperationModes,
    ownerOrgId: d.ownerOrgId,
  };
}

/** The best score a demand gets from the live results index, or null when the engine cannot tell now. */
export async function bestMatchScore(d: Demand): Promise<number | null> {
  try {
    const m = await rankResultsForDemand(meili().index<ResultDocument>(indexName(RESULTS_INDEX)), demandProfile(d), await matchContext(), { limit: 1, candidates: 20 });
    return m.items[0]?.score ?? 0;
  } catch (e) {
    console.warn(`[matching] best score of demand ${d.id} not computed now: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
}
