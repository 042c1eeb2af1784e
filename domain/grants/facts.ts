import type Decimal from 'decimal.js';
import { isMoney } from './money.ts';
import type { ContractKind, FilingLevel } from './policy.ts';

/** The facts the engine reads: plain data, loaded by the caller. */

export type ContractStatus = 'registered' | 'revoked' | 'terminated';

export type ContractFact = {
  id: string;
  kind: ContractKind;
  /** A licence (许可) is a transfer subtype; only meaningful when kind is 'transfer'. */
  licence?: boolean;
  sellerOrgId: string;
  buyerOrgId: string;
  brokerOrgId: string | null;
  /** The result (patent, result record) a transfer is about. */
  resultId: string | null;
  /** 合同成交额 */
  amount: Decimal;
  /** 技术交易额, ≤ amount; null when the registration did not record it. */
  technologyAmount: Decimal | null;
  /** YYYY-MM-DD, the date of 认定登记 */
  registeredOn: string;
  status: ContractStatus;
  registrationNo: string;
};

export type OrgKind = 'university' | 'institute' | 'enterprise' | 'agency';

export type OrgFact = {
  id: string;
  kind: OrgKind;
  /** Six digits, e.g. 371502 */
  regionCode: string;
  verified: boolean;
  /** For the arithmetic's text only (where absent, the id is shown); never part of a rule. */
  name?: string;
};

export type AgencyFiling = {
  agencyOrgId: string;
  level: FilingLevel;
  /** YYYY-MM-DD */
  filedOn: string;
  newlyRecognized: boolean;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function yearOf(date: string): number {
  if (!DATE.test(date)) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return Number(date.slice(0, 4));
}

/** Registration order: date, then registration number, so ties never depend on input order. */
export function byRegistration(a: ContractFact, b: ContractFact): number {
  return cmp(a.registeredOn, b.registeredOn) || cmp(a.registrationNo, b.registrationNo) || cmp(a.id, b.id);
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sameDecimal(a: Decimal | null, b: Decimal | null): boolean {
  return a === null || b === null ? a === b : a.equals(b);
}

function sameContract(a: ContractFact, b: ContractFact): boolean {
  return (
    a.kind === b.kind &&
    Boolean(a.licence) === Boolean(b.licence) &&
    a.sellerOrgId === b.sellerOrgId &&
    a.buyerOrgId === b.buyerOrgId &&
    a.brokerOrgId === b.brokerOrgId &&
    a.resultId === b.resultId &&
    a.amount.equals(b.amount) &&
    sameDecimal(a.technologyAmount, b.technologyAmount) &&
    a.registeredOn === b.registeredOn &&
    a.status === b.status &&
    a.registrationNo === b.registrationNo
  );
}

function checkContract(c: ContractFact): void {
  yearOf(c.registeredOn);
  if (!isMoney(c.amount)) throw new Error(`contract ${c.id}: amount ${c.amount.toString()} is not yuan with two decimals`);
  if (c.technologyAmount !== null) {
    if (!isMoney(c.technologyAmount)) throw new Error(`contract ${c.id}: technologyAmount is not yuan with two decimals`);
    if (c.technologyAmount.greaterThan(c.amount)) throw new Error(`contract ${c.id}: technologyAmount exceeds the contract amount`);
  }
}

/**
 * "Once only": the same contract fed twice (a re-run, a double import) counts
 * once. Identical copies collapse; two different versions of one contract, or
 * two registered contracts under one registration number, are a data error the
 * engine refuses rather than guess which to pay.
 * Returns the contracts in registration order.
 */
export function uniqueContracts(contracts: readonly ContractFact[]): ContractFact[] {
  const byId = new Map<string, ContractFact>();
  for (const c of contracts) {
    checkContract(c);
    const seen = byId.get(c.id);
    if (seen === undefined) byId.set(c.id, c);
    else if (!sameContract(seen, c)) throw new Error(`contract ${c.id} given twice with different facts`);
  }
  const registeredNo = new Map<string, string>();
  for (const c of byId.values()) {
    if (c.status !== 'registered') continue;
    const other = registeredNo.get(c.registrationNo);
    if (other !== undefined) throw new Error(`registration ${c.registrationNo} is held by contracts ${other} and ${c.id}`);
    registeredNo.set(c.registrationNo, c.id);
  }
  return [...byId.values()].sort(byRegistration);
}

export function orgIndex(orgs: readonly OrgFact[]): ReadonlyMap<string, OrgFact> {
  const byId = new Map<string, OrgFact>();
  for (const o of orgs) {
    const seen = byId.get(o.id);
    if (seen === undefined) byId.set(o.id, o);
    else if (seen.kind !== o.kind || seen.regionCode !== o.regionCode || seen.verified !== o.verified) {
      throw new Error(`organisation ${o.id} given twice with different facts`);
    }
  }
  return byId;
}

export function isLocal(org: OrgFact | undefined, prefix: string): boolean {
  return org !== undefined && org.regionCode.startsWith(prefix);
}
