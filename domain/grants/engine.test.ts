import { describe, expect, it } from 'vitest';
import Decimal from 'decimal.js';
import { affectedKeys, computeForRecipient, computeGrants, type GrantInput } from './engine.ts';
import { contract, DONGCHANGFU, filing, JINAN, LINQING, org, plain, yuan } from './fixtures.ts';
import { LC_2020_15, type Policy } from './policy.ts';

const policy = LC_2020_15;
const base = { policy, orgs: [], filings: [], contracts: [] } satisfies Partial<GrantInput>;

const find = (gs: ReturnType<typeof computeGrants>, clause: string, recipient: string) =>
  gs.find((g) => g.clause === clause && g.recipientOrgId === recipient);

// ---- worked examples of RULES.md -------------------------------------------

const lcu = org('lcu', 'university', DONGCHANGFU); // 聊城大学
const ex1 = [
  contract({ id: 'c1', sellerOrgId: 'lcu', kind: 'development', amount: yuan('10000000.00'), registeredOn: '2024-03-01' }),
  contract({ id: 'c2', sellerOrgId: 'lcu', kind: 'development', amount: yuan('30000000.00'), registeredOn: '2024-09-15' }),
];

describe('worked examples (RULES.md, lc-2020-15)', () => {
  it('1: A1 base 40,000,000.00 × 1.5% = 600,000.00 is capped at 500,000.00', () => {
    const gs = computeGrants({ ...base, year: 2024, contracts: ex1, orgs: [lcu] });
    expect(gs).toHaveLength(1);
    const a1 = find(gs, 'A1', 'lcu')!;
    expect(a1.base.toFixed(2)).toBe('40000000.00');
    expect(a1.rawAmount.toFixed(2)).toBe('600000.00');
    expect(a1.amount.toFixed(2)).toBe('500000.00');
    expect(a1.cap.toFixed(2)).toBe('500000.00');
    expect(a1.policyId).toBe('lc-2020-15');
    expect(a1.year).toBe(2024);
    expect(a1.explanation).toContain('基数 40,000,000.00 × 1.5% = 600,000.00，超过上限 500,000.00，按上限计');
    expect(a1.explanation.at(-1)).toBe('拟补助金额 500,000.00');
  });

  it('2: A2 = round_down(2,345,678.91 × 0.001) = 2,345.67', () => {
    const contracts = [...ex1, contract({ id: 's1', sellerOrgId: 'lcu', kind: 'service', amount: yuan('2345678.91') })];
    const gs = computeGrants({ ...base, year: 2024, contracts, orgs: [lcu] });
    const a2 = find(gs, 'A2', 'lcu')!;
    expect(a2.rawAmount.toString()).toBe('2345.67891');
    expect(a2.amount.toFixed(2)).toBe('2345.67');
    expect(a2.explanation).toContain('基数 2,345,678.91 × 0.1% = 2,345.67891，向下取整到分为 2,345.67');
    // A1 is untouched by the service contract.
    expect(find(gs, 'A1', 'lcu')!.amount.toFixed(2)).toBe('500000.00');
  });

  const chain = (price2024: string) => [
    contract({ id: 't1', kind: 'transfer', resultId: 'R', sellerOrgId: 'A', buyerOrgId: 'B', amount: yuan('800000.00'), registeredOn: '2023-05-10' }),
    contract({ id: 't2', kind: 'transfer', resultId: 'R', sellerOrgId: 'B', buyerOrgId: 'C', amount: yuan(price2024), registeredOn: '2024-04-20' }),
  ];
  const abc = [org('A', 'university'), org('B', 'enterprise'), org('C', 'enterprise')];

  it('3: a resale counts only its value added: 1,200,000.00 − 800,000.00 → A1 6,000.00', () => {
    const g = computeForRecipient({ ...base, year: 2024, contracts: chain('1200000.00'), orgs: abc }, { clause: 'A1', recipientOrgId: 'B' })!;
    expect(g.contracts).toEqual([
      { contractId: 't2', registrationNo: 'REG-t2', amount: yuan('1200000.00'), eligibleAmount: yuan('400000.00') },
    ]);
    expect(g.base.toFixed(2)).toBe('400000.00');
    expect(g.amount.toFixed(2)).toBe('6000.00');
    expect(g.explanation.some((l) => l.includes('前次转让（登记号 REG-t1）800,000.00') && l.endsWith('400,000.00'))).toBe(true);
    // The first transfer counted in full for A, in 2023.
    const a2023 = computeForRecipient({ ...base, year: 2023, contracts: chain('1200000.00'), orgs: abc }, { clause: 'A1', recipientOrgId: 'A' })!;
    expect(a2023.amount.toFixed(2)).toBe('12000.00');
  });

  it('4: a resale below the earlier price has eligible amount 0.00', () => {
    const g = computeForRecipient({ ...base, year: 2024, contracts: chain('700000.00'), orgs: abc }, { clause: 'A1', recipientOrgId: 'B' })!;
    expect(g.contracts[0]!.eligibleAmount.toFixed(2)).toBe('0.00');
    expect(g.base.toFixed(2)).toBe('0.00');
    expect(g.amount.toFixed(2)).toBe('0.00');
  });

  const ex5 = (localTotal: string) => ({
    ...base,
    year: 2024,
    orgs: [org('M', 'agency'), org('S', 'university'), org('L1'), org('L2', 'enterprise', LINQING), org('J', 'enterprise', JINAN)],
    filings: [filing('M', 'municipal', '2023-11-01')],
    contracts: [
      contract({ id: 'm1', brokerOrgId: 'M', sellerOrgId: 'S', buyerOrgId: 'L1', amount: yuan('1000000.00') }),
      contract({ id: 'm2', brokerOrgId: 'M', sellerOrgId: 'S', buyerOrgId: 'L2', amount: yuan(localTotal).minus('1000000.00'), kind: 'transfer' }),
      contract({ id: 'm3', brokerOrgId: 'M', sellerOrgId: 'S', buyerOrgId: 'J', amount: yuan('5000000.00'), kind: 'service' }),
    ],
  });

  it('5: in-city volume 3,000,000.00 reaches the threshold (inclusive) → B3 45,000.00; the Jinan buyer does not count', () => {
    const b3 = find(computeGrants(ex5('3000000.00')), 'B3', 'M')!;
    expect(b3.base.toFixed(2)).toBe('3000000.00');
    expect(b3.contracts.map((c) => c.contractId)).toEqual(['m1', 'm2']);
    expect(b3.amount.toFixed(2)).toBe('45000.00');
  });

  it('5: at 2,999,999.99 the B3 figure is 0.00', () => {
    const b3 = find(computeGrants(ex5('2999999.99')), 'B3', 'M')!;
    expect(b3.base.toFixed(2)).toBe('2999999.99');
    expect(b3.rawAmount.toFixed(2)).toBe('0.00');
    expect(b3.amount.toFixed(2)).toBe('0.00');
    expect(b3.explanation).toContain('市内技术合同成交额 2,999,999.99，未达到 3,000,000.00（含），不予补助');
  });

  it('6: running the job three times or feeding the contract three times keeps 500,000.00 and the contract once', () => {
    const input = { ...base, year: 2024, contracts: ex1, orgs: [lcu] };
    const runs = [computeGrants(input), computeGrants(input), computeGrants(input)].map((gs) => gs.map(plain));
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);

    const fed = computeGrants({ ...input, contracts: [ex1[0]!, ex1[1]!, ex1[0]!, ex1[0]!], orgs: [lcu, lcu] });
    const a1 = find(fed, 'A1', 'lcu')!;
    expect(a1.amount.toFixed(2)).toBe('500000.00');
    expect(a1.base.toFixed(2)).toBe('40000000.00');
    expect(a1.contracts.filter((c) => c.contractId === 'c1')).toHaveLength(1);
    expect(fed.map(plain)).toEqual(runs[0]);
  });
});

