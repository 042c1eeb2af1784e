import { MeilisearchApiError, MeilisearchRequestError, type Index } from 'meilisearch';
import { z } from 'zod';
import { IP_TYPES, MATURITIES, RESULT_FIELDS, TRANSFER_MODES } from '#db/schema.ts';
import { parseMoney } from '#domain/money.ts';
import { parsePatentNo } from '#domain/codes/patent.ts';
import { normalizeText } from '#search/normalize.ts';
import { segmentQuery } from '#search/segment.ts';
import { embedText, type Vector } from './embedding/embedder.ts';
import { EMBEDDER, toMeiliVector } from './embedding/vectors.ts';
import { exactQuery, semanticQueryText } from './semantic-query.ts';
import { addFacetCounts, byNumber, fuse } from './fusion.ts';
import { indexName, meili } from './client.ts';
import { synonymTerms } from './synonym-terms.ts';
import { highlight, markableTerms, snippet } from './highlight.ts';
import { ABBREVIATIONS } from './abbreviations.ts';
import { isMostlyLatin, toChinese } from './english.ts';
import { RESULT_FACETS, RESULTS_INDEX, type ResultDocument } from './indexes/results.ts';

/** Longer queries are cut here: nobody types more, and it bounds the work per request. */
export const QUERY_MAX_CHARS = 200;
export const SORTS = ['relevance', 'newest', 'price_asc', 'price_desc'] as const;

const moneyParam = z.string().transform((v, ctx) => {
  const d = parseMoney(v);
  if (d) return d;
  ctx.addIssue({ code: 'custom', message: 'validation.price' });
  return z.NEVER;
});
const many = <T extends z.ZodType>(item: T) => z.array(item).max(10).default([]);

/** The search's whole state, as it appears in the URL. Unknown values are a 400, never part of a filter. */
export const resultSearchSchema = z.object({
  q: z.string().default(''),
  field: many(z.enum(RESULT_FIELDS, { message: 'validation.field' })),
  ipType: many(z.enum(IP_TYPES, { message: 'validation.ipType' })),
  maturity: many(z.enum(MATURITIES, { message: 'validation.maturity' })),
  transferMode: many(z.enum(TRANSFER_MODES, { message: 'validation.transferModes' })),
  institution: many(z.string().trim().min(1).max(100)),
  priceMin: moneyParam.optional(),
  priceMax: moneyParam.optional(),
  sort: z.enum(SORTS).default('relevance'),
  page: z.coerce.number().int().min(1).max(250).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ResultSearch = z.output<typeof resultSearchSchema>;

const MULTI = ['field', 'ipType', 'maturity', 'transferMode', 'institution'] as const;

/** URLSearchParams → plain object for the schema (repeated keys become arrays). */
export function searchParamsToObject(params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key).filter((v) => v !== '');
    if (values.length === 0) continue;
    out[key] = (MULTI as readonly string[]).includes(key) ? values : values[0];
  }
  return out;
}

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

type Facet = (typeof RESULT_FACETS)[number];

/** Each facet group: its URL parameter and its index attribute. */
export const FACET_GROUPS: ReadonlyArray<{ param: (typeof MULTI)[number]; facet: Facet }> = [
  { param: 'field', facet: 'field' },
  { param: 'ipType', facet: 'ipType' },
  { param: 'maturity', facet: 'maturity' },
  { param: 'transferMode', facet: 'transferModes' },
  { param: 'institution', facet: 'institution' },
];

/**
 * Filter expressions built only from validated values: enum members and quoted strings.
 * Values of one group are OR'ed (`IN [...]`), groups and the price bounds AND'ed. `except`
 * leaves one group out: its facet counts are those of the search without its own filter.
 */
export function buildFilter(s: ResultSearch, except?: Facet): string[] {
  const f: string[] = [];
  for (const { param, facet } of FACET_GROUPS) {
    const values = s[param];
    if (facet !== except && values.length) f.push(`${facet} IN [${values.map(quote).join(', ')}]`);
  }
  if (s.priceMin) f.push(`price >= ${s.priceMin.toFixed(2)}`);
  if (s.priceMax) f.push(`price <= ${s.priceMax.toFixed(2)}`);
  return f;
}

