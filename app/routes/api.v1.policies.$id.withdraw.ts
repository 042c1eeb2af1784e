import type { ActionFunctionArgs } from '@remix-run/node';
import { api, meta, ok, readJson } from '#app/lib/api.server.ts';
import { authorize, requireViewer } from '#app/lib/auth.server.ts';
import { withdrawSchema } from '#app/schemas/grants.server.ts';
import { listPolicies, withdrawPolicy } from '#app/services/grants.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

/** Withdraws a policy version from a date {withdrawnOn}: decisions under it are refused from then on. */
export const action = api(async ({ request, params, context }: ActionFunctionArgs) => {
  const v = await requireViewer(request);
  authorize(v, 'bureau.policy.edit');
  const { withdrawnOn } = await readJson(request, withdrawSchema);
  await withdrawPolicy(v, params.id ?? '', withdrawnOn, meta(request, context));
  return ok((await listPolicies()).find((p) => p.id === params.id));
});