// ---- clause A ---------------------------------------------------------------

describe('clause A recipients', () => {
  const one = (seller: ReturnType<typeof org>) =>
    computeGrants({ ...base, year: 2024, orgs: [seller], contracts: [contract({ id: 'x', sellerOrgId: seller.id, amount: yuan('100000.00') })] });

  it('pays a local, verified university, institute or enterprise', () => {
    for (const kind of ['university', 'institute', 'enterprise'] as const) {
      expect(one(org('s', kind, LINQING)).map((g) => g.amount.toFixed(2))).toEqual(['1500.00']);
    }
  });
  it('pays nothing to a seller outside the city', () => expect(one(org('s', 'university', JINAN))).toEqual([]));
  it('pays nothing to an agency as seller', () => expect(one(org('s', 'agency'))).toEqual([]));
  it('pays nothing to an unverified seller', () => expect(one(org('s', 'enterprise', DONGCHANGFU, false))).toEqual([]));
  it('pays nothing to a seller the facts do not know', () => {
    expect(computeGrants({ ...base, year: 2024, contracts: [contract({ id: 'x', amount: yuan('100000.00') })] })).toEqual([]);
  });

  it('takes the year from the registration date', () => {
    const contracts = [
      contract({ id: 'x', sellerOrgId: 's', amount: yuan('100000.00'), registeredOn: '2023-12-31' }),
      contract({ id: 'y', sellerOrgId: 's', amount: yuan('200000.00'), registeredOn: '2024-01-01' }),
    ];
    const in2023 = computeGrants({ ...base, year: 2023, contracts, orgs: [org('s')] });
    const in2024 = computeGrants({ ...base, year: 2024, contracts, orgs: [org('s')] });
    expect(in2023.map((g) => g.contracts.map((c) => c.contractId))).toEqual([['x']]);
    expect(in2024.map((g) => g.contracts.map((c) => c.contractId))).toEqual([['y']]);
  });

  it('caps A2 at 200,000.00', () => {
    const contracts = [contract({ id: 'x', sellerOrgId: 's', kind: 'consulting', amount: yuan('300000000.00') })];
    const a2 = computeGrants({ ...base, year: 2024, contracts, orgs: [org('s')] })[0]!;
    expect(a2.clause).toBe('A2');
    expect(a2.rawAmount.toFixed(2)).toBe('300000.00');
    expect(a2.amount.toFixed(2)).toBe('200000.00');
  });

  it('leaves a revoked or terminated contract out of every base', () => {
    const contracts = [
      contract({ id: 'x', sellerOrgId: 's', brokerOrgId: 'M', amount: yuan('2000000.00') }),
      contract({ id: 'y', sellerOrgId: 's', brokerOrgId: 'M', amount: yuan('1000000.00'), status: 'revoked' }),
      contract({ id: 'z', sellerOrgId: 's', brokerOrgId: 'M', amount: yuan('1000000.00'), status: 'terminated' }),
    ];
    const gs = computeGrants({ ...base, year: 2024, contracts, orgs: [org('s'), org('buyer'), org('M', 'agency')], filings: [filing('M', 'municipal', '2020-01-01')] });
    const a1 = find(gs, 'A1', 's')!;
    const b3 = find(gs, 'B3', 'M')!;
    expect(a1.contracts.map((c) => c.contractId)).toEqual(['x']);
    expect(a1.amount.toFixed(2)).toBe('30000.00');
    expect(b3.contracts.map((c) => c.contractId)).toEqual(['x']);
    expect(b3.amount.toFixed(2)).toBe('0.00');
  });

  it('counts a brokered contract for its seller (A) and its broker (B3): different clauses, different parties', () => {
    const contracts = [contract({ id: 'x', sellerOrgId: 's', brokerOrgId: 'M', amount: yuan('4000000.00') })];
    const gs = computeGrants({ ...base, year: 2024, contracts, orgs: [org('s'), org('buyer'), org('M', 'agency')], filings: [filing('M', 'municipal', '2024-12-31')] });
    expect(gs.map((g) => [g.clause, g.recipientOrgId, g.amount.toFixed(2)])).toEqual([
      ['A1', 's', '60000.00'],
      ['B3', 'M', '60000.00'],
    ]);
  });

  it('uses a rate below the maximum when the policy sets one, and refuses one above it', () => {
    const lower: Policy = { ...policy, clauses: { ...policy.clauses, A1: { ...policy.clauses.A1, rate: yuan('0.01') } } };
    const contracts = [contract({ id: 'x', sellerOrgId: 's', amount: yuan('100000.00') })];
    expect(computeGrants({ ...base, policy: lower, year: 2024, contracts, orgs: [org('s')] })[0]!.amount.toFixed(2)).toBe('1000.00');
    const higher: Policy = { ...policy, clauses: { ...policy.clauses, A1: { ...policy.clauses.A1, rate: yuan('0.02') } } };
    expect(() => computeGrants({ ...base, policy: higher, year: 2024, contracts, orgs: [org('s')] })).toThrow(/rate must not exceed maxRate/);
  });
});

