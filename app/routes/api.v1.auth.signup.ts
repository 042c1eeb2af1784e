import type { ActionFunctionArgs } from '@remix-run/node';
import { pick } from '#app/i18n/index.ts';
import { api, apiLocale, meta, ok, readJson } from '#app/lib/api.server.ts';
import { absoluteUrl } from '#app/lib/urls.server.ts';
import { signupSchema } from '#app/schemas/accounts.server.ts';
import { signup } from '#app/services/accounts.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

/** 202 whether or not the e-mail address already has an account: the e-mail sent to it says which. */
export const action = api(async ({ request, context }: ActionFunctionArgs) => {
  const input = await readJson(request, signupSchema);
  const received = await signup(input, meta(request, context), absoluteUrl(request, '/login'));
  return ok({ status: received.status, message: pick(apiLocale(request), received.message) }, 202);
});
