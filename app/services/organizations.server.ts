import { and, asc, count, desc, eq, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { getDb, type DbOrTx } from '#db/client.ts';
import { audit } from '#db/queries/audit.ts';
import { likeLiteral } from '#db/queries/like.ts';
import { noticeOrgDecision } from './notices.server.ts';
import { organizations, results, users } from '#db/schema.ts';
import { AppError, conflict, invalid, notFound, type Msg } from '#domain/errors.ts';
import { normalizeName } from '#domain/names.ts';
import { regionName } from '#domain/codes/region.ts';
import type { OrgUpdate } from '#app/schemas/accounts.server.ts';
import { ORG_LOOKUP, type OrgRole } from '#app/schemas/organizations.server.ts';

type Meta = { ip: string };

export const regionNameOf = regionName;
type Actor = { userId: string; orgId?: string | null };
type OrgStatus = 'pending' | 'verified' | 'rejected' | 'suspended';

/** The public profile: what anyone may see of an organisation. */
export async function getPublicProfile(id: string) {
  const [org] = await getDb()
    .select({
      id: organizations.id,
      name: organizations.name,
      nameEn: organizations.nameEn,
      kind: organizations.kind,
      regionCode: organizations.regionCode,
      status: organizations.status,
      verifiedAt: organizations.verifiedAt,
      description: organizations.description,
      website: organizations.website,
      createdAt: organizations.createdAt,
    })
    .from(organizations)
    .where(eq(organizations.id, id));
  if (!org) throw notFound();
  return { ...org, regionName: regionName(org.regionCode) };
}

/** The names of these organisations, whatever their status (a page naming a contract's parties). */
export async function organizationNames(ids: ReadonlyArray<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const rows = await getDb().select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Verified organisations that may take this role in a contract: a party is anything but an agency. */
function verifiedAs(role: OrgRole): SQL {
  return and(eq(organizations.status, 'verified'), role === 'agency' ? eq(organizations.kind, 'agency') : ne(organizations.kind, 'agency'))!;
}

/**
 * The contract form's organisation picker: verified organisations of a role whose name contains q,
 * or whose credit code is q; names starting with q first. An empty q lists the first by name.
 */
export async function searchOrganizations({ q = '', role, limit = ORG_LOOKUP.limitDefault }: { q?: string; role: OrgRole; limit?: number }) {
  const text = q.trim();
  const escaped = likeLiteral(text);
  const code = text.toUpperCase();
  const match = text ? or(ilike(organizations.name, `%${escaped}%`), eq(organizations.creditCode, code)) : undefined;
  return getDb()
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
    .from(organizations)
    .where(and(verifiedAs(role), match))
    .orderBy(sql`(${organizations.name} ilike ${`${escaped}%`} or ${organizations.creditCode} = ${code}) desc`, asc(organizations.name), asc(organizations.id))
    .limit(Math.min(Math.max(Math.trunc(limit), 1), ORG_LOOKUP.limitMax));
}

export type OrgResolution = { ok: true; id: string } | { ok: false; reason: 'unknown' | 'ambiguous' };

/**
 * The one verified organisation of a role with exactly this name, or this credit code (names are not
 * unique, codes are): how a form typed without the picker's script names an organisation.
 */
export async function resolveOrganization(text: string, role: OrgRole): Promise<OrgResolution> {
  const name = text.trim();
  const code = name.toUpperCase();
  const rows = await getDb()
    .select({ id: organizations.id, creditCode: organizations.creditCode })
    .from(organizations)
    .where(and(verifiedAs(role), or(eq(organizations.name, name), eq(organizations.creditCode, code))))
    .limit(3);
  const one = rows.find((r) => r.creditCode === code) ?? (rows.length === 1 ? rows[0] : undefined);
  if (one) return { ok: true, id: one.id };
  return { ok: false, reason: rows.length ? 'ambiguous' : 'unknown' };
}

/** Everything, for the organisation's own members and the bureau. */
export async function getOrganization(id: string) {
  const [org] = await getDb().select().from(organizations).where(eq(organizations.id, id));
  if (!org) throw notFound();
  return org;
}

export async function listMembers(orgId: string) {
  return getDb()
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.orgId, orgId))
    .orderBy(asc(users.createdAt));
}

export async function listOrganizations(filter: { status?: OrgStatus; kind?: string; page: number; pageSize: number }) {
  const where: SQL[] = [];
  if (filter.status) where.push(eq(organizations.status, filter.status));
  if (filter.kind) where.push(sql`${organizations.kind} = ${filter.kind}`);
  const cond = where.length ? and(...where) : undefined;
  const db = getDb();
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: organizations.id,
        name: organizations.name,
        kind: organizations.kind,
        creditCode: organizations.creditCode,
        regionCode: organizations.regionCode,
        status: organizations.status,
        statusReason: organizations.statusReason,
        createdAt: organizations.createdAt,
      })
      .from(organizations)
      .where(cond)
      // The queue is first come, first served.
      .orderBy(filter.status === 'pending' ? asc(organizations.createdAt) : desc(organizations.createdAt), asc(organizations.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(organizations).where(cond),
  ]);
  return { items: items.map((o) => ({ ...o, regionName: regionName(o.regionCode) })), total: total?.n ?? 0 };
}

