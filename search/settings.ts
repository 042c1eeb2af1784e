import type { DbOrTx } from '#db/client.ts';
import { searchSynonyms } from '#db/schema.ts';
import { dictionaryText, parseDictionary } from '#search/segment.ts';
import { toMeiliSynonyms } from '#search/synonyms.ts';
import { NARROWER_TERMS } from './hypernyms.ts';
import { demandsSettings } from './indexes/demands.ts';
import { resultsSettings } from './indexes/results.ts';

let terms: string[] | undefined;

/** Our technical-term dictionary, for Meilisearch's `dictionary` setting too. */
export function dictionaryTerms(): string[] {
  terms ??= parseDictionary(dictionaryText()).map((e) => e.word);
  return terms;
}

/** The synonyms (the bureau's groups plus the narrower terms) and the dictionary, shared by every index. */
export async function currentLanguageSettings(db: DbOrTx) {
  const groups = await db.select({ terms: searchSynonyms.terms }).from(searchSynonyms);
  // Synonym terms join the dictionary, so Meilisearch keeps them whole too.
  const han = groups.flatMap((g) => g.terms).filter((t) => /\p{Script=Han}/u.test(t));
  return {
    synonyms: withNarrowerTerms(toMeiliSynonyms(groups.map((g) => g.terms))),
    dictionary: [...new Set([...dictionaryTerms(), ...han])],
  };
}

/** The results index settings with the synonym groups the bureau maintains. */
export async function currentResultsSettings(db: DbOrTx) {
  return resultsSettings(await currentLanguageSettings(db));
}

/** The demands index settings: the same Chinese handling as results. */
export async function currentDemandsSettings(db: DbOrTx) {
  return demandsSettings(await currentLanguageSettings(db));
}

/** Adds the one-way broad → narrow expansions to Meilisearch's synonym map. */
export function withNarrowerTerms(synonyms: Record<string, string[]>): Record<string, string[]> {
  const out = { ...synonyms };
  for (const [broad, narrow] of Object.entries(NARROWER_TERMS)) out[broad] = [...new Set([...(out[broad] ?? []), ...narrow])];
  return out;
}
