import { and, asc, count, desc, eq, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { getDb, type Tx } from '#db/client.ts';
import { likeLiteral } from '#db/queries/like.ts';
import { organizations, resultEvents, results, type Result } from '#db/schema.ts';
import { parsePatentNo } from '#domain/codes/patent.ts';
import { AppError, conflict, invalid, notFound } from '#domain/errors.ts';
import { formatMoney } from '#domain/money.ts';
import { enqueueResultSync } from '#search/sync.ts';
import type { MessageKey } from '#app/i18n/index.ts';
import { message } from '#app/i18n/translate.server.ts';
import { authorize, may, type Viewer } from '#app/lib/auth.server.ts';
import { crossFieldIssues, RESULT_LOOKUP, type ResultCreate, type ResultLookupQuery, type ResultPatch } from '#app/schemas/results.server.ts';

function fieldErrors(issues: Record<string, string>) {
  return Object.fromEntries(Object.entries(issues).map(([k, v]) => [k, message(v as MessageKey)]));
}

const patentTaken = () =>
  new AppError('conflict', message('validation.patentNoTaken'), { patentNo: message('validation.patentNoTaken') });

/** A unique-violation on the active patent-number index becomes a 409 on that field. */
async function guardPatentNo<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    const code = (e as { cause?: { code?: string; constraint_name?: string } }).cause;
    if (code?.code === '23505' && code.constraint_name === 'results_patent_no_active_key') throw patentTaken();
    throw e;
  }
}

async function lockOwned(tx: Tx, v: Viewer, id: string): Promise<Result> {
  const [row] = await tx
    .select()
    .from(results)
    .where(and(eq(results.id, id), eq(results.ownerOrgId, v.user.orgId ?? '00000000-0000-0000-0000-000000000000')))
    .for('update');
  if (!row) throw notFound();
  return row;
}

export async function createResult(v: Viewer, input: ResultCreate) {
  authorize(v, 'result.list');
  const orgId = v.user.orgId!;
  return guardPatentNo(
    getDb().transaction(async (tx) => {
      const [row] = await tx
        .insert(results)
        .values({ ...input, ownerOrgId: orgId, holderOrgId: orgId, createdBy: v.user.id, status: 'draft' })
        .returning();
      await tx.insert(resultEvents).values({ resultId: row!.id, actorUserId: v.user.id, action: 'create', toStatus: 'draft' });
      return row!;
    }),
  );
}

export async function updateResult(v: Viewer, id: string, patch: ResultPatch) {
  authorize(v, 'result.list');
  return guardPatentNo(
    getDb().transaction(async (tx) => {
      const before = await lockOwned(tx, v, id);
      const merged = { ...before, ...patch };
      const issues = crossFieldIssues(merged);
      if (Object.keys(issues).length > 0) throw invalid(fieldErrors(issues));
      const changed = Object.fromEntries(
        Object.entries(patch).filter(([k, val]) => JSON.stringify(serialise(val)) !== JSON.stringify(serialise(before[k as keyof Result]))),
      );
      if (Object.keys(changed).length === 0) return before;
      const [after] = await tx
        .update(results)
        .set({ ...patch, version: sql`${results.version} + 1`, updatedAt: new Date() })
        .where(eq(results.id, id))
        .returning();
      await tx.insert(resultEvents).values({
        resultId: id,
        actorUserId: v.user.id,
        action: 'update',
        fromStatus: before.status,
        toStatus: before.status,
        changes: Object.fromEntries(Object.keys(changed).map((k) => [k, { from: serialise(before[k as keyof Result]), to: serialise(changed[k]) }])),
      });
      if (before.status === 'published') await enqueueResultSync(tx);
      return after!;
    }),
  );
}

async function transition(v: Viewer, id: string, to: 'published' | 'withdrawn') {
  authorize(v, 'result.list');
  return guardPatentNo(
    getDb().transaction(async (tx) => {
      const before = await lockOwned(tx, v, id);
      if (before.status === to) {
        throw conflict(to === 'published' ? { zh: '该成果已发布', en: 'Already published' } : { zh: '该成果已下架', en: 'Already withdrawn' });
      }
      if (before.holderOrgId !== before.ownerOrgId && to === 'published') {
        throw conflict({ zh: '该成果的权利已转让，不能再发布', en: 'The rights have been transferred; it cannot be listed again' });
      }
      const now = new Date();
      const [after] = await tx
        .update(results)
        .set({
          status: to,
          publishedAt: to === 'published' ? now : before.publishedAt,
          withdrawnAt: to === 'withdrawn' ? now : null,
          version: sql`${results.version} + 1`,
          updatedAt: now,
        })
        .where(eq(results.id, id))
        .returning();
      await tx.insert(resultEvents).values({
        resultId: id,
        actorUserId: v.user.id,
        action: to === 'published' ? 'publish' : 'withdraw',
        fromStatus: before.status,
        toStatus: to,
      });
      await enqueueResultSync(tx);
      return after!;
    }),
  );
}

export const publishResult = (v: Viewer, id: string) => transition(v, id, 'published');
export const withdrawResult = (v: Viewer, id: string) => transition(v, id, 'withdrawn');

/** One result: anyone sees a published one; only its owner sees drafts and withdrawn ones. */
export async function getResult(v: Viewer | null, id: string) {
  const [row] = await getDb()
    .select({ r: results, holderName: organizations.name, holderRegion: organizations.regionCode })
    .from(results)
    .innerJoin(organizations, eq(organizations.id, results.holderOrgId))
    .where(eq(results.id, id));
  if (!row) throw notFound();
  const isOwner = !!v?.user.orgId && v.user.orgId === row.r.ownerOrgId;
  if (row.r.status !== 'published' && !isOwner && !may(v, 'bureau.records.view')) throw notFound();
  return { ...toApi(row.r, row.holderName), isOwner };
}

