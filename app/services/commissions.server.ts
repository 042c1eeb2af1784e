import Decimal from 'decimal.js';
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { getDb } from '#db/client.ts';
import { audit } from '#db/queries/audit.ts';
import { commissions, contracts, organizations } from '#db/schema.ts';
import { conflict, forbidden, notFound } from '#domain/errors.ts';
import { formatMoney, percentText } from '#domain/money.ts';
import { MONEY_RECORDS, mayRecord, standingOf } from '#domain/payments/money-records.ts';
import { translate } from '#app/i18n/translate.server.ts';
import { may, type Viewer } from '#app/lib/auth.server.ts';
import { csvDocument } from '#app/lib/csv.ts';

export const COMMISSION_STATUSES = ['accrued', 'invoiced', 'paid', 'cancelled', 'refund_due'] as const;
export type CommissionStatus = (typeof COMMISSION_STATUSES)[number];

/** The agency sees its own commissions; the bureau sees any agency's. */
function agencyScope(v: Viewer, agencyOrgId: string | undefined): string | undefined {
  if (may(v, 'bureau.records.view')) return agencyOrgId;
  if (v.org?.kind !== 'agency') throw forbidden();
  if (agencyOrgId && agencyOrgId !== v.user.orgId) throw notFound();
  return v.user.orgId!;
}

export async function listCommissions(v: Viewer, f: { agencyOrgId?: string; status?: CommissionStatus; year?: number; page: number; pageSize: number }) {
  const agency = agencyScope(v, f.agencyOrgId);
  const where: SQL[] = [];
  if (agency) where.push(eq(commissions.agencyOrgId, agency));
  if (f.status) where.push(eq(commissions.status, f.status));
  if (f.year) where.push(eq(commissions.year, f.year));
  const cond = where.length ? and(...where) : undefined;
  const db = getDb();
  const [rows, total, totals] = await Promise.all([
    db
      .select({ c: commissions, title: contracts.title, sellerName: sql<string>`seller.name`, buyerName: sql<string>`buyer.name` })
      .from(commissions)
      .innerJoin(contracts, eq(contracts.id, commissions.contractId))
      .innerJoin(sql`organizations seller`, sql`seller.id = ${contracts.sellerOrgId}`)
      .innerJoin(sql`organizations buyer`, sql`buyer.id = ${contracts.buyerOrgId}`)
      .where(cond)
      .orderBy(desc(commissions.year), desc(commissions.registrationNo))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.$count(commissions, cond),
    db
      .select({ year: commissions.year, status: commissions.status, amount: sql<string>`sum(${commissions.amount})::text`, n: sql<number>`count(*)::int` })
      .from(commissions)
      .where(agency ? eq(commissions.agencyOrgId, agency) : undefined)
      .groupBy(commissions.year, commissions.status)
      .orderBy(desc(commissions.year), commissions.status),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.c.id,
      contractId: r.c.contractId,
      registrationNo: r.c.registrationNo,
      title: r.title,
      seller: r.sellerName,
      buyer: r.buyerName,
      year: r.c.year,
      base: formatMoney(r.c.base),
      rate: r.c.rate ? r.c.rate.toString() : null,
      amount: formatMoney(r.c.amount),
      dueAmount: formatMoney(r.c.dueAmount),
      status: r.c.status,
    })),
    total,
    totals: totals.map((t) => ({ year: t.year, status: t.status, amount: formatMoney(new Decimal(t.amount)), count: t.n })),
  };
}

/**
 * The agency marks its commission invoiced, then paid; every step is audited. Only the agency
 * records these (domain/payments/money-records.ts): the contract's parties and the bureau read
 * them (403); anyone else does not see the commission (404).
 */
export async function advanceCommission(v: Viewer, id: string, to: 'invoiced' | 'paid', meta: { ip: string }) {
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .select({ c: commissions, sellerOrgId: contracts.sellerOrgId, buyerOrgId: contracts.buyerOrgId })
      .from(commissions)
      .innerJoin(contracts, eq(contracts.id, commissions.contractId))
      .where(eq(commissions.id, id))
      .for('update', { of: commissions });
    if (!row) throw notFound();
    const c = row.c;
    const standing = standingOf(v.user, { sellerOrgId: row.sellerOrgId, buyerOrgId: row.buyerOrgId, brokerOrgId: c.agencyOrgId });
    if (!standing) throw notFound();
    const kind = to === 'invoiced' ? 'commission.invoiced' : 'commission.paid';
    if (!mayRecord(kind, standing)) throw forbidden(MONEY_RECORDS[kind].refusal);
    const from: CommissionStatus[] = to === 'invoiced' ? ['accrued'] : ['accrued', 'invoiced'];
    if (!from.includes(c.status)) throw conflict({ zh: `佣金当前状态为 ${c.status}，不能改为 ${to}`, en: `A ${c.status} commission cannot become ${to}` });
    const [after] = await tx.update(commissions).set({ status: to, updatedAt: new Date() }).where(and(eq(commissions.id, id), inArray(commissions.status, from))).returning();
    await audit(tx, { actorUserId: v.user.id, actorOrgId: v.user.orgId, action: `commission.${to}`, subjectType: 'commission', subjectId: id, ip: meta.ip, before: { status: c.status }, after: { status: after!.status, amount: formatMoney(after!.amount) } });
    return after!;
  });
}

/** What the parties of a contract owe its broker, as the contract page shows it. */
export async function commissionForContract(contractId: string) {
  const [row] = await getDb()
    .select({ c: commissions, agency: organizations.name })
    .from(commissions)
    .innerJoin(organizations, eq(organizations.id, commissions.agencyOrgId))
    .where(eq(commissions.contractId, contractId));
  return row ? { agency: row.agency, amount: formatMoney(row.c.amount), dueAmount: formatMoney(row.c.dueAmount), status: row.c.status } : null;
}

export function commissionsCsv(items: Awaited<ReturnType<typeof listCommissions>>['items']): string {
  const head = ['登记号 registrationNo', '合同 contract', '卖方 seller', '买方 buyer', '年度 year', '基数 base', '比例 rate', '佣金 amount', '已到期 due', '状态 status'];
  return csvDocument(head, items.map((i) => [i.registrationNo, i.title, i.seller, i.buyer, i.year, i.base, i.rate ? percentText(i.rate) : '', i.amount, i.dueAmount, translate('zh', `commission.status.${i.status}`)]));
}
