import type { ActionFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { api, isUuid, meta, ok, readJson } from '#app/lib/api.server.ts';
import { requireAction } from '#app/lib/auth.server.ts';
import { reasonSchema } from '#app/schemas/accounts.server.ts';
import { rejectOrganization } from '#app/services/organizations.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

export const action = api(async ({ request, params, context }: ActionFunctionArgs) => {
  const v = await requireAction(request, 'bureau.orgs.verify');
  if (!isUuid(params.id)) throw notFound();
  const { reason } = await readJson(request, reasonSchema);
  const org = await rejectOrganization(params.id, reason, { userId: v.user.id }, meta(request, context));
  return ok({ id: org.id, name: org.name, status: org.status, statusReason: org.statusReason });
});
