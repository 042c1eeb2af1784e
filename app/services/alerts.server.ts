import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { getDb } from '#db/client.ts';
import { savedSearches } from '#db/schema.ts';
import type { SavedSearchKind } from '#domain/demands/codes.ts';
import { AppError, forbidden, notFound } from '#domain/errors.ts';
import { UNMATCHED_THRESHOLD } from '#domain/matching/score.ts';
import { resultSearchSchema, searchResults } from '#search/query.ts';
import type { Viewer } from '#app/lib/auth.server.ts';
import { SAVED_SEARCHES_MAX, savedDemandQuery, savedResultQuery, type SavedSearchCreate } from '#app/schemas/conversations.server.ts';
import { demandSearchSchema } from '#app/schemas/demands.server.ts';
import { searchDemands } from './demands.server.ts';
import { authorizeMatches, watcherOf } from './match-access.server.ts';
import { matchesForDemand, matchesForResult } from './matching.server.ts';
import { notify } from './notifications.server.ts';

type SavedSearch = typeof savedSearches.$inferSelect;
type Candidate = { id: string; title: string };

/** How many of the newest hits (or best matches) each run looks at. */
const RESULTS_WINDOW = 100;
const MATCHES_WINDOW = 50;
/** The ids remembered per saved search; the oldest are forgotten first. */
const SEEN_MAX = 5_000;
/** How many new titles a notification lists. */
const LISTED = 5;

/** A saved search's parameters as a URL query, for the link back to its search page. */
export function searchQueryString(kind: 'results' | 'demands', query: unknown): string {
  const p = new URLSearchParams();
  if (kind === 'demands') {
    const q = savedDemandQuery.parse(query);
    if (q.q) p.set('q', q.q);
    for (const k of ['field', 'cooperationMode', 'maturityNeeded'] as const) for (const v of q[k]) p.append(k, v);
    return p.toString();
  }
  const q = savedResultQuery.parse(query);
  if (q.q) p.set('q', q.q);
  for (const k of ['field', 'ipType', 'maturity', 'transferMode', 'institution'] as const) for (const v of q[k]) p.append(k, v);
  if (q.priceMin) p.set('priceMin', q.priceMin.toFixed(2));
  if (q.priceMax) p.set('priceMax', q.priceMax.toFixed(2));
  return p.toString();
}

function linkOf(s: Pick<SavedSearch, 'kind' | 'query' | 'subjectId'>): string {
  if (s.kind === 'results') return `/search?${searchQueryString('results', s.query)}`;
  if (s.kind === 'demands') return `/demands?${searchQueryString('demands', s.query)}`;
  if (s.kind === 'demand_matches') return `/demands/${s.subjectId}`;
  return `/r/${s.subjectId}`;
}

/** What a saved search finds now. */
async function candidates(s: Pick<SavedSearch, 'kind' | 'query' | 'subjectId'>): Promise<Candidate[]> {
  switch (s.kind) {
    case 'results': {
      // Stored as JSON (amounts as strings), so the URL schema reads it back as it reads a URL.
      const params = resultSearchSchema.parse({ ...(s.query as object), sort: 'newest', page: 1, pageSize: RESULTS_WINDOW });
      const answer = await searchResults(params);
      return answer.items.map((h) => ({ id: h.id, title: h.title }));
    }
    case 'demands': {
      const params = demandSearchSchema.parse({ ...(s.query as object), page: 1, pageSize: RESULTS_WINDOW });
      return (await searchDemands(params)).items.map((h) => ({ id: h.id, title: h.title }));
    }
    // A match below the "unmatched" line is not worth telling anyone about.
    case 'demand_matches':
      return (await matchesForDemand(s.subjectId!, { limit: MATCHES_WINDOW })).items.filter((m) => m.score >= UNMATCHED_THRESHOLD).map((m) => ({ id: m.id, title: m.title }));
    case 'result_matches':
      return (await matchesForResult(s.subjectId!, { limit: MATCHES_WINDOW })).items.filter((m) => m.score >= UNMATCHED_THRESHOLD).map((m) => ({ id: m.id, title: m.title }));
  }
}

