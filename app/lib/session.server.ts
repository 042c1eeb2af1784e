import { createCookie } from '@remix-run/node';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { env } from '#config/env.ts';
import { getDb } from '#db/client.ts';
import { sessions } from '#db/schema.ts';
import { sessionSecret } from './secrets.server.ts';
import { digest, newToken } from './tokens.server.ts';

export const SESSION_DAYS = 7;

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

export async function createSession(userId: string, meta: { ip: string; userAgent: string | null }): Promise<string> {
  const token = newToken();
  await getDb()
    .insert(sessions)
    .values({
      id: digest(token),
      userId,
      expiresAt: new Date(Date.now() + SESSION_DAYS * 24 * 3600 * 1000),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
  return sessionCookie().serialize(token);
}

export async function revokeSession(id: string): Promise<void> {
  await getDb()
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date())));
}

export function clearSessionCookie(): Promise<string> {
  return sessionCookie().serialize('', { maxAge: 0, expires: new Date(0) });
}