/** The facet groups the search filters on. */
function filteredGroups(s: ResultSearch): Facet[] {
  return FACET_GROUPS.filter((g) => s[g.param].length > 0).map((g) => g.facet);
}

export function hasFilters(s: ResultSearch): boolean {
  return filteredGroups(s).length > 0 || !!s.priceMin || !!s.priceMax;
}

const SORT: Record<ResultSearch['sort'], string[] | undefined> = {
  relevance: undefined,
  newest: ['publishedAt:desc'],
  price_asc: ['price:asc'],
  price_desc: ['price:desc'],
};

export type SearchHit = {
  id: string;
  title: string;
  titleEn: string | null;
  abstract: string;
  field: ResultDocument['field'];
  ipType: ResultDocument['ipType'];
  patentNo: string | null;
  institution: string;
  price: string | null;
  maturity: ResultDocument['maturity'];
  transferModes: string[];
  keywords: string[];
  highlight: { title: string; titleEn: string | null; abstract: string };
};

export type SearchAnswer = {
  items: SearchHit[];
  total: number;
  page: number;
  pageSize: number;
  facets: Record<(typeof RESULT_FACETS)[number], Record<string, number>>;
  query: { text: string; tokens: string };
  /** The patent number (normal form) when the query was one: the items are exactly the listings with it. */
  patentNo: string | null;
  /** With no items: other searches that were run and do find listings (see suggestAlternatives). */
  suggestions: Suggestion[];
};

/**
 * A search to offer when one finds nothing, only ever one that was run and has hits:
 * the same words without the filters, fewer words, or an English query in Chinese.
 */
export type Suggestion = { q: string; keepFilters: boolean; total: number; reason: 'withoutFilters' | 'fewerWords' | 'chinese' };

/** At most this many alternative searches are tried (one multi-search, no hits fetched). */
const SUGGESTION_TRIES = 6;

/**
 * Normalises and segments the user's words the way the index was built. A word that is
 * itself a synonym term is kept whole, so the synonym applies.
 */
export function prepareQuery(raw: string, keepWhole: ReadonlySet<string> = new Set()): { text: string; tokens: string } {
  const text = normalizeText(raw).slice(0, QUERY_MAX_CHARS).trim();
  if (!text) return { text, tokens: '' };
  const parts = text.split(/\s+/);
  if (!parts.some((p) => keepWhole.has(p))) return { text, tokens: segmentQuery(text) };
  return { text, tokens: parts.map((p) => (keepWhole.has(p) ? p : segmentQuery(p))).filter(Boolean).join(' ') };
}

const ABBREVIATION_FORMS: ReadonlySet<string> = new Set(ABBREVIATIONS.map(([a]) => a));
const LAST_LATIN_WORD = /([\p{Script=Latin}0-9][\p{Script=Latin}0-9+&-]*)\s*$/u;

/**
 * True when the query's last word is an abbreviation or chemical formula as written: two or
 * more capitals (GaN, SiC, PLC, IoT, LiFePO4) or an entry of search/abbreviations.ts in its
 * own case (mAb). Such a word means itself, not the start of a longer one.
 */
export function endsWithWholeTerm(raw: string): boolean {
  const word = LAST_LATIN_WORD.exec(normalizeText(raw, { lowerCase: false }))?.[1];
  if (!word || !/\p{Lu}/u.test(word)) return false;
  return (word.match(/\p{Lu}/gu)?.length ?? 0) >= 2 || ABBREVIATION_FORMS.has(word);
}

/**
 * The lexical `q` for the prepared tokens. Meilisearch reads a query's last word as a
 * prefix unless the query ends in a space; a whole term (see endsWithWholeTerm) gets that
 * space, so GaN finds 氮化镓 (its synonym) and "gan" listings but not Ganoderma.
 */
export function lexicalQ(raw: string, tokens: string): string {
  return tokens && endsWithWholeTerm(raw) ? `${tokens} ` : tokens;
}

/** Which rankings a search combines: production runs `hybrid`; the evaluation compares all three. */
export type SearchMode = 'lexical' | 'semantic' | 'hybrid';

/**
 * The hybrid search's settings, tuned on the tuning halves of the dev sets only
 * (`npm run eval:search`; docs/search-evaluation.md has the figures of both halves).
 */
