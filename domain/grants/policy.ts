import Decimal from 'decimal.js';
import { z } from 'zod';
import { DATE_YEARS, inDateYears } from '#domain/time/calendar-date.ts';

/**
 * A subsidy policy as data: one versioned record a bureau user can read, so a
 * later policy is a new record, not new code, and every computed figure names
 * the record it was computed under.
 */

export const CONTRACT_KINDS = ['development', 'transfer', 'consulting', 'service'] as const;
export type ContractKind = (typeof CONTRACT_KINDS)[number];

export const FILING_LEVELS = ['national', 'provincial', 'municipal'] as const;
export type FilingLevel = (typeof FILING_LEVELS)[number];

export const SELLER_KINDS = ['university', 'institute', 'enterprise'] as const;
export type SellerKind = (typeof SELLER_KINDS)[number];

export type Basis = 'contractAmount' | 'technologyAmount';

/** A1, A2: a rate of the seller's yearly contract volume, capped. */
export type VolumeClause = {
  kinds: readonly ContractKind[];
  basis: Basis;
  rate: Decimal;
  maxRate: Decimal;
  cap: Decimal;
};

/** B1, B2: a one-off award to an agency for a filing. */
export type FilingAward = {
  filingLevel: FilingLevel;
  /** B1 pays only for a new recognition (新增); B2 for any filing at the level. */
  newlyRecognizedOnly: boolean;
  maxAmount: Decimal;
};

/** B3: a rate of the agency's in-city brokered volume, from a threshold on. */
export type BrokerVolumeClause = VolumeClause & {
  filingLevel: FilingLevel;
  /** Inclusive: "300万元以上" includes 3,000,000.00. */
  threshold: Decimal;
};

export type Policy = {
  id: string;
  title: string;
  /** YYYY-MM-DD */
  effectiveFrom: string;
  /** YYYY-MM-DD from which the version no longer applies; null while in force. */
  withdrawnOn: string | null;
  /** Region-code prefix of the city (Liaocheng 3715xx). */
  localRegionPrefix: string;
  rounding: { mode: 'down'; decimals: 2 };
  /** false = 免申即享: the grant goes to review without an application. */
  applicationRequired: boolean;
  /**
   * Whether licences (许可, a transfer subtype) take part in the value-added
   * chain. lc-2020-15 reading: no. A licence leaves ownership with the
   * licensor, so licensing one patent to several licensees is several transfer
   * activities, not a resale; each licence counts in full and is never the
   * "preceding transfer" of an assignment.
   */
  licencesInValueAddedChain: boolean;
  clauses: {
    A1: VolumeClause;
    A2: VolumeClause;
    B1: FilingAward;
    B2: FilingAward;
    B3: BrokerVolumeClause;
  };
};

export type Clause = keyof Policy['clauses'];
export const CLAUSES: readonly Clause[] = ['A1', 'A2', 'B1', 'B2', 'B3'];

const d = (s: string) => new Decimal(s);

/** 聊政字〔2020〕15号, section 四(一) and 四(二), as RULES.md reads it. */
export const LC_2020_15: Policy = {
  id: 'lc-2020-15',
  title: '聊城市人民政府关于推进创新型城市建设若干措施的通知（聊政字〔2020〕15号）',
  effectiveFrom: '2020-01-01',
  withdrawnOn: null,
  localRegionPrefix: '3715',
  rounding: { mode: 'down', decimals: 2 },
  // The 2020 text says nothing of 免申即享; grants wait for an application.
  applicationRequired: true,
  licencesInValueAddedChain: false,
  clauses: {
    A1: { kinds: ['development', 'transfer'], basis: 'contractAmount', rate: d('0.015'), maxRate: d('0.015'), cap: d('500000.00') },
    A2: { kinds: ['consulting', 'service'], basis: 'contractAmount', rate: d('0.001'), maxRate: d('0.001'), cap: d('200000.00') },
    B1: { filingLevel: 'national', newlyRecognizedOnly: true, maxAmount: d('1000000.00') },
    B2: { filingLevel: 'provincial', newlyRecognizedOnly: false, maxAmount: d('500000.00') },
    B3: {
      filingLevel: 'municipal',
      kinds: CONTRACT_KINDS,
      basis: 'contractAmount',
      rate: d('0.015'),
      maxRate: d('0.015'),
      cap: d('500000.00'),
      threshold: d('3000000.00'),
    },
  },
};

/** Is the version in force on this date (YYYY-MM-DD)? */
export function inForce(policy: Policy, date: string): boolean {
  return policy.effectiveFrom <= date && (policy.withdrawnOn === null || date < policy.withdrawnOn);
}

/** Is the version in force on at least one day of the calendar year? */
export function inForceDuring(policy: Policy, year: number): boolean {
  return policy.effectiveFrom <= `${year}-12-31` && (policy.withdrawnOn === null || policy.withdrawnOn > `${year}-01-01`);
}

