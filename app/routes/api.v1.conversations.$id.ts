import type { LoaderFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { api, isUuid, ok } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { getConversation } from '#app/services/conversations.server.ts';

/** One conversation with its messages: participants only; 404 for anyone else. */
export const loader = api(async ({ request, params }: LoaderFunctionArgs) => {
  const v = await requireViewer(request);
  if (!isUuid(params.id)) throw notFound();
  return ok(await getConversation(v, params.id));
});
