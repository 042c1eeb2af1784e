import type { ActionFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { api, isUuid, meta, ok, readJson } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { idempotent } from '#app/lib/idempotency.server.ts';
import { grantApproveSchema, grantPaySchema, grantRejectSchema, grantSubmitSchema } from '#app/schemas/grants.server.ts';
import { applyForGrant, approveGrant, getGrant, payGrant, rejectGrant } from '#app/services/grants/review.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

/**
 * POST /grants/{id}/submit (the recipient applies, or confirms its bank account under 免申即享),
 * /approve {amount?, reason?}, /reject {reason}, /pay {paymentReference?} (the bureau). Takes an Idempotency-Key.
 */
export const action = api(async ({ request, params, context }: ActionFunctionArgs) => {
  const v = await requireViewer(request);
  if (!isUuid(params.id)) throw notFound();
  const id = params.id;
  const step = params.step;
  if (!['submit', 'approve', 'reject', 'pay'].includes(step ?? '')) throw notFound();
  return idempotent(request, v, async (req) => {
    const m = meta(req, context);
    if (step === 'submit') await applyForGrant(v, id, await readJson(req, grantSubmitSchema), m);
    else if (step === 'approve') await approveGrant(v, id, await readJson(req, grantApproveSchema), m);
    else if (step === 'reject') await rejectGrant(v, id, (await readJson(req, grantRejectSchema)).reason, m);
    else await payGrant(v, id, (await readJson(req, grantPaySchema)).paymentReference, m);
    return ok(await getGrant(v, id));
  });
});
