import { and, count, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type Tx } from '#db/client.ts';
import { audit } from '#db/queries/audit.ts';
import { demandFollowups, demands, organizations, users } from '#db/schema.ts';
import type { DemandStatus } from '#domain/demands/codes.ts';
import { AppError, conflict, forbidden, notFound } from '#domain/errors.ts';
import { UNMATCHED_THRESHOLD } from '#domain/matching/score.ts';
import { formatMoney } from '#domain/money.ts';
import { enqueueDemandSync } from '#search/demands-sync.ts';
import { searchDemandsIndex, unmatchedDemandIds } from '#search/demands-query.ts';
import { authorize, may, type Viewer } from '#app/lib/auth.server.ts';
import { type DemandCreate, type DemandPatch, type DemandSearch } from '#app/schemas/demands.server.ts';
import { todayInCity } from '#config/city.ts';

type Demand = typeof demands.$inferSelect;
type Meta = { ip?: string };

const NO_ORG = '00000000-0000-0000-0000-000000000000';

/** A verified technology-transfer agency: it may take demands on and record follow-ups. */
export function isAgency(v: Viewer | null): boolean {
  return !!v && v.org?.kind === 'agency' && v.org.status === 'verified';
}

/** Who sees every demand whatever its status, and every demand's matches: the bureau and agencies. */
export function seesAll(v: Viewer | null): boolean {
  return may(v, 'bureau.records.view') || isAgency(v);
}

export function isOwner(v: Viewer | null, d: Pick<Demand, 'ownerOrgId'>): boolean {
  return !!v?.user.orgId && v.user.orgId === d.ownerOrgId;
}

function requireAgency(v: Viewer): void {
  if (!isAgency(v)) throw forbidden({ zh: '只有经认证的技术转移服务机构可以承接需求', en: 'Only a verified technology-transfer agency may take demands on' });
}

const notPublished = () => conflict({ zh: '该需求已关闭或已过期', en: 'This demand is closed or expired' });

async function lockOwned(tx: Tx, v: Viewer, id: string): Promise<Demand> {
  const [row] = await tx
    .select()
    .from(demands)
    .where(and(eq(demands.id, id), eq(demands.ownerOrgId, v.user.orgId ?? NO_ORG)))
    .for('update');
  if (!row) throw notFound();
  return row;
}

/** Posts a demand: published at once, and in the search index within seconds (the job is enqueued in the same transaction). */
export async function createDemand(v: Viewer, input: DemandCreate, meta: Meta = {}) {
  authorize(v, 'demand.post');
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .insert(demands)
      .values({ ...input, ownerOrgId: v.user.orgId!, createdBy: v.user.id, status: 'published', publishedAt: new Date() })
      .returning();
    await audit(tx, { actorUserId: v.user.id, actorOrgId: v.user.orgId, action: 'demand.create', subjectType: 'demand', subjectId: row!.id, ip: meta.ip, after: { title: row!.title } });
    await enqueueDemandSync(tx, row!.id);
    return row!;
  });
}

/** The owner edits a published demand; the index follows. */
export async function updateDemand(v: Viewer, id: string, patch: DemandPatch, meta: Meta = {}) {
  authorize(v, 'demand.post');
  return getDb().transaction(async (tx) => {
    const before = await lockOwned(tx, v, id);
    if (before.status !== 'published') throw notPublished();
    if (Object.keys(patch).length === 0) return before;
    const [after] = await tx
      .update(demands)
      .set({ ...patch, version: sql`${demands.version} + 1`, updatedAt: new Date() })
      .where(eq(demands.id, id))
      .returning();
    await audit(tx, { actorUserId: v.user.id, actorOrgId: v.user.orgId, action: 'demand.update', subjectType: 'demand', subjectId: id, ip: meta.ip, after: { fields: Object.keys(patch) } });
    await enqueueDemandSync(tx, id);
    return after!;
  });
}

