import Stripe from 'stripe';
import { env } from '#config/env.ts';
import { AppError } from '#domain/errors.ts';

let cached: { key: string; base: string | undefined; client: Stripe } | undefined;

/** The Stripe SDK, pointed at api.stripe.com or at STRIPE_API_BASE (the local fake). */
export function stripe(): Stripe {
  const { STRIPE_SECRET_KEY: key, STRIPE_API_BASE: base } = env();
  if (!key) throw new AppError('unavailable', { zh: '在线支付未配置，请由卖方登记线下付款', en: 'Online payment is not configured; the seller can record the payment by hand' });
  if (cached?.key === key && cached.base === base) return cached.client;
  const u = base ? new URL(base) : undefined;
  const client = new Stripe(key, {
    telemetry: false,
    maxNetworkRetries: u ? 0 : 2,
    timeout: 20_000,
    ...(u ? { host: u.hostname, port: Number(u.port || (u.protocol === 'https:' ? 443 : 80)), protocol: u.protocol.replace(':', '') as 'http' | 'https' } : {}),
  });
  cached = { key, base, client };
  return client;
}

/** Whether pages offer online payment, and whether it is the local fake (the demo). */
export const stripeMode = () => ({ enabled: !!env().STRIPE_SECRET_KEY, fake: !!env().STRIPE_API_BASE });

/** The origin the buyer is sent to for Checkout: Stripe's, or the fake's. Pages allow it as a form target. */
export function checkoutOrigin(): string {
  const base = env().STRIPE_API_BASE;
  return base ? new URL(base).origin : 'https://checkout.stripe.com';
}
