/**
 * Policy versions: the bureau reads them, an administrator publishes a new one or
 * withdraws one (audited); the grants of the years a change governs are recomputed.
 */
import { randomUUID } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import { getDb, type Tx } from '#db/client.ts';
import { audit } from '#db/queries/audit.ts';
import { policies } from '#db/schema.ts';
import { conflict, notFound } from '#domain/errors.ts';
import { CLAUSES, parsePolicy, serializePolicy, type Policy } from '#domain/grants/policy.ts';
import { yearInCity } from '#config/city.ts';
import { enqueue } from '#jobs/enqueue.ts';
import { authorize, may, type Viewer } from '#app/lib/auth.server.ts';
import { refused, titlesOf, type Meta } from './shared.server.ts';

export const GRANT_CLAUSES = CLAUSES;

/** Every version with all its parameters (the bureau). */
export async function listPolicies(v: Viewer) {
  authorize(v, 'bureau.policy.view');
  const rows = await getDb().select().from(policies).orderBy(desc(policies.effectiveFrom));
  return rows.map((r) => ({ ...serializePolicy(parsePolicy({ ...(r.body as object), withdrawnOn: r.withdrawnOn })), createdAt: r.createdAt.toISOString() }));
}

/**
 * Each version's title, as people name it (聊政字〔2020〕15号…), by id; an unknown id names itself.
 * The titles are published: the bureau reads them, and so does whoever may see its own grants.
 */
export async function policyTitles(v: Viewer, ids: readonly string[]): Promise<Record<string, string>> {
  if (!may(v, 'bureau.policy.view')) authorize(v, 'grant.viewOwn');
  return titlesOf(ids);
}

/** A new policy version, in force from its date; the grants of the years it governs are recomputed. */
export async function createPolicyVersion(v: Viewer, body: unknown, meta: Meta) {
  authorize(v, 'bureau.policy.edit');
  let p: Policy;
  try {
    p = parsePolicy(body);
  } catch (e) {
    throw refused('政策参数不完整或不一致', `The policy is incomplete or inconsistent: ${e instanceof Error ? e.message.slice(0, 300) : ''}`);
  }
  return getDb().transaction(async (tx) => {
    const [clash] = await tx.select({ id: policies.id }).from(policies).where(eq(policies.id, p.id));
    if (clash) throw conflict({ zh: '已有同名政策版本', en: 'A version with this id exists' });
    await tx.insert(policies).values({ id: p.id, title: p.title, effectiveFrom: p.effectiveFrom, withdrawnOn: p.withdrawnOn, body: serializePolicy(p), createdBy: v.user.id });
    await audit(tx, { actorUserId: v.user.id, action: 'policy.create', subjectType: 'policy', subjectId: p.id, ip: meta.ip, after: serializePolicy(p) });
    await enqueueYears(tx, Number(p.effectiveFrom.slice(0, 4)), 'policy');
    return p;
  });
}

export async function withdrawPolicy(v: Viewer, id: string, withdrawnOn: string, meta: Meta) {
  authorize(v, 'bureau.policy.edit');
  return getDb().transaction(async (tx) => {
    const [p] = await tx.select().from(policies).where(eq(policies.id, id)).for('update');
    if (!p) throw notFound();
    if (p.withdrawnOn) throw conflict({ zh: '该政策版本已废止', en: 'Already withdrawn' });
    if (withdrawnOn < p.effectiveFrom) throw refused('废止日期不能早于生效日期', 'Withdrawal cannot precede the effective date');
    await tx.update(policies).set({ withdrawnOn }).where(eq(policies.id, id));
    await audit(tx, { actorUserId: v.user.id, action: 'policy.withdraw', subjectType: 'policy', subjectId: id, ip: meta.ip, before: { withdrawnOn: null }, after: { withdrawnOn } });
    await enqueueYears(tx, Number(withdrawnOn.slice(0, 4)), 'policy');
  });
}

/** Recomputes every recipient with grants or contracts from `fromYear` to this year. */
async function enqueueYears(tx: Tx, fromYear: number, event: 'policy' | 'manual') {
  const thisYear = yearInCity();
  for (let year = fromYear; year <= thisYear; year++) {
    const rows = await tx.execute<{ id: string }>(sql`
      select distinct seller_org_id as id from contracts where registered_on between ${`${year}-01-01`} and ${`${year}-12-31`}
      union select distinct broker_org_id from contracts where broker_org_id is not null and registered_on between ${`${year}-01-01`} and ${`${year}-12-31`}
      union select recipient_org_id from grants where year = ${year}`);
    const ids = [...rows].map((r) => r.id);
    for (let i = 0; i < ids.length; i += 500) {
      // A key of its own: a second request while this one waits must not replace it (its pairs may differ).
      await enqueue(tx, 'grants:recompute', { event, pairs: ids.slice(i, i + 500).map((recipientOrgId) => ({ recipientOrgId, year })) }, { jobKey: `grants:${event}:${year}:${randomUUID()}` });
    }
  }
}