export function toApi(s: SavedSearch) {
  return {
    id: s.id,
    kind: s.kind,
    name: s.name,
    query: s.query,
    subjectId: s.subjectId,
    alert: s.alert,
    link: linkOf(s),
    lastRunAt: s.lastRunAt?.toISOString() ?? null,
    createdAt: s.createdAt.toISOString(),
  };
}

/** Saving runs the search or the matching once (what it finds counts as seen): it counts against that rate limit. */
export const savedSearchLimit = (kind: SavedSearchKind) => (kind === 'results' || kind === 'demands' ? 'search' : 'matching') as 'search' | 'matching';

const subjectOf = (kind: 'demand_matches' | 'result_matches') => (kind === 'demand_matches' ? 'demand' : 'result');

/**
 * A saved search's parameters as they are stored (JSON) and read back: amounts as their
 * two-decimal text, as in a URL, so the URL schema reads them again and equal searches compare equal.
 */
function storedQuery(input: Extract<SavedSearchCreate, { kind: 'results' | 'demands' }>): Record<string, unknown> {
  if (input.kind === 'demands') return { ...input.query };
  const { priceMin, priceMax, ...rest } = input.query;
  return { ...rest, ...(priceMin ? { priceMin: priceMin.toFixed(2) } : {}), ...(priceMax ? { priceMax: priceMax.toFixed(2) } : {}) };
}

/**
 * Saves a search or a watch. What it finds today counts as seen, so the alert tells only
 * of what appears later. The same search or watch saved again returns the existing one.
 */
export async function createSavedSearch(v: Viewer, input: SavedSearchCreate): Promise<{ saved: ReturnType<typeof toApi>; created: boolean }> {
  if (!v.user.orgId) throw forbidden({ zh: '科技局账号不能订阅提醒', en: 'Bureau accounts have no alerts' });
  const db = getDb();
  const isSearch = input.kind === 'results' || input.kind === 'demands';
  const query = isSearch ? storedQuery(input) : { subjectId: input.subjectId };
  const subjectId = isSearch ? null : input.subjectId;
  // A watch tells of new matches: whoever may not see the matches may not watch them either.
  const watched = isSearch ? null : await authorizeMatches(v, subjectOf(input.kind), input.subjectId);
  let name = input.name;
  if (isSearch) name ??= (input.query.q.trim() || (input.kind === 'results' ? '全部成果' : '全部需求')).slice(0, 100);
  else name ??= `${input.kind === 'demand_matches' ? '需求匹配' : '成果匹配'}：${watched!.title}`.slice(0, 100);
  const [same] = await db
    .select()
    .from(savedSearches)
    .where(and(eq(savedSearches.userId, v.user.id), eq(savedSearches.kind, input.kind), sql`${savedSearches.query} = ${JSON.stringify(query)}::jsonb`));
  if (same) {
    if (same.alert !== input.alert) {
      const [updated] = await db.update(savedSearches).set({ alert: input.alert }).where(eq(savedSearches.id, same.id)).returning();
      return { saved: toApi(updated!), created: false };
    }
    return { saved: toApi(same), created: false };
  }
  const mine = await db.$count(savedSearches, eq(savedSearches.userId, v.user.id));
  if (mine >= SAVED_SEARCHES_MAX) {
    throw new AppError('unprocessable', { zh: `每人最多保存 ${SAVED_SEARCHES_MAX} 个订阅`, en: `At most ${SAVED_SEARCHES_MAX} saved searches each` });
  }
  const seen = await candidates({ kind: input.kind, query, subjectId });
  const [row] = await db
    .insert(savedSearches)
    .values({ orgId: v.user.orgId, userId: v.user.id, kind: input.kind, name, query, subjectId, alert: input.alert, seenIds: seen.map((c) => c.id), lastRunAt: new Date() })
    .returning();
  return { saved: toApi(row!), created: true };
}

