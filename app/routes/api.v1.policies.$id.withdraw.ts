import type { ActionFunctionArgs } from '@remix-run/node';
import { api, meta, ok, readJson } from '#app/lib/api.server.ts';
import { authorize, requireViewer } from '#app/lib/auth.server.ts';
import { withdrawSchema } from '#app/schemas/grants.server.ts';
import { listPolicies, withdrawPolicy } from '#app/services/grants/policies.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

/** Withdraws a policy version from a date {withdrawnOn}: decisions under it are refused from then on. */
export const action = api(async ({ request, params, context }: ActionFunctionArgs) => {
  const v = await requireViewer(request);
  // The service authorises too; refused here before the body is read, so a stranger gets 403, not 400.
  authorize(v, 'bureau.policy.edit');
  const { withdrawnOn } = await readJson(request, withdrawSchema);
  await withdrawPolicy(v, params.id ?? '', withdrawnOn, meta(request, context));
  return ok((await listPolicies(v)).find((p) => p.id === params.id));
});
