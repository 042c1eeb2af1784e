import type { ActionFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { api, isUuid } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { markConversationRead } from '#app/services/conversations.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

/** The caller's organisation has read the conversation up to now. */
export const action = api(async ({ request, params }: ActionFunctionArgs) => {
  const v = await requireViewer(request);
  if (!isUuid(params.id)) throw notFound();
  await markConversationRead(v, params.id);
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
});