/**
 * The version in force on a date: the latest effectiveFrom on or before it,
 * skipping versions withdrawn by then (an older version still in force applies
 * again). Null when none is.
 */
export function policyFor(date: string, policies: readonly Policy[]): Policy | null {
  let best: Policy | null = null;
  for (const p of policies) {
    if (!inForce(p, date)) continue;
    // Equal dates: the larger id wins, so the answer never depends on list order.
    if (best === null || p.effectiveFrom > best.effectiveFrom || (p.effectiveFrom === best.effectiveFrom && p.id > best.id)) best = p;
  }
  return best;
}

// ---- stored form: JSON with decimals as strings -------------------------

const decimalString = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'a non-negative decimal written as a string')
  .transform((s) => new Decimal(s));

const moneyString = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,2})?$/, 'yuan with at most two decimals, written as a string')
  .transform((s) => new Decimal(s));

const kinds = z.array(z.enum(CONTRACT_KINDS)).min(1);

const volumeFields = {
  kinds,
  basis: z.enum(['contractAmount', 'technologyAmount']),
  rate: decimalString,
  maxRate: decimalString,
  cap: moneyString,
};

const rateWithinMax = (c: { rate: Decimal; maxRate: Decimal }) => c.rate.lessThanOrEqualTo(c.maxRate);
const rateMessage = { message: 'rate must not exceed maxRate', path: ['rate'] };

const volumeClause = z.object(volumeFields).refine(rateWithinMax, rateMessage);

const filingAward = z.object({
  filingLevel: z.enum(FILING_LEVELS),
  newlyRecognizedOnly: z.boolean(),
  maxAmount: moneyString,
});

const brokerVolumeClause = z
  .object({ ...volumeFields, filingLevel: z.enum(FILING_LEVELS), threshold: moneyString })
  .refine(rateWithinMax, rateMessage);

/** Validates a stored policy version and gives it back with Decimals. */
export const policySchema = z
  .object({
    id: z.string().min(1),
    title: z.string().min(1),
    effectiveFrom: z.iso.date().refine(inDateYears, `a year from ${DATE_YEARS.min} to ${DATE_YEARS.max}`),
    withdrawnOn: z.iso.date().refine(inDateYears, `a year from ${DATE_YEARS.min} to ${DATE_YEARS.max}`).nullable(),
    localRegionPrefix: z.string().regex(/^\d{2,6}$/),
    rounding: z.object({ mode: z.literal('down'), decimals: z.literal(2) }),
    applicationRequired: z.boolean(),
    licencesInValueAddedChain: z.boolean(),
    clauses: z.object({ A1: volumeClause, A2: volumeClause, B1: filingAward, B2: filingAward, B3: brokerVolumeClause }),
  })
  .refine((p) => p.withdrawnOn === null || p.effectiveFrom <= p.withdrawnOn, {
    message: 'withdrawnOn must not precede effectiveFrom',
    path: ['withdrawnOn'],
  })
  // Once only: a contract kind belongs to one clause A, never both.
  .refine((p) => !p.clauses.A1.kinds.some((k) => p.clauses.A2.kinds.includes(k)), {
    message: 'A1 and A2 must not share a contract kind',
    path: ['clauses', 'A2', 'kinds'],
  });

/** The JSON a policy version is stored as. */
export type PolicyJson = z.input<typeof policySchema>;

export function parsePolicy(json: unknown): Policy {
  return policySchema.parse(json);
}

/** A policy built in code passes the same checks as a stored one. */
export function assertValidPolicy(p: Policy): void {
  policySchema.parse(serializePolicy(p));
}

export function serializePolicy(p: Policy): PolicyJson {
  const volume = (c: VolumeClause) => ({
    kinds: [...c.kinds],
    basis: c.basis,
    rate: c.rate.toFixed(),
    maxRate: c.maxRate.toFixed(),
    cap: c.cap.toFixed(2),
  });
  const award = (c: FilingAward) => ({
    filingLevel: c.filingLevel,
    newlyRecognizedOnly: c.newlyRecognizedOnly,
    maxAmount: c.maxAmount.toFixed(2),
  });
  const { A1, A2, B1, B2, B3 } = p.clauses;
  return {
    id: p.id,
    title: p.title,
    effectiveFrom: p.effectiveFrom,
    withdrawnOn: p.withdrawnOn,
    localRegionPrefix: p.localRegionPrefix,
    rounding: { ...p.rounding },
    applicationRequired: p.applicationRequired,
    licencesInValueAddedChain: p.licencesInValueAddedChain,
    clauses: {
      A1: volume(A1),
      A2: volume(A2),
      B1: award(B1),
      B2: award(B2),
      B3: { ...volume(B3), filingLevel: B3.filingLevel, threshold: B3.threshold.toFixed(2) },
    },
  };
}
