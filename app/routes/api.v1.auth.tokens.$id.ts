import type { ActionFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { api, isUuid, meta } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { revokeOwnToken } from '#app/services/api-tokens.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

/** DELETE: revoke one of the caller's own tokens (this one included). */
export const action = api(async ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== 'DELETE' || !isUuid(params.id)) throw notFound();
  const v = await requireViewer(request);
  await revokeOwnToken(v, params.id, meta(request, context));
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
});
