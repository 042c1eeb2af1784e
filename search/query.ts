import { z } from 'zod';
import { IP_TYPES, MATURITIES, RESULT_FIELDS, TRANSFER_MODES } from '#db/schema.ts';
import { parseMoney } from '#domain/money.ts';
import { normalizeText } from '#search/normalize.ts';
import { segmentQuery } from '#search/segment.ts';
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

export async function searchResults(s: ResultSearch): Promise<SearchAnswer> {
  const query = prepareQuery(s.q, await synonymTerms());
  const res = await meili()
    .index<ResultDocument>(indexName(RESULTS_INDEX))
    .search(query.tokens, {
      filter: buildFilter(s),
      sort: SORT[s.sort],
      facets: [...RESULT_FACETS],
      page: s.page,
      hitsPerPage: s.pageSize,
      matchingStrategy: 'last',
      attributesToRetrieve: ['id', 'title', 'titleEn', 'abstract', 'field', 'ipType', 'patentNo', 'institution', 'priceText', 'maturity', 'transferModes', 'keywords'],
    });
  const terms = markableTerms([...query.tokens.split(/\s+/), ...query.text.split(/\s+/)].filter(Boolean));
  const dist = res.facetDistribution ?? {};
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
    total: res.totalHits ?? 0,
    page: s.page,
    pageSize: s.pageSize,
    facets: Object.fromEntries(RESULT_FACETS.map((f) => [f, dist[f] ?? {}])) as SearchAnswer['facets'],
    query,
  };
}
