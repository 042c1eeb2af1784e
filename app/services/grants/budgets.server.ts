/** The bureau's annual grant budget: read against the approved and paid totals, and set by an administrator, audited. */
import type Decimal from 'decimal.js';
import { eq } from 'drizzle-orm';
import { getDb } from '#db/client.ts';
import { audit } from '#db/queries/audit.ts';
import { grantBudgets } from '#db/schema.ts';
import { formatMoney } from '#domain/money.ts';
import { authorize, type Viewer } from '#app/lib/auth.server.ts';
import { budgetTotals, type Meta } from './shared.server.ts';

/** Approved and paid totals of a year against its budget (the bureau). */
export async function budgetStatus(v: Viewer, year: number) {
  authorize(v, 'bureau.records.view');
  return budgetTotals(year);
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
