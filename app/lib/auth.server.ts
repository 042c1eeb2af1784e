import { and, eq, gt, isNull, lt, or } from 'drizzle-orm';
import { getDb } from '#db/client.ts';
import { apiTokens, organizations, sessions, users } from '#db/schema.ts';
import { AppError, forbidden, unauthenticated } from '#domain/errors.ts';
import { can, decide, type Action, type BureauRole, type Subject } from '#domain/permissions.ts';
import { sessionIdFrom, sessionStands } from './session.server.ts';
import { digest } from './tokens.server.ts';

export type Viewer = {
  user: {
    id: string;
    email: string;
    name: string;
    role: 'org_admin' | 'org_member' | 'bureau';
    orgId: string | null;
    /** The bureau staff's roles (domain/permissions.ts); empty for organisation users. */
    bureauRoles: readonly BureauRole[];
  };
  org: { id: string; name: string; kind: 'university' | 'institute' | 'enterprise' | 'agency'; status: 'pending' | 'verified' | 'rejected' | 'suspended' } | null;
  via: { kind: 'session'; sessionId: string } | { kind: 'token'; tokenId: string };
};

const viewerColumns = {
  user: { id: users.id, email: users.email, name: users.name, role: users.role, orgId: users.orgId, bureauRoles: users.bureauRoles, disabledAt: users.disabledAt },
  org: { id: organizations.id, name: organizations.name, kind: organizations.kind, status: organizations.status },
};

function bearer(request: Request): string | null {
  const h = request.headers.get('authorization');
  const m = h ? /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(h.trim()) : null;
  return m ? m[1]! : null;
}

/** The signed-in user, by bearer token (API) or session cookie (pages); null when anonymous. */
export async function getViewer(request: Request, now = new Date()): Promise<Viewer | null> {
  const db = getDb();
  const token = bearer(request);
  if (token) {
    const [row] = await db
      .select({ ...viewerColumns, tokenId: apiTokens.id })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .leftJoin(organizations, eq(organizations.id, users.orgId))
      .where(and(eq(apiTokens.tokenHash, digest(token)), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, now)))
      .limit(1);
    if (!row || row.user.disabledAt) return null;
    await touchToken(row.tokenId, now);
    return toViewer(row.user, row.org, { kind: 'token', tokenId: row.tokenId });
  }
  const sid = await sessionIdFrom(request);
  if (!sid) return null;
  const [row] = await db
    .select({ ...viewerColumns, session: { createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt } })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(organizations, eq(organizations.id, users.orgId))
    // A login still owing its second factor (stage mfa / enrol) is nobody yet.
    .where(and(eq(sessions.id, sid), eq(sessions.stage, 'active'), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .limit(1);
  if (!row || row.user.disabledAt) return null;
  if (!(await sessionStands({ id: sid, role: row.user.role, ...row.session }, now))) return null;
  return toViewer(row.user, row.org, { kind: 'session', sessionId: sid });
}

function toViewer(u: Viewer['user'], org: Viewer['org'], via: Viewer['via']): Viewer {
  return { user: { id: u.id, email: u.email, name: u.name, role: u.role, orgId: u.orgId, bureauRoles: u.role === 'bureau' ? u.bureauRoles : [] }, org, via };
}

/** A token's last use, to the minute: one cheap conditional update, not a write per request. */
async function touchToken(tokenId: string, now: Date) {
  await getDb()
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, tokenId), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - 60_000)))));
}

export function subjectOf(v: Viewer): Subject {
  return { role: v.user.role, orgKind: v.org?.kind ?? null, orgStatus: v.org?.status ?? null, bureauRoles: v.user.bureauRoles };
}

/** Whether the shared permission map lets the viewer do this (for reads that widen what a query returns). */
export function may(v: Viewer | null | undefined, action: Action): boolean {
  return !!v && can(subjectOf(v), action);
}

export async function requireViewer(request: Request): Promise<Viewer> {
  const v = await getViewer(request);
  if (!v) throw unauthenticated();
  return v;
}

/** Authorises one action from the shared permission map, with a message that says why not. */
export function authorize(v: Viewer, action: Action): void {
  const d = decide(subjectOf(v), action);
  if (d.ok) return;
  if (d.reason === 'unverified') {
    throw new AppError('forbidden', {
      zh: '本单位尚未通过科技局认证，暂不能执行此操作',
      en: 'Your organisation is not verified yet, so it cannot do this',
    });
  }
  throw forbidden();
}

export async function requireAction(request: Request, action: Action): Promise<Viewer> {
  const v = await requireViewer(request);
  authorize(v, action);
  return v;
}
