import type { ActionFunctionArgs } from '@remix-run/node';
import { api, ok, readJson } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { notificationsReadSchema } from '#app/schemas/conversations.server.ts';
import { markRead } from '#app/services/notifications.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

/** Marks notifications read: `{ids: [...]}` or `{all: true}`. Ids of another organisation change nothing. */
export const action = api(async ({ request }: ActionFunctionArgs) => {
  const v = await requireViewer(request);
  const input = await readJson(request, notificationsReadSchema);
  return ok(await markRead(v, input));
});
