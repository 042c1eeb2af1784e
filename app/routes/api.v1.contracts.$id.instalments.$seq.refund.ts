import type { ActionFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { api, isUuid, meta, ok, parseOr400, readJson } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { idempotent } from '#app/lib/idempotency.server.ts';
import { instalmentSeqSchema, reasonOnlySchema } from '#app/schemas/contracts.server.ts';
import { refundInstalment } from '#app/services/payments.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

/** The seller refunds a Stripe payment. 202: the instalment is reversed when Stripe's refund event arrives. */
export const action = api(async ({ request, params, context }: ActionFunctionArgs) => {
  const v = await requireViewer(request);
  if (!isUuid(params.id)) throw notFound();
  const id = params.id;
  const seq = parseOr400(instalmentSeqSchema, params.seq);
  return idempotent(request, v, async (req) => {
    const { reason } = await readJson(req, reasonOnlySchema);
    return ok(await refundInstalment(v, id, seq, reason, meta(req, context)), 202);
  });
});
