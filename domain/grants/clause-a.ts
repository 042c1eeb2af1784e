import { amountLine, heading, KIND_ZH, rateFigure, type GrantComputation, type GrantContract } from './computation.ts';
import { isLocal, yearOf, type ContractFact, type OrgFact } from './facts.ts';
import { formatExactYuan, sum } from './money.ts';
import { SELLER_KINDS, type Policy, type SellerKind } from './policy.ts';
import type { EligibleAmount } from './value-added.ts';

export type ClauseAContext = {
  year: number;
  policy: Policy;
  /** Unique, in registration order. */
  contracts: readonly ContractFact[];
  orgs: ReadonlyMap<string, OrgFact>;
  eligible: ReadonlyMap<string, EligibleAmount>;
};

const isSellerKind = (kind: string): kind is SellerKind => (SELLER_KINDS as readonly string[]).includes(kind);

/** A university, institute or enterprise of the city, verified: agencies broker, they are not paid for volume. */
export function sellerQualifies(org: OrgFact | undefined, policy: Policy): boolean {
  return (
    org !== undefined &&
    org.verified &&
    isSellerKind(org.kind) &&
    isLocal(org, policy.localRegionPrefix)
  );
}

/**
 * 四(一): per seller, the year's base of eligible amounts × rate, rounded
 * down, capped. `onlySeller` narrows the work to one recipient.
 */
export function clauseAGrants(ctx: ClauseAContext, clause: 'A1' | 'A2', onlySeller?: string): GrantComputation[] {
  const { year, policy } = ctx;
  const terms = policy.clauses[clause];

  const bySeller = new Map<string, ContractFact[]>();
  for (const c of ctx.contracts) {
    if (c.status !== 'registered' || !terms.kinds.includes(c.kind) || yearOf(c.registeredOn) !== year) continue;
    if (onlySeller !== undefined && c.sellerOrgId !== onlySeller) continue;
    if (!sellerQualifies(ctx.orgs.get(c.sellerOrgId), policy)) continue;
    const list = bySeller.get(c.sellerOrgId);
    if (list === undefined) bySeller.set(c.sellerOrgId, [c]);
    else list.push(c);
  }

  const out: GrantComputation[] = [];
  for (const [sellerId, contracts] of bySeller) {
    const explanation = [heading(clause, policy, year, sellerId, ctx.orgs.get(sellerId))];
    const counted: GrantContract[] = [];
    for (const c of contracts) {
      const e = ctx.eligible.get(c.id);
      if (e === undefined) throw new Error(`contract ${c.id}: no eligible amount`);
      counted.push({ contractId: c.id, registrationNo: c.registrationNo, amount: c.amount, eligibleAmount: e.eligibleAmount });
      explanation.push(contractLine(c, e, terms.basis));
    }
    const base = sum(counted.map((c) => c.eligibleAmount));
    const figure = rateFigure(base, terms.rate, terms.cap, policy);
    explanation.push(figure.line, amountLine(figure.amount));
    out.push({
      clause,
      recipientOrgId: sellerId,
      year,
      basis: terms.basis,
      base,
      rate: terms.rate,
      cap: terms.cap,
      rawAmount: figure.rawAmount,
      amount: figure.amount,
      policyId: policy.id,
      contracts: counted,
      explanation,
    });
  }
  return out;
}

function contractLine(c: ContractFact, e: EligibleAmount, basis: 'contractAmount' | 'technologyAmount'): string {
  const kind = c.kind === 'transfer' && c.licence === true ? '技术转让·许可' : KIND_ZH[c.kind];
  let line = `登记号 ${c.registrationNo}（${kind}，${c.registeredOn}）成交额 ${formatExactYuan(c.amount)}`;
  if (basis === 'technologyAmount') {
    line += c.technologyAmount === null ? '，未登记技术交易额，按 0.00 计' : `，技术交易额 ${formatExactYuan(c.technologyAmount)}`;
  }
  if (e.preceding !== null) {
    line += `；同一成果前次转让（登记号 ${e.preceding.registrationNo}）${formatExactYuan(e.preceding.basisAmount)}，仅就增值部分计入`;
  } else {
    line += '；计入';
  }
  return `${line} ${formatExactYuan(e.eligibleAmount)}`;
}