/** The owner closes a demand (met, or no longer needed); it leaves the index within seconds. */
export async function closeDemand(v: Viewer, id: string, meta: Meta = {}) {
  authorize(v, 'demand.post');
  return getDb().transaction(async (tx) => {
    const before = await lockOwned(tx, v, id);
    if (before.status !== 'published') throw notPublished();
    const now = new Date();
    const [after] = await tx
      .update(demands)
      .set({ status: 'closed', closedAt: now, version: sql`${demands.version} + 1`, updatedAt: now })
      .where(eq(demands.id, id))
      .returning();
    await audit(tx, { actorUserId: v.user.id, actorOrgId: v.user.orgId, action: 'demand.close', subjectType: 'demand', subjectId: id, ip: meta.ip });
    await enqueueDemandSync(tx, id);
    return after!;
  });
}

/**
 * Marks published demands past their deadline (a Beijing calendar date) as expired and
 * enqueues their removal from the index, in one transaction. Idempotent: run by cron.
 */
export async function expireDemands(now = new Date()): Promise<number> {
  const today = todayInCity(now);
  return getDb().transaction(async (tx) => {
    const expired = await tx
      .update(demands)
      .set({ status: 'expired', version: sql`${demands.version} + 1`, updatedAt: now })
      .where(and(eq(demands.status, 'published'), lt(demands.deadline, today)))
      .returning({ id: demands.id });
    for (const d of expired) await enqueueDemandSync(tx, d.id);
    if (expired.length > 0) await audit(tx, { action: 'demand.expire', subjectType: 'demand', after: { ids: expired.map((d) => d.id), today } });
    return expired.length;
  });
}

const taker = alias(organizations, 'taker');

async function loadDemand(id: string) {
  const [row] = await getDb()
    .select({ d: demands, enterprise: organizations.name, regionCode: organizations.regionCode, takenBy: taker.name })
    .from(demands)
    .innerJoin(organizations, eq(organizations.id, demands.ownerOrgId))
    .leftJoin(taker, eq(taker.id, demands.takenByOrgId))
    .where(eq(demands.id, id));
  return row;
}

/**
 * One demand: a published one to anyone signed in; a closed or expired one only to its
 * owner, the agencies and the bureau (404 to anyone else, as if it did not exist).
 */
export async function getDemand(v: Viewer, id: string) {
  const row = await loadDemand(id);
  if (!row) throw notFound();
  const owner = isOwner(v, row.d);
  if (row.d.status !== 'published' && !owner && !seesAll(v)) throw notFound();
  return {
    ...toApi(row.d, row.enterprise, row.takenBy),
    regionCode: row.regionCode,
    viewer: {
      isOwner: owner,
      mayEdit: owner && row.d.status === 'published',
      maySeeMatches: owner || seesAll(v),
      mayTake: isAgency(v) && row.d.status === 'published' && !row.d.takenByOrgId,
      tookIt: isAgency(v) && row.d.takenByOrgId === v.user.orgId,
      maySeeFollowups: may(v, 'bureau.records.view') || (isAgency(v) && row.d.takenByOrgId === v.user.orgId),
    },
  };
}

/** Throws unless the viewer may see this demand's matches (owner, agencies, bureau); 404 if it may not see the demand at all. */
export async function authorizeDemandMatches(v: Viewer, id: string): Promise<void> {
  const d = await getDemand(v, id);
  if (!d.viewer.maySeeMatches) throw forbidden({ zh: '只有需求方、技术转移服务机构和科技局可以查看匹配结果', en: 'Only the enterprise, agencies and the bureau may see the matches' });
}

export type DemandListQuery = { scope?: 'mine' | 'public' | 'all'; status?: DemandStatus; field?: Demand['field']; page: number; pageSize: number };

/**
 * Lists demands, newest first. `mine` (the default for enterprises): the organisation's own,
 * any status; `public` (the default for others): the published ones; `all`: every demand,
 * for the bureau and agencies.
 */