export async function listSavedSearches(v: Viewer, f: { kind?: SavedSearchKind; subjectId?: string } = {}) {
  const rows = await getDb()
    .select()
    .from(savedSearches)
    .where(and(eq(savedSearches.userId, v.user.id), ...(f.kind ? [eq(savedSearches.kind, f.kind)] : []), ...(f.subjectId ? [eq(savedSearches.subjectId, f.subjectId)] : [])))
    .orderBy(desc(savedSearches.createdAt));
  return { items: rows.map(toApi), total: rows.length };
}

/** Only its owner deletes a saved search; for anyone else it does not exist. */
export async function deleteSavedSearch(v: Viewer, id: string) {
  const rows = await getDb()
    .delete(savedSearches)
    .where(and(eq(savedSearches.id, id), eq(savedSearches.userId, v.user.id)))
    .returning({ id: savedSearches.id });
  if (!rows.length) throw notFound();
}

/**
 * Runs one saved search: what it finds that it has not reported yet becomes one
 * notification (and e-mail) to its user, and is remembered. The row lock makes two
 * runs at once report it once; a rerun finds nothing new and adds nothing.
 */
async function runOne(s: SavedSearch): Promise<number> {
  if (s.kind === 'demand_matches' || s.kind === 'result_matches') {
    // Checked on every run too: the watcher may have left, or its organisation lost the right since.
    const watcher = await watcherOf(s.userId, s.orgId);
    if (!watcher) throw forbidden();
    await authorizeMatches(watcher, subjectOf(s.kind), s.subjectId!);
  }
  const found = await candidates(s);
  return getDb().transaction(async (tx) => {
    const [row] = await tx.select().from(savedSearches).where(eq(savedSearches.id, s.id)).for('update', { skipLocked: true });
    if (!row || !row.alert) return 0;
    const seen = new Set(row.seenIds);
    const fresh = found.filter((c) => !seen.has(c.id));
    if (fresh.length) {
      const listed = fresh.slice(0, LISTED).map((c) => `· ${c.title}`);
      if (fresh.length > LISTED) listed.push(`……共 ${fresh.length} 条`);
      const what = row.kind === 'results' ? '条新成果' : row.kind === 'demands' ? '条新需求' : '个新匹配';
      await notify(tx, {
        orgId: row.orgId,
        userId: row.userId,
        kind: 'alert.matches',
        title: `「${row.name}」有 ${fresh.length} ${what}`,
        body: listed.join('\n'),
        link: linkOf(row),
      });
    }
    await tx
      .update(savedSearches)
      .set({ seenIds: [...row.seenIds, ...fresh.map((c) => c.id)].slice(-SEEN_MAX), lastRunAt: new Date() })
      .where(eq(savedSearches.id, row.id));
    return fresh.length ? 1 : 0;
  });
}

/**
 * The `alerts:run` job. A saved search whose subject is gone, or whose user may no longer
 * see it, stops alerting; any other failure (search down, say) is reported and the next run tries again.
 */
export async function runAlerts(): Promise<{ ran: number; notified: number; failed: number; errors: string[] }> {
  const due = await getDb().select().from(savedSearches).where(eq(savedSearches.alert, true)).orderBy(asc(savedSearches.lastRunAt));
  const out = { ran: 0, notified: 0, failed: 0, errors: [] as string[] };
  for (const s of due) {
    try {
      out.notified += await runOne(s);
      out.ran++;
    } catch (e) {
      if (e instanceof AppError && (e.code === 'not_found' || e.code === 'forbidden')) {
        await getDb().update(savedSearches).set({ alert: false, lastRunAt: new Date() }).where(eq(savedSearches.id, s.id));
        continue;
      }
      out.failed++;
      out.errors.push(`${s.id}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return out;
}