export const HYBRID = {
  /** The semantic side's weight against the lexical side's (search/fusion.ts). */
  semanticRatio: 0.3,
  /** Semantic hits fetched: the nearest few only; beyond them meaning says little. */
  semanticHits: 20,
  /**
   * Semantic hits scoring under this are not shown (Meilisearch's (1 + cosine) / 2; 0.70
   * is cosine 0.40, inside the model's unrelated band of 0.17–0.45: 0.72 and 0.74 lost
   * relevant hits on the tuning halves, recall 0.863 → 0.808 → 0.729).
   */
  semanticFloor: 0.7,
  /**
   * When the lexical side finds nothing, the nearest by meaning must score at least this,
   * or the answer is empty: a query about nothing listed (钢琴 on the dev set, best 0.69) gets no
   * made-up neighbours. 0.725 also emptied two real queries of the tuning halves; xyzzy (0.715) still passes.
   */
  aloneFloor: 0.71,
  /** Added to a lexical hit that is also among the nearest by meaning. */
  bothBonus: 0.05,
} as const;

export type HybridTuning = { [K in keyof typeof HYBRID]: number };

export type SearchContext = {
  /** Synonym terms sent whole (see prepareQuery). */
  keepWhole: ReadonlySet<string>;
  mode: SearchMode;
  /** The query's vector, or null when there is no model (then the search is lexical). */
  embed: (text: string) => Promise<Vector | null>;
  hybrid?: Partial<HybridTuning>;
};

const DISPLAYED = ['id', 'title', 'titleEn', 'abstract', 'field', 'ipType', 'patentNo', 'institution', 'priceText', 'maturity', 'transferModes', 'keywords'] as const;
type Displayed = Pick<ResultDocument, (typeof DISPLAYED)[number]>;
type MultiAnswer = { results: Array<{ hits: Array<Displayed & { _rankingScore?: number; price?: number | null; publishedAt?: number }>; totalHits?: number; estimatedTotalHits?: number; facetDistribution?: Record<string, Record<string, number>> }> };

const warned = new Set<string>();
function warnOnce(line: string): void {
  if (warned.has(line)) return;
  warned.add(line);
  console.warn(line);
}

/** Pages deeper than this many hits are lexical only: the few semantic additions all rank above them. */
const FUSED_DEPTH = 1_000;

type Sortable = { price?: number | null; publishedAt?: number };
const ORDER: Record<Exclude<ResultSearch['sort'], 'relevance'>, (a: Sortable, b: Sortable) => number> = {
  newest: byNumber((h: Sortable) => h.publishedAt, 'desc'),
  // Listings without a price (面议) come last either way, as Meilisearch sorts them.
  price_asc: byNumber((h: Sortable) => h.price, 'asc'),
  price_desc: byNumber((h: Sortable) => h.price, 'desc'),
};

export type ResultSearchOutcome = {
  hits: Displayed[];
  total: number;
  facets: Record<string, Record<string, number>>;
  query: { text: string; tokens: string };
  /** How many of the page's hits only the semantic side found. */
  semanticAdded: number;
  /** The patent number (normal form) when the query was one: then the hits are exactly the listings with it. */
  patentNo?: string;
};

type Ask = (q: object) => Promise<MultiAnswer['results'][number]>;

function asker(index: Index<ResultDocument>): Ask {
  return async (q) => (await index.httpRequest.post<MultiAnswer>({ path: 'multi-search', body: { queries: [q] } })).results[0]!;
}

/** How many listings a patent lookup may return: one number is one listing, rarely a few (a patent offered twice). */
const PATENT_HITS = 50;

/**
 * A query that is a patent number, in any form parsePatentNo reads, is an exact lookup:
 * the listings with that number (under the filters), never a lexical near miss. The index
 * is asked on `patentTokens` only, and what it answers is checked against the number.
 */
