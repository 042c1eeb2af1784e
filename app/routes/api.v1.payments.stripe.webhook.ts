import type { ActionFunctionArgs } from '@remix-run/node';
import { AppError } from '#domain/errors.ts';
import { api, ok } from '#app/lib/api.server.ts';
import { receiveStripeWebhook } from '#app/services/payments.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

/** Stripe's webhook endpoint. Signature checked on the raw body; stored once by event id; processed by a job. */
export const action = api(async ({ request }: ActionFunctionArgs) => {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > 512 * 1024) throw new AppError('payload_too_large', { zh: '请求体过大', en: 'Payload too large' });
  const raw = await request.text();
  const r = await receiveStripeWebhook(raw, request.headers.get('stripe-signature'));
  return ok({ received: true, duplicate: r.duplicate });
});
