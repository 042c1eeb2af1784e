import type { ActionFunctionArgs } from '@remix-run/node';
import { api, ok, readBoundedText } from '#app/lib/api.server.ts';
import { receiveStripeWebhook } from '#app/services/payments.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

/** Stripe sends events of a few KB; anything near this is not one. */
const MAX_WEBHOOK_BYTES = 512 * 1024;

/** Stripe's webhook endpoint. Signature checked on the raw body; stored once by event id; processed by a job. */
export const action = api(async ({ request }: ActionFunctionArgs) => {
  const raw = await readBoundedText(request, MAX_WEBHOOK_BYTES);
  const r = await receiveStripeWebhook(raw, request.headers.get('stripe-signature'));
  return ok({ received: true, duplicate: r.duplicate });
});
