import { createCookie } from '@remix-run/node';
import { and, eq, gt, isNull, lt, ne, sql } from 'drizzle-orm';
import { env } from '#config/env.ts';
import { getDb, type DbOrTx } from '#db/client.ts';
import { apiTokens, sessions } from '#db/schema.ts';
import { SESSION_POLICY, sessionVerdict, shouldTouch } from '#domain/auth/policy.ts';
import { sessionSecret } from './secrets.server.ts';
import { digest, newToken } from './tokens.server.ts';

export const SESSION_DAYS = SESSION_POLICY.orgSessionDays;

/** `mfa`: the password was right and a TOTP code is owed; `enrol`: a bureau user must set TOTP up first. */
export type SessionStage = 'mfa' | 'enrol' | 'active';

let cookie: ReturnType<typeof createCookie> | undefined;

/** httpOnly, SameSite=Lax, signed: a tampered value parses as no session at all. */
function sessionCookie() {
  cookie ??= createCookie('tt_session', {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: env().COOKIE_SECURE ?? (env().APP_URL?.startsWith('https://') ?? false),
    secrets: [sessionSecret()],
    maxAge: SESSION_DAYS * 24 * 3600,
  });
  return cookie;
}

/** The session row id for a request's cookie, or null (missing, tampered or malformed). */
export async function sessionIdFrom(request: Request): Promise<string | null> {
  const header = request.headers.get('cookie');
  if (!header) return null;
  try {
    const value: unknown = await sessionCookie().parse(header);
    return typeof value === 'string' && value.length > 20 ? digest(value) : null;
  } catch {
    return null;
  }
}

type SessionOptions = {
  /** Default `active`. A pending stage lasts SESSION_POLICY.pendingMinutes whatever `expiresAt` says. */
  stage?: SessionStage;
  /** Default: SESSION_DAYS from now. */
  expiresAt?: Date;
  /** When the password and the TOTP were last checked together (a full bureau login). */
  reauthenticatedAt?: Date | null;
  now?: Date;
};

export async function createSession(userId: string, meta: { ip: string; userAgent: string | null }, opts: SessionOptions = {}): Promise<string> {
  const token = newToken();
  const now = opts.now ?? new Date();
  const stage = opts.stage ?? 'active';
  const expiresAt = stage === 'active' ? (opts.expiresAt ?? new Date(now.getTime() + SESSION_DAYS * 24 * 3600 * 1000)) : new Date(now.getTime() + SESSION_POLICY.pendingMinutes * 60_000);
  await getDb()
    .insert(sessions)
    .values({
      id: digest(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      stage,
      reauthenticatedAt: opts.reauthenticatedAt ?? null,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
  return sessionCookie().serialize(token);
}

/** A login still owing its second factor (or TOTP enrolment), by the request's cookie. */
export async function pendingSession(request: Request, now = new Date()) {
  const sid = await sessionIdFrom(request);
  if (!sid) return null;
  const [row] = await getDb()
    .select({ id: sessions.id, userId: sessions.userId, stage: sessions.stage, createdAt: sessions.createdAt, mfaFailures: sessions.mfaFailures })
    .from(sessions)
    .where(and(eq(sessions.id, sid), ne(sessions.stage, 'active'), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
  return row ?? null;
}

/** Counts a wrong code against a pending login; past the limit the login is ended. Returns whether it still stands. */
export async function recordPendingFailure(id: string): Promise<boolean> {
  const [row] = await getDb()
    .update(sessions)
    .set({
      mfaFailures: sql`${sessions.mfaFailures} + 1`,
      revokedAt: sql`case when ${sessions.mfaFailures} + 1 >= ${SESSION_POLICY.pendingMaxFailures} then now() else null end`,
    })
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)))
    .returning({ revokedAt: sessions.revokedAt });
  return Boolean(row && !row.revokedAt);
}

/**
 * Whether a signed-in session still stands at `now` (idle and absolute limits for the bureau);
 * one that no longer does is revoked. A standing one has its last_seen_at moved (at most once a minute).
 */
export async function sessionStands(
  s: { id: string; role: string; createdAt: Date; lastSeenAt: Date; expiresAt: Date },
  now = new Date(),
): Promise<boolean> {
  const verdict = sessionVerdict(s, now);
  if (verdict !== 'ok') {
    await getDb().update(sessions).set({ revokedAt: now }).where(and(eq(sessions.id, s.id), isNull(sessions.revokedAt)));
    return false;
  }
  if (shouldTouch(s.lastSeenAt, now)) {
    await getDb()
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(and(eq(sessions.id, s.id), lt(sessions.lastSeenAt, now)));
  }
  return true;
}

export async function revokeSession(id: string): Promise<void> {
  await getDb()
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date())));
}

/** Ends every session and API token of a user (after a password reset). Returns how many. */
export async function revokeAllFor(tx: DbOrTx, userId: string): Promise<{ sessions: number; tokens: number }> {
  const s = await tx
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  const t = await tx
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return { sessions: s.length, tokens: t.length };
}

export function clearSessionCookie(): Promise<string> {
  return sessionCookie().serialize('', { maxAge: 0, expires: new Date(0) });
}