describe('value added across a chain of transfers', () => {
  const orgs = ['A', 'B', 'C', 'D'].map((id) => org(id));
  const chain = [
    contract({ id: 't1', kind: 'transfer', resultId: 'R', sellerOrgId: 'A', amount: yuan('500000.00'), registeredOn: '2022-01-10' }),
    contract({ id: 't2', kind: 'transfer', resultId: 'R', sellerOrgId: 'B', amount: yuan('900000.00'), registeredOn: '2023-02-10' }),
    contract({ id: 't3', kind: 'transfer', resultId: 'R', sellerOrgId: 'C', amount: yuan('1500000.00'), registeredOn: '2024-03-10' }),
  ];

  it('measures each resale against the one immediately before it', () => {
    const figure = (year: number, who: string) =>
      computeForRecipient({ ...base, year, contracts: chain, orgs }, { clause: 'A1', recipientOrgId: who })!;
    expect(figure(2022, 'A').base.toFixed(2)).toBe('500000.00');
    expect(figure(2023, 'B').base.toFixed(2)).toBe('400000.00');
    expect(figure(2024, 'C').base.toFixed(2)).toBe('600000.00');
    expect(figure(2024, 'C').amount.toFixed(2)).toBe('9000.00');
  });

  it('skips a revoked link: the next transfer is measured against the last registered one', () => {
    const revoked = chain.map((c) => (c.id === 't2' ? { ...c, status: 'revoked' as const } : c));
    const c2024 = computeForRecipient({ ...base, year: 2024, contracts: revoked, orgs }, { clause: 'A1', recipientOrgId: 'C' })!;
    expect(c2024.base.toFixed(2)).toBe('1000000.00');
  });

  it('breaks a same-day tie by registration number, whatever the input order', () => {
    const sameDay = [
      contract({ id: 'p', kind: 'transfer', resultId: 'R', sellerOrgId: 'A', amount: yuan('300000.00'), registeredOn: '2024-05-05', registrationNo: '2024-0002' }),
      contract({ id: 'q', kind: 'transfer', resultId: 'R', sellerOrgId: 'B', amount: yuan('100000.00'), registeredOn: '2024-05-05', registrationNo: '2024-0001' }),
    ];
    for (const contracts of [sameDay, [...sameDay].reverse()]) {
      const gs = computeGrants({ ...base, year: 2024, contracts, orgs });
      expect(find(gs, 'A1', 'B')!.base.toFixed(2)).toBe('100000.00');
      expect(find(gs, 'A1', 'A')!.base.toFixed(2)).toBe('200000.00');
    }
  });

  it('treats a licence as a transfer for A1 but keeps it out of the chain (lc-2020-15 reading)', () => {
    const withLicence = [
      contract({ id: 't1', kind: 'transfer', resultId: 'R', sellerOrgId: 'A', amount: yuan('800000.00'), registeredOn: '2023-01-10' }),
      contract({ id: 'l1', kind: 'transfer', licence: true, resultId: 'R', sellerOrgId: 'B', amount: yuan('900000.00'), registeredOn: '2024-01-10' }),
      contract({ id: 't2', kind: 'transfer', resultId: 'R', sellerOrgId: 'C', amount: yuan('1000000.00'), registeredOn: '2024-02-10' }),
    ];
    const gs = computeGrants({ ...base, year: 2024, contracts: withLicence, orgs });
    expect(find(gs, 'A1', 'B')!.base.toFixed(2)).toBe('900000.00'); // counted in full
    expect(find(gs, 'A1', 'C')!.base.toFixed(2)).toBe('200000.00'); // measured against t1, not the licence

    const chained: Policy = { ...policy, licencesInValueAddedChain: true };
    const gs2 = computeGrants({ ...base, policy: chained, year: 2024, contracts: withLicence, orgs });
    expect(find(gs2, 'A1', 'B')!.base.toFixed(2)).toBe('100000.00');
    expect(find(gs2, 'A1', 'C')!.base.toFixed(2)).toBe('100000.00');
  });

  it('does not chain transfers of different results or without a result', () => {
    const contracts = [
      contract({ id: 'a', kind: 'transfer', resultId: 'R1', sellerOrgId: 'A', amount: yuan('800000.00'), registeredOn: '2023-01-10' }),
      contract({ id: 'b', kind: 'transfer', resultId: 'R2', sellerOrgId: 'B', amount: yuan('800000.00'), registeredOn: '2024-01-10' }),
      contract({ id: 'c', kind: 'transfer', resultId: null, sellerOrgId: 'B', amount: yuan('100000.00'), registeredOn: '2024-01-11' }),
      contract({ id: 'd', kind: 'development', resultId: 'R1', sellerOrgId: 'B', amount: yuan('100000.00'), registeredOn: '2024-01-12' }),
    ];
    const b = computeForRecipient({ ...base, year: 2024, contracts, orgs }, { clause: 'A1', recipientOrgId: 'B' })!;
    expect(b.base.toFixed(2)).toBe('1000000.00');
  });
});