export async function resultHistory(id: string) {
  return getDb()
    .select({ at: resultEvents.at, action: resultEvents.action, fromStatus: resultEvents.fromStatus, toStatus: resultEvents.toStatus, changes: resultEvents.changes })
    .from(resultEvents)
    .where(eq(resultEvents.resultId, id))
    .orderBy(resultEvents.at, resultEvents.id);
}

export async function listOwnResults(v: Viewer, page: { page: number; pageSize: number; status?: Result['status'] }) {
  const orgId = v.user.orgId;
  if (!orgId) return { items: [], total: 0 };
  const where = and(eq(results.ownerOrgId, orgId), page.status ? eq(results.status, page.status) : undefined);
  const db = getDb();
  const [rows, [total]] = await Promise.all([
    db
      .select({ r: results, holderName: organizations.name })
      .from(results)
      .innerJoin(organizations, eq(organizations.id, results.holderOrgId))
      .where(where)
      .orderBy(desc(results.updatedAt), desc(results.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: count() }).from(results).where(where),
  ]);
  return { items: rows.map((x) => toApi(x.r, x.holderName)), total: total?.n ?? 0 };
}

export async function countPublished(): Promise<number> {
  const [row] = await getDb().select({ n: count() }).from(results).where(eq(results.status, 'published'));
  return row?.n ?? 0;
}

function serialise(v: unknown): unknown {
  if (v && typeof v === 'object' && 'toFixed' in v) return formatMoney(v as Parameters<typeof formatMoney>[0]);
  if (v instanceof Date) return v.toISOString();
  return v ?? null;
}

/** The API's shape of a result: money as a string with two decimals, dates as ISO strings. */
export function toApi(r: Result, institution: string) {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    titleEn: r.titleEn,
    abstract: r.abstract,
    field: r.field,
    ipType: r.ipType,
    patentNo: r.patentNo,
    transferModes: r.transferModes,
    price: r.price ? formatMoney(r.price) : null,
    maturity: r.maturity,
    keywords: r.keywords,
    inventors: r.inventors,
    status: r.status,
    ownerOrgId: r.ownerOrgId,
    holderOrgId: r.holderOrgId,
    institution,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export async function toApiWithHolder(r: Result) {
  const [holder] = await getDb().select({ name: organizations.name }).from(organizations).where(eq(organizations.id, r.holderOrgId));
  return toApi(r, holder?.name ?? '');
}

/** Results a transfer contract may name: published ones, and those the viewer's organisation holds or lists. */
function transferable(v: Viewer, sellerOrgId: string | undefined): SQL {
  const orgId = v.user.orgId;
  const visible =
    may(v, 'bureau.records.view')
      ? undefined
      : or(eq(results.status, 'published'), ...(orgId ? [eq(results.holderOrgId, orgId), eq(results.ownerOrgId, orgId)] : []));
  return and(ne(results.status, 'withdrawn'), visible, sellerOrgId ? eq(results.holderOrgId, sellerOrgId) : undefined)!;
}

export type ResultSuggestion = { id: string; title: string; patentNo: string | null; holderName: string };

/**
 * The contract form's result picker: results a transfer may name whose title contains q, or whose
 * patent number is q (in any written form); held by the chosen seller when there is one; titles
 * starting with q first. An empty q lists the seller's (or the visible) results by title.
 */
export async function lookupResults(v: Viewer, { q = '', sellerOrgId, limit = RESULT_LOOKUP.limitDefault }: Partial<ResultLookupQuery>): Promise<ResultSuggestion[]> {
  const text = q.trim();
  const escaped = likeLiteral(text);
  const patent = parsePatentNo(text);
  const match = text ? or(ilike(results.title, `%${escaped}%`), patent.ok ? eq(results.patentNo, patent.normalized) : undefined) : undefined;
  return getDb()
    .select({ id: results.id, title: results.title, patentNo: results.patentNo, holderName: organizations.name })
    .from(results)
    .innerJoin(organizations, eq(organizations.id, results.holderOrgId))
    .where(and(transferable(v, sellerOrgId), match))
    .orderBy(sql`(${results.title} ilike ${`${escaped}%`}) desc`, asc(results.title), asc(results.id))
    .limit(limit);
}

export type ResultResolution = { ok: true; id: string } | { ok: false; reason: 'unknown' | 'ambiguous' };

/**
 * The one result of exactly this title (or patent number) a transfer by this seller may name: how a
 * form typed without the picker's script names a result. Titles repeat across holders, so the seller narrows it.
 */
export async function resolveResult(v: Viewer, text: string, sellerOrgId: string | undefined): Promise<ResultResolution> {
  const title = text.trim();
  const patent = parsePatentNo(title);
  const rows = await getDb()
    .select({ id: results.id })
    .from(results)
    .where(and(transferable(v, sellerOrgId), or(eq(results.title, title), patent.ok ? eq(results.patentNo, patent.normalized) : undefined)))
    .limit(2);
  if (rows.length === 1) return { ok: true, id: rows[0]!.id };
  return { ok: false, reason: rows.length ? 'ambiguous' : 'unknown' };
}

/** Titles of these results, for pickers prefilled with ids. */
export async function resultTitles(ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const want = [...new Set(ids.filter((id): id is string => !!id))];
  if (!want.length) return new Map();
  const rows = await getDb().select({ id: results.id, title: results.title }).from(results).where(inArray(results.id, want));
  return new Map(rows.map((r) => [r.id, r.title]));
}
