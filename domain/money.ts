import Decimal from 'decimal.js';

/** Yuan with two decimals (分). Every amount is a Decimal; JavaScript numbers never carry money. */
export const MONEY_MAX = new Decimal('999999999999.99'); // numeric(14,2)

/** A money string as the API takes it: digits, optional 1–2 decimals, no sign, no exponent. */
export const MONEY_PATTERN = /^\d{1,12}(\.\d{1,2})?$/;

export function parseMoney(input: string): Decimal | null {
  const s = input.trim().replaceAll(',', '');
  if (!MONEY_PATTERN.test(s)) return null;
  return new Decimal(s);
}

/** The API form: "1234.50". */
export function formatMoney(d: Decimal): string {
  return d.toFixed(2, Decimal.ROUND_DOWN);
}

/** For people: "1,234.50". */
export function formatYuan(d: Decimal): string {
  return groupDigits(formatMoney(d));
}

/** "1234567.50" → "1,234,567.50": for API money strings in the browser, without a Decimal. */
export function groupDigits(money: string): string {
  const [int = '0', frac = '00'] = money.split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

/** Subsidies never exceed rate × base: round down to the 分. */
export function roundDownToFen(d: Decimal): Decimal {
  return d.toDecimalPlaces(2, Decimal.ROUND_DOWN);
}

/** The one place Decimal meets Stripe's minor units (分 for CNY). */
export function toMinorUnits(d: Decimal): number {
  const fen = d.times(100);
  if (!fen.isInteger()) throw new Error(`${d.toString()} is not a whole number of 分`);
  if (fen.abs().greaterThan(Number.MAX_SAFE_INTEGER)) throw new Error(`${d.toString()} is too large`);
  return fen.toNumber();
}

export function fromMinorUnits(n: number): Decimal {
  if (!Number.isSafeInteger(n)) throw new Error(`${n} is not an integer number of 分`);
  return new Decimal(n).dividedBy(100);
}
