import { MeilisearchApiError, MeilisearchRequestError, type Index } from 'meilisearch';
import { z } from 'zod';
import { IP_TYPES, MATURITIES, RESULT_FIELDS, TRANSFER_MODES } from '#db/schema.ts';
import { parseMoney } from '#domain/money.ts';
import { normalizeText } from '#search/normalize.ts';
import { segmentQuery } from '#search/segment.ts';
import { embedText, type Vector } from './embedding/embedder.ts';
import { EMBEDDER, toMeiliVector } from './embedding/vectors.ts';
import { exactQuery, semanticQueryText } from './semantic-query.ts';
import { addFacetCounts, byNumber, fuse } from './fusion.ts';
import { indexName, meili } from './client.ts';
import { synonymTerms } from './synonym-terms.ts';
import { highlight, markableTerms, snippet } from './highlight.ts';
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

/** Filter expressions built only from validated values: enum members and quoted strings. */
export function buildFilter(s: ResultSearch): string[] {
  const f: string[] = [];
  const inList = (attr: string, values: readonly string[]) => {
    if (values.length) f.push(`${attr} IN [${values.map(quote).join(', ')}]`);
  };
  inList('field', s.field);
  inList('ipType', s.ipType);
  inList('maturity', s.maturity);
  inList('transferModes', s.transferMode);
  inList('institution', s.institution);
  if (s.priceMin) f.push(`price >= ${s.priceMin.toFixed(2)}`);
  if (s.priceMax) f.push(`price <= ${s.priceMax.toFixed(2)}`);
  return f;
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
};

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
};

/**
 * The one search both the site and the evaluation run, on any index handle. A patent
 * number or credit code takes the exact path (lexical only); otherwise the query's
 * Chinese (English brought to Chinese first) is embedded, and the lexical query (with the
 * filters, sort, facets and exact total) runs beside the semantic one (its nearest hits
 * above a floor, same filters); search/fusion.ts merges them. Without a vector it is the
 * lexical search alone.
 */
export async function runResultSearch(index: Index<ResultDocument>, s: ResultSearch, ctx: SearchContext): Promise<ResultSearchOutcome> {
  const query = prepareQuery(s.q, ctx.keepWhole);
  const t: HybridTuning = { ...HYBRID, ...ctx.hybrid };
  const semanticText = ctx.mode !== 'lexical' && query.text && !exactQuery(query.text) ? semanticQueryText(s.q.slice(0, QUERY_MAX_CHARS)) : null;
  const offset = (s.page - 1) * s.pageSize;
  // Fused, the lexical hits from the top are merged with the semantic ones, then the page is cut.
  const fused = !!semanticText && offset + s.pageSize <= FUSED_DEPTH;
  const filter = buildFilter(s);
  const attributes = [...DISPLAYED, 'price', 'publishedAt', ...RESULT_FACETS];
  const lexical = {
    indexUid: index.uid,
    q: query.tokens,
    filter,
    sort: SORT[s.sort],
    facets: [...RESULT_FACETS],
    matchingStrategy: 'last',
    attributesToRetrieve: fused ? attributes : [...DISPLAYED],
    showRankingScore: true,
    ...(fused ? { page: 1, hitsPerPage: offset + s.pageSize } : { page: s.page, hitsPerPage: s.pageSize }),
  };
  const ask = async (q: object) => (await index.httpRequest.post<MultiAnswer>({ path: 'multi-search', body: { queries: [q] } })).results[0]!;
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
        ? ask({ indexUid: index.uid, q: query.tokens, filter: [...filter, `id IN [${answer.hits.map((h) => quote(h.id)).join(', ')}]`], matchingStrategy: 'last', limit: answer.hits.length, attributesToRetrieve: ['id'] })
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
  };
}

export async function searchResults(s: ResultSearch): Promise<SearchAnswer> {
  const res = await runResultSearch(meili().index<ResultDocument>(indexName(RESULTS_INDEX)), s, {
    keepWhole: await synonymTerms(),
    mode: 'hybrid',
    embed: embedText,
  });
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
  };
}
