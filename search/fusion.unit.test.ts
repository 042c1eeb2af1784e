import { describe, expect, it } from 'vitest';
import { addFacetCounts, byNumber, fuse } from './fusion.ts';

type Hit = { id: string; price?: number | null };
const lex = (ids: string[], scores: number[]) => ids.map((id, i) => ({ hit: { id }, score: scores[i]! }));
const base = { id: (h: Hit) => h.id, ratio: 0.3, bothBonus: 0.05, alsoLexical: new Set<string>() };

describe('fusing the lexical and the semantic ranking', () => {
  it('keeps strong lexical hits first and slots semantic additions in by weighted score', () => {
    const f = fuse<Hit>({ ...base, lexical: lex(['a', 'b'], [0.99, 0.4]), semantic: lex(['x', 'a'], [0.9, 0.85]) });
    // a: 0.99 × 0.7 + bonus; x: 0.9 × 0.3 = 0.27; b: 0.4 × 0.7 = 0.28
    expect(f.hits.map((h) => h.id)).toEqual(['a', 'b', 'x']);
    expect(f.added.map((h) => h.id)).toEqual(['x']);
  });

  it('moves a lexical hit the semantic side also found above an equal one it did not', () => {
    const f = fuse<Hit>({ ...base, lexical: lex(['a', 'b'], [0.9, 0.9]), semantic: lex(['b'], [0.8]) });
    expect(f.hits.map((h) => h.id)).toEqual(['b', 'a']);
    expect(f.added).toEqual([]);
  });

  it('does not count a semantic hit that matches lexically further down as an addition', () => {
    const f = fuse<Hit>({ ...base, lexical: lex(['a'], [0.9]), semantic: lex(['z'], [0.95]), alsoLexical: new Set(['z']) });
    expect(f.added).toEqual([]);
    expect(f.hits.map((h) => h.id)).toEqual(['a']);
  });

  it('merges by another order when the user sorts, e.g. by price, with 面议 last', () => {
    const compare = byNumber<Hit>((h) => h.price, 'asc');
    const f = fuse<Hit>({
      ...base,
      compare,
      lexical: [{ hit: { id: 'a', price: 10 }, score: 0.9 }, { hit: { id: 'b', price: 30 }, score: 0.9 }, { hit: { id: 'c', price: null }, score: 0.9 }],
      semantic: [{ hit: { id: 'x', price: 20 }, score: 0.8 }, { hit: { id: 'y', price: null }, score: 0.8 }],
    });
    expect(f.hits.map((h) => h.id)).toEqual(['a', 'x', 'b', 'c', 'y']);
  });

  it('adds the additions to the facet counts, arrays counted per value', () => {
    const counts = addFacetCounts({ field: { agriculture: 2 } }, [{ field: 'agriculture', transferModes: ['license', 'transfer'] }, { field: 'biomedicine', transferModes: ['license'] }], ['field', 'transferModes']);
    expect(counts).toEqual({ field: { agriculture: 3, biomedicine: 1 }, transferModes: { license: 2, transfer: 1 } });
  });
});
