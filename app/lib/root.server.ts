import { allowedActions } from '#domain/permissions.ts';
import { localeOf } from '#app/i18n/index.ts';
import { dictionary } from '#app/i18n/translate.server.ts';
import { getViewer, subjectOf } from './auth.server.ts';
import { unreadCount } from '#app/services/notifications.server.ts';

/** What every page needs: language and its dictionary (only that language's), who is signed in, and what they may do. */
export async function rootData(request: Request) {
  const locale = localeOf(request);
  const v = await getViewer(request);
  return {
    locale,
    /** The UI text useT() reads in the browser: the viewer's language only. */
    messages: dictionary(locale),
    viewer: v
      ? {
          id: v.user.id,
          email: v.user.email,
          name: v.user.name,
          role: v.user.role,
          orgId: v.user.orgId,
          orgName: v.org?.name ?? null,
          orgKind: v.org?.kind ?? null,
          orgStatus: v.org?.status ?? null,
        }
      : null,
    permissions: v ? allowedActions(subjectOf(v)) : [],
    /** The bell in the header. */
    unreadNotifications: v ? await unreadCount(v) : 0,
  };
}