async function patentLookup(index: Index<ResultDocument>, s: ResultSearch, normalized: string, digits: string, query: ResultSearchOutcome['query']): Promise<ResultSearchOutcome> {
  const answer = await asker(index)({
    indexUid: index.uid,
    q: `${digits} `,
    attributesToSearchOn: ['patentTokens'],
    matchingStrategy: 'all',
    filter: buildFilter(s),
    sort: SORT[s.sort],
    limit: PATENT_HITS,
    attributesToRetrieve: [...DISPLAYED, ...RESULT_FACETS],
  });
  const same = (no: string | null) => {
    const p = no ? parsePatentNo(no) : undefined;
    return !!p?.ok && p.normalized === normalized;
  };
  const all = answer.hits.filter((h) => same(h.patentNo));
  const offset = (s.page - 1) * s.pageSize;
  return {
    hits: all.slice(offset, offset + s.pageSize),
    total: all.length,
    facets: addFacetCounts({}, all as unknown as Array<Record<string, unknown>>, RESULT_FACETS),
    query,
    semanticAdded: 0,
    patentNo: normalized,
  };
}

/**
 * Facet counts, disjunctive within a group: each filtered group's counts are those of the
 * search with every filter but its own (one facet-only query per filtered group, in one
 * multi-search), so ticking 新材料 leaves the other 技术领域 and their counts in view.
 */
async function groupCounts(index: Index<ResultDocument>, s: ResultSearch, q: string): Promise<Record<string, Record<string, number>>> {
  const groups = filteredGroups(s);
  if (groups.length === 0) return {};
  const queries = groups.map((g) => ({ indexUid: index.uid, q, filter: buildFilter(s, g), facets: [g], matchingStrategy: 'last', limit: 0 }));
  const answer = await index.httpRequest.post<MultiAnswer>({ path: 'multi-search', body: { queries } });
  return Object.fromEntries(groups.map((g, i) => [g, answer.results[i]?.facetDistribution?.[g] ?? {}]));
}

/**
 * The one search both the site and the evaluation run, on any index handle. A patent
 * number takes the exact lookup (patentLookup); a credit code the exact path (lexical only); otherwise the query's
 * Chinese (English brought to Chinese first) is embedded, and the lexical query (with the
 * filters, sort, facets and exact total) runs beside the semantic one (its nearest hits
 * above a floor, same filters); search/fusion.ts merges them. Without a vector it is the
 * lexical search alone.
 */
export async function runResultSearch(index: Index<ResultDocument>, s: ResultSearch, ctx: SearchContext): Promise<ResultSearchOutcome> {
  const query = prepareQuery(s.q, ctx.keepWhole);
  const patent = query.text ? parsePatentNo(query.text) : undefined;
  if (patent?.ok) return patentLookup(index, s, patent.normalized, patent.digits, query);
  const lexQ = lexicalQ(s.q.slice(0, QUERY_MAX_CHARS), query.tokens);
  if (ctx.mode === 'semantic') {
    const { addedHits: _, ...ranked } = await runRanked(index, s, ctx, query, lexQ);
    return ranked;
  }
  const disjunctive = groupCounts(index, s, lexQ);
  disjunctive.catch(() => undefined); // awaited below
  const { addedHits = [], ...ranked } = await runRanked(index, s, ctx, query, lexQ);
  const own = await disjunctive;
  if (Object.keys(own).length === 0) return ranked;
  // The semantic additions match every filter: they count in their own group's values too.
  const facets = { ...ranked.facets, ...addFacetCounts(own, addedHits as unknown as Array<Record<string, unknown>>, Object.keys(own)) };
  return { ...ranked, facets };
}

