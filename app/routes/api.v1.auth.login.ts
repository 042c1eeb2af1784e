import type { ActionFunctionArgs } from '@remix-run/node';
import { api, meta, ok, readJson } from '#app/lib/api.server.ts';
import { apiLoginSchema } from '#app/schemas/mfa.server.ts';
import { loginWithToken } from '#app/services/accounts.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

/** Bureau users also send `totp` (401 with a `totp` field error without it; 403 before they enrolled on the web). */
export const action = api(async ({ request, context }: ActionFunctionArgs) => {
  const { email, password, totp } = await readJson(request, apiLoginSchema);
  const { token, expiresAt, user } = await loginWithToken(email, password, meta(request, context), totp);
  return ok({ token, expiresAt: expiresAt.toISOString(), user });
});
