/**
 * Grants as people handle them: the recipient sees and applies (or, under 免申即享,
 * confirms its bank account); the bureau reviews, approves (perhaps for less),
 * rejects and pays, four eyes apart, against an annual budget. Every decision is
 * audited. The figures themselves come from grant-engine.server.ts.
 */
import { randomUUID } from 'node:crypto';
import Decimal from 'decimal.js';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { getDb, type Tx } from '#db/client.ts';
import { audit } from '#db/queries/audit.ts';
import { agencyFilings, auditEvents, grantAdjustments, grantBudgets, grants, organizations, policies } from '#db/schema.ts';
import { AppError, conflict, forbidden, notFound } from '#domain/errors.ts';
import { CLAUSES, parsePolicy, serializePolicy, type Clause, type Policy } from '#domain/grants/policy.ts';
import { CLAUSE_ZH } from '#domain/grants/computation.ts';
import { regionName } from '#domain/codes/region.ts';
import { formatMoney, percentText } from '#domain/money.ts';
import { translate } from '#app/i18n/index.ts';
import { enqueue } from '#jobs/enqueue.ts';
import { authorize, may, type Viewer } from '#app/lib/auth.server.ts';
import { noticeGrant } from './notices.server.ts';
import { requireRecentAuth } from './mfa.server.ts';
import { needsReauth } from '#domain/auth/policy.ts';
import { todayInCity, yearInCity } from '#config/city.ts';

type Meta = { ip: string };
type GrantRow = typeof grants.$inferSelect;
export type GrantStatus = GrantRow['status'];

const refused = (zh: string, en: string, fields: Record<string, { zh: string; en: string }> = {}) => new AppError('unprocessable', { zh, en }, fields);

export function grantToApi(g: GrantRow, extra: { recipientName?: string; regionCode?: string; adjustments?: Array<typeof grantAdjustments.$inferSelect> } = {}) {
  const adjustments = extra.adjustments ?? [];
  const inForce = adjustments.reduce((s, a) => s.plus(a.delta), g.amount);
  return {
    id: g.id,
    clause: g.clause,
    recipientOrgId: g.recipientOrgId,
    recipientName: extra.recipientName,
    regionCode: extra.regionCode,
    year: g.year,
    basis: g.basis,
    base: formatMoney(g.base),
    rate: g.rate.toString(),
    cap: formatMoney(g.cap),
    rawAmount: g.rawAmount,
    amount: formatMoney(g.amount),
    status: g.status,
    policy: g.policyId,
    contracts: g.contracts as Array<{ id: string; registrationNo: string; amount: string; eligibleAmount: string }>,
    explanation: g.explanation as string[],
    approvedAmount: g.approvedAmount ? formatMoney(g.approvedAmount) : null,
    decisionReason: g.decisionReason,
    paymentReference: g.paymentReference,
    appliedAt: g.appliedAt?.toISOString() ?? null,
    bankAccount: g.bankAccount,
    bankConfirmedAt: g.bankConfirmedAt?.toISOString() ?? null,
    approvedAt: g.approvedAt?.toISOString() ?? null,
    paidAt: g.paidAt?.toISOString() ?? null,
    computedAt: g.computedAt.toISOString(),
    adjustments: adjustments.map((a) => ({ id: a.id, amount: formatMoney(a.amount), delta: a.delta.toFixed(2), policy: a.policyId, explanation: a.explanation as string[], contracts: a.contracts, createdAt: a.createdAt.toISOString() })),
    /** The figure in force: the engine's figure plus every adjustment since the decision. */
    amountInForce: formatMoney(inForce),
  };
}

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

export async function getGrant(v: Viewer, id: string) {
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

export async function grantTimeline(id: string) {
  const rows = await getDb()
    .select({ at: auditEvents.at, action: auditEvents.action, reason: auditEvents.reason, after: auditEvents.after, actorUserId: auditEvents.actorUserId })
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectType, 'grant'), eq(auditEvents.subjectId, id)))
    .orderBy(auditEvents.at, auditEvents.id);
  return rows.map((r) => ({ at: r.at.toISOString(), action: r.action, reason: r.reason, after: r.after, byBureau: !!r.actorUserId }));
}

