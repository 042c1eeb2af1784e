import { describe, expect, it } from 'vitest';
import { halfOf, ndcgAt, recallAt } from './eval.ts';

describe('relevance metrics', () => {
  it('computes recall@k over grade ≥ 2', () => {
    expect(recallAt(10, ['a', 'b'], { a: 3, c: 2, d: 1 })).toBe(0.5);
    expect(recallAt(1, ['x', 'a'], { a: 3 })).toBe(0);
  });
  it('computes nDCG@k, 1 for the ideal order', () => {
    expect(ndcgAt(10, ['a', 'b', 'c'], { a: 3, b: 2, c: 1 })).toBeCloseTo(1);
    expect(ndcgAt(10, ['c', 'b', 'a'], { a: 3, b: 2, c: 1 })).toBeLessThan(1);
    expect(ndcgAt(10, [], { a: 3 })).toBe(0);
  });
});

describe('tuning and validation halves', () => {
  it('puts an id in the same half every time, and splits a set about evenly', () => {
    const ids = Array.from({ length: 400 }, (_, i) => `q-${String(i).padStart(3, '0')}`);
    expect(ids.map(halfOf)).toEqual(ids.map(halfOf));
    const tuning = ids.filter((id) => halfOf(id) === 'tuning').length;
    expect(tuning).toBeGreaterThan(160);
    expect(tuning).toBeLessThan(240);
  });
});
