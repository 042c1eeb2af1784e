import type { ActionFunctionArgs } from '@remix-run/node';
import { api, meta, ok, readJson } from '#app/lib/api.server.ts';
import { acceptInviteSchema } from '#app/schemas/accounts.server.ts';
import { acceptInvitation } from '#app/services/accounts.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

export const action = api(async ({ request, context }: ActionFunctionArgs) => {
  const input = await readJson(request, acceptInviteSchema);
  const user = await acceptInvitation(input, meta(request, context));
  return ok({ user }, 201);
});
