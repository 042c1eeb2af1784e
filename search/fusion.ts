/**
 * Our fusion of the lexical and the semantic ranking (pure). Meilisearch's own hybrid
 * search counts and facets its semantic side over the whole index (every document is
 * somebody's nearest neighbour: "168 results" for any query on 168 listings, and facets
 * of all of them), so the platform runs both queries itself: the lexical one as before,
 * with its exact total and facets, and the semantic one for its best few only, cut at a
 * similarity floor. The documents the semantic side adds are merged into the lexical
 * list here, and counted into the total and the facets, so the figures a user sees add up.
 *
 * Relevance order merges by weighted score, as Meilisearch does (lexical score × (1 − r)
 * against semantic score × r), plus a bonus for a document both sides found. Any other
 * order (newest, price) merges by that order's key.
 */

export type Scored<T> = { hit: T; score: number };

export type FuseOptions<T> = {
  /** The lexical hits from the top, in the lexical order, with Meilisearch's `_rankingScore`. */
  lexical: ReadonlyArray<Scored<T>>;
  /** The semantic hits above the floor, best first. */
  semantic: ReadonlyArray<Scored<T>>;
  /** Ids of semantic hits that are also lexical matches (beyond the lexical hits given). */
  alsoLexical: ReadonlySet<string>;
  id: (hit: T) => string;
  ratio: number;
  /** Added to a lexical hit's weighted score when the semantic side found it too. */
  bothBonus: number;
  /** For an order other than relevance: compares two hits as that order does. */
  compare?: (a: T, b: T) => number;
};

export type Fused<T> = {
  /** The merged ranking of every hit given (lexical ones, and the semantic ones the lexical side lacks). */
  hits: T[];
  /** The semantic hits the lexical side did not find at all: they add to the total and the facets. */
  added: T[];
};

export function fuse<T>(o: FuseOptions<T>): Fused<T> {
  const lexicalIds = new Set(o.lexical.map((x) => o.id(x.hit)));
  const semanticScore = new Map(o.semantic.map((x) => [o.id(x.hit), x.score]));
  const added = o.semantic.filter((x) => !lexicalIds.has(o.id(x.hit)) && !o.alsoLexical.has(o.id(x.hit)));
  // A semantic hit that matched lexically further down the list is left where the lexical list puts it.
  const lex = o.lexical.map((x, i) => ({ hit: x.hit, i, w: x.score * (1 - o.ratio) + (semanticScore.has(o.id(x.hit)) ? o.bothBonus : 0) }));
  const sem = added.map((x, i) => ({ hit: x.hit, i, w: x.score * o.ratio }));
  if (o.compare) {
    const cmp = o.compare;
    return { hits: mergeBy(lex, sem, (a, b) => cmp(a.hit, b.hit)).map((x) => x.hit), added: added.map((x) => x.hit) };
  }
  // Lexical hits the semantic side found too move up by the bonus; ties keep the lexical order.
  const lexOrdered = [...lex].sort((a, b) => b.w - a.w || a.i - b.i);
  return { hits: mergeBy(lexOrdered, sem, (a, b) => b.w - a.w).map((x) => x.hit), added: added.map((x) => x.hit) };
}

/** Merges two lists, each already in order, by `cmp` (ties: the first list first). */
function mergeBy<X>(a: readonly X[], b: readonly X[], cmp: (x: X, y: X) => number): X[] {
  const out: X[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && cmp(a[i]!, b[j]!) <= 0)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}

/** Facet counts of the lexical side plus those of the documents the semantic side added. */
export function addFacetCounts(
  base: Record<string, Record<string, number>>,
  added: ReadonlyArray<Record<string, unknown>>,
  facets: readonly string[],
): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const f of facets) {
    const counts = { ...(base[f] ?? {}) };
    for (const doc of added) {
      const v = doc[f];
      for (const value of Array.isArray(v) ? v : v == null ? [] : [v]) {
        const key = String(value);
        counts[key] = (counts[key] ?? 0) + 1;
      }
    }
    out[f] = counts;
  }
  return out;
}

/** Compares by a number, absent values last (as Meilisearch sorts documents without the field). */
export function byNumber<T>(key: (hit: T) => number | null | undefined, direction: 'asc' | 'desc'): (a: T, b: T) => number {
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    if (x == null || y == null) return x == null && y == null ? 0 : x == null ? 1 : -1;
    return direction === 'asc' ? x - y : y - x;
  };
}