async function lockGrant(tx: Tx, id: string): Promise<GrantRow> {
  const [g] = await tx.select().from(grants).where(eq(grants.id, id)).for('update');
  if (!g) throw notFound();
  return g;
}

/** Each policy version's title, as people name it (聊政字〔2020〕15号…), by id; an unknown id names itself. */
export async function policyTitles(ids: readonly string[]): Promise<Record<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return {};
  const rows = await getDb().select({ id: policies.id, body: policies.body }).from(policies).where(inArray(policies.id, unique));
  const titles: Record<string, string> = Object.fromEntries(unique.map((id) => [id, id]));
  for (const r of rows) titles[r.id] = parsePolicy({ ...(r.body as object), withdrawnOn: null }).title;
  return titles;
}

async function policyOf(tx: Tx, id: string): Promise<Policy> {
  const [p] = await tx.select({ body: policies.body, withdrawnOn: policies.withdrawnOn }).from(policies).where(eq(policies.id, id));
  return parsePolicy({ ...(p!.body as object), withdrawnOn: p!.withdrawnOn });
}

const snap = (g: GrantRow) => ({ status: g.status, amount: formatMoney(g.amount), approvedAmount: g.approvedAmount ? formatMoney(g.approvedAmount) : null });

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
export async function budgetStatus(year: number, db: Tx | ReturnType<typeof getDb> = getDb()) {
  const [b] = await db.select().from(grantBudgets).where(eq(grantBudgets.year, year));
  const [t] = await db
    .select({
      approved: sql<string>`coalesce(sum(${grants.approvedAmount}) filter (where ${grants.status} = 'approved'), 0)::text`,
      paid: sql<string>`coalesce(sum(${grants.approvedAmount}) filter (where ${grants.status} = 'paid'), 0)::text`,
      pending: sql<string>`coalesce(sum(${grants.amount}) filter (where ${grants.status} in ('computed','submitted')), 0)::text`,
    })
    .from(grants)
    .where(eq(grants.year, year));
  const approved = new Decimal(t!.approved);
  const paid = new Decimal(t!.paid);
  const committed = approved.plus(paid);
  const budget = b?.amount ?? null;
  return {
    year,
    budget: budget ? formatMoney(budget) : null,
    approved: formatMoney(approved),
    paid: formatMoney(paid),
    pendingReview: formatMoney(new Decimal(t!.pending)),
    remaining: budget ? formatMoney(budget.minus(committed)) : null,
    /** At or above 90% of the budget. */
    warning: budget ? committed.gte(budget.times('0.9')) : false,
  };
}

export async function setBudget(v: Viewer, year: number, amount: Decimal, meta: Meta) {
  authorize(v, 'bureau.budgets.edit');
  return getDb().transaction(async (tx) => {
    const [before] = await tx.select().from(grantBudgets).where(eq(grantBudgets.year, year)).for('update');
    await tx
      .insert(grantBudgets)
      .values({ year, amount, updatedBy: v.user.id })
      .onConflictDoUpdate({ target: grantBudgets.year, set: { amount, updatedBy: v.user.id, updatedAt: new Date() } });
    await audit(tx, { actorUserId: v.user.id, action: 'grant.budget', subjectType: 'grant_budget', subjectId: String(year), ip: meta.ip, before: before ? { amount: formatMoney(before.amount) } : null, after: { amount: formatMoney(amount) } });
  });
}

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
  const b = await budgetStatus(g.year, tx);
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

