import type { ActionFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { api, isUuid } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { deleteSavedSearch } from '#app/services/alerts.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

/** DELETE: the owner removes a saved search or a watch. */
export const action = api(async ({ request, params }: ActionFunctionArgs) => {
  if (request.method !== 'DELETE' || !isUuid(params.id)) throw notFound();
  const v = await requireViewer(request);
  await deleteSavedSearch(v, params.id);
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
});
