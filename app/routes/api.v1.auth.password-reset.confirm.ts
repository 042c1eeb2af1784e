import type { ActionFunctionArgs } from '@remix-run/node';
import { api, meta, readJson } from '#app/lib/api.server.ts';
import { resetPasswordSchema } from '#app/schemas/mfa.server.ts';
import { resetPassword } from '#app/services/password-reset.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

/** Sets the new password with the e-mailed token (once); every session and token of the account ends. */
export const action = api(async ({ request, context }: ActionFunctionArgs) => {
  await resetPassword(await readJson(request, resetPasswordSchema), meta(request, context));
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
});
