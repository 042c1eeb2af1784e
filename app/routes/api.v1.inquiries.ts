import type { ActionFunctionArgs } from '@remix-run/node';
import { api, meta, ok, readJson } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { inquiryCreateSchema } from '#app/schemas/conversations.server.ts';
import { getConversation, openInquiry } from '#app/services/conversations.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

/**
 * Opens a conversation on a published result (an enterprise) or demand (a university or
 * institute): 201. If the caller already has one on that listing that is not closed, that
 * one is answered with 200 and the message is not added.
 */
export const action = api(async ({ request, context }: ActionFunctionArgs) => {
  const v = await requireViewer(request);
  const input = await readJson(request, inquiryCreateSchema);
  const { conversation, created } = await openInquiry(v, input, meta(request, context));
  return ok({ ...(await getConversation(v, conversation.id)), created }, created ? 201 : 200);
});
