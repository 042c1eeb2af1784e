import Decimal from 'decimal.js';

/**
 * Yuan with two decimals (分). Every amount is a Decimal; JavaScript numbers
 * never carry money, except as Stripe's integer minor units (toMinorUnits).
 *
 * Nothing here touches Decimal's global configuration: every rounding names
 * its mode. Multiplications that must stay exact beyond 20 significant digits
 * belong in domain/grants/money.ts.
 */

/** The largest amount a numeric(14,2) column holds. */
export const MONEY_MAX = new Decimal('999999999999.99');

/** An unsigned money string as the API takes it: 1–12 integer digits, optional 1–2 decimals, no exponent. */
export const MONEY_PATTERN = /^\d{1,12}(\.\d{1,2})?$/;

/** Thousands grouped properly (1,234,567.5); a lone comma could be a decimal comma (1,5), so it is refused. */
const GROUPED = /^\d{1,3}(,\d{3})+(\.\d{1,2})?$/;

export type ParseMoneyOptions = {
  /** Accept a leading minus (adjustments, refunds). Off by default: prices, contract amounts and filters are never negative. */
  signed?: boolean;
};

/**
 * A money amount from user or API input, or null when it is not one: NaN,
 * Infinity, exponents, more than two decimals, more than MONEY_MAX, stray
 * commas. Strings may use full-width digits and 1,234.50 grouping. Numbers are
 * read through their shortest decimal form, so 0.1 + 0.2 (0.30000000000000004)
 * is refused rather than silently rounded.
 *
 * Returns null rather than throwing so that zod transforms can turn it into a
 * field error.
 */
export function parseMoney(input: string | number | Decimal, { signed = false }: ParseMoneyOptions = {}): Decimal | null {
  if (Decimal.isDecimal(input)) return checkedDecimal(input, signed);
  if (typeof input === 'number') return Number.isFinite(input) ? parseMoneyString(String(input), signed) : null;
  if (typeof input !== 'string') return null;
  return parseMoneyString(input, signed);
}

function parseMoneyString(input: string, signed: boolean): Decimal | null {
  let s = input.normalize('NFKC').trim();
  const negative = s.startsWith('-');
  if (negative) {
    if (!signed) return null;
    s = s.slice(1);
  }
  if (GROUPED.test(s)) s = s.replaceAll(',', '');
  if (!MONEY_PATTERN.test(s)) return null;
  const d = new Decimal(s);
  // -0 would format as "-0.00".
  return negative && !d.isZero() ? d.negated() : d;
}

function checkedDecimal(d: Decimal, signed: boolean): Decimal | null {
  if (!d.isFinite() || d.decimalPlaces() > 2 || d.abs().greaterThan(MONEY_MAX)) return null;
  if (d.isZero()) return new Decimal(0);
  if (d.isNegative() && !signed) return null;
  return d;
}

/** Strictly more than zero: a price, a contract amount or a payment. */
export function isPositiveMoney(d: Decimal): boolean {
  return d.isFinite() && d.greaterThan(0);
}

/**
 * The API form: "1234.50". Extra decimals are cut toward zero, like every
 * amount the platform computes (a subsidy never rounds up); -0 is "0.00".
 */
export function formatMoney(d: Decimal): string {
  if (!d.isFinite()) throw new RangeError(`not an amount: ${d.toString()}`);
  const s = d.toFixed(2, Decimal.ROUND_DOWN);
  return s === '-0.00' ? '0.00' : s;
}

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * For people: "1,234.50" (zh-CN and en group the same way; de-DE gives
 * "1.234,50"). The API string is handed to Intl as a string, which formats it
 * exactly; even an engine that goes through a double stays exact up to
 * MONEY_MAX, which has 14 significant digits.
 */
export function formatYuan(d: Decimal, locale: string = 'zh-CN'): string {
  let f = formatters.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: true });
    formatters.set(locale, f);
  }
  return f.format(formatMoney(d) as `${number}`);
}

/** A rate (a fraction, 0.05) as people read it: "5%", "2.5%". Exact: no float on the way. */
export function percentText(rate: string | Decimal): string {
  return `${new Decimal(rate).times(100).toFixed()}%`;
}

/** "1234567.50" → "1,234,567.50": for API money strings in the browser, without a Decimal. */
export function groupDigits(money: string): string {
  const [int = '0', frac = '00'] = money.split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

/** To whole 分, toward zero: a subsidy never exceeds rate × base. */
export function roundDownToFen(d: Decimal): Decimal {
  const r = d.toDecimalPlaces(2, Decimal.ROUND_DOWN);
  return r.isZero() ? new Decimal(0) : r;
}

/**
 * The one place Decimal becomes Stripe's minor units (分 for CNY). Throws
 * rather than rounds: an amount with a fraction of a 分 is a bug upstream.
 */
export function toMinorUnits(d: Decimal): number {
  if (!d.isFinite()) throw new RangeError(`not an amount: ${d.toString()}`);
  // Checked on d itself: times(100) rounds to 20 significant digits and could hide a fraction of a 分.
  if (d.decimalPlaces() > 2) throw new RangeError(`${d.toString()} is not a whole number of 分`);
  const fen = d.times(100);
  if (fen.abs().greaterThan(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${d.toString()} is too large for minor units`);
  const n = fen.toNumber();
  return n === 0 ? 0 : n; // not -0
}

/** Stripe's minor units (分) back to yuan. */
export function fromMinorUnits(n: number): Decimal {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${n} is not a safe integer number of 分`);
  // A safe integer has at most 16 digits, inside Decimal's default 20-digit precision: the division is exact.
  return new Decimal(n === 0 ? 0 : n).dividedBy(100);
}
