import type { ActionFunctionArgs } from '@remix-run/node';
import { api, meta } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { logout } from '#app/services/accounts.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

/** Revokes the bearer token (or the session) that made this request. */
export const action = api(async ({ request, context }: ActionFunctionArgs) => {
  const v = await requireViewer(request);
  await logout(v.via, { userId: v.user.id, orgId: v.user.orgId }, meta(request, context));
  return new Response(null, { status: 204 });
});
