import type { ActionFunctionArgs } from '@remix-run/node';
import { api, apiLocale, meta, ok, readJson } from '#app/lib/api.server.ts';
import { absoluteUrl } from '#app/lib/urls.server.ts';
import { forgotPasswordSchema } from '#app/schemas/mfa.server.ts';
import { requestPasswordReset, RESET_MESSAGES } from '#app/services/password-reset.server.ts';
import { pick } from '#app/i18n/index.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

/** Asks for a reset link by e-mail. 202 whether or not the account exists (429 past the rate limit). */
export const action = api(async ({ request, context }: ActionFunctionArgs) => {
  const { email } = await readJson(request, forgotPasswordSchema);
  await requestPasswordReset(email, meta(request, context), (token) => absoluteUrl(request, `/reset-password/${token}`));
  return ok({ message: pick(apiLocale(request), RESET_MESSAGES.sent) }, 202);
});
