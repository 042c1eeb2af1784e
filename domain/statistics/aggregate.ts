import Decimal from 'decimal.js';
import { formatMoney } from '#domain/money.ts';

/**
 * Folding SQL's grouped rows into the statistics' cells. SQL groups by the raw columns (org kind,
 * region prefix, result field); the classification rules (codes.ts) are applied here, once, so the
 * dashboard, the public page and the tests agree. Money stays a decimal string end to end.
 */
export type Figures = { count: number; amount: string; technologyAmount: string };

export const ZERO: Figures = Object.freeze({ count: 0, amount: '0.00', technologyAmount: '0.00' });

/** A grouped row from SQL: count as a number or bigint string, sums as numeric strings (null when no row). */
export type RawFigures = { count: number | string; amount: string | null; technologyAmount: string | null };

export function addFigures(a: Figures, b: RawFigures): Figures {
  return {
    count: a.count + Number(b.count),
    amount: formatMoney(new Decimal(a.amount).plus(b.amount ?? 0)),
    technologyAmount: formatMoney(new Decimal(a.technologyAmount).plus(b.technologyAmount ?? 0)),
  };
}

/** Sums rows into cells keyed by `keyOf`, in the order of `codes` (every code present, zero if empty). */
export function foldBy<R extends RawFigures, K extends string>(rows: readonly R[], keyOf: (r: R) => K, codes: readonly K[]): Array<{ code: K } & Figures> {
  const cells = new Map<K, Figures>(codes.map((c) => [c, ZERO]));
  for (const r of rows) {
    const k = keyOf(r);
    cells.set(k, addFigures(cells.get(k) ?? ZERO, r));
  }
  return [...cells].map(([code, f]) => ({ code, ...f }));
}

export function total(cells: readonly RawFigures[]): Figures {
  return cells.reduce<Figures>((acc, c) => addFigures(acc, c), ZERO);
}

export type MonthRow = RawFigures & { year: number; month: number };
export type MonthCell = { month: number; current: Figures; lastYear: Figures };

/** Twelve months of `year` beside the same months of the year before; months without contracts are zero. */
export function monthSeries(rows: readonly MonthRow[], year: number): MonthCell[] {
  const months = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, current: ZERO, lastYear: ZERO }));
  for (const r of rows) {
    const m = months[r.month - 1];
    if (!m) continue;
    if (r.year === year) m.current = addFigures(m.current, r);
    else if (r.year === year - 1) m.lastYear = addFigures(m.lastYear, r);
  }
  return months;
}

/** `part` as a percentage of `whole` with one decimal ("37.5"), or null when the whole is zero. */
export function sharePercent(part: string, whole: string): string | null {
  const w = new Decimal(whole);
  if (w.isZero()) return null;
  return new Decimal(part).times(100).dividedBy(w).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toFixed(1);
}

/** Year-on-year change in percent with one decimal, or null when last year was zero. */
export function changePercent(current: string, lastYear: string): string | null {
  const l = new Decimal(lastYear);
  if (l.isZero()) return null;
  return new Decimal(current).minus(l).times(100).dividedBy(l).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toFixed(1);
}

/**
 * The public page's small-cell rule: a cell is published only when it aggregates at least
 * MIN_PUBLIC_CONTRACTS contracts from at least MIN_PUBLIC_SELLERS different sellers, so no single
 * contract's amount and no single organisation's total can be read off or subtracted out.
 * Suppressed cells keep neither count nor amount.
 */
export const MIN_PUBLIC_CONTRACTS = 3;
export const MIN_PUBLIC_SELLERS = 2;

export type PublicCell<T> = ({ suppressed: false } & T) | { suppressed: true };

export function publishable(c: { count: number | string; sellers: number | string }): boolean {
  return Number(c.count) >= MIN_PUBLIC_CONTRACTS && Number(c.sellers) >= MIN_PUBLIC_SELLERS;
}

export function suppressSmall<T extends { count: number | string; sellers: number | string }, U>(c: T, show: (c: T) => U): PublicCell<U> {
  return publishable(c) ? { suppressed: false, ...show(c) } : { suppressed: true };
}
