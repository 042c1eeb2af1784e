import type { Settings } from 'meilisearch';
import type { Result } from '#db/schema.ts';
import { formatMoney } from '#domain/money.ts';
import { EMBEDDER, toMeiliVector } from '#search/embedding/vectors.ts';
import type { Vector } from '#search/embedding/embedder.ts';
import { MODEL } from '#search/embedding/model.ts';
import { patentTokens, segmentForIndex } from '#search/segment.ts';

export const RESULTS_INDEX = 'results';

/** What the index holds for one published result. Derived from PostgreSQL; never the source of truth. */
export type ResultDocument = {
  id: string;
  kind: Result['kind'];
  title: string;
  titleEn: string | null;
  abstract: string;
  field: Result['field'];
  ipType: Result['ipType'];
  patentNo: string | null;
  maturity: Result['maturity'];
  transferModes: string[];
  keywords: string[];
  inventors: string[];
  institution: string;
  holderOrgId: string;
  regionCode: string;
  /** For filtering and sorting only; the API shows `priceText`, the exact figure. */
  price: number | null;
  priceText: string | null;
  publishedAt: number;
  /** Search-mode Chinese segmentation of title and keywords, so sub-words match. */
  titleTokens: string;
  /** The same for the abstract. */
  bodyTokens: string;
  /** Every written form of the patent number. */
  patentTokens: string[];
  version: number;
  /** The listing's embedding (search/embedding/vectors.ts), or null where none is known yet. */
  _vectors: { [EMBEDDER]: number[] | null };
};

export function toDocument(r: Result, holder: { name: string; regionCode: string }, vector: Vector | null = null): ResultDocument {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    titleEn: r.titleEn,
    abstract: r.abstract,
    field: r.field,
    ipType: r.ipType,
    patentNo: r.patentNo,
    maturity: r.maturity,
    transferModes: r.transferModes,
    keywords: r.keywords,
    inventors: r.inventors,
    institution: holder.name,
    holderOrgId: r.holderOrgId,
    regionCode: holder.regionCode,
    price: r.price ? r.price.toNumber() : null,
    priceText: r.price ? formatMoney(r.price) : null,
    publishedAt: (r.publishedAt ?? r.updatedAt).getTime(),
    titleTokens: segmentForIndex([r.title, ...r.keywords].join(' ')),
    bodyTokens: segmentForIndex(r.abstract),
    patentTokens: r.patentNo ? patentTokens(r.patentNo) : [],
    version: r.version,
    _vectors: { [EMBEDDER]: toMeiliVector(vector) },
  };
}

export const RESULT_FACETS = ['field', 'ipType', 'maturity', 'transferModes', 'institution'] as const;

/** The index settings, as code. Applied by `npm run search:setup` and by the reindex; never silently at boot. */
export function resultsSettings(input: { synonyms: Record<string, string[]>; dictionary: string[] }): Settings {
  return {
    // The raw abstract is shown, not searched: bodyTokens holds all its words (Latin ones too).
    searchableAttributes: ['title', 'titleTokens', 'keywords', 'titleEn', 'institution', 'patentTokens', 'bodyTokens', 'inventors'],
    // Token fields are unions of two cuts, so word positions inside them mean little; measured
    // here this doubles indexing throughput (895 → 1,866 docs/s on 10k listings).
    proximityPrecision: 'byAttribute',
    displayedAttributes: ['*'],
    // id: the hybrid search asks whether a semantic hit also matches lexically (search/query.ts).
    filterableAttributes: ['id', 'field', 'ipType', 'maturity', 'transferModes', 'institution', 'holderOrgId', 'regionCode', 'kind', 'price'],
    sortableAttributes: ['publishedAt', 'price'],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
    synonyms: input.synonyms,
    dictionary: input.dictionary,
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      disableOnAttributes: ['patentTokens'],
      disableOnNumbers: true,
    },
    faceting: { maxValuesPerFacet: 100 },
    pagination: { maxTotalHits: 5_000 },
    embedders: { [EMBEDDER]: { source: 'userProvided', dimensions: MODEL.dimensions } },
  };
}
