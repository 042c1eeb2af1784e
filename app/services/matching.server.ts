import { eq } from 'drizzle-orm';
import { getDb } from '#db/client.ts';
import { demands, results } from '#db/schema.ts';
import { notFound } from '#domain/errors.ts';
import { indexName, meili } from '#search/client.ts';
import { DEMANDS_INDEX, type DemandDocument } from '#search/indexes/demands.ts';
import { RESULTS_INDEX, type ResultDocument } from '#search/indexes/results.ts';
import { demandProfile, matchContext, rankDemandsForResult, rankResultsForDemand, type DemandMatch, type Matches, type ResultMatch } from '#search/matching.ts';
import { zh, type MessageKey } from '#app/i18n/zh.ts';

export type { DemandMatch, Matches, ResultMatch };
export type { MatchReason } from '#domain/matching/score.ts';

const label = (key: string) => zh[key as MessageKey] ?? key;

/**
 * The published results that best meet a demand, each with a score 0–1 and the reasons
 * for it (Chinese). One multi-search on the results index, re-scored by
 * domain/matching/score.ts. No authorisation here: the routes decide who may see them.
 */
export async function matchesForDemand(demandId: string, { limit = 20 }: { limit?: number } = {}): Promise<Matches<ResultMatch>> {
  const [d] = await getDb().select().from(demands).where(eq(demands.id, demandId));
  if (!d) throw notFound();
  return rankResultsForDemand(meili().index<ResultDocument>(indexName(RESULTS_INDEX)), demandProfile(d), await matchContext(label), { limit });
}

/** The published demands a result could meet, best first, with the same scores and reasons. */
export async function matchesForResult(resultId: string, { limit = 20 }: { limit?: number } = {}): Promise<Matches<DemandMatch>> {
  const [r] = await getDb().select().from(results).where(eq(results.id, resultId));
  if (!r) throw notFound();
  return rankDemandsForResult(
    meili().index<DemandDocument>(indexName(DEMANDS_INDEX)),
    { title: r.title, abstract: r.abstract, keywords: r.keywords, field: r.field, maturity: r.maturity, price: r.price?.toFixed(2) ?? null, transferModes: r.transferModes, holderOrgId: r.holderOrgId },
    await matchContext(label),
    { limit },
  );
}
