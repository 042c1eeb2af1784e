import { amountLine, heading, KIND_ZH, ONE, rateFigure, type GrantComputation, type GrantContract } from './computation.ts';
import { cmp, isLocal, yearOf, type AgencyFiling, type ContractFact, type OrgFact } from './facts.ts';
import { formatExactYuan, sum, ZERO } from './money.ts';
import type { Policy } from './policy.ts';
import { basisAmount } from './value-added.ts';
import { regionName } from '#domain/codes/region.ts';

export type ClauseBContext = {
  year: number;
  policy: Policy;
  /** Unique, in registration order. */
  contracts: readonly ContractFact[];
  orgs: ReadonlyMap<string, OrgFact>;
  filings: readonly AgencyFiling[];
  /** `${clause}:${agencyOrgId}` of B1/B2 grants made in an earlier year. */
  alreadyGranted: ReadonlySet<string>;
};

const LEVEL_ZH = { national: '国家级', provincial: '省级', municipal: '市级' } as const;

/** The city pays its own agencies: the filed organisation must be verified and in the city. */
function agencyQualifies(org: OrgFact | undefined, policy: Policy): boolean {
  return org !== undefined && org.verified && isLocal(org, policy.localRegionPrefix);
}

/**
 * 四(二) B1, B2: once per agency ever. The award belongs to the year of the
 * agency's first qualifying filing, so re-running any year never proposes it
 * twice; `alreadyGranted` also stops it when the grant was made before the
 * platform knew the filing.
 */
export function filingAwards(ctx: ClauseBContext, clause: 'B1' | 'B2', onlyAgency?: string): GrantComputation[] {
  const { year, policy } = ctx;
  const terms = policy.clauses[clause];
  const first = new Map<string, AgencyFiling>();
  for (const f of ctx.filings) {
    if (f.level !== terms.filingLevel || (terms.newlyRecognizedOnly && !f.newlyRecognized)) continue;
    yearOf(f.filedOn);
    const seen = first.get(f.agencyOrgId);
    if (seen === undefined || cmp(f.filedOn, seen.filedOn) < 0) first.set(f.agencyOrgId, f);
  }

  const out: GrantComputation[] = [];
  for (const [agencyId, filing] of first) {
    if (onlyAgency !== undefined && agencyId !== onlyAgency) continue;
    if (yearOf(filing.filedOn) !== year || ctx.alreadyGranted.has(`${clause}:${agencyId}`)) continue;
    if (!agencyQualifies(ctx.orgs.get(agencyId), policy)) continue;
    const amount = terms.maxAmount;
    out.push({
      clause,
      recipientOrgId: agencyId,
      year,
      basis: 'fixed',
      base: amount,
      rate: ONE,
      cap: amount,
      rawAmount: amount,
      amount,
      policyId: policy.id,
      contracts: [],
      explanation: [
        heading(clause, policy, year, agencyId, ctx.orgs.get(agencyId)),
        `${LEVEL_ZH[filing.level]}备案日期 ${filing.filedOn}${filing.newlyRecognized ? '（新认定）' : ''}，每个机构仅补助一次`,
        `最高 ${formatExactYuan(amount)}，按最高额拟定；科技局审核可核减，不得超过`,
        amountLine(amount),
      ],
    });
  }
  return out;
}

/**
 * 四(二) B3: a municipal agency's in-city volume of the year — registered
 * contracts it brokered for others whose buyer is in the city — × rate,
 * rounded down, capped, once the volume reaches the threshold (inclusive).
 * Below the threshold the figure is 0.00, so the agency and the reviewer see
 * why. The value-added rule is a clause A rule: B3 counts the full amount.
 */
export function brokerVolumeGrants(ctx: ClauseBContext, onlyAgency?: string): GrantComputation[] {
  const { year, policy } = ctx;
  const terms = policy.clauses.B3;
  const yearEnd = `${year}-12-31`;

  const filed = new Set<string>();
  for (const f of ctx.filings) {
    yearOf(f.filedOn);
    if (f.level === terms.filingLevel && f.filedOn <= yearEnd) filed.add(f.agencyOrgId);
  }

  const byAgency = new Map<string, ContractFact[]>();
  for (const c of ctx.contracts) {
    const agencyId = c.brokerOrgId;
    if (agencyId === null || c.status !== 'registered' || yearOf(c.registeredOn) !== year) continue;
    if (onlyAgency !== undefined && agencyId !== onlyAgency) continue;
    if (!terms.kinds.includes(c.kind) || !filed.has(agencyId) || !agencyQualifies(ctx.orgs.get(agencyId), policy)) continue;
    // 为促成他人技术交易: a contract the agency is itself party to is not brokerage.
    if (agencyId === c.sellerOrgId || agencyId === c.buyerOrgId) continue;
    // 促成科技成果在市内转化: the buyer, who puts the result to use, is in the city.
    if (!isLocal(ctx.orgs.get(c.buyerOrgId), policy.localRegionPrefix)) continue;
    const list = byAgency.get(agencyId);
    if (list === undefined) byAgency.set(agencyId, [c]);
    else list.push(c);
  }

  const out: GrantComputation[] = [];
  for (const [agencyId, contracts] of byAgency) {
    const explanation = [heading('B3', policy, year, agencyId, ctx.orgs.get(agencyId))];
    const counted: GrantContract[] = contracts.map((c) => {
      const eligibleAmount = basisAmount(c, terms.basis);
      const buyer = ctx.orgs.get(c.buyerOrgId);
      explanation.push(
        `登记号 ${c.registrationNo}（${KIND_ZH[c.kind]}，${c.registeredOn}）买方 ${buyer?.name ?? c.buyerOrgId}（${buyer ? (regionName(buyer.regionCode) ?? buyer.regionCode) : ''}）成交额 ${formatExactYuan(c.amount)}，计入市内成交额 ${formatExactYuan(eligibleAmount)}`,
      );
      return { contractId: c.id, registrationNo: c.registrationNo, amount: c.amount, eligibleAmount };
    });
    const base = sum(counted.map((c) => c.eligibleAmount));
    let rawAmount = ZERO;
    let amount = ZERO;
    if (base.greaterThanOrEqualTo(terms.threshold)) {
      const figure = rateFigure(base, terms.rate, terms.cap, policy);
      rawAmount = figure.rawAmount;
      amount = figure.amount;
      explanation.push(`市内技术合同成交额 ${formatExactYuan(base)}，达到 ${formatExactYuan(terms.threshold)}（含）`, figure.line);
    } else {
      explanation.push(`市内技术合同成交额 ${formatExactYuan(base)}，未达到 ${formatExactYuan(terms.threshold)}（含），不予补助`);
    }
    explanation.push(amountLine(amount));
    out.push({
      clause: 'B3',
      recipientOrgId: agencyId,
      year,
      basis: terms.basis,
      base,
      rate: terms.rate,
      cap: terms.cap,
      rawAmount,
      amount,
      policyId: policy.id,
      contracts: counted,
      explanation,
    });
  }
  return out;
}
