/**
 * Grants as people handle them: the recipient sees and applies (or, under 免申即享,
 * confirms its bank account); the bureau reviews, approves (perhaps for less),
 * rejects and pays, four eyes apart, against an annual budget. Every decision is
 * audited; every function takes the viewer and authorises. Who may approve a grant
 * is decided here (approveGrant: 'bureau.grants.review', never for one's own
 * organisation); the figures themselves come from recompute.server.ts.
 */
import Decimal from 'decimal.js';
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { getDb, type Tx } from '#db/client.ts';
import { audit } from '#db/queries/audit.ts';
import { auditEvents, grantAdjustments, grants, organizations, policies } from '#db/schema.ts';
import { AppError, conflict, forbidden, notFound } from '#domain/errors.ts';
import { parsePolicy, type Clause } from '#domain/grants/policy.ts';
import { formatMoney } from '#domain/money.ts';
import { authorize, may, type Viewer } from '#app/lib/auth.server.ts';
import { noticeGrant } from '#app/services/notices.server.ts';
import { requireRecentAuth } from '#app/services/mfa.server.ts';
import { needsReauth } from '#domain/auth/policy.ts';
import { todayInCity } from '#config/city.ts';
import { budgetTotals, grantToApi, lockGrant, policyOf, refused, snap, type GrantRow, type GrantStatus, type Meta } from './shared.server.ts';

export type GrantFilter = { year?: number; clause?: Clause; status?: GrantStatus; county?: string; recipientOrgId?: string; page: number; pageSize: number };

/** The bureau sees every grant; an organisation only its own. */
export async function listGrants(v: Viewer, f: GrantFilter) {
  const where: SQL[] = [];
  if (!may(v, 'bureau.records.view')) {
    authorize(v, 'grant.viewOwn');
    where.push(eq(grants.recipientOrgId, v.user.orgId!));
  } else if (f.recipientOrgId) where.push(eq(grants.recipientOrgId, f.recipientOrgId));
  if (f.year) where.push(eq(grants.year, f.year));
  if (f.clause) where.push(eq(grants.clause, f.clause));
  if (f.status) where.push(eq(grants.status, f.status));
  if (f.county) where.push(eq(organizations.regionCode, f.county));
  const cond = where.length ? and(...where) : undefined;
  const db = getDb();
  const [rows, [count]] = await Promise.all([
    db
      .select({ g: grants, name: organizations.name, region: organizations.regionCode })
      .from(grants)
      .innerJoin(organizations, eq(organizations.id, grants.recipientOrgId))
      .where(cond)
      .orderBy(desc(grants.year), asc(grants.clause), desc(grants.amount), asc(grants.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db
      .select({ n: sql<number>`count(*)::int`, total: sql<string>`coalesce(sum(${grants.amount}), 0)::text` })
      .from(grants)
      .innerJoin(organizations, eq(organizations.id, grants.recipientOrgId))
      .where(cond),
  ]);
  return { items: rows.map((r) => grantToApi(r.g, { recipientName: r.name, regionCode: r.region })), total: count!.n, sum: formatMoney(new Decimal(count!.total)) };
}

/** One grant with its adjustments: the bureau, or its recipient (anyone else is told it does not exist). */
export async function getGrant(v: Viewer, id: string) {
  if (!may(v, 'bureau.records.view')) authorize(v, 'grant.viewOwn');
  const [row] = await getDb()
    .select({ g: grants, name: organizations.name, region: organizations.regionCode })
    .from(grants)
    .innerJoin(organizations, eq(organizations.id, grants.recipientOrgId))
    .where(eq(grants.id, id));
  if (!row || (!may(v, 'bureau.records.view') && row.g.recipientOrgId !== v.user.orgId)) throw notFound();
  const adjustments = await getDb().select().from(grantAdjustments).where(eq(grantAdjustments.grantId, id)).orderBy(grantAdjustments.createdAt);
  const [policy] = await getDb().select({ body: policies.body, withdrawnOn: policies.withdrawnOn }).from(policies).where(eq(policies.id, row.g.policyId));
  const parsed = parsePolicy({ ...(policy!.body as object), withdrawnOn: policy!.withdrawnOn });
  return { ...grantToApi(row.g, { recipientName: row.name, regionCode: row.region, adjustments }), applicationRequired: parsed.applicationRequired, policyWithdrawnOn: parsed.withdrawnOn };
}

/** What happened to a grant, oldest first: whoever may see the grant may see its history. */
export async function grantTimeline(v: Viewer, id: string) {
  if (!may(v, 'bureau.records.view')) {
    authorize(v, 'grant.viewOwn');
    const [g] = await getDb().select({ recipientOrgId: grants.recipientOrgId }).from(grants).where(eq(grants.id, id));
    if (!g || g.recipientOrgId !== v.user.orgId) throw notFound();
  }
  const rows = await getDb()
    .select({ at: auditEvents.at, action: auditEvents.action, reason: auditEvents.reason, after: auditEvents.after, actorUserId: auditEvents.actorUserId })
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectType, 'grant'), eq(auditEvents.subjectId, id)))
    .orderBy(auditEvents.at, auditEvents.id);
  return rows.map((r) => ({ at: r.at.toISOString(), action: r.action, reason: r.reason, after: r.after, byBureau: !!r.actorUserId }));
}

