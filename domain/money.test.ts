import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  percentText,
  formatMoney,
  formatYuan,
  fromMinorUnits,
  groupDigits,
  isPositiveMoney,
  MONEY_MAX,
  parseMoney,
  roundDownToFen,
  toMinorUnits,
} from './money.ts';

const d = (s: string) => new Decimal(s);
/** Every whole number of 分 from 0 to MONEY_MAX. */
const fen = fc.integer({ min: 0, max: 99_999_999_999_999 });

describe('parseMoney', () => {
  it('reads API and typed money strings', () => {
    expect(parseMoney('1234.5')?.toFixed(2)).toBe('1234.50');
    expect(parseMoney('1,234.50')?.toFixed(2)).toBe('1234.50');
    expect(parseMoney('1,234,567')?.toFixed(2)).toBe('1234567.00');
    expect(parseMoney('  0.01 ')?.toFixed(2)).toBe('0.01');
    expect(parseMoney('0')?.toFixed(2)).toBe('0.00');
    expect(parseMoney('１，２３４．５０')?.toFixed(2)).toBe('1234.50'); // full-width, from a Chinese IME
    expect(parseMoney('999,999,999,999.99')?.equals(MONEY_MAX)).toBe(true);
  });

  it('refuses what is not an amount', () => {
    const bad = ['', ' ', 'NaN', 'Infinity', '-Infinity', '1e5', '1E5', '0x10', '1.234', '1.', '.5', '+1', '1,5', '12,34.00', '1,2345', ',123', '1 000', '¥12', '12元', '1000000000000.00', '1000000000000'];
    for (const s of bad) expect(parseMoney(s), JSON.stringify(s)).toBeNull();
  });

  it('refuses negatives unless asked for a signed amount', () => {
    expect(parseMoney('-1')).toBeNull();
    expect(parseMoney('-1,234.5', { signed: true })?.toFixed(2)).toBe('-1234.50');
    expect(parseMoney(-0.5, { signed: true })?.toFixed(2)).toBe('-0.50');
    expect(parseMoney(d('-0.5'))).toBeNull();
    expect(parseMoney(d('-0.5'), { signed: true })?.toFixed(2)).toBe('-0.50');
    // -0 is zero, not a negative amount.
    expect(parseMoney('-0.00', { signed: true })?.isNegative()).toBe(false);
    expect(parseMoney(d('-0'))?.isNegative()).toBe(false);
    expect(parseMoney('--1', { signed: true })).toBeNull();
  });

  it('reads numbers through their decimal form, refusing binary floating-point noise', () => {
    expect(parseMoney(1234.5)?.toFixed(2)).toBe('1234.50');
    expect(parseMoney(0.3)?.toFixed(2)).toBe('0.30');
    expect(parseMoney(0.1 + 0.2)).toBeNull(); // 0.30000000000000004
    expect(parseMoney(1.005)).toBeNull();
    for (const n of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e21, 1e-7]) expect(parseMoney(n), String(n)).toBeNull();
  });

  it('checks Decimals for finiteness, places and range', () => {
    expect(parseMoney(d('0.1').plus('0.2'))?.toFixed(2)).toBe('0.30');
    expect(parseMoney(d('12.345'))).toBeNull();
    expect(parseMoney(d('NaN'))).toBeNull();
    expect(parseMoney(d('Infinity'))).toBeNull();
    expect(parseMoney(MONEY_MAX)?.equals(MONEY_MAX)).toBe(true);
    expect(parseMoney(MONEY_MAX.plus('0.01'))).toBeNull();
  });
});

describe('isPositiveMoney', () => {
  it('is strictly above zero', () => {
    expect(isPositiveMoney(d('0.01'))).toBe(true);
    expect(isPositiveMoney(d('0'))).toBe(false);
    expect(isPositiveMoney(d('-0.01'))).toBe(false);
    expect(isPositiveMoney(d('NaN'))).toBe(false);
    expect(isPositiveMoney(d('Infinity'))).toBe(false);
  });
});

describe('formatting', () => {
  it('gives the API exactly two decimals', () => {
    expect(formatMoney(d('1234.5'))).toBe('1234.50');
    expect(formatMoney(d('0.1').plus('0.2'))).toBe('0.30');
    expect(formatMoney(d('0'))).toBe('0.00');
    expect(formatMoney(d('-12.3'))).toBe('-12.30');
    expect(formatMoney(d('999999999999.99'))).toBe('999999999999.99');
    expect(formatMoney(d('12345678901234567890.12'))).toBe('12345678901234567890.12');
    expect(formatMoney(d('1e3'))).toBe('1000.00'); // never exponent notation
  });

  it('cuts extra decimals toward zero and never prints -0.00', () => {
    expect(formatMoney(d('0.019'))).toBe('0.01');
    expect(formatMoney(d('-0.019'))).toBe('-0.01');
    expect(formatMoney(d('-0.001'))).toBe('0.00');
    expect(formatMoney(d('-0'))).toBe('0.00');
  });

  it('refuses to format NaN or Infinity', () => {
    expect(() => formatMoney(d('NaN'))).toThrow(RangeError);
    expect(() => formatYuan(d('Infinity'))).toThrow(RangeError);
  });

  it('groups thousands for people, exactly, in the chosen locale', () => {
    expect(formatYuan(d('1234.5'))).toBe('1,234.50');
    expect(formatYuan(d('500000'))).toBe('500,000.00');
    expect(formatYuan(d('0.3'))).toBe('0.30');
    expect(formatYuan(d('999999999999.99'))).toBe('999,999,999,999.99');
    expect(formatYuan(d('-1234.5'))).toBe('-1,234.50');
    expect(formatYuan(d('1234.5'), 'en-US')).toBe('1,234.50');
    expect(formatYuan(d('1234.5'), 'de-DE')).toBe('1.234,50');
  });

  it('groups API strings without a Decimal', () => {
    expect(groupDigits('1234567.50')).toBe('1,234,567.50');
    expect(groupDigits('999.00')).toBe('999.00');
    expect(groupDigits('-1234.50')).toBe('-1,234.50');
  });

  it('formats every amount the same way with and without a Decimal', () => {
    fc.assert(fc.property(fen, (n) => formatYuan(fromMinorUnits(n)) === groupDigits(formatMoney(fromMinorUnits(n)))));
  });
});