async function decideStatus(id: string, to: 'verified' | 'rejected', actor: Actor, meta: Meta, reason: string | null) {
  return getDb().transaction(async (tx) => {
    const [before] = await tx.select().from(organizations).where(eq(organizations.id, id)).for('update');
    if (!before) throw notFound();
    if (before.status === to) {
      throw conflict({ zh: `该单位已是“${to === 'verified' ? '已认证' : '未通过'}”状态`, en: `The organisation is already ${to}` });
    }
    if (to === 'rejected' && before.status !== 'pending') {
      throw conflict({ zh: '只能驳回待审核的单位', en: 'Only a pending organisation can be rejected' });
    }
    const [after] = await tx
      .update(organizations)
      .set({
        status: to,
        statusReason: reason,
        verifiedAt: to === 'verified' ? new Date() : null,
        verifiedBy: to === 'verified' ? actor.userId : null,
        updatedAt: new Date(),
      })
      .where(eq(organizations.id, id))
      .returning();
    await audit(tx, {
      actorUserId: actor.userId,
      action: to === 'verified' ? 'org.verify' : 'org.reject',
      subjectType: 'organization',
      subjectId: id,
      ip: meta.ip,
      reason,
      before: { status: before.status },
      after: { status: after!.status },
    });
    await noticeOrgDecision(tx, id, to, reason);
    return after!;
  });
}

export const verifyOrganization = (id: string, actor: Actor, meta: Meta) => decideStatus(id, 'verified', actor, meta, null);
export const rejectOrganization = (id: string, reason: string, actor: Actor, meta: Meta) =>
  decideStatus(id, 'rejected', actor, meta, reason);

/** A stored name as domain/names.ts normalises it, for names stored before that rule (NFKC, trimmed, inner spaces collapsed). */
const normalizedSql = (column: SQL | typeof organizations.name) => sql`btrim(regexp_replace(normalize(${column}, NFKC), '[[:space:]]+', ' ', 'g'))`;

/**
 * A name (already normalised by normalizeName) may not be, letter case aside, the name or English
 * name of a verified organisation other than `exceptOrgId`: the message for the field, or null.
 */
export async function verifiedNameClash(db: DbOrTx, name: string, exceptOrgId?: string): Promise<Msg | null> {
  const [clash] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(
      and(
        eq(organizations.status, 'verified'),
        exceptOrgId ? ne(organizations.id, exceptOrgId) : undefined,
        or(sql`lower(${normalizedSql(organizations.name)}) = lower(${name})`, sql`lower(${normalizedSql(sql`coalesce(${organizations.nameEn}, '')`)}) = lower(${name})`),
      ),
    )
    .limit(1);
  return clash ? { zh: '已有经认证的单位使用此名称', en: 'A verified organisation already has this name' } : null;
}

/** An organisation's name from a form or the API: normalised, or a 400 / 409 naming the field. */
export async function checkedName(db: DbOrTx, field: string, raw: string, exceptOrgId?: string): Promise<string> {
  const n = normalizeName(raw);
  if (!n.ok) throw invalid({ [field]: n.message });
  const clash = await verifiedNameClash(db, n.value, exceptOrgId);
  if (clash) throw new AppError('conflict', clash, { [field]: clash });
  return n.value;
}

export async function updateProfile(
  orgId: string,
  input: OrgUpdate,
  actor: Actor,
  meta: Meta,
) {
  return getDb().transaction(async (tx) => {
    const [before] = await tx.select().from(organizations).where(eq(organizations.id, orgId)).for('update');
    if (!before) throw notFound();
    const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as OrgUpdate;
    // The English name is shown beside the name: the same rules (domain/names.ts) apply to it.
    if (patch.nameEn) patch.nameEn = await checkedName(tx, 'nameEn', patch.nameEn, orgId);
    const [after] = await tx
      .update(organizations)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(organizations.id, orgId))
      .returning();
    await audit(tx, {
      actorUserId: actor.userId,
      actorOrgId: orgId,
      action: 'org.update',
      subjectType: 'organization',
      subjectId: orgId,
      ip: meta.ip,
      before: Object.fromEntries(Object.keys(patch).map((k) => [k, before[k as keyof OrgUpdate]])),
      after: patch,
    });
    return after!;
  });
}

/** Live figures for the home page; later issues add demands and contracts. */
export async function homeCounts() {
  const [published] = await getDb().select({ n: count() }).from(results).where(eq(results.status, 'published'));
  const [row] = await getDb()
    .select({
      orgs: count(),
      verified: sql<number>`count(*) filter (where ${organizations.status} = 'verified')::int`,
      universities: sql<number>`count(*) filter (where ${organizations.kind} in ('university','institute'))::int`,
      enterprises: sql<number>`count(*) filter (where ${organizations.kind} = 'enterprise')::int`,
      agencies: sql<number>`count(*) filter (where ${organizations.kind} = 'agency')::int`,
    })
    .from(organizations);
  return { ...(row ?? { orgs: 0, verified: 0, universities: 0, enterprises: 0, agencies: 0 }), results: published?.n ?? 0 };
}
