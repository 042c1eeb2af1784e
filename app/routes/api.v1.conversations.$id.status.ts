import type { ActionFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { api, isUuid, meta, ok, readJson } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { conversationStatusSchema } from '#app/schemas/conversations.server.ts';
import { setStatus } from '#app/services/conversations.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

/**
 * negotiating | contract_drafted | closed (with closeReason, optional closeNote).
 * contract_drafted creates nothing: `next` is the contract wizard, prefilled from the conversation.
 */
export const action = api(async ({ request, params, context }: ActionFunctionArgs) => {
  const v = await requireViewer(request);
  if (!isUuid(params.id)) throw notFound();
  const input = await readJson(request, conversationStatusSchema);
  return ok(await setStatus(v, params.id, input, meta(request, context)));
});