const BANK = /^[0-9 ]{8,34}$/;

/**
 * The recipient applies (when its policy requires an application) with the bank
 * account to pay into; under 免申即享 it only confirms that account.
 */
export async function applyForGrant(v: Viewer, id: string, input: { bankAccount?: string }, meta: Meta) {
  authorize(v, 'grant.apply');
  return getDb().transaction(async (tx) => {
    const g = await lockGrant(tx, id);
    if (g.recipientOrgId !== v.user.orgId) throw notFound();
    if (input.bankAccount !== undefined && !BANK.test(input.bankAccount)) throw refused('银行账号格式不正确', 'Not a bank account number', { bankAccount: { zh: '请填写 8–34 位数字的银行账号', en: '8–34 digits' } });
    const policy = await policyOf(tx, g.policyId);
    if (policy.applicationRequired) {
      if (g.status !== 'computed') throw conflict({ zh: '该补助已申请或已处理', en: 'Already applied for or decided' });
      if (g.amount.isZero()) throw refused('补助金额为 0，无需申请', 'Nothing to apply for');
      // The money has to go somewhere: no application without the account it is paid into.
      if (!input.bankAccount && !g.bankAccount) throw refused('申请补助须填写收款银行账号', 'An application needs the bank account to pay into', { bankAccount: { zh: '请填写收款银行账号', en: 'Bank account required' } });
    } else {
      if (!['submitted', 'approved'].includes(g.status)) throw conflict({ zh: '该补助当前状态不能确认账户', en: 'The account cannot be confirmed in this state' });
      if (!input.bankAccount) throw refused('免申即享：请确认收款银行账号', '免申即享: confirm the bank account', { bankAccount: { zh: '请填写银行账号', en: 'Bank account required' } });
    }
    const account = input.bankAccount?.replaceAll(' ', '') ?? g.bankAccount;
    const now = new Date();
    const [after] = await tx
      .update(grants)
      .set({ status: policy.applicationRequired ? 'submitted' : g.status, appliedBy: v.user.id, appliedAt: policy.applicationRequired ? now : g.appliedAt, bankAccount: account, bankConfirmedAt: account ? now : null, updatedAt: now })
      .where(eq(grants.id, id))
      .returning();
    await audit(tx, { actorUserId: v.user.id, actorOrgId: v.user.orgId, action: policy.applicationRequired ? 'grant.apply' : 'grant.confirm_bank', subjectType: 'grant', subjectId: id, ip: meta.ip, before: snap(g), after: { ...snap(after!), bankAccount: after!.bankAccount ? `****${after!.bankAccount.slice(-4)}` : null } });
    return after!;
  });
}

/** Approved and paid totals of a year against its budget. */
/**
 * Approves a submitted grant for at most its computed figure, with a reason. A
 * decision under a withdrawn policy version is refused; so is going over the
 * year's budget unless the reviewer acknowledges it.
 */
export async function approveGrant(v: Viewer, id: string, req: ApproveRequest, meta: Meta) {
  authorize(v, 'bureau.grants.review');
  return getDb().transaction((tx) => approveIn(tx, v, id, req, meta));
}

