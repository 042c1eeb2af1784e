import type { ActionFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { api, isUuid, meta, ok } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { submitContract, getContract } from '#app/services/contracts.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

export const action = api(async ({ request, params, context }: ActionFunctionArgs) => {
  const v = await requireViewer(request);
  if (!isUuid(params.id)) throw notFound();
  await submitContract(v, params.id, meta(request, context));
  return ok(await getContract(v, params.id));
});