async function runRanked(
  index: Index<ResultDocument>,
  s: ResultSearch,
  ctx: SearchContext,
  query: ResultSearchOutcome['query'],
  lexQ: string,
): Promise<ResultSearchOutcome & { addedHits?: Displayed[] }> {
  const t: HybridTuning = { ...HYBRID, ...ctx.hybrid };
  const semanticText = ctx.mode !== 'lexical' && query.text && !exactQuery(query.text) ? semanticQueryText(s.q.slice(0, QUERY_MAX_CHARS)) : null;
  const offset = (s.page - 1) * s.pageSize;
  // Fused, the lexical hits from the top are merged with the semantic ones, then the page is cut.
  const fused = !!semanticText && offset + s.pageSize <= FUSED_DEPTH;
  const filter = buildFilter(s);
  const attributes = [...DISPLAYED, 'price', 'publishedAt', ...RESULT_FACETS];
  const lexical = {
    indexUid: index.uid,
    q: lexQ,
    filter,
    sort: SORT[s.sort],
    facets: [...RESULT_FACETS],
    matchingStrategy: 'last',
    attributesToRetrieve: fused ? attributes : [...DISPLAYED],
    showRankingScore: true,
    ...(fused ? { page: 1, hitsPerPage: offset + s.pageSize } : { page: s.page, hitsPerPage: s.pageSize }),
  };
  const ask = asker(index);
  // The lexical query leaves before the query is embedded, and the semantic one runs beside it
  // (two requests, which Meilisearch serves in parallel, rather than one multi-search it runs in turn).
  const lexAsked = ctx.mode === 'semantic' ? undefined : ask(lexical);
  lexAsked?.catch(() => undefined); // awaited below, after the embedding
  const lexicalOnly = async () => {
    const lex = await (lexAsked ?? ask(lexical));
    return { hits: fused ? lex.hits.slice(offset, offset + s.pageSize) : lex.hits, total: lex.totalHits ?? 0, facets: lex.facetDistribution ?? {}, query, semanticAdded: 0 };
  };
  const vector = semanticText ? await ctx.embed(semanticText) : null;
  if (!vector || !fused) return lexicalOnly();
  const semantic = {
    indexUid: index.uid,
    q: '',
    vector: toMeiliVector(vector),
    hybrid: { embedder: EMBEDDER, semanticRatio: 1 },
    filter,
    limit: t.semanticHits,
    rankingScoreThreshold: t.semanticFloor,
    showRankingScore: true,
    attributesToRetrieve: attributes,
  };
  if (ctx.mode === 'semantic') {
    // The semantic ranking alone (the evaluation's baseline): nearest first, paged.
    const sem = await ask({ ...semantic, limit: s.pageSize, offset, rankingScoreThreshold: undefined });
    return { hits: sem.hits, total: sem.hits.length, facets: {}, query, semanticAdded: sem.hits.length };
  }
  let lex: MultiAnswer['results'][number];
  let sem: MultiAnswer['results'][number];
  let alsoLexical = new Set<string>();
  try {
    // Which semantic hits match lexically too (those beyond the lexical hits fetched are no
    // additions): asked for all of them as soon as they are known, beside the lexical query.
    const semAsked = ask(semantic);
    const checked = semAsked.then((answer) =>
      answer.hits.length
        ? ask({ indexUid: index.uid, q: lexQ, filter: [...filter, `id IN [${answer.hits.map((h) => quote(h.id)).join(', ')}]`], matchingStrategy: 'last', limit: answer.hits.length, attributesToRetrieve: ['id'] })
        : undefined,
    );
    const [lexAnswer, semAnswer, check] = await Promise.all([lexAsked!, semAsked, checked]);
    lex = lexAnswer;
    sem = semAnswer;
    alsoLexical = new Set(check?.hits.map((h) => h.id) ?? []);
  } catch (e) {
    // An index built before its settings had the embedder (or `id` filterable) answers lexically until `npm run search:reindex`.
    if (!(e instanceof MeilisearchApiError) && !(e instanceof MeilisearchRequestError && e.cause instanceof MeilisearchApiError)) throw e;
    warnOnce(`[search] hybrid search unavailable on ${index.uid} (${e.message.split('\n')[0]}): lexical only until \`npm run search:reindex\``);
    return lexicalOnly();
  }
  const lexTotal = lex.totalHits ?? 0;
  if (lexTotal === 0 && (sem.hits[0]?._rankingScore ?? 0) < t.aloneFloor) return { hits: [], total: 0, facets: {}, query, semanticAdded: 0 };
  const merged = fuse({
    lexical: lex.hits.map((hit) => ({ hit, score: hit._rankingScore ?? 0 })),
    semantic: sem.hits.map((hit) => ({ hit, score: hit._rankingScore ?? 0 })),
    alsoLexical,
    id: (h) => h.id,
    ratio: t.semanticRatio,
    bothBonus: t.bothBonus,
    compare: s.sort === 'relevance' ? undefined : ORDER[s.sort],
  });
  const page = merged.hits.slice(offset, offset + s.pageSize);
  return {
    hits: page,
    total: lexTotal + merged.added.length,
    facets: addFacetCounts(lex.facetDistribution ?? {}, merged.added as unknown as Array<Record<string, unknown>>, RESULT_FACETS),
    query,
    semanticAdded: page.filter((h) => merged.added.includes(h)).length,
    addedHits: merged.added,
  };
}

