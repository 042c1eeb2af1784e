import type { ActionFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { api, isUuid, meta, ok } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { amendContract, getContract } from '#app/services/contracts.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

/** A party starts an amendment of a registered contract: a new draft version, to be registered again. */
export const action = api(async ({ request, params, context }: ActionFunctionArgs) => {
  const v = await requireViewer(request);
  if (!isUuid(params.id)) throw notFound();
  const c = await amendContract(v, params.id, meta(request, context));
  return ok(await getContract(v, c.id), 201);
});
