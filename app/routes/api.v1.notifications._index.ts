import type { LoaderFunctionArgs } from '@remix-run/node';
import { api, ok, paging } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { listNotifications } from '#app/services/notifications.server.ts';

/** The caller's notifications, newest first, with the unread count (`?unread=true` for unread only). */
export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const v = await requireViewer(request);
  const url = new URL(request.url);
  return ok(await listNotifications(v, { ...paging(url), unread: url.searchParams.get('unread') === 'true' }));
});
