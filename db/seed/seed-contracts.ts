import Decimal from 'decimal.js';
import { getDb, type Tx } from '#db/client.ts';
import { contractInstalments, contracts } from '#db/schema.ts';
import type { Viewer } from '#app/lib/auth.server.ts';
import { registerContract, returnContract, revokeContract, terminateContract } from '#app/services/contracts.server.ts';
import type { PlannedContract } from './contracts.ts';
import { attachSignedContract } from './signed-contracts.ts';

/**
 * Writes the planned contracts as confirmed drafts, then takes each through the real
 * registration service as the bureau would: numbers, snapshots, commissions, holder
 * moves, grant jobs and audit rows all come from the same code as in production.
 */
export async function seedContracts(_tx: Tx, plan: PlannedContract[], viewer: Viewer): Promise<number> {
  const meta = { ip: 'seed' };
  const db = getDb();
  for (const p of plan) {
    const confirmedAt = new Date(`${p.signedOn}T10:00:00+08:00`);
    const [c] = await db
      .insert(contracts)
      .values({
        kind: p.kind,
        licence: p.licence,
        title: p.title,
        sellerOrgId: p.sellerOrgId,
        buyerOrgId: p.buyerOrgId,
        brokerOrgId: p.brokerOrgId,
        resultId: p.resultId,
        amount: p.amount,
        technologyAmount: p.technologyAmount,
        signedOn: p.signedOn,
        commissionRate: p.commission && 'rate' in p.commission ? p.commission.rate : null,
        commissionFixed: p.commission && 'fixed' in p.commission ? p.commission.fixed : null,
        status: p.outcome === 'draft' ? 'draft' : 'submitted',
        sellerConfirmedAt: p.outcome === 'draft' ? null : confirmedAt,
        buyerConfirmedAt: p.outcome === 'draft' ? null : confirmedAt,
        createdAt: confirmedAt,
        updatedAt: confirmedAt,
      })
      .returning({ id: contracts.id });
    const first = p.amount.times(0.4).toDecimalPlaces(2, Decimal.ROUND_DOWN);
    await db.insert(contractInstalments).values([
      { contractId: c!.id, seq: 1, dueOn: p.signedOn, amount: first },
      { contractId: c!.id, seq: 2, dueOn: p.registeredOn, amount: p.amount.minus(first) },
    ]);
    // Every contract past the draft carries its signed text, as registration requires; the seller uploaded it.
    if (p.outcome !== 'draft') {
      await attachSignedContract({ id: c!.id, sellerOrgId: p.sellerOrgId, title: p.title, signedOn: p.signedOn }, 'demo data');
    }
    if (p.outcome === 'returned') await returnContract(viewer, c!.id, '技术交易额未附计算依据，请补充后重新提交', meta);
    if (p.outcome === 'registered' || p.outcome === 'revoked' || p.outcome === 'terminated') {
      await registerContract(viewer, c!.id, p.registeredOn, meta);
      if (p.outcome === 'revoked') await revokeContract(viewer, c!.id, '合同标的与实际履行内容不符，撤销登记', meta);
      if (p.outcome === 'terminated') await terminateContract(viewer, c!.id, '双方协商一致提前终止', meta);
    }
  }
  return plan.length;
}
