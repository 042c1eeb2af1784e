import type { ActionFunctionArgs } from '@remix-run/node';
import { api, meta, ok, readJson } from '#app/lib/api.server.ts';
import { signupSchema } from '#app/schemas/accounts.server.ts';
import { signup } from '#app/services/accounts.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

export const action = api(async ({ request, context }: ActionFunctionArgs) => {
  const input = await readJson(request, signupSchema);
  const { user, organization } = await signup(input, meta(request, context));
  return ok(
    {
      user: { id: user.id, email: user.email, role: user.role, orgId: user.orgId },
      organization: { id: organization.id, name: organization.name, kind: organization.kind, status: organization.status },
    },
    201,
  );
});