describe('technology amount basis', () => {
  const techPolicy: Policy = {
    ...policy,
    id: 'lc-test-tech',
    clauses: {
      ...policy.clauses,
      A1: { ...policy.clauses.A1, basis: 'technologyAmount' },
      B3: { ...policy.clauses.B3, basis: 'technologyAmount' },
    },
  };
  const orgs = [org('A'), org('B'), org('buyer'), org('M', 'agency')];

  it('takes 技术交易额 as the base, a missing one as 0.00, and applies the value-added rule to it', () => {
    const contracts = [
      contract({ id: 'x', sellerOrgId: 'A', amount: yuan('1000000.00'), technologyAmount: yuan('600000.00'), registeredOn: '2024-01-01' }),
      contract({ id: 'y', sellerOrgId: 'A', amount: yuan('500000.00'), technologyAmount: null, registeredOn: '2024-01-02' }),
      contract({ id: 't1', kind: 'transfer', resultId: 'R', sellerOrgId: 'A', amount: yuan('900000.00'), technologyAmount: yuan('700000.00'), registeredOn: '2024-01-03' }),
      contract({ id: 't2', kind: 'transfer', resultId: 'R', sellerOrgId: 'B', amount: yuan('1000000.00'), technologyAmount: yuan('750000.00'), registeredOn: '2024-01-04' }),
    ];
    const gs = computeGrants({ ...base, policy: techPolicy, year: 2024, contracts, orgs });
    const a = find(gs, 'A1', 'A')!;
    expect(a.basis).toBe('technologyAmount');
    expect(a.contracts.map((c) => c.eligibleAmount.toFixed(2))).toEqual(['600000.00', '0.00', '700000.00']);
    expect(a.amount.toFixed(2)).toBe('19500.00');
    expect(a.policyId).toBe('lc-test-tech');
    expect(a.explanation.some((l) => l.includes('未登记技术交易额，按 0.00 计'))).toBe(true);
    expect(find(gs, 'A1', 'B')!.base.toFixed(2)).toBe('50000.00');
  });

  it('measures the B3 threshold on technology amounts', () => {
    const contracts = [contract({ id: 'x', sellerOrgId: 'A', brokerOrgId: 'M', amount: yuan('4000000.00'), technologyAmount: yuan('2900000.00') })];
    const b3 = find(computeGrants({ ...base, policy: techPolicy, year: 2024, contracts, orgs, filings: [filing('M', 'municipal', '2024-01-01')] }), 'B3', 'M')!;
    expect(b3.base.toFixed(2)).toBe('2900000.00');
    expect(b3.amount.toFixed(2)).toBe('0.00');
  });
});