/**
 * The bureau approves several submitted grants at once, each at its computed amount (so each is
 * within it), each with its own audit row, in one transaction: one that cannot be approved (not
 * submitted, the reviewer's own organisation, a withdrawn policy, over budget unacknowledged)
 * refuses the whole batch with its reason, and nothing changes.
 */
export async function approveGrants(v: Viewer, ids: readonly string[], req: { acknowledgeOverBudget?: boolean }, meta: Meta) {
  authorize(v, 'bureau.grants.review');
  const unique = [...new Set(ids)].sort();
  return getDb().transaction(async (tx) => {
    const out: GrantRow[] = [];
    for (const id of unique) {
      try {
        out.push(await approveIn(tx, v, id, { reason: '批量按计算金额核定 / approved as computed in a batch', acknowledgeOverBudget: req.acknowledgeOverBudget }, meta));
      } catch (e) {
        if (e instanceof AppError) {
          const [g] = await tx.select({ year: grants.year, clause: grants.clause, name: organizations.name }).from(grants).innerJoin(organizations, eq(organizations.id, grants.recipientOrgId)).where(eq(grants.id, id));
          const which = g ? `${g.name} ${g.year} ${g.clause}` : id;
          throw new AppError(e.code, { zh: `${which}：${e.msg.zh}（本批均未核准）`, en: `${which}: ${e.msg.en} (none of the batch was approved)` }, e.fields);
        }
        throw e;
      }
    }
    return out;
  });
}

type ApproveRequest = { amount?: Decimal; reason?: string; acknowledgeOverBudget?: boolean };

async function approveIn(tx: Tx, v: Viewer, id: string, req: ApproveRequest, meta: Meta): Promise<GrantRow> {
  const g = await lockGrant(tx, id);
  const input = { amount: req.amount ?? g.amount, reason: req.reason ?? '', acknowledgeOverBudget: req.acknowledgeOverBudget };
  if (v.user.orgId && v.user.orgId === g.recipientOrgId) throw forbidden({ zh: '不能审批本单位的补助', en: 'You cannot approve your own organisation’s grant' });
  if (g.status === 'approved' || g.status === 'paid') throw conflict({ zh: '该补助已审批', en: 'Already approved' });
  if (g.status === 'rejected') throw conflict({ zh: '该补助已驳回', en: 'Already rejected' });
  if (g.status !== 'submitted') throw conflict({ zh: '受补助方尚未申请', en: 'The recipient has not applied yet' });
  await refuseWithdrawn(tx, g);
  if (input.amount.gt(g.amount)) throw refused(`核定金额不能超过计算金额 ${formatMoney(g.amount)}`, `The approved amount cannot exceed the computed ${formatMoney(g.amount)}`, { amount: { zh: `不超过 ${formatMoney(g.amount)}`, en: `At most ${formatMoney(g.amount)}` } });
  if (input.amount.lt(g.amount) && input.reason.length < 2) throw refused('核减时须说明理由', 'Give a reason for approving less', { reason: { zh: '请说明核减理由', en: 'Why less?' } });
  if (!input.reason) input.reason = '按计算金额核定 / approved as computed';
  const b = await budgetTotals(g.year, tx);
  if (b.remaining !== null && input.amount.gt(b.remaining) && !input.acknowledgeOverBudget) {
    throw refused(`将超出 ${g.year} 年度预算（剩余 ${b.remaining}），确认后可继续`, `This exceeds the ${g.year} budget (remaining ${b.remaining}); acknowledge to proceed`, { acknowledgeOverBudget: { zh: '超出预算，请确认', en: 'Over budget: acknowledge' } });
  }
  if (needsReauth(input.amount)) await requireRecentAuth(tx, v);
  const [after] = await tx
    .update(grants)
    .set({ status: 'approved', approvedAmount: input.amount, approvedBy: v.user.id, approvedAt: new Date(), decisionReason: input.reason, updatedAt: new Date() })
    .where(and(eq(grants.id, id), eq(grants.status, 'submitted')))
    .returning();
  await audit(tx, { actorUserId: v.user.id, action: 'grant.approve', subjectType: 'grant', subjectId: id, ip: meta.ip, reason: input.reason, before: snap(g), after: { ...snap(after!), overBudget: b.remaining !== null && input.amount.gt(b.remaining) } });
  await noticeGrant(tx, after!, 'approve');
  return after!;
}

