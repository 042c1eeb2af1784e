import { getDb } from '#db/client.ts';
import { searchSynonyms } from '#db/schema.ts';
import { normalizeText } from './normalize.ts';

const TTL_MS = 30_000;
let cache: { at: number; terms: Set<string> } | undefined;

/**
 * Every term of the bureau's synonym groups, normalised. A query word that is one of
 * them is sent whole rather than segmented, so a group like 冠县梨 ⇄ 鸭梨 works even
 * though our dictionary would cut 冠县梨. Cached briefly: edits apply within 30 s
 * on every web process without any messaging between them.
 */
export async function synonymTerms(): Promise<Set<string>> {
  if (cache && Date.now() - cache.at < TTL_MS) return cache.terms;
  const rows = await getDb().select({ terms: searchSynonyms.terms }).from(searchSynonyms);
  cache = { at: Date.now(), terms: new Set(rows.flatMap((r) => r.terms.map((t) => normalizeText(t)))) };
  return cache.terms;
}

export function forgetSynonymTerms(): void {
  cache = undefined;
}