// ---- clause B ---------------------------------------------------------------

describe('B1 and B2: once per agency', () => {
  const orgs = [org('N', 'agency'), org('P', 'agency'), org('Far', 'agency', JINAN)];
  const filings = [
    filing('N', 'national', '2024-03-01', true),
    filing('P', 'provincial', '2023-06-01'),
    filing('P', 'provincial', '2024-06-01'),
    filing('Far', 'provincial', '2024-06-01'),
  ];

  it('proposes the maximum in the year of the first qualifying filing', () => {
    const gs = computeGrants({ ...base, year: 2024, orgs, filings });
    expect(gs.map((g) => [g.clause, g.recipientOrgId, g.amount.toFixed(2)])).toEqual([['B1', 'N', '1000000.00']]);
    const b1 = gs[0]!;
    expect(b1.basis).toBe('fixed');
    expect(b1.contracts).toEqual([]);
    expect(b1.rawAmount.equals(b1.amount) && b1.cap.equals(b1.amount)).toBe(true);
    const in2023 = computeGrants({ ...base, year: 2023, orgs, filings });
    expect(in2023.map((g) => [g.clause, g.recipientOrgId, g.amount.toFixed(2)])).toEqual([['B2', 'P', '500000.00']]);
  });

  it('never proposes B1 or B2 again once granted in an earlier year', () => {
    const gs = computeGrants({ ...base, year: 2024, orgs, filings, alreadyGranted: new Set(['B1:N']) });
    expect(gs).toEqual([]);
    expect(computeGrants({ ...base, year: 2023, orgs, filings, alreadyGranted: new Set(['B2:P']) })).toEqual([]);
  });

  it('needs a new recognition for B1', () => {
    expect(computeGrants({ ...base, year: 2024, orgs, filings: [filing('N', 'national', '2024-03-01', false)] })).toEqual([]);
  });

  it('keeps B2 and B3 independent for an agency filed at both levels', () => {
    const gs = computeGrants({
      ...base,
      year: 2024,
      orgs: [org('P', 'agency'), org('S'), org('buyer')],
      filings: [filing('P', 'provincial', '2024-02-01'), filing('P', 'municipal', '2022-02-01')],
      contracts: [contract({ id: 'x', sellerOrgId: 'S', brokerOrgId: 'P', amount: yuan('3000000.00') })],
    });
    expect(gs.map((g) => [g.clause, g.recipientOrgId, g.amount.toFixed(2)])).toEqual([
      ['A1', 'S', '45000.00'],
      ['B2', 'P', '500000.00'],
      ['B3', 'P', '45000.00'],
    ]);
  });
});

