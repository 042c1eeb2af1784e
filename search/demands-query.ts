import { indexName, meili } from './client.ts';
import { highlight, markableTerms, snippet } from './highlight.ts';
import { DEMAND_FACETS, DEMANDS_INDEX, type DemandDocument } from './indexes/demands.ts';
import { lexicalQ, prepareQuery } from './query.ts';
import { synonymTerms } from './synonym-terms.ts';

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export type DemandSearchParams = {
  q: string;
  field: readonly string[];
  cooperationMode: readonly string[];
  maturityNeeded: readonly string[];
  page: number;
  pageSize: number;
};

export type DemandHit = {
  id: string;
  title: string;
  description: string;
  field: DemandDocument['field'];
  enterprise: string;
  budget: string | null;
  deadline: string | null;
  cooperationModes: string[];
  maturityNeeded: DemandDocument['maturityNeeded'];
  keywords: string[];
  highlight: { title: string; description: string };
};

/** Filter expressions built only from validated values: enum members, quoted. */
function buildFilter(s: DemandSearchParams): string[] {
  const f = ['status = "published"'];
  const inList = (attr: string, values: readonly string[]) => {
    if (values.length) f.push(`${attr} IN [${values.map(quote).join(', ')}]`);
  };
  inList('field', s.field);
  inList('cooperationModes', s.cooperationMode);
  inList('maturityNeeded', s.maturityNeeded);
  return f;
}

/** Published demands by text and facets, with the same Chinese query handling as results. */
export async function searchDemandsIndex(s: DemandSearchParams) {
  const query = prepareQuery(s.q, await synonymTerms());
  const res = await meili()
    .index<DemandDocument>(indexName(DEMANDS_INDEX))
    .search(lexicalQ(s.q, query.tokens), {
      filter: buildFilter(s),
      sort: query.tokens ? undefined : ['publishedAt:desc'],
      facets: [...DEMAND_FACETS],
      page: s.page,
      hitsPerPage: s.pageSize,
      matchingStrategy: 'last',
      attributesToRetrieve: ['id', 'title', 'description', 'field', 'enterprise', 'budgetText', 'deadline', 'cooperationModes', 'maturityNeeded', 'keywords'],
    });
  const terms = markableTerms([...query.tokens.split(/\s+/), ...query.text.split(/\s+/)].filter(Boolean));
  const dist = res.facetDistribution ?? {};
  return {
    items: res.hits.map(
      (h): DemandHit => ({
        id: h.id,
        title: h.title,
        description: h.description,
        field: h.field,
        enterprise: h.enterprise,
        budget: h.budgetText,
        deadline: h.deadline,
        cooperationModes: h.cooperationModes,
        maturityNeeded: h.maturityNeeded,
        keywords: h.keywords,
        highlight: { title: highlight(h.title, terms), description: snippet(h.description, terms) },
      }),
    ),
    total: res.totalHits ?? 0,
    page: s.page,
    pageSize: s.pageSize,
    facets: Object.fromEntries(DEMAND_FACETS.map((f) => [f, dist[f] ?? {}])) as Record<(typeof DEMAND_FACETS)[number], Record<string, number>>,
  };
}

/** Published demands whose best match score is under `threshold` (or not computed yet), lowest first. */
export async function unmatchedDemandIds(p: { threshold: number; page: number; pageSize: number }) {
  const res = await meili()
    .index<DemandDocument>(indexName(DEMANDS_INDEX))
    .search('', {
      filter: [`status = "published"`, `bestMatchScore < ${p.threshold} OR bestMatchScore IS NULL`],
      sort: ['bestMatchScore:asc', 'publishedAt:asc'],
      page: p.page,
      hitsPerPage: p.pageSize,
      attributesToRetrieve: ['id', 'bestMatchScore'],
    });
  return { hits: res.hits.map((h) => ({ id: h.id, bestMatchScore: h.bestMatchScore })), total: res.totalHits ?? 0 };
}
