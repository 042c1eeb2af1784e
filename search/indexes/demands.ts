import type { Settings } from 'meilisearch';
import type { demands } from '#db/schema.ts';
import { formatMoney } from '#domain/money.ts';
import { EMBEDDER, toMeiliVector } from '#search/embedding/vectors.ts';
import type { Vector } from '#search/embedding/embedder.ts';
import { MODEL } from '#search/embedding/model.ts';
import { segmentForIndex } from '#search/segment.ts';

export const DEMANDS_INDEX = 'demands';

type Demand = typeof demands.$inferSelect;

/** What the index holds for one published demand. Derived from PostgreSQL; never the source of truth. */
export type DemandDocument = {
  id: string;
  title: string;
  description: string;
  field: Demand['field'];
  indicators: string[];
  keywords: string[];
  cooperationModes: string[];
  maturityNeeded: Demand['maturityNeeded'];
  status: Demand['status'];
  ownerOrgId: string;
  enterprise: string;
  regionCode: string;
  /** For filtering and sorting only; the API shows `budgetText`, the exact figure. */
  budget: number | null;
  budgetText: string | null;
  deadline: string | null;
  publishedAt: number;
  /** Search-mode Chinese segmentation of title and keywords, so sub-words match (as for results). */
  titleTokens: string;
  /** The same for the description and the indicators. */
  bodyTokens: string;
  /**
   * The best match score among the results when this document was written (null: not
   * computed). Lets the bureau list unmatched demands with one filtered query; refreshed
   * by every sync and by the hourly `demands:rescore`.
   */
  bestMatchScore: number | null;
  version: number;
  /** The demand's embedding (search/embedding/vectors.ts), or null where none is known yet. */
  _vectors: { [EMBEDDER]: number[] | null };
};

export function toDemandDocument(d: Demand, owner: { name: string; regionCode: string }, bestMatchScore: number | null = null, vector: Vector | null = null): DemandDocument {
  return {
    id: d.id,
    title: d.title,
    description: d.description,
    field: d.field,
    indicators: d.indicators,
    keywords: d.keywords,
    cooperationModes: d.cooperationModes,
    maturityNeeded: d.maturityNeeded,
    status: d.status,
    ownerOrgId: d.ownerOrgId,
    enterprise: owner.name,
    regionCode: owner.regionCode,
    budget: d.budget ? d.budget.toNumber() : null,
    budgetText: d.budget ? formatMoney(d.budget) : null,
    deadline: d.deadline,
    publishedAt: d.publishedAt.getTime(),
    titleTokens: segmentForIndex([d.title, ...d.keywords].join(' ')),
    bodyTokens: segmentForIndex([d.description, ...d.indicators].join(' ')),
    bestMatchScore,
    version: d.version,
    _vectors: { [EMBEDDER]: toMeiliVector(vector) },
  };
}

export const DEMAND_FACETS = ['field', 'cooperationModes', 'maturityNeeded'] as const;

/**
 * The index settings, as code, with the same Chinese handling as results (dictionary,
 * the bureau's synonyms, token fields, typo rules). Applied by `npm run search:setup`
 * and by the reindex; never silently at boot.
 */
export function demandsSettings(input: { synonyms: Record<string, string[]>; dictionary: string[] }): Settings {
  return {
    searchableAttributes: ['title', 'titleTokens', 'keywords', 'enterprise', 'bodyTokens', 'indicators'],
    proximityPrecision: 'byAttribute',
    displayedAttributes: ['*'],
    filterableAttributes: ['field', 'cooperationModes', 'maturityNeeded', 'status', 'ownerOrgId', 'regionCode', 'enterprise', 'budget', 'bestMatchScore'],
    sortableAttributes: ['publishedAt', 'budget', 'bestMatchScore'],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
    synonyms: input.synonyms,
    dictionary: input.dictionary,
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnNumbers: true },
    faceting: { maxValuesPerFacet: 100 },
    pagination: { maxTotalHits: 5_000 },
    embedders: { [EMBEDDER]: { source: 'userProvided', dimensions: MODEL.dimensions } },
  };
}