/** A year's grants for export: every figure with its recipient, decision and payment. */
/** A year's grants as people read them in a spreadsheet: names and labels, not codes or ids. */
export async function grantsForExport(year: number) {
  const rows = await getDb()
    .select({ g: grants, name: organizations.name, region: organizations.regionCode, credit: organizations.creditCode })
    .from(grants)
    .innerJoin(organizations, eq(organizations.id, grants.recipientOrgId))
    .where(eq(grants.year, year))
    .orderBy(asc(grants.clause), desc(grants.amount), asc(grants.id));
  const titles = await policyTitles(rows.map((r) => r.g.policyId));
  return rows.map((r) => ({
    year: r.g.year,
    clause: `${r.g.clause} ${CLAUSE_ZH[r.g.clause]}`,
    recipient: r.name,
    creditCode: r.credit,
    region: regionName(r.region) ?? r.region,
    policy: titles[r.g.policyId] ?? r.g.policyId,
    base: formatMoney(r.g.base),
    rate: percentText(r.g.rate.toString()),
    cap: formatMoney(r.g.cap),
    amount: formatMoney(r.g.amount),
    status: translate('zh', `grant.status.${r.g.status}`),
    approvedAmount: r.g.approvedAmount ? formatMoney(r.g.approvedAmount) : '',
    paymentReference: r.g.paymentReference ?? '',
    contracts: (r.g.contracts as Array<{ registrationNo: string }>).map((c) => c.registrationNo).join(' '),
  }));
}

export const EXPORT_COLUMNS: Array<[keyof Awaited<ReturnType<typeof grantsForExport>>[number], string]> = [
  ['year', '年度 year'],
  ['clause', '条款 clause'],
  ['recipient', '受补助单位 recipient'],
  ['creditCode', '统一社会信用代码'],
  ['region', '所在区县 region'],
  ['policy', '政策 policy'],
  ['base', '基数 base'],
  ['rate', '比例 rate'],
  ['cap', '上限 cap'],
  ['amount', '计算金额 computed'],
  ['status', '状态 status'],
  ['approvedAmount', '核定金额 approved'],
  ['paymentReference', '支付凭证 payment'],
  ['contracts', '登记号 contracts'],
];

// ---- policy versions and agency filings --------------------------------

export async function listPolicies() {
  const rows = await getDb().select().from(policies).orderBy(desc(policies.effectiveFrom));
  return rows.map((r) => ({ ...serializePolicy(parsePolicy({ ...(r.body as object), withdrawnOn: r.withdrawnOn })), createdAt: r.createdAt.toISOString() }));
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

/** The bureau records an agency's filing; its award figures are recomputed from the filing year on. */
export async function fileAgency(v: Viewer, agencyOrgId: string, input: { level: 'national' | 'provincial' | 'municipal'; filedOn: string; newlyRecognized: boolean }, meta: Meta) {
  authorize(v, 'bureau.agencies.file');
  return getDb().transaction(async (tx) => {
    const [org] = await tx.select({ id: organizations.id, status: organizations.status }).from(organizations).where(eq(organizations.id, agencyOrgId));
    if (!org) throw notFound();
    if (org.status !== 'verified') throw refused('该机构尚未通过认证', 'The organisation is not verified');
    const [f] = await tx.insert(agencyFilings).values({ agencyOrgId, ...input, createdBy: v.user.id }).returning();
    const from = Number(input.filedOn.slice(0, 4));
    const thisYear = Math.max(from, yearInCity());
    await enqueue(tx, 'grants:recompute', { event: 'filing', pairs: Array.from({ length: thisYear - from + 1 }, (_, i) => ({ recipientOrgId: agencyOrgId, year: from + i })) }, { jobKey: `grants:filing:${f!.id}` });
    await audit(tx, { actorUserId: v.user.id, action: 'agency.file', subjectType: 'organization', subjectId: agencyOrgId, ip: meta.ip, after: input });
    return f!;
  });
}

export const GRANT_CLAUSES = CLAUSES;
export const countyOptions = async () =>
  (await getDb().selectDistinct({ regionCode: organizations.regionCode }).from(organizations).innerJoin(grants, eq(grants.recipientOrgId, organizations.id)).orderBy(organizations.regionCode)).map((r) => r.regionCode);
