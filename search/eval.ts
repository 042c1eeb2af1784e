import Decimal from 'decimal.js';
import type { Result } from '#db/schema.ts';
/**
 * Offline relevance metrics over a graded set: recall@k and nDCG@k. Pure functions.
 * A listing with grade ≥ 2 is "relevant" for recall; nDCG uses every grade (gain 2^g − 1).
 */
export type Judgments = Record<string, number>;

export function recallAt(k: number, ranked: string[], judged: Judgments): number {
  const relevant = Object.entries(judged).filter(([, g]) => g >= 2).map(([id]) => id);
  if (relevant.length === 0) return 1;
  const top = new Set(ranked.slice(0, k));
  return relevant.filter((id) => top.has(id)).length / relevant.length;
}

export function ndcgAt(k: number, ranked: string[], judged: Judgments): number {
  const gain = (g: number) => 2 ** g - 1;
  const dcg = ranked.slice(0, k).reduce((s, id, i) => s + gain(judged[id] ?? 0) / Math.log2(i + 2), 0);
  const ideal = Object.values(judged)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((s, g, i) => s + gain(g) / Math.log2(i + 2), 0);
  return ideal === 0 ? 1 : dcg / ideal;
}

export function mean(xs: number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** A listing of the search dev set (test/fixtures/search/dev-listings.json). */
export type EvalListing = {
  id: string;
  kind: Result['kind'];
  title: string;
  titleEn?: string | null;
  abstract: string;
  field: Result['field'];
  ipType: Result['ipType'];
  patentNo?: string | null;
  transferModes: Result['transferModes'];
  price?: string | null;
  maturity: Result['maturity'];
  keywords: string[];
  inventors: string[];
  institution: string;
};

/** A graded query of an evaluation set (test/fixtures/search*, the CSL corpus). */
export type EvalQuery = { id: string; q: string; lang: 'zh' | 'en'; kind: string; judgments: Judgments };

/** A dev-set listing as the published row the index is built from; the i-th is published i hours into 2024. */
export function listingAsResult(l: EvalListing, i: number, holderOrgId = 'eval'): Result {
  const at = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000);
  return {
    id: l.id,
    ownerOrgId: 'eval',
    holderOrgId,
    kind: l.kind,
    title: l.title,
    titleEn: l.titleEn ?? null,
    abstract: l.abstract,
    field: l.field,
    ipType: l.ipType,
    patentNo: l.patentNo ?? null,
    transferModes: l.transferModes,
    price: l.price ? new Decimal(l.price) : null,
    maturity: l.maturity,
    keywords: l.keywords,
    inventors: l.inventors,
    status: 'published',
    publishedAt: at,
    withdrawnAt: null,
    version: 1,
    indexedVersion: 1,
    createdBy: null,
    createdAt: at,
    updatedAt: at,
  };
}

export type Half = 'tuning' | 'validation';

/**
 * Which half of a dev set an item belongs to, from its id alone (FNV-1a, so it is stable
 * and independent of order): tune on `tuning`, report `validation` and never tune on it.
 */
export function halfOf(id: string): Half {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 2 === 0 ? 'tuning' : 'validation';
}
