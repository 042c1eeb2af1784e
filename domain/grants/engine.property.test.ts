import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Decimal from 'decimal.js';
import { affectedKeys, computeForRecipient, computeGrants, eligibleAmounts, keyOf, type GrantInput } from './engine.ts';
import type { ContractFact } from './facts.ts';
import { filing, JINAN, LINQING, org, plain } from './fixtures.ts';
import { roundDown, sum, times } from './money.ts';
import { CLAUSES, CONTRACT_KINDS, LC_2020_15, type Policy } from './policy.ts';

// A small city: sellers of every standing, agencies in and out of town, so the
// generated contracts hit every rule.
const orgs = [
  org('u1', 'university'),
  org('i1', 'institute', LINQING),
  org('e1', 'enterprise'),
  org('e2', 'enterprise', JINAN),
  org('e3', 'enterprise', LINQING, false),
  org('g1', 'agency'),
  org('g2', 'agency', LINQING),
  org('g3', 'agency', JINAN),
];
const filings = [
  filing('g1', 'municipal', '2022-03-01'),
  filing('g1', 'national', '2023-05-01', true),
  filing('g2', 'provincial', '2024-02-01'),
  filing('g2', 'municipal', '2024-06-30'),
  filing('g3', 'municipal', '2021-01-01'),
];
const ORG_IDS = orgs.map((o) => o.id);
const YEARS = [2023, 2024];

const techLicences: Policy = {
  ...LC_2020_15,
  id: 'test-tech',
  licencesInValueAddedChain: true,
  clauses: {
    ...LC_2020_15.clauses,
    A1: { ...LC_2020_15.clauses.A1, basis: 'technologyAmount', rate: new Decimal('0.0123') },
    B3: { ...LC_2020_15.clauses.B3, basis: 'technologyAmount', threshold: new Decimal('1000000.00') },
  },
};
const policies = [LC_2020_15, techLicences];

/** Cents as a yuan Decimal, built from a string: no JS number arithmetic on money. */
const fromCents = (cents: bigint) => new Decimal(`${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`);

const cents = fc.oneof(
  fc.bigInt({ min: 0n, max: 10_000_000n }),
  fc.bigInt({ min: 0n, max: 5_000_000_000n }),
  fc.constantFrom(299_999_999n, 300_000_000n, 100_000_000n, 4_000_000_000n),
);

const dates = fc.constantFrom('2023-01-15', '2023-06-30', '2023-12-31', '2024-01-01', '2024-03-15', '2024-03-15', '2024-12-31');

const contractShape = fc.record({
  // Transfers weigh double so value-added chains form often.
  kind: fc.constantFrom(...CONTRACT_KINDS, 'transfer'),
  licence: fc.boolean(),
  sellerOrgId: fc.constantFrom(...ORG_IDS),
  buyerOrgId: fc.constantFrom(...ORG_IDS, 'unknown'),
  brokerOrgId: fc.option(fc.constantFrom('g1', 'g2', 'g3', 'u1'), { nil: null }),
  resultId: fc.option(fc.constantFrom('R1', 'R2', 'R3'), { nil: null }),
  cents,
  techPercent: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
  registeredOn: dates,
  status: fc.constantFrom('registered', 'registered', 'registered', 'revoked', 'terminated'),
});

const contractsArb = fc.array(contractShape, { maxLength: 25 }).map((shapes) =>
  shapes.map(
    (s, i): ContractFact => ({
      id: `c${i}`,
      kind: s.kind,
      licence: s.kind === 'transfer' ? s.licence : undefined,
      sellerOrgId: s.sellerOrgId,
      buyerOrgId: s.buyerOrgId,
      brokerOrgId: s.brokerOrgId,
      resultId: s.resultId,
      amount: fromCents(s.cents),
      technologyAmount: s.techPercent === null ? null : fromCents((s.cents * BigInt(s.techPercent)) / 100n),
      registeredOn: s.registeredOn,
      status: s.status,
      registrationNo: `N${i}`,
    }),
  ),
);

const inputArb = fc.record({
  year: fc.constantFrom(...YEARS),
  policy: fc.constantFrom(...policies),
  contracts: contractsArb,
});

const full = (i: { year: number; policy: Policy; contracts: readonly ContractFact[] }): GrantInput => ({ ...i, orgs, filings });
const figures = (input: GrantInput) => computeGrants(input).map(plain);

const runs = { numRuns: 300 };

