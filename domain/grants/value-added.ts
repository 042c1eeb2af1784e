import type Decimal from 'decimal.js';
import { uniqueContracts, type ContractFact } from './facts.ts';
import { max, minus, ZERO } from './money.ts';
import type { Basis, Policy } from './policy.ts';

export type EligibleAmount = {
  contractId: string;
  /** The contract amount or technology amount, per the clause's basis. */
  basisAmount: Decimal;
  eligibleAmount: Decimal;
  /** The immediately preceding registered transfer of the same result, when the value-added rule applied. */
  preceding: { contractId: string; registrationNo: string; basisAmount: Decimal } | null;
};

/**
 * The amount a basis reads from a contract. A technology amount the
 * registration did not record counts as 0.00: paying on the whole contract
 * amount instead could exceed "不超过 rate × 技术交易额".
 */
export function basisAmount(c: ContractFact, basis: Basis): Decimal {
  return basis === 'contractAmount' ? c.amount : (c.technologyAmount ?? ZERO);
}

/** Clause A basis for a contract kind, or null when no clause A counts the kind. */
export function clauseABasis(c: ContractFact, policy: Policy): Basis | null {
  const { A1, A2 } = policy.clauses;
  if (A1.kinds.includes(c.kind)) return A1.basis;
  if (A2.kinds.includes(c.kind)) return A2.basis;
  return null;
}

export function inValueAddedChain(c: ContractFact, policy: Policy): boolean {
  return (
    c.status === 'registered' &&
    c.kind === 'transfer' &&
    c.resultId !== null &&
    (policy.licencesInValueAddedChain || c.licence !== true)
  );
}

/**
 * Clause A eligible amount of every registered contract a clause A counts
 * (同一项目多次转让，仅就增值部分给予补助): a transfer of a result that an
 * earlier registered transfer already moved counts only
 * max(0, its amount − the immediately preceding transfer's amount).
 * Revoked and terminated contracts neither count nor serve as "preceding".
 * Needs the whole history of the results concerned, earlier years included.
 */
export function eligibleAmounts(contracts: readonly ContractFact[], policy: Policy): Map<string, EligibleAmount> {
  const out = new Map<string, EligibleAmount>();
  const lastTransferOf = new Map<string, ContractFact>();
  for (const c of uniqueContracts(contracts)) {
    const basis = clauseABasis(c, policy);
    if (c.status !== 'registered' || basis === null) continue;
    const amount = basisAmount(c, basis);
    let entry: EligibleAmount = { contractId: c.id, basisAmount: amount, eligibleAmount: amount, preceding: null };
    if (inValueAddedChain(c, policy) && c.resultId !== null) {
      const prev = lastTransferOf.get(c.resultId);
      if (prev !== undefined) {
        const prevAmount = basisAmount(prev, basis);
        entry = {
          ...entry,
          eligibleAmount: max(ZERO, minus(amount, prevAmount)),
          preceding: { contractId: prev.id, registrationNo: prev.registrationNo, basisAmount: prevAmount },
        };
      }
      lastTransferOf.set(c.resultId, c);
    }
    out.set(c.id, entry);
  }
  return out;
}
