import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromMinorUnits, toMinorUnits } from '#domain/money.ts';
import { commissionDue, instalmentStatus, paymentStatus, type PaymentSignal } from './settlement.ts';

const d = (s: string) => new Decimal(s);

describe('paymentStatus', () => {
  it('is pending with no signal, paid once completed, refunded after a full refund', () => {
    expect(paymentStatus([])).toBe('pending');
    expect(paymentStatus([{ kind: 'completed' }])).toBe('paid');
    expect(paymentStatus([{ kind: 'completed' }, { kind: 'refunded', full: true }])).toBe('refunded');
  });

  it('keeps a partially refunded payment paid, and a completed one paid although its session expired', () => {
    expect(paymentStatus([{ kind: 'completed' }, { kind: 'refunded', full: false }])).toBe('paid');
    expect(paymentStatus([{ kind: 'expired' }, { kind: 'completed' }])).toBe('paid');
    expect(paymentStatus([{ kind: 'expired' }])).toBe('expired');
  });

  it('does not depend on order or repetition', () => {
    const signal = fc.oneof(
      fc.constant<PaymentSignal>({ kind: 'completed' }),
      fc.constant<PaymentSignal>({ kind: 'expired' }),
      fc.boolean().map<PaymentSignal>((full) => ({ kind: 'refunded', full })),
    );
    const twiceShuffled = fc
      .array(signal, { maxLength: 8 })
      .chain((signals) => fc.tuple(fc.constant(signals), fc.shuffledSubarray([...signals, ...signals], { minLength: signals.length * 2 })));
    fc.assert(
      fc.property(twiceShuffled, ([signals, replayed]) => {
        expect(paymentStatus(replayed)).toBe(paymentStatus(signals));
      }),
    );
  });
});

describe('instalmentStatus', () => {
  it('is paid while one payment stands, reversed when all that were paid were refunded', () => {
    expect(instalmentStatus([])).toBe('pending');
    expect(instalmentStatus(['expired', 'pending'])).toBe('pending');
    expect(instalmentStatus(['refunded', 'paid'])).toBe('paid');
    expect(instalmentStatus(['refunded', 'expired'])).toBe('reversed');
  });
});

describe('commissionDue', () => {
  it('is the paid share of the commission, rounded down to the 分', () => {
    // 30,000 of 100,000 paid: 30% of 3,333.33 = 999.999 → 999.99
    expect(commissionDue(d('3333.33'), d('100000'), d('30000')).toFixed(2)).toBe('999.99');
    expect(commissionDue(d('3333.33'), d('100000'), d('0')).toFixed(2)).toBe('0.00');
  });

  it('is the whole commission once the contract is paid in full', () => {
    expect(commissionDue(d('3333.33'), d('100000'), d('100000')).toFixed(2)).toBe('3333.33');
  });

  it('never exceeds the commission and grows with what is paid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000_00 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (amountFen, pctA, pctB) => {
        const amount = fromMinorUnits(amountFen);
        const commission = amount.times('0.05').toDecimalPlaces(2, Decimal.ROUND_DOWN);
        const [lo, hi] = [Math.min(pctA, pctB), Math.max(pctA, pctB)].map((p) => amount.times(p).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_DOWN));
        const a = commissionDue(commission, amount, lo!);
        const b = commissionDue(commission, amount, hi!);
        expect(a.lte(b)).toBe(true);
        expect(b.lte(commission)).toBe(true);
        expect(a.decimalPlaces()).toBeLessThanOrEqual(2);
      }),
    );
  });
});

describe('minor units', () => {
  it('round-trips every amount of whole 分 exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999_999 }), (fen) => {
        expect(toMinorUnits(fromMinorUnits(fen))).toBe(fen);
      }),
    );
    expect(toMinorUnits(d('1234.56'))).toBe(123456);
    expect(fromMinorUnits(123456).toFixed(2)).toBe('1234.56');
    expect(() => toMinorUnits(d('0.001'))).toThrow();
  });
});
