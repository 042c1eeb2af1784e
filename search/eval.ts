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
