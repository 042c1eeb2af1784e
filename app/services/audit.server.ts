import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { CITY_TIME_ZONE, cityDateTime } from '#config/city.ts';
import { getDb } from '#db/client.ts';
import { auditEvents, organizations, users } from '#db/schema.ts';
import { auditDiff } from '#domain/audit/diff.ts';
import { AppError } from '#domain/errors.ts';
import { authorize, type Viewer } from '#app/lib/auth.server.ts';
import { AUDIT_EXPORT_MAX, type AuditQuery } from '#app/schemas/audit.server.ts';

/** The filters as SQL: actor by e-mail and organisation by name (parts of either), action exactly, city dates inclusive. */
function where(q: AuditQuery): SQL | undefined {
  const parts: SQL[] = [];
  if (q.actor) parts.push(sql`strpos(lower(${users.email}), lower(${q.actor})) > 0`);
  if (q.org) parts.push(sql`(strpos(${organizations.name}, ${q.org}) > 0 or ${organizations.creditCode} = upper(${q.org}))`);
  if (q.action) parts.push(eq(auditEvents.action, q.action));
  if (q.from) parts.push(sql`${auditEvents.at} >= (${q.from}::date::timestamp at time zone ${CITY_TIME_ZONE})`);
  if (q.to) parts.push(sql`${auditEvents.at} < ((${q.to}::date + 1)::timestamp at time zone ${CITY_TIME_ZONE})`);
  return parts.length ? and(...parts) : undefined;
}

const columns = {
  seq: auditEvents.seq,
  id: auditEvents.id,
  at: auditEvents.at,
  actorUserId: auditEvents.actorUserId,
  actorEmail: users.email,
  actorOrgId: auditEvents.actorOrgId,
  orgName: organizations.name,
  action: auditEvents.action,
  subjectType: auditEvents.subjectType,
  subjectId: auditEvents.subjectId,
  reason: auditEvents.reason,
  ip: auditEvents.ip,
  before: auditEvents.before,
  after: auditEvents.after,
  hash: auditEvents.hash,
};

function select(q: AuditQuery) {
  return getDb()
    .select(columns)
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .leftJoin(organizations, eq(organizations.id, auditEvents.actorOrgId))
    .where(where(q))
    .orderBy(desc(auditEvents.seq))
    .$dynamic();
}

async function count(q: AuditQuery): Promise<number> {
  const [r] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .leftJoin(organizations, eq(organizations.id, auditEvents.actorOrgId))
    .where(where(q));
  return r?.n ?? 0;
}

/** One page of the log, newest link of the chain first, each row with its before/after diff. */
export async function listAuditEvents(v: Viewer, q: AuditQuery, page: { page: number; pageSize: number }) {
  authorize(v, 'bureau.audit.view');
  const [rows, total] = await Promise.all([
    select(q)
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    count(q),
  ]);
  return { items: rows.map((r) => ({ ...r, at: r.at.toISOString(), diff: auditDiff(r.before, r.after) })), total };
}

/** The actions present in the log, for the filter's select. */
export async function auditActions(v: Viewer): Promise<string[]> {
  authorize(v, 'bureau.audit.view');
  const rows = await getDb().selectDistinct({ action: auditEvents.action }).from(auditEvents).orderBy(auditEvents.action);
  return rows.map((r) => r.action);
}

export const AUDIT_EXPORT_COLUMNS = [
  ['seq', '序号 seq'],
  ['at', '时间（北京时间）time'],
  ['actor', '操作人 actor'],
  ['org', '单位 organisation'],
  ['action', '操作 action'],
  ['subjectType', '对象类型 subject type'],
  ['subjectId', '对象 subject'],
  ['reason', '理由 reason'],
  ['ip', 'IP'],
  ['before', '变更前 before'],
  ['after', '变更后 after'],
  ['hash', '哈希 hash'],
] as const;
type ExportKey = (typeof AUDIT_EXPORT_COLUMNS)[number][0];

/** Every row the filters select, for CSV or .xlsx; refused past AUDIT_EXPORT_MAX. */
export async function auditForExport(v: Viewer, q: AuditQuery): Promise<Array<Record<ExportKey, string>>> {
  authorize(v, 'bureau.audit.view');
  const total = await count(q);
  if (total > AUDIT_EXPORT_MAX) {
    throw new AppError('unprocessable', {
      zh: `筛选结果有 ${total} 条，超过单次导出上限 ${AUDIT_EXPORT_MAX} 条，请缩小日期范围或增加条件`,
      en: `${total} rows match, more than the ${AUDIT_EXPORT_MAX} one export holds: narrow the dates or add a filter`,
    });
  }
  const rows = await select(q);
  return rows.map((r) => ({
    seq: String(r.seq ?? ''),
    at: cityDateTime(r.at),
    actor: r.actorEmail ?? (r.actorUserId ? r.actorUserId : '系统 system'),
    org: r.orgName ?? r.actorOrgId ?? '',
    action: r.action,
    subjectType: r.subjectType,
    subjectId: r.subjectId ?? '',
    reason: r.reason ?? '',
    ip: r.ip ?? '',
    before: r.before === null ? '' : JSON.stringify(r.before),
    after: r.after === null ? '' : JSON.stringify(r.after),
    hash: r.hash ?? '',
  }));
}
