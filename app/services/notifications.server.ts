import { and, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { getDb, type Tx } from '#db/client.ts';
import { notifications } from '#db/schema.ts';
import { enqueue } from '#jobs/enqueue.ts';
import type { NotificationKind } from '#domain/notifications/kinds.ts';
import type { Viewer } from '#app/lib/auth.server.ts';

/** The one list of kinds (with their e-mail defaults): a kind not in it does not compile. */
export type { NotificationKind };

export type NewNotification = {
  orgId: string;
  /** Only this user of the organisation; null: everyone in it. */
  userId?: string | null;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
};

export const TITLE_MAX = 200;
export const BODY_MAX = 2_000;

/**
 * Adds an in-app notification and its e-mail job inside the caller's transaction:
 * both exist if and only if the change that caused them commits.
 */
export async function notify(tx: Tx, n: NewNotification) {
  const [row] = await tx
    .insert(notifications)
    .values({ orgId: n.orgId, userId: n.userId ?? null, kind: n.kind, title: n.title.slice(0, TITLE_MAX), body: n.body.slice(0, BODY_MAX), link: n.link })
    .returning({ id: notifications.id });
  await enqueue(tx, 'mail:send', { notificationId: row!.id }, { jobKey: `mail:${row!.id}` });
  return row!.id;
}

/** What the viewer may see: its organisation's notifications, addressed to all of it or to this user. */
function mine(v: Viewer): SQL {
  if (!v.user.orgId) return sql`false`;
  return and(eq(notifications.orgId, v.user.orgId), or(isNull(notifications.userId), eq(notifications.userId, v.user.id)))!;
}

export async function unreadCount(v: Viewer): Promise<number> {
  if (!v.user.orgId) return 0;
  return getDb().$count(notifications, and(mine(v), isNull(notifications.readAt)));
}

export async function listNotifications(v: Viewer, f: { page: number; pageSize: number; unread?: boolean }) {
  const db = getDb();
  const cond = f.unread ? and(mine(v), isNull(notifications.readAt)) : mine(v);
  const [rows, total, unread] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(cond)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.$count(notifications, cond),
    unreadCount(v),
  ]);
  return {
    items: rows.map((n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, readAt: n.readAt?.toISOString() ?? null, createdAt: n.createdAt.toISOString() })),
    total,
    unread,
  };
}

/** Marks the viewer's notifications read; ids of other organisations are ignored, never touched. */
export async function markRead(v: Viewer, which: { ids?: string[]; all?: true }): Promise<{ updated: number; unread: number }> {
  const cond = which.all ? mine(v) : and(mine(v), inArray(notifications.id, which.ids ?? []));
  const rows = await getDb()
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(cond, isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { updated: rows.length, unread: await unreadCount(v) };
}