export async function listDemands(v: Viewer, q: DemandListQuery) {
  const scope = q.scope ?? (v.org?.kind === 'enterprise' ? 'mine' : 'public');
  if (scope === 'all' && !seesAll(v)) throw forbidden();
  const where = and(
    scope === 'mine' ? eq(demands.ownerOrgId, v.user.orgId ?? NO_ORG) : undefined,
    scope === 'public' ? eq(demands.status, 'published') : q.status ? eq(demands.status, q.status) : undefined,
    q.field ? eq(demands.field, q.field) : undefined,
  );
  const db = getDb();
  const [rows, [total]] = await Promise.all([
    db
      .select({ d: demands, enterprise: organizations.name, takenBy: taker.name })
      .from(demands)
      .innerJoin(organizations, eq(organizations.id, demands.ownerOrgId))
      .leftJoin(taker, eq(taker.id, demands.takenByOrgId))
      .where(where)
      .orderBy(desc(demands.publishedAt), desc(demands.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(demands).where(where),
  ]);
  return { items: rows.map((x) => toApi(x.d, x.enterprise, x.takenBy)), total: total?.n ?? 0, scope, page: q.page, pageSize: q.pageSize };
}

/** Anything the search engine answers: an outage becomes a 503 the user can read, never a 500. */
export async function orSearchUnavailable<T>(what: string, p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof AppError) throw e;
    console.error(`[${what}]`, e);
    throw new AppError('unavailable', { zh: '搜索服务暂时不可用，请稍后再试', en: 'Search is unavailable right now; please try again shortly' });
  }
}

/** Full-text search over published demands (the demands index), for anyone signed in. */
export function searchDemands(params: DemandSearch) {
  return orSearchUnavailable('search demands', searchDemandsIndex(params));
}

/** An agency takes a published demand on (one agency per demand); taking it again is a no-op. */
export async function takeDemand(v: Viewer, id: string, meta: Meta = {}) {
  requireAgency(v);
  return getDb().transaction(async (tx) => {
    const [before] = await tx.select().from(demands).where(eq(demands.id, id)).for('update');
    if (!before) throw notFound();
    if (before.takenByOrgId === v.user.orgId) return before;
    if (before.status !== 'published') throw notPublished();
    if (before.takenByOrgId) throw conflict({ zh: '该需求已由其他服务机构承接', en: 'Another agency has taken this demand on' });
    const [after] = await tx.update(demands).set({ takenByOrgId: v.user.orgId, updatedAt: new Date() }).where(eq(demands.id, id)).returning();
    await audit(tx, { actorUserId: v.user.id, actorOrgId: v.user.orgId, action: 'demand.take', subjectType: 'demand', subjectId: id, ip: meta.ip });
    return after!;
  });
}

/** The agency that took a demand on records a follow-up note; the bureau reads them. */
export async function addFollowup(v: Viewer, id: string, note: string, meta: Meta = {}) {
  requireAgency(v);
  return getDb().transaction(async (tx) => {
    const [d] = await tx.select({ takenByOrgId: demands.takenByOrgId }).from(demands).where(eq(demands.id, id));
    if (!d) throw notFound();
    if (!d.takenByOrgId) throw conflict({ zh: '请先承接该需求，再记录跟进情况', en: 'Take the demand on before recording follow-ups' });
    if (d.takenByOrgId !== v.user.orgId) throw forbidden({ zh: '该需求由其他服务机构承接', en: 'Another agency has taken this demand on' });
    const [row] = await tx.insert(demandFollowups).values({ demandId: id, agencyOrgId: v.user.orgId!, userId: v.user.id, note }).returning();
    await audit(tx, { actorUserId: v.user.id, actorOrgId: v.user.orgId, action: 'demand.followup', subjectType: 'demand', subjectId: id, ip: meta.ip });
    return { id: row!.id, demandId: id, agencyOrgId: row!.agencyOrgId, note: row!.note, createdAt: row!.createdAt.toISOString() };
  });
}

