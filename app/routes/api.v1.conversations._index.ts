import type { LoaderFunctionArgs } from '@remix-run/node';
import { CONVERSATION_STATUSES } from '#domain/demands/codes.ts';
import { api, ok, paging } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { listConversations } from '#app/services/conversations.server.ts';

/** The conversations the caller's organisation takes part in, latest message first. */
export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const v = await requireViewer(request);
  const url = new URL(request.url);
  const status = CONVERSATION_STATUSES.find((s) => s === url.searchParams.get('status'));
  return ok(await listConversations(v, { ...paging(url), status }));
});
