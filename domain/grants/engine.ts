import { clauseAGrants } from './clause-a.ts';
import { brokerVolumeGrants, filingAwards, type ClauseBContext } from './clause-b.ts';
import type { GrantComputation } from './computation.ts';
import { byRegistration, cmp, orgIndex, uniqueContracts, yearOf, type AgencyFiling, type ContractFact, type OrgFact } from './facts.ts';
import { assertValidPolicy, CLAUSES, inForceDuring, type Clause, type Policy } from './policy.ts';
import { clauseABasis, eligibleAmounts, inValueAddedChain } from './value-added.ts';

export type { GrantComputation, GrantContract } from './computation.ts';
export type { AgencyFiling, ContractFact, OrgFact } from './facts.ts';
export { eligibleAmounts, type EligibleAmount } from './value-added.ts';

export type GrantInput = {
  year: number;
  policy: Policy;
  /**
   * Every contract that may matter, earlier years included: the value-added
   * rule needs the earlier transfers of the same results.
   */
  contracts: readonly ContractFact[];
  orgs: readonly OrgFact[];
  filings: readonly AgencyFiling[];
  /** `${clause}:${agencyOrgId}` for B1/B2 granted in a year before `year`. */
  alreadyGranted?: ReadonlySet<string>;
};

/** What one figure is about: a job recomputes per key. */
export type GrantKey = { clause: Clause; recipientOrgId: string; year: number };

export const keyOf = (k: GrantKey): string => `${k.clause}:${k.recipientOrgId}:${k.year}`;

/** Every figure of the year under the policy, ordered by clause then recipient. */
export function computeGrants(input: GrantInput): GrantComputation[] {
  return compute(input, undefined);
}

/**
 * The one figure for (clause, recipient) in the input's year, or null when
 * there is none; always equal to the matching entry of computeGrants.
 */
export function computeForRecipient(
  input: GrantInput,
  key: { clause: Clause; recipientOrgId: string },
): GrantComputation | null {
  return compute(input, key)[0] ?? null;
}

/** Policies already checked: a job computes five clauses for each recipient under one policy object. */
const checked = new WeakSet<Policy>();

function compute(input: GrantInput, only: { clause: Clause; recipientOrgId: string } | undefined): GrantComputation[] {
  const { year, policy } = input;
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new Error(`not a year: ${year}`);
  if (!checked.has(policy)) {
    assertValidPolicy(policy);
    checked.add(policy);
  }
  if (!inForceDuring(policy, year)) {
    throw new Error(`policy ${policy.id} is not in force in ${year}`);
  }
  const contracts = uniqueContracts(input.contracts);
  const orgs = orgIndex(input.orgs);
  const wants = (clause: Clause) => only === undefined || only.clause === clause;
  const who = only?.recipientOrgId;

  const out: GrantComputation[] = [];
  if (wants('A1') || wants('A2')) {
    const ctx = { year, policy, contracts, orgs, eligible: eligibleAmounts(contracts, policy) };
    if (wants('A1')) out.push(...clauseAGrants(ctx, 'A1', who));
    if (wants('A2')) out.push(...clauseAGrants(ctx, 'A2', who));
  }
  const b: ClauseBContext = { year, policy, contracts, orgs, filings: input.filings, alreadyGranted: input.alreadyGranted ?? new Set() };
  if (wants('B1')) out.push(...filingAwards(b, 'B1', who));
  if (wants('B2')) out.push(...filingAwards(b, 'B2', who));
  if (wants('B3')) out.push(...brokerVolumeGrants(b, who));

  return out.sort((x, y) => CLAUSES.indexOf(x.clause) - CLAUSES.indexOf(y.clause) || cmp(x.recipientOrgId, y.recipientOrgId));
}

/**
 * The figures a change to contracts can move. Pass every version of each
 * changed contract (before and after) and the other contracts. Besides the
 * contract's own seller (clause A) and broker (B3), the next registered
 * transfer of the same result moves too: its value added is measured against
 * this one. A change to an organisation or a filing is not covered: recompute
 * that organisation's figures.
 */
export function affectedKeys(changed: readonly ContractFact[], contracts: readonly ContractFact[], policy: Policy): GrantKey[] {
  const changedIds = new Set(changed.map((c) => c.id));
  const others = uniqueContracts(contracts.filter((c) => !changedIds.has(c.id)));
  const keys = new Map<string, GrantKey>();
  const add = (k: GrantKey) => keys.set(keyOf(k), k);
  const clauseAFor = (c: ContractFact): 'A1' | 'A2' | null =>
    clauseABasis(c, policy) === null ? null : policy.clauses.A1.kinds.includes(c.kind) ? 'A1' : 'A2';

  for (const c of changed) {
    const year = yearOf(c.registeredOn);
    const a = clauseAFor(c);
    if (a !== null) add({ clause: a, recipientOrgId: c.sellerOrgId, year });
    if (c.brokerOrgId !== null && policy.clauses.B3.kinds.includes(c.kind)) add({ clause: 'B3', recipientOrgId: c.brokerOrgId, year });
    // Whether c is registered or not, the successor is the first later link of the chain.
    if (!inValueAddedChain({ ...c, status: 'registered' }, policy)) continue;
    const next = others.find(
      (o) => o.resultId === c.resultId && inValueAddedChain(o, policy) && byRegistration(c, o) < 0,
    );
    const nextClause = next === undefined ? null : clauseAFor(next);
    if (next !== undefined && nextClause !== null) {
      add({ clause: nextClause, recipientOrgId: next.sellerOrgId, year: yearOf(next.registeredOn) });
    }
  }
  return [...keys.values()].sort((x, y) => cmp(keyOf(x), keyOf(y)));
}
