import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { formatMoney, formatYuan, fromMinorUnits, parseMoney, roundDownToFen, toMinorUnits } from './money.ts';

describe('money', () => {
  it('parses API money strings and refuses the rest', () => {
    expect(parseMoney('1234.5')?.toFixed(2)).toBe('1234.50');
    expect(parseMoney('1,234.50')?.toFixed(2)).toBe('1234.50');
    for (const bad of ['-1', '1e5', '1.234', 'NaN', 'Infinity', '', '1000000000000.00']) expect(parseMoney(bad), bad).toBeNull();
  });

  it('formats for the API and for people', () => {
    expect(formatMoney(new Decimal('0.1').plus('0.2'))).toBe('0.30');
    expect(formatYuan(new Decimal('999999999999.99'))).toBe('999,999,999,999.99');
    expect(formatYuan(new Decimal('500000'))).toBe('500,000.00');
  });

  it('rounds down to the fen', () => {
    expect(roundDownToFen(new Decimal('2345.67891')).toFixed(2)).toBe('2345.67');
    expect(roundDownToFen(new Decimal('0.019')).toFixed(2)).toBe('0.01');
  });

  it('converts to and from Stripe minor units exactly', () => {
    expect(toMinorUnits(new Decimal('1234.56'))).toBe(123456);
    expect(toMinorUnits(new Decimal('999999999999.99'))).toBe(99999999999999);
    expect(fromMinorUnits(123456).toFixed(2)).toBe('1234.56');
    expect(() => toMinorUnits(new Decimal('0.001'))).toThrow();
    expect(() => fromMinorUnits(1.5)).toThrow();
  });
});