async function refuseWithdrawn(tx: Tx, g: GrantRow) {
  const policy = await policyOf(tx, g.policyId);
  if (policy.withdrawnOn !== null && policy.withdrawnOn <= todayInCity()) {
    throw conflict({ zh: `政策版本 ${policy.id} 已于 ${policy.withdrawnOn} 废止，不能再作决定`, en: `Policy version ${policy.id} was withdrawn on ${policy.withdrawnOn}` });
  }
}

export async function rejectGrant(v: Viewer, id: string, reason: string, meta: Meta) {
  authorize(v, 'bureau.grants.review');
  return getDb().transaction(async (tx) => {
    const g = await lockGrant(tx, id);
    if (v.user.orgId && v.user.orgId === g.recipientOrgId) throw forbidden();
    if (!['computed', 'submitted'].includes(g.status)) throw conflict({ zh: '该补助已处理', en: 'Already decided' });
    await refuseWithdrawn(tx, g);
    const [after] = await tx.update(grants).set({ status: 'rejected', decisionReason: reason, approvedBy: v.user.id, approvedAt: new Date(), updatedAt: new Date() }).where(eq(grants.id, id)).returning();
    await audit(tx, { actorUserId: v.user.id, action: 'grant.reject', subjectType: 'grant', subjectId: id, ip: meta.ip, reason, before: snap(g), after: snap(after!) });
    await noticeGrant(tx, after!, 'reject', reason);
    return after!;
  });
}

/** Records the payment of an approved grant; the payer must not be its approver (four eyes). */
export async function payGrant(v: Viewer, id: string, reference: string | undefined, meta: Meta) {
  const paymentReference = reference ?? `PAY-${todayInCity()}-${id.slice(0, 8)}`;
  authorize(v, 'bureau.grants.pay');
  return getDb().transaction(async (tx) => {
    const g = await lockGrant(tx, id);
    if (g.status === 'paid') throw conflict({ zh: '该补助已支付', en: 'Already paid' });
    if (g.status !== 'approved') throw conflict({ zh: '只有已审批的补助可以支付', en: 'Only an approved grant can be paid' });
    if (g.approvedBy === v.user.id) throw forbidden({ zh: '审批人与付款人不能是同一人（双人复核）', en: 'The approver cannot also pay (four eyes)' });
    await refuseWithdrawn(tx, g);
    // Money goes only to an account the recipient named (grants applied for before that rule held may lack one).
    if (!g.bankAccount) throw conflict({ zh: '受补助方尚未提供收款银行账号，暂不能支付', en: 'The recipient has not given a bank account to pay into' });
    // Under 免申即享 the recipient's one step is confirming where the money goes: not before that.
    if (!g.bankConfirmedAt && !(await policyOf(tx, g.policyId)).applicationRequired) {
      throw conflict({ zh: '免申即享：受补助方尚未确认收款银行账号，暂不能支付', en: '免申即享: the recipient has not confirmed its bank account yet' });
    }
    if (needsReauth(g.approvedAmount ?? g.amount)) await requireRecentAuth(tx, v);
    const [after] = await tx.update(grants).set({ status: 'paid', paidBy: v.user.id, paidAt: new Date(), paymentReference, updatedAt: new Date() }).where(eq(grants.id, id)).returning();
    await audit(tx, { actorUserId: v.user.id, action: 'grant.pay', subjectType: 'grant', subjectId: id, ip: meta.ip, reason: paymentReference, before: snap(g), after: { ...snap(after!), paymentReference } });
    await noticeGrant(tx, after!, 'pay');
    return after!;
  });
}

/** The counties that have grants, for the bureau's filter. */
export async function countyOptions(v: Viewer) {
  authorize(v, 'bureau.records.view');
  const rows = await getDb().selectDistinct({ regionCode: organizations.regionCode }).from(organizations).innerJoin(grants, eq(grants.recipientOrgId, organizations.id)).orderBy(organizations.regionCode);
  return rows.map((r) => r.regionCode);
}
