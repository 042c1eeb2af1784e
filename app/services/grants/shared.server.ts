/**
 * What the grant services share and nobody else calls: the API shape of a grant,
 * the row lock, the policy a grant was computed under, the year's budget totals.
 * None of these authorises: each caller in this folder has already done so.
 */
import Decimal from 'decimal.js';
import { eq, inArray, sql } from 'drizzle-orm';
import { getDb, type DbOrTx, type Tx } from '#db/client.ts';
import { grantAdjustments, grantBudgets, grants, policies } from '#db/schema.ts';
import { AppError, notFound } from '#domain/errors.ts';
import { parsePolicy, type Policy } from '#domain/grants/policy.ts';
import { formatMoney } from '#domain/money.ts';

export type Meta = { ip: string };
export type GrantRow = typeof grants.$inferSelect;
export type GrantStatus = GrantRow['status'];

export const refused = (zh: string, en: string, fields: Record<string, { zh: string; en: string }> = {}) => new AppError('unprocessable', { zh, en }, fields);

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

export async function lockGrant(tx: Tx, id: string): Promise<GrantRow> {
  const [g] = await tx.select().from(grants).where(eq(grants.id, id)).for('update');
  if (!g) throw notFound();
  return g;
}

export async function policyOf(tx: DbOrTx, id: string): Promise<Policy> {
  const [p] = await tx.select({ body: policies.body, withdrawnOn: policies.withdrawnOn }).from(policies).where(eq(policies.id, id));
  return parsePolicy({ ...(p!.body as object), withdrawnOn: p!.withdrawnOn });
}

/** Each policy version's title, as people name it (聊政字〔2020〕15号…), by id; an unknown id names itself. */
export async function titlesOf(ids: readonly string[]): Promise<Record<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return {};
  const rows = await getDb().select({ id: policies.id, body: policies.body }).from(policies).where(inArray(policies.id, unique));
  const titles: Record<string, string> = Object.fromEntries(unique.map((id) => [id, id]));
  for (const r of rows) titles[r.id] = parsePolicy({ ...(r.body as object), withdrawnOn: null }).title;
  return titles;
}

export const snap = (g: GrantRow) => ({ status: g.status, amount: formatMoney(g.amount), approvedAmount: g.approvedAmount ? formatMoney(g.approvedAmount) : null });

/** Approved and paid totals of a year against its budget (inside a decision's transaction, or not). */
export async function budgetTotals(year: number, db: DbOrTx = getDb()) {
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
