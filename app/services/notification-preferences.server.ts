import { eq, sql } from 'drizzle-orm';
import { getDb } from '#db/client.ts';
import { notificationPreferences } from '#db/schema.ts';
import { ALWAYS_EMAILED, preferencesFrom } from '#domain/notifications/kinds.ts';
import type { Viewer } from '#app/lib/auth.server.ts';

/**
 * The viewer's own choices: every query here is keyed by the viewer's user id, never by an id
 * from the request, so nobody reads or writes another user's preferences.
 */
export async function getPreferences(v: Viewer) {
  const rows = await getDb().select({ kind: notificationPreferences.kind, email: notificationPreferences.email }).from(notificationPreferences).where(eq(notificationPreferences.userId, v.user.id));
  return { items: preferencesFrom(new Map(rows.map((r) => [r.kind, r.email]))), alwaysEmailed: ALWAYS_EMAILED };
}

/** Records the viewer's choice for each kind named (validated by the schema); the others keep theirs. */
export async function setPreferences(v: Viewer, choices: Partial<Record<string, boolean>>) {
  const values = Object.entries(choices)
    .filter((e): e is [string, boolean] => typeof e[1] === 'boolean')
    .map(([kind, email]) => ({ userId: v.user.id, kind, email, updatedAt: new Date() }));
  if (values.length) {
    await getDb()
      .insert(notificationPreferences)
      .values(values)
      .onConflictDoUpdate({
        target: [notificationPreferences.userId, notificationPreferences.kind],
        set: { email: sql`excluded.email`, updatedAt: sql`excluded.updated_at` },
        setWhere: sql`${notificationPreferences.email} is distinct from excluded.email`,
      });
  }
  return getPreferences(v);
}