describe('roundDownToFen', () => {
  it('truncates to the 分, never rounding up', () => {
    expect(roundDownToFen(d('2345.67891')).toFixed(2)).toBe('2345.67');
    expect(roundDownToFen(d('0.019')).toFixed(2)).toBe('0.01');
    expect(roundDownToFen(d('0.009')).toFixed(2)).toBe('0.00');
    expect(roundDownToFen(d('6000')).toFixed(2)).toBe('6000.00');
    expect(roundDownToFen(d('999999999999.999')).toFixed(2)).toBe('999999999999.99');
  });

  it('goes toward zero for negatives, and gives 0 rather than -0', () => {
    expect(roundDownToFen(d('-1.239')).toFixed(2)).toBe('-1.23');
    expect(roundDownToFen(d('-0.001')).isNegative()).toBe(false);
  });

  it('is exact where floating point is not', () => {
    // 0.1 + 0.2 in doubles is 0.30000000000000004; 0.07 × 100 is 7.000000000000001.
    expect(roundDownToFen(d('0.1').plus('0.2')).toFixed(2)).toBe('0.30');
    expect(roundDownToFen(d('1.1').times('1.1')).toFixed(2)).toBe('1.21');
    expect(roundDownToFen(d('100').times('0.015')).toFixed(2)).toBe('1.50');
  });
});

describe('Stripe minor units', () => {
  it('converts to and from 分 exactly', () => {
    expect(toMinorUnits(d('1234.56'))).toBe(123456);
    expect(toMinorUnits(d('0.07'))).toBe(7); // 0.07 * 100 is 7.000000000000001 in doubles
    expect(toMinorUnits(d('0.1').plus('0.2'))).toBe(30);
    expect(toMinorUnits(d('999999999999.99'))).toBe(99_999_999_999_999);
    expect(toMinorUnits(d('-12.34'))).toBe(-1234);
    expect(Object.is(toMinorUnits(d('-0')), 0)).toBe(true);
    expect(fromMinorUnits(123456).toFixed(2)).toBe('1234.56');
    expect(fromMinorUnits(99_999_999_999_999).equals(MONEY_MAX)).toBe(true);
    expect(fromMinorUnits(Number.MAX_SAFE_INTEGER).toFixed(2)).toBe('90071992547409.91');
    expect(Object.is(fromMinorUnits(-0).toNumber(), 0)).toBe(true);
  });

  it('refuses fractions of a 分 rather than rounding them', () => {
    expect(() => toMinorUnits(d('0.001'))).toThrow(RangeError);
    expect(() => toMinorUnits(d('1234.565'))).toThrow(RangeError);
    // 24 significant digits: times(100) alone would round this to a whole number.
    expect(() => toMinorUnits(d('1.00000000000000000000001'))).toThrow(RangeError);
  });

  it('refuses amounts beyond a safe integer of 分, and non-amounts', () => {
    expect(toMinorUnits(d('90071992547409.91'))).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => toMinorUnits(d('90071992547409.92'))).toThrow(RangeError);
    expect(() => toMinorUnits(d('1e30'))).toThrow(RangeError);
    expect(() => toMinorUnits(d('NaN'))).toThrow(RangeError);
    expect(() => toMinorUnits(d('Infinity'))).toThrow(RangeError);
    for (const n of [1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1]) expect(() => fromMinorUnits(n), String(n)).toThrow(RangeError);
  });

  it('round-trips every amount up to MONEY_MAX through 分 and through the API string', () => {
    fc.assert(
      fc.property(fen, (n) => {
        const yuan = fromMinorUnits(n);
        const parsed = parseMoney(formatMoney(yuan));
        return toMinorUnits(yuan) === n && parsed !== null && parsed.equals(yuan);
      }),
    );
  });
});

describe('percentText', () => {
  it('shows a rate as people read it, exactly', () => {
    expect(percentText('0.05')).toBe('5%');
    expect(percentText('0.025')).toBe('2.5%');
    expect(percentText(new Decimal('0.1'))).toBe('10%');
    expect(percentText('0.0001')).toBe('0.01%');
  });
});
