import { describe, expect, it } from 'vitest';
import Decimal from 'decimal.js';
import { inForceDuring, LC_2020_15, parsePolicy, policyFor, policySchema, serializePolicy, type Policy } from './policy.ts';

describe('LC_2020_15', () => {
  it('holds every parameter of 四(一) and 四(二) as RULES.md reads them', () => {
    const { A1, A2, B1, B2, B3 } = LC_2020_15.clauses;
    expect(LC_2020_15.id).toBe('lc-2020-15');
    expect(LC_2020_15.effectiveFrom).toBe('2020-01-01');
    expect(LC_2020_15.localRegionPrefix).toBe('3715');
    expect(LC_2020_15.rounding).toEqual({ mode: 'down', decimals: 2 });
    expect([A1.rate.toString(), A1.maxRate.toString(), A1.cap.toFixed(2), A1.kinds, A1.basis]).toEqual([
      '0.015', '0.015', '500000.00', ['development', 'transfer'], 'contractAmount',
    ]);
    expect([A2.rate.toString(), A2.maxRate.toString(), A2.cap.toFixed(2), A2.kinds]).toEqual(['0.001', '0.001', '200000.00', ['consulting', 'service']]);
    expect([B1.filingLevel, B1.newlyRecognizedOnly, B1.maxAmount.toFixed(2)]).toEqual(['national', true, '1000000.00']);
    expect([B2.filingLevel, B2.newlyRecognizedOnly, B2.maxAmount.toFixed(2)]).toEqual(['provincial', false, '500000.00']);
    expect([B3.filingLevel, B3.rate.toString(), B3.cap.toFixed(2), B3.threshold.toFixed(2), B3.kinds.length]).toEqual([
      'municipal', '0.015', '500000.00', '3000000.00', 4,
    ]);
  });
});

describe('stored form', () => {
  it('round-trips through JSON with decimals as strings', () => {
    const json = JSON.parse(JSON.stringify(serializePolicy(LC_2020_15))) as unknown;
    expect((json as { clauses: { A1: { rate: unknown } } }).clauses.A1.rate).toBe('0.015');
    const back = parsePolicy(json);
    expect(back.clauses.A1.rate).toBeInstanceOf(Decimal);
    expect(serializePolicy(back)).toEqual(serializePolicy(LC_2020_15));
  });

  const stored = () => serializePolicy(LC_2020_15);

  it('refuses a rate above its maximum', () => {
    const p = stored();
    p.clauses.A1.rate = '0.02';
    expect(policySchema.safeParse(p).success).toBe(false);
  });

  it('refuses money with more than two decimals, numbers for decimals, and rounding other than down', () => {
    const cap = stored();
    cap.clauses.A2.cap = '200000.001';
    expect(policySchema.safeParse(cap).success).toBe(false);
    const num = { ...stored(), clauses: { ...stored().clauses, B2: { ...stored().clauses.B2, maxAmount: 500000 } } };
    expect(policySchema.safeParse(num).success).toBe(false);
    const up = { ...stored(), rounding: { mode: 'halfUp', decimals: 2 } };
    expect(policySchema.safeParse(up).success).toBe(false);
  });

  it('refuses a contract kind counted by both A1 and A2', () => {
    const p = stored();
    p.clauses.A2.kinds = ['consulting', 'transfer'];
    expect(policySchema.safeParse(p).success).toBe(false);
  });

  it('refuses bad dates and a withdrawal before the start', () => {
    expect(policySchema.safeParse({ ...stored(), effectiveFrom: '2020-13-01' }).success).toBe(false);
    expect(policySchema.safeParse({ ...stored(), withdrawnOn: '2019-12-31' }).success).toBe(false);
    expect(policySchema.safeParse({ ...stored(), withdrawnOn: '2026-01-01' }).success).toBe(true);
  });
});

describe('policyFor', () => {
  const v = (id: string, effectiveFrom: string, withdrawnOn: string | null = null): Policy => ({ ...LC_2020_15, id, effectiveFrom, withdrawnOn });
  const v1 = v('v1', '2020-01-01');
  const v2 = v('v2', '2024-07-01');
  const retracted = v('v3', '2025-01-01', '2025-01-01');

  it('picks the latest version in force on the date, in any list order', () => {
    for (const list of [[v1, v2, retracted], [retracted, v2, v1]]) {
      expect(policyFor('2019-12-31', list)).toBeNull();
      expect(policyFor('2020-01-01', list)?.id).toBe('v1');
      expect(policyFor('2024-06-30', list)?.id).toBe('v1');
      expect(policyFor('2024-07-01', list)?.id).toBe('v2');
      expect(policyFor('2025-06-01', list)?.id).toBe('v2');
    }
  });

  it('keeps a version withdrawn later in force before its withdrawal', () => {
    const ended = v('v2', '2024-07-01', '2026-01-01');
    expect(policyFor('2025-12-31', [v1, ended])?.id).toBe('v2');
    expect(policyFor('2026-01-01', [v1, ended])?.id).toBe('v1');
    expect(policyFor('2026-01-01', [ended])).toBeNull();
  });

  it('tells whether a version covers any day of a year', () => {
    expect(inForceDuring(v1, 2019)).toBe(false);
    expect(inForceDuring(v1, 2020)).toBe(true);
    expect(inForceDuring(v('x', '2020-05-14', '2021-01-02'), 2021)).toBe(true);
    expect(inForceDuring(v('x', '2020-05-14', '2021-01-01'), 2021)).toBe(false);
  });
});
