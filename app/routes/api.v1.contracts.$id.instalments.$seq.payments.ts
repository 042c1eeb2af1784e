import type { ActionFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { api, isUuid, meta, ok, parseOr400, readJson } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { idempotent } from '#app/lib/idempotency.server.ts';
import { instalmentSeqSchema, manualPaymentSchema } from '#app/schemas/contracts.server.ts';
import { getContract } from '#app/services/contracts.server.ts';
import { recordManualPayment } from '#app/services/payments.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

/** The seller records a bank transfer for an instalment (`paid`) or reverses one it recorded. Takes an Idempotency-Key. */
export const action = api(async ({ request, params, context }: ActionFunctionArgs) => {
  const v = await requireViewer(request);
  if (!isUuid(params.id)) throw notFound();
  const id = params.id;
  const seq = parseOr400(instalmentSeqSchema, params.seq);
  return idempotent(request, v, async (req) => {
    const input = await readJson(req, manualPaymentSchema);
    await recordManualPayment(v, id, seq, input, meta(req, context));
    return ok(await getContract(v, id));
  });
});
