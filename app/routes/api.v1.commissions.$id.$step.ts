import type { ActionFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { api, isUuid, meta, ok } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { advanceCommission } from '#app/services/commissions.server.ts';
import { formatMoney } from '#domain/money.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

/** POST /commissions/{id}/invoiced or /paid: the agency records its invoice, then the payment received. */
export const action = api(async ({ request, params, context }: ActionFunctionArgs) => {
  const v = await requireViewer(request);
  if (!isUuid(params.id) || (params.step !== 'invoiced' && params.step !== 'paid')) throw notFound();
  const c = await advanceCommission(v, params.id, params.step, meta(request, context));
  return ok({ id: c.id, contractId: c.contractId, registrationNo: c.registrationNo, amount: formatMoney(c.amount), status: c.status });
});