/**
 * For a search with no hits: the alternatives that do find listings, best first, each
 * counted by its lexical query (if that has hits, so has the hybrid search). Without
 * filters (if any are on); leaving out one word (of a query of several); an English query
 * brought to Chinese. The page shows them as links, or general advice when none finds anything.
 */
export async function suggestAlternatives(index: Index<ResultDocument>, s: ResultSearch, keepWhole: ReadonlySet<string>): Promise<Suggestion[]> {
  const raw = normalizeText(s.q, { lowerCase: false }).slice(0, QUERY_MAX_CHARS);
  const patent = raw ? parsePatentNo(raw) : undefined;
  if (patent?.ok) {
    // A patent number stays an exact lookup: the only alternative is the same number without the filters.
    if (!hasFilters(s)) return [];
    const unfiltered = resultSearchSchema.parse({ q: s.q });
    const found = await patentLookup(index, unfiltered, patent.normalized, patent.digits, prepareQuery(s.q));
    return found.total > 0 ? [{ q: raw, keepFilters: false, total: found.total, reason: 'withoutFilters' }] : [];
  }
  const tries: Array<Omit<Suggestion, 'total'>> = [];
  if (hasFilters(s)) tries.push({ q: raw, keepFilters: false, reason: 'withoutFilters' });
  const words = raw.split(' ').filter(Boolean);
  if (words.length > 1) for (let i = words.length - 1; i >= 0; i--) tries.push({ q: words.filter((_, j) => j !== i).join(' '), keepFilters: true, reason: 'fewerWords' });
  if (raw && isMostlyLatin(raw)) {
    const zh = toChinese(raw);
    if (zh.translated && zh.text !== raw) tries.push({ q: zh.text, keepFilters: true, reason: 'chinese' });
  }
  const chosen = tries.slice(0, SUGGESTION_TRIES);
  if (chosen.length === 0) return [];
  const queries = chosen.map((t) => ({
    indexUid: index.uid,
    q: lexicalQ(t.q, prepareQuery(t.q, keepWhole).tokens),
    filter: t.keepFilters ? buildFilter(s) : [],
    matchingStrategy: 'last',
    limit: 0,
  }));
  const answer = await index.httpRequest.post<MultiAnswer>({ path: 'multi-search', body: { queries } });
  const out: Suggestion[] = [];
  chosen.forEach((t, i) => {
    const total = answer.results[i]?.estimatedTotalHits ?? answer.results[i]?.totalHits ?? 0;
    if (total > 0 && !out.some((o) => o.q === t.q && o.keepFilters === t.keepFilters)) out.push({ ...t, total });
  });
  return out.slice(0, 3);
}

export async function searchResults(s: ResultSearch): Promise<SearchAnswer> {
  const index = meili().index<ResultDocument>(indexName(RESULTS_INDEX));
  const keepWhole = await synonymTerms();
  const res = await runResultSearch(index, s, { keepWhole, mode: 'hybrid', embed: embedText });
  const suggestions = res.total === 0 && (s.q.trim() || hasFilters(s)) ? await suggestAlternatives(index, s, keepWhole) : [];
  const { query } = res;
  const terms = markableTerms([...query.tokens.split(/\s+/), ...query.text.split(/\s+/)].filter(Boolean));
  const dist = res.facets;
  return {
    items: res.hits.map((h) => ({
      id: h.id,
      title: h.title,
      titleEn: h.titleEn,
      abstract: h.abstract,
      field: h.field,
      ipType: h.ipType,
      patentNo: h.patentNo,
      institution: h.institution,
      price: h.priceText,
      maturity: h.maturity,
      transferModes: h.transferModes,
      keywords: h.keywords,
      highlight: { title: highlight(h.title, terms), titleEn: h.titleEn ? highlight(h.titleEn, terms) : null, abstract: snippet(h.abstract, terms) },
    })),
    total: res.total,
    page: s.page,
    pageSize: s.pageSize,
    facets: Object.fromEntries(RESULT_FACETS.map((f) => [f, dist[f] ?? {}])) as SearchAnswer['facets'],
    query,
    patentNo: res.patentNo ?? null,
    suggestions,
  };
}