describe('B3: municipal agency, in-city volume', () => {
  const orgs = [org('M', 'agency'), org('S'), org('L'), org('J', 'enterprise', JINAN)];
  const input = (contracts: ReturnType<typeof contract>[], filedOn = '2024-01-01') =>
    ({ ...base, year: 2024, orgs, contracts, filings: [filing('M', 'municipal', filedOn)] }) satisfies GrantInput;
  const big = (c: Partial<ReturnType<typeof contract>> & { id: string }) =>
    contract({ sellerOrgId: 'S', buyerOrgId: 'L', brokerOrgId: 'M', amount: yuan('3000000.00'), ...c });

  it('excludes a buyer outside the city', () => {
    const b3 = find(computeGrants(input([big({ id: 'x' }), big({ id: 'y', buyerOrgId: 'J' })])), 'B3', 'M')!;
    expect(b3.contracts.map((c) => c.contractId)).toEqual(['x']);
  });

  it('counts a filing made on the last day of the year, not one made after it', () => {
    expect(find(computeGrants(input([big({ id: 'x' })], '2024-12-31')), 'B3', 'M')!.amount.toFixed(2)).toBe('45000.00');
    expect(find(computeGrants(input([big({ id: 'x' })], '2025-01-01')), 'B3', 'M')).toBeUndefined();
  });

  it('counts only contracts brokered for others', () => {
    expect(find(computeGrants(input([big({ id: 'x', sellerOrgId: 'M' })])), 'B3', 'M')).toBeUndefined();
  });

  it('caps at 500,000.00 and rounds down', () => {
    expect(find(computeGrants(input([big({ id: 'x', amount: yuan('40000000.00') })])), 'B3', 'M')!.amount.toFixed(2)).toBe('500000.00');
    expect(find(computeGrants(input([big({ id: 'x', amount: yuan('3333333.33') })])), 'B3', 'M')!.amount.toFixed(2)).toBe('49999.99');
  });

  it('counts the full amount of a resale (the value-added rule is clause A only)', () => {
    const contracts = [
      big({ id: 't1', kind: 'transfer', resultId: 'R', amount: yuan('3000000.00'), registeredOn: '2024-01-01' }),
      big({ id: 't2', kind: 'transfer', resultId: 'R', sellerOrgId: 'L', buyerOrgId: 'S', amount: yuan('3000000.00'), registeredOn: '2024-02-01' }),
    ];
    expect(find(computeGrants(input(contracts)), 'B3', 'M')!.base.toFixed(2)).toBe('6000000.00');
  });

  it('names the recipient and the buyer in the arithmetic where their names are known, and the figures do not change', () => {
    const named = orgs.map((o) => ({ ...o, name: { M: '聊城市技术转移服务中心', S: '聊城大学', L: '临清博承精密轴承有限公司', J: '济南某公司' }[o.id] }));
    const plainB3 = find(computeGrants(input([big({ id: 'x' })])), 'B3', 'M')!;
    const namedB3 = find(computeGrants({ ...input([big({ id: 'x' })]), orgs: named }), 'B3', 'M')!;
    expect(namedB3.explanation[0]).toContain('受补助方 聊城市技术转移服务中心');
    // The policy by its title, with the version id that traces it.
    expect(namedB3.explanation[0]).toContain('政策《聊城市人民政府关于推进创新型城市建设若干措施的通知（聊政字〔2020〕15号）》（版本 lc-2020-15）');
    expect(namedB3.explanation[1]).toContain('买方 临清博承精密轴承有限公司（山东省聊城市东昌府区）');
    expect(plainB3.explanation[0]).toContain('受补助方 M');
    expect({ ...plain(namedB3), explanation: [] }).toEqual({ ...plain(plainB3), explanation: [] });
  });
});

