import Decimal from 'decimal.js';

/**
 * What the payment provider has told us about one payment. Statuses are derived
 * from the whole set of signals, never from the last one: the same events in any
 * order, any number of times, give the same state.
 */
export type PaymentSignal =
  | { kind: 'completed' }
  | { kind: 'expired' }
  /** `full`: the whole amount went back. A partial refund leaves the payment paid. */
  | { kind: 'refunded'; full: boolean };

export type PaymentStatus = 'pending' | 'paid' | 'refunded' | 'expired';
export type InstalmentStatus = 'pending' | 'paid' | 'reversed';

/** A refund outranks the payment it refunds; a completed payment outranks its session's expiry. */
export function paymentStatus(signals: readonly PaymentSignal[]): PaymentStatus {
  if (signals.some((s) => s.kind === 'refunded' && s.full)) return 'refunded';
  if (signals.some((s) => s.kind === 'completed')) return 'paid';
  if (signals.some((s) => s.kind === 'expired')) return 'expired';
  return 'pending';
}

/** An instalment is paid while any of its payments stands; reversed once its only payments were refunded. */
export function instalmentStatus(payments: readonly PaymentStatus[]): InstalmentStatus {
  if (payments.includes('paid')) return 'paid';
  if (payments.includes('refunded')) return 'reversed';
  return 'pending';
}

/**
 * The broker's commission share that the buyer's payments have made due:
 * commission × paid / contract amount, rounded down to the 分, and all of it
 * once the contract is paid in full. Never more than the commission.
 */
export function commissionDue(commission: Decimal, contractAmount: Decimal, paid: Decimal): Decimal {
  if (paid.lte(0) || commission.lte(0)) return new Decimal(0);
  if (paid.gte(contractAmount)) return commission;
  return commission.times(paid).dividedBy(contractAmount).toDecimalPlaces(2, Decimal.ROUND_DOWN);
}

/** Stripe refuses a single charge above 99,999,999 minor units (¥999,999.99 in CNY). */
export const STRIPE_MAX_MINOR_UNITS = 99_999_999;
