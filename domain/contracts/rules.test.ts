import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { affectedRecipients, commissionAmount, draftIssues, registrationNo, type ContractDraft } from './rules.ts';

const d = (over: Partial<ContractDraft> = {}): ContractDraft => ({
  kind: 'transfer',
  licence: false,
  sellerOrgId: 's',
  buyerOrgId: 'b',
  brokerOrgId: 'k',
  resultId: 'r',
  amount: new Decimal('1000000.00'),
  technologyAmount: new Decimal('800000.00'),
  commission: { rate: new Decimal('0.03') },
  instalments: [],
  ...over,
});

describe('contract rules', () => {
  it('formats registration numbers', () => {
    expect(registrationNo(2024, '371502', 123)).toBe('2024371502000123');
    expect(() => registrationNo(2024, '3715', 1)).toThrow();
    expect(() => registrationNo(2024, '371502', 1_000_000)).toThrow();
  });

  it('computes commissions exactly, rounding down', () => {
    expect(commissionAmount(new Decimal('2345678.91'), { rate: new Decimal('0.015') }).toFixed(2)).toBe('35185.18');
    expect(commissionAmount(new Decimal('100'), { fixed: new Decimal('7.5') }).toFixed(2)).toBe('7.50');
  });

  it('accepts a consistent draft', () => {
    expect(draftIssues(d())).toEqual({});
  });

  it('names each inconsistency', () => {
    expect(Object.keys(draftIssues(d({ amount: new Decimal(0) })))).toContain('amount');
    expect(Object.keys(draftIssues(d({ technologyAmount: new Decimal('2000000') })))).toEqual(['technologyAmount']);
    expect(Object.keys(draftIssues(d({ buyerOrgId: 's' })))).toEqual(['buyerOrgId']);
    expect(Object.keys(draftIssues(d({ resultId: null })))).toEqual(['resultId']);
    expect(Object.keys(draftIssues(d({ commission: { rate: new Decimal('1.5') } })))).toEqual(['commission']);
    expect(Object.keys(draftIssues(d({ commission: { rate: new Decimal('-0.1') } })))).toEqual(['commission']);
    expect(Object.keys(draftIssues(d({ brokerOrgId: null })))).toEqual(['commission']);
    expect(Object.keys(draftIssues(d({ instalments: [{ dueOn: '2024-01-01', amount: new Decimal('999999.99') }] })))).toEqual(['instalments']);
    expect(draftIssues(d({ instalments: [{ dueOn: '2024-01-01', amount: new Decimal('400000') }, { dueOn: '2024-06-01', amount: new Decimal('600000') }] }))).toEqual({});
  });

  it('names the seller and broker of the registration year for the grant engine', () => {
    expect(affectedRecipients({ sellerOrgId: 's', brokerOrgId: 'k', registeredOn: '2024-05-01' })).toEqual([
      { recipientOrgId: 's', year: 2024 },
      { recipientOrgId: 'k', year: 2024 },
    ]);
  });
});
