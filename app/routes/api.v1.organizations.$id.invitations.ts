import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { api, isUuid, meta, ok, readJson } from '#app/lib/api.server.ts';
import { authorize, requireViewer } from '#app/lib/auth.server.ts';
import { inviteSchema } from '#app/schemas/accounts.server.ts';
import { createInvitation, listInvitations } from '#app/services/accounts.server.ts';
import { inviteUrl } from '#app/lib/urls.server.ts';

async function ownAdmin(request: Request, id: string | undefined) {
  const v = await requireViewer(request);
  if (!isUuid(id) || v.user.orgId !== id) throw notFound();
  authorize(v, 'org.invite');
  return v;
}

export const loader = api(async ({ request, params }: LoaderFunctionArgs) => {
  const v = await ownAdmin(request, params.id);
  const items = await listInvitations(v.user.orgId!);
  return ok({ items, total: items.length });
});

/** Invites a colleague; the answer carries the one-time link to hand over. */
export const action = api(async ({ request, params, context }: ActionFunctionArgs) => {
  const v = await ownAdmin(request, params.id);
  const input = await readJson(request, inviteSchema);
  const { invitation, token } = await createInvitation(v.user.orgId!, input, { userId: v.user.id }, meta(request, context), (token) => inviteUrl(request, token));
  return ok(
    { id: invitation.id, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt, url: inviteUrl(request, token) },
    201,
  );
});