describe('grant engine properties', () => {
  it('never pays over the cap, nor over round_down(rate × base); the base is the sum of eligible amounts', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        const eligible = eligibleAmounts(i.contracts, i.policy);
        for (const g of computeGrants(full(i))) {
          const roundedRate = roundDown(times(g.base, g.rate), 2);
          expect(g.amount.lessThanOrEqualTo(g.cap)).toBe(true);
          expect(g.amount.lessThanOrEqualTo(roundedRate)).toBe(true);
          expect(g.amount.isNegative()).toBe(false);
          expect(g.amount.decimalPlaces()).toBeLessThanOrEqual(2);
          if (g.basis === 'fixed') expect(g.contracts).toEqual([]); // B1, B2: base = cap = the award
          else expect(g.base.equals(sum(g.contracts.map((c) => c.eligibleAmount)))).toBe(true);
          expect(g.amount.equals(Decimal.min(g.cap, roundDown(g.rawAmount, 2)))).toBe(true);
          const belowThreshold = g.clause === 'B3' && g.base.lessThan(i.policy.clauses.B3.threshold);
          expect(g.rawAmount.equals(belowThreshold ? 0 : times(g.base, g.rate))).toBe(true);
          if (g.clause === 'A1' || g.clause === 'A2') {
            for (const c of g.contracts) {
              const e = eligible.get(c.contractId);
              expect(e?.eligibleAmount.equals(c.eligibleAmount)).toBe(true);
              expect(c.eligibleAmount.lessThanOrEqualTo(e!.basisAmount)).toBe(true);
            }
          }
        }
      }),
      runs,
    );
  });

  it('puts every contract in at most one base per clause, and in one clause A base at most', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        const gs = computeGrants(full(i));
        const byId = new Map(i.contracts.map((c) => [c.id, c]));
        for (const clause of CLAUSES) {
          const ids = gs.filter((g) => g.clause === clause).flatMap((g) => g.contracts.map((c) => c.contractId));
          expect(new Set(ids).size).toBe(ids.length);
        }
        const aIds = gs.filter((g) => g.clause === 'A1' || g.clause === 'A2').flatMap((g) => g.contracts.map((c) => c.contractId));
        expect(new Set(aIds).size).toBe(aIds.length);
        for (const g of gs) {
          for (const c of g.contracts) {
            const fact = byId.get(c.contractId)!;
            expect(fact.status).toBe('registered');
            expect(fact.registeredOn.startsWith(`${i.year}-`)).toBe(true);
          }
        }
      }),
      runs,
    );
  });

  it('gives the same figures whatever the order of the input and however often a fact is repeated', () => {
    fc.assert(
      fc.property(
        inputArb,
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.nat(),
        (i, dupes, seed) => {
          const n = i.contracts.length;
          const repeated = n === 0 ? [] : [...i.contracts, ...dupes.map((d) => i.contracts[d % n]!)];
          const shuffled = shuffle(repeated, seed);
          const again = computeGrants({ ...full(i), contracts: shuffled, orgs: shuffle([...orgs, ...orgs], seed + 1), filings: shuffle([...filings, ...filings], seed + 2) });
          expect(again.map(plain)).toEqual(figures(full(i)));
        },
      ),
      runs,
    );
  });

  it('returns to the same figures when a revoked contract is registered again', () => {
    fc.assert(
      fc.property(inputArb, fc.nat(), (i, pick) => {
        fc.pre(i.contracts.length > 0);
        const at = pick % i.contracts.length;
        const registered = i.contracts.map((c, k) => (k === at ? { ...c, status: 'registered' as const } : c));
        const before = figures(full({ ...i, contracts: registered }));
        const revoked = registered.map((c, k) => (k === at ? { ...c, status: 'revoked' as const } : c));
        const during = computeGrants(full({ ...i, contracts: revoked }));
        expect(during.flatMap((g) => g.contracts.map((c) => c.contractId))).not.toContain(`c${at}`);
        const reRegistered = revoked.map((c, k) => (k === at ? { ...c, status: 'registered' as const } : c));
        expect(figures(full({ ...i, contracts: reRegistered }))).toEqual(before);
      }),
      runs,
    );
  });

  it('computes one recipient exactly as the full run does', () => {
    fc.assert(
      fc.property(inputArb, fc.constantFrom(...CLAUSES), fc.constantFrom(...ORG_IDS), (i, clause, who) => {
        const input = full(i);
        const all = computeGrants(input);
        for (const g of all) {
          expect(plain(computeForRecipient(input, { clause: g.clause, recipientOrgId: g.recipientOrgId })!)).toEqual(plain(g));
        }
        const match = all.find((g) => g.clause === clause && g.recipientOrgId === who);
        const one = computeForRecipient(input, { clause, recipientOrgId: who });
        expect(one === null ? null : plain(one)).toEqual(match === undefined ? null : plain(match));
      }),
      runs,
    );
  });

  it('names every figure a contract change moves (affectedKeys)', () => {
    const change = fc.oneof(
      fc.constant((c: ContractFact): ContractFact => ({ ...c, status: c.status === 'registered' ? 'revoked' : 'registered' })),
      cents.map((k) => (c: ContractFact): ContractFact => ({ ...c, amount: fromCents(k), technologyAmount: null })),
      dates.map((d) => (c: ContractFact): ContractFact => ({ ...c, registeredOn: d })),
    );
    fc.assert(
      fc.property(inputArb, fc.nat(), change, (i, pick, edit) => {
        fc.pre(i.contracts.length > 0);
        const at = pick % i.contracts.length;
        const old = i.contracts[at]!;
        const changed = edit(old);
        const after = i.contracts.map((c, k) => (k === at ? changed : c));
        const named = new Set(affectedKeys([old, changed], i.contracts, i.policy).map(keyOf));
        for (const year of YEARS) {
          const index = (cs: readonly ContractFact[]) =>
            new Map(computeGrants(full({ ...i, year, contracts: cs })).map((g) => [keyOf(g), JSON.stringify(plain(g))]));
          const x = index(i.contracts);
          const y = index(after);
          for (const key of new Set([...x.keys(), ...y.keys()])) {
            if (x.get(key) !== y.get(key)) expect(named).toContain(key);
          }
        }
      }),
      runs,
    );
  });
});

/** A deterministic shuffle from a seed, so a failing case replays. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0;
  for (let k = out.length - 1; k > 0; k--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (k + 1);
    [out[k], out[j]] = [out[j]!, out[k]!];
  }
  return out;
}