/** Follow-ups, newest first: the bureau sees every agency's; an agency its own. */
export async function listFollowups(v: Viewer, id: string) {
  if (!may(v, 'bureau.records.view') && !isAgency(v)) throw forbidden();
  const [d] = await getDb().select({ id: demands.id }).from(demands).where(eq(demands.id, id));
  if (!d) throw notFound();
  const rows = await getDb()
    .select({ f: demandFollowups, agency: organizations.name, author: users.name })
    .from(demandFollowups)
    .innerJoin(organizations, eq(organizations.id, demandFollowups.agencyOrgId))
    .leftJoin(users, eq(users.id, demandFollowups.userId))
    .where(and(eq(demandFollowups.demandId, id), may(v, 'bureau.records.view') ? undefined : eq(demandFollowups.agencyOrgId, v.user.orgId ?? NO_ORG)))
    .orderBy(desc(demandFollowups.createdAt), desc(demandFollowups.id));
  return {
    items: rows.map((r) => ({ id: r.f.id, demandId: r.f.demandId, agencyOrgId: r.f.agencyOrgId, agency: r.agency, author: r.author ?? '', note: r.f.note, createdAt: r.f.createdAt.toISOString() })),
  };
}

/**
 * Open demands whose best match is under the threshold (or not scored yet), lowest
 * first, from the demands index; who took each on and its latest follow-up from the database.
 */
export async function listUnmatched(v: Viewer, page: { page: number; pageSize: number; threshold?: number }) {
  if (!seesAll(v)) throw forbidden();
  const threshold = page.threshold ?? UNMATCHED_THRESHOLD;
  const found = await orSearchUnavailable('unmatched demands', unmatchedDemandIds({ threshold, page: page.page, pageSize: page.pageSize }));
  if (found.hits.length === 0) return { items: [], total: found.total, threshold, page: page.page, pageSize: page.pageSize };
  const ids = found.hits.map((h) => h.id);
  const db = getDb();
  const [rows, followups] = await Promise.all([
    db
      .select({ d: demands, enterprise: organizations.name, takenBy: taker.name })
      .from(demands)
      .innerJoin(organizations, eq(organizations.id, demands.ownerOrgId))
      .leftJoin(taker, eq(taker.id, demands.takenByOrgId))
      .where(and(inArray(demands.id, ids), eq(demands.status, 'published'))),
    db
      .select({ demandId: demandFollowups.demandId, n: count(), last: sql<string>`max(${demandFollowups.createdAt})` })
      .from(demandFollowups)
      .where(inArray(demandFollowups.demandId, ids))
      .groupBy(demandFollowups.demandId),
  ]);
  const byId = new Map(rows.map((r) => [r.d.id, r]));
  const fu = new Map(followups.map((f) => [f.demandId, f]));
  const items = found.hits.flatMap((h) => {
    const r = byId.get(h.id);
    if (!r) return [];
    const f = fu.get(h.id);
    return [{ ...toApi(r.d, r.enterprise, r.takenBy), bestMatchScore: h.bestMatchScore, followups: f?.n ?? 0, lastFollowupAt: f?.last ? new Date(f.last).toISOString() : null }];
  });
  return { items, total: found.total, threshold, page: page.page, pageSize: page.pageSize };
}

/** The API's shape of a demand: money as a string with two decimals (null = 面议), dates as strings. */
export function toApi(d: Demand, enterprise: string, takenBy: string | null = null) {
  return {
    id: d.id,
    title: d.title,
    description: d.description,
    field: d.field,
    indicators: d.indicators,
    keywords: d.keywords,
    budget: d.budget ? formatMoney(d.budget) : null,
    deadline: d.deadline,
    cooperationModes: d.cooperationModes,
    maturityNeeded: d.maturityNeeded,
    status: d.status,
    ownerOrgId: d.ownerOrgId,
    enterprise,
    takenByOrgId: d.takenByOrgId,
    takenBy,
    publishedAt: d.publishedAt.toISOString(),
    closedAt: d.closedAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

export async function toApiWithOwner(d: Demand) {
  const row = await loadDemand(d.id);
  return toApi(d, row?.enterprise ?? '', row?.takenBy ?? null);
}
