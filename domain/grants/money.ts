import Decimal from 'decimal.js';

/**
 * Exact money arithmetic for the grant engine.
 *
 * decimal.js rounds every operation to `precision` significant digits (20 by
 * default, half-up, and any module may change it with Decimal.set). A product
 * rounded half-up before we round it down could end one 分 too high, so every
 * operation here runs in a private, wide constructor and the result is copied
 * back into a plain Decimal (the constructor copies digits without rounding).
 */
const Exact = Decimal.clone({ precision: 1000, rounding: Decimal.ROUND_DOWN });

const plain = (x: Decimal.Value): Decimal => new Decimal(new Exact(x));

export const ZERO = new Decimal(0);

export function sum(values: readonly Decimal[]): Decimal {
  return plain(values.reduce((acc: Decimal, v) => acc.plus(v), new Exact(0)));
}

export function times(a: Decimal, b: Decimal): Decimal {
  return plain(new Exact(a).times(b));
}

export function minus(a: Decimal, b: Decimal): Decimal {
  return plain(new Exact(a).minus(b));
}

export function max(a: Decimal, b: Decimal): Decimal {
  return a.greaterThanOrEqualTo(b) ? a : b;
}

export function min(a: Decimal, b: Decimal): Decimal {
  return a.lessThanOrEqualTo(b) ? a : b;
}

/** Round toward zero: a subsidy may never exceed rate × base ("不超过"). */
export function roundDown(x: Decimal, decimals: number): Decimal {
  return x.toDecimalPlaces(decimals, Decimal.ROUND_DOWN);
}

/** A yuan amount: finite, not negative, at most two decimals (numeric(14,2)). */
export function isMoney(x: Decimal): boolean {
  return x.isFinite() && !x.isNegative() && x.decimalPlaces() <= 2;
}

/**
 * 40000000 → "40,000,000.00"; keeps the extra digits of an unrounded figure (2,345.67891),
 * so the arithmetic a grant shows reads rate × base before the rounding down. For an
 * amount as such, use formatYuan in domain/money.ts.
 */
export function formatExactYuan(x: Decimal): string {
  const fixed = x.toFixed(Math.max(2, x.decimalPlaces()));
  const [whole = '0', frac = ''] = fixed.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

/** 0.015 → "1.5%", 0.001 → "0.1%". */
export function formatRate(rate: Decimal): string {
  return `${times(rate, new Decimal(100)).toString()}%`;
}
