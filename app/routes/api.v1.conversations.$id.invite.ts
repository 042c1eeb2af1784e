import type { ActionFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { api, isUuid, meta, ok, readJson } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { inviteAgencySchema } from '#app/schemas/conversations.server.ts';
import { getConversation, inviteAgency } from '#app/services/conversations.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

/** The owner or the initiator invites a verified agency, which joins the conversation. */
export const action = api(async ({ request, params, context }: ActionFunctionArgs) => {
  const v = await requireViewer(request);
  if (!isUuid(params.id)) throw notFound();
  const { agencyOrgId } = await readJson(request, inviteAgencySchema);
  await inviteAgency(v, params.id, agencyOrgId, meta(request, context));
  return ok(await getConversation(v, params.id));
});
