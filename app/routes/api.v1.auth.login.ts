import type { ActionFunctionArgs } from '@remix-run/node';
import { api, meta, ok, readJson } from '#app/lib/api.server.ts';
import { loginSchema } from '#app/schemas/accounts.server.ts';
import { loginWithToken } from '#app/services/accounts.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

export const action = api(async ({ request, context }: ActionFunctionArgs) => {
  const { email, password } = await readJson(request, loginSchema);
  const { token, expiresAt, user } = await loginWithToken(email, password, meta(request, context));
  return ok({ token, expiresAt: expiresAt.toISOString(), user });
});
