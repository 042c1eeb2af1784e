import type { ActionFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { api, isUuid, meta, ok } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { closeDemand, toApiWithOwner } from '#app/services/demands.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

/** The owner closes a demand; it leaves the search index within seconds. */
export const action = api(async ({ request, params, context }: ActionFunctionArgs) => {
  if (!isUuid(params.id)) throw notFound();
  const v = await requireViewer(request);
  return ok(await toApiWithOwner(await closeDemand(v, params.id, meta(request, context as { ip?: string }))));
});
