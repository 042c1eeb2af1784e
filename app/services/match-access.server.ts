import { and, eq, isNull } from 'drizzle-orm';
import { getDb } from '#db/client.ts';
import { organizations, users } from '#db/schema.ts';
import { forbidden } from '#domain/errors.ts';
import type { Viewer } from '#app/lib/auth.server.ts';
import { authorizeDemandMatches, getDemand, seesAll } from './demands.server.ts';
import { getResult } from './results.server.ts';

export type MatchSubject = 'demand' | 'result';

/**
 * Who may see a demand's or a result's matches: the one check behind `GET /demands/{id}/matches`,
 * `GET /results/{id}/matches` and every match watch (when it is saved and each time it runs).
 * A demand's: its enterprise, the agencies and the bureau; a result's: its owner or holder, the
 * agencies and the bureau. 404 when the viewer may not see the subject at all, else 403.
 * Returns the subject's title.
 */
export async function authorizeMatches(v: Viewer, kind: MatchSubject, id: string): Promise<{ title: string }> {
  if (kind === 'demand') {
    await authorizeDemandMatches(v, id);
    return { title: (await getDemand(v, id)).title };
  }
  const r = await getResult(v, id);
  const mine = !!v.user.orgId && (v.user.orgId === r.ownerOrgId || v.user.orgId === r.holderOrgId);
  if (!mine && !seesAll(v)) throw forbidden({ zh: '只有成果持有方、技术转移服务机构和科技局可以查看匹配的需求', en: 'Only the holder, agencies and the bureau may see matching demands' });
  return { title: r.title };
}

/**
 * The user a saved watch belongs to, as the viewer the check above needs; null once the user is
 * disabled or has left its organisation (a job has no request to read a session from).
 */
export async function watcherOf(userId: string, orgId: string): Promise<Viewer | null> {
  const [row] = await getDb()
    .select({
      user: { id: users.id, email: users.email, name: users.name, role: users.role, orgId: users.orgId },
      org: { id: organizations.id, name: organizations.name, kind: organizations.kind, status: organizations.status },
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(and(eq(users.id, userId), eq(users.orgId, orgId), isNull(users.disabledAt)));
  if (!row) return null;
  return { user: { ...row.user, bureauRoles: [] }, org: row.org, via: { kind: 'token', tokenId: `watch:${userId}` } };
}
