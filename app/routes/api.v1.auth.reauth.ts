import type { ActionFunctionArgs } from '@remix-run/node';
import { api, meta, readJson } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { apiReauthSchema } from '#app/schemas/mfa.server.ts';
import { reauthenticate } from '#app/services/accounts.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

/** Re-authenticates the bearer token (password + TOTP) for grant decisions over the threshold. */
export const action = api(async ({ request, context }: ActionFunctionArgs) => {
  const v = await requireViewer(request);
  await reauthenticate(v, await readJson(request, apiReauthSchema), meta(request, context));
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
});
