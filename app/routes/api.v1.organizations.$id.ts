import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { api, isUuid, meta, ok, readJson } from '#app/lib/api.server.ts';
import { authorize, requireViewer } from '#app/lib/auth.server.ts';
import { orgUpdateSchema } from '#app/schemas/accounts.server.ts';
import { getPublicProfile, updateProfile } from '#app/services/organizations.server.ts';

/** Public profile of an organisation. */
export const loader = api(async ({ params }: LoaderFunctionArgs) => {
  if (!isUuid(params.id)) throw notFound();
  return ok(await getPublicProfile(params.id));
});

/** PATCH: an organisation's admin edits its profile. */
export const action = api(async ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== 'PATCH') throw notFound();
  const v = await requireViewer(request);
  if (!isUuid(params.id) || v.user.orgId !== params.id) throw notFound();
  authorize(v, 'org.edit');
  const input = await readJson(request, orgUpdateSchema);
  await updateProfile(params.id, input, { userId: v.user.id }, meta(request, context));
  return ok(await getPublicProfile(params.id));
});
