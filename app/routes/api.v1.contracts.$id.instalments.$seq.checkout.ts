import type { ActionFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { api, isUuid, meta, ok, parseOr400 } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { idempotent } from '#app/lib/idempotency.server.ts';
import { siteOrigin } from '#app/lib/urls.server.ts';
import { instalmentSeqSchema } from '#app/schemas/contracts.server.ts';
import { startCheckout } from '#app/services/payments.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

/** The buyer pays an instalment: answers the Stripe Checkout URL to send the browser to. Takes an Idempotency-Key. */
export const action = api(async ({ request, params, context }: ActionFunctionArgs) => {
  const v = await requireViewer(request);
  if (!isUuid(params.id)) throw notFound();
  const id = params.id;
  const seq = parseOr400(instalmentSeqSchema, params.seq);
  return idempotent(request, v, async (req) => {
    return ok(await startCheckout(v, id, seq, siteOrigin(req), meta(req, context)), 201);
  });
});