// ---- input guards and the recompute helpers -----------------------------------

describe('input guards', () => {
  const orgs = [org('s')];
  it('refuses two different versions of one contract', () => {
    const a = contract({ id: 'x', sellerOrgId: 's', amount: yuan('1.00') });
    expect(() => computeGrants({ ...base, year: 2024, orgs, contracts: [a, { ...a, amount: yuan('2.00') }] })).toThrow(/different facts/);
  });
  it('refuses two registered contracts under one registration number', () => {
    const contracts = [
      contract({ id: 'x', sellerOrgId: 's', amount: yuan('1.00'), registrationNo: 'N1' }),
      contract({ id: 'y', sellerOrgId: 's', amount: yuan('1.00'), registrationNo: 'N1' }),
    ];
    expect(() => computeGrants({ ...base, year: 2024, orgs, contracts })).toThrow(/registration N1/);
  });
  it('refuses amounts that are not yuan with two decimals', () => {
    for (const amount of ['-1.00', '1.001']) {
      expect(() => computeGrants({ ...base, year: 2024, orgs, contracts: [contract({ id: 'x', amount: yuan(amount) })] })).toThrow(/two decimals/);
    }
    const over = contract({ id: 'x', amount: yuan('1.00'), technologyAmount: yuan('2.00') });
    expect(() => computeGrants({ ...base, year: 2024, orgs, contracts: [over] })).toThrow(/exceeds/);
  });
  it('refuses a policy that puts one contract kind in both A1 and A2', () => {
    const overlapping: Policy = { ...policy, clauses: { ...policy.clauses, A2: { ...policy.clauses.A2, kinds: ['service', 'development'] } } };
    expect(() => computeGrants({ ...base, policy: overlapping, year: 2024 })).toThrow(/must not share/);
  });
  it('refuses a year the policy does not cover', () => {
    expect(() => computeGrants({ ...base, year: 2019, contracts: [] })).toThrow(/not in force/);
    expect(() => computeGrants({ ...base, year: 2024.5, contracts: [] })).toThrow(/not a year/);
  });
  it('keeps money exact even when Decimal is configured coarsely elsewhere', () => {
    const saved = { precision: Decimal.precision, rounding: Decimal.rounding };
    Decimal.set({ precision: 5, rounding: Decimal.ROUND_UP });
    try {
      const g = computeGrants({ ...base, year: 2024, orgs, contracts: [contract({ id: 'x', sellerOrgId: 's', amount: yuan('123456.78') })] })[0]!;
      expect(g.rawAmount.toString()).toBe('1851.8517');
      expect(g.amount.toFixed(2)).toBe('1851.85');
    } finally {
      Decimal.set(saved);
    }
  });
});

describe('affectedKeys', () => {
  it('names the seller, the broker and the next transfer of the same result', () => {
    const t1 = contract({ id: 't1', kind: 'transfer', resultId: 'R', sellerOrgId: 'A', brokerOrgId: 'M', registeredOn: '2023-03-01' });
    const t2 = contract({ id: 't2', kind: 'transfer', resultId: 'R', sellerOrgId: 'B', registeredOn: '2024-03-01' });
    const t3 = contract({ id: 't3', kind: 'transfer', resultId: 'R', sellerOrgId: 'C', registeredOn: '2025-03-01' });
    const revoked = { ...t1, status: 'revoked' as const };
    expect(affectedKeys([t1, revoked], [t1, t2, t3], policy)).toEqual([
      { clause: 'A1', recipientOrgId: 'A', year: 2023 },
      { clause: 'A1', recipientOrgId: 'B', year: 2024 },
      { clause: 'B3', recipientOrgId: 'M', year: 2023 },
    ]);
  });
});
