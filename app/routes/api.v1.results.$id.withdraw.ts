import type { ActionFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { api, isUuid, ok } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { toApiWithHolder, withdrawResult } from '#app/services/results.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

/** Withdraws a result; it leaves the search index within seconds. */
export const action = api(async ({ request, params }: ActionFunctionArgs) => {
  if (!isUuid(params.id)) throw notFound();
  const v = await requireViewer(request);
  return ok(await toApiWithHolder(await withdrawResult(v, params.id)));
});
