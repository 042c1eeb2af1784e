import { hash, verify } from '@node-rs/argon2';
import { and, count, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { getDb } from '#db/client.ts';
import { audit } from '#db/queries/audit.ts';
import { apiTokens, invitations, loginAttempts, organizations, users } from '#db/schema.ts';
import { AppError, conflict, invalid, notFound } from '#domain/errors.ts';
import type { SignupInput } from '#app/schemas/accounts.server.ts';
import { message } from '#app/i18n/messages.ts';
import { createSession } from '#app/lib/session.server.ts';
import { digest, newToken } from '#app/lib/tokens.server.ts';
import { enqueue } from '#jobs/enqueue.ts';

/** argon2id with the library's defaults (19 MiB, t=2), as OWASP recommends. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verifying against a real hash even for unknown emails keeps response times alike.
let dummyHash: Promise<string> | undefined;

export const LOGIN_LIMITS = {
  windowMinutes: 15,
  perAccount: 5,
  perIp: 30,
} as const;
export const TOKEN_DAYS = 30;
export const INVITE_DAYS = 7;

type Meta = { ip: string; userAgent?: string | null };

export async function signup(input: SignupInput, meta: Meta) {
  const db = getDb();
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [emailTaken] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${input.email}`);
    const [codeTaken] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.creditCode, input.creditCode));
    const fields: Record<string, { zh: string; en: string }> = {};
    if (emailTaken) fields.email = message('validation.emailTaken');
    if (codeTaken) fields.creditCode = message('validation.creditCodeTaken');
    if (Object.keys(fields).length > 0) {
      throw new AppError('conflict', { zh: '邮箱或单位已注册', en: 'Already registered' }, fields);
    }
    const [org] = await tx
      .insert(organizations)
      .values({ name: input.orgName, kind: input.orgKind, creditCode: input.creditCode, regionCode: input.regionCode })
      .returning();
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name ?? '', passwordHash, role: 'org_admin', orgId: org!.id })
      .returning({ id: users.id, email: users.email, role: users.role, orgId: users.orgId });
    await audit(tx, {
      actorUserId: user!.id,
      actorOrgId: org!.id,
      action: 'auth.signup',
      subjectType: 'organization',
      subjectId: org!.id,
      ip: meta.ip,
      after: { orgName: org!.name, kind: org!.kind, creditCode: org!.creditCode, regionCode: org!.regionCode, email: user!.email },
    });
    return { user: user!, organization: org! };
  });
}

const loginFailed = () => new AppError('unauthenticated', message('login.failed'));

/**
 * Checks a password with rate limits per account and per IP. Every attempt is
 * recorded; failures all get one message, so the answer never tells which part was wrong.
 */
export async function checkCredentials(email: string, password: string, meta: Meta) {
  const db = getDb();
  const normalized = email.trim().toLowerCase();
  const since = new Date(Date.now() - LOGIN_LIMITS.windowMinutes * 60_000);
  const [[byAccount], [byIp]] = await Promise.all([
    db
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(sql`lower(${loginAttempts.email}) = ${normalized}`, eq(loginAttempts.succeeded, false), gt(loginAttempts.createdAt, since))),
    db
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.ip, meta.ip), eq(loginAttempts.succeeded, false), gt(loginAttempts.createdAt, since))),
  ]);
  if ((byAccount?.n ?? 0) >= LOGIN_LIMITS.perAccount || (byIp?.n ?? 0) >= LOGIN_LIMITS.perIp) {
    await db.transaction(async (tx) => {
      await audit(tx, { action: 'auth.login.rate_limited', subjectType: 'user', subjectId: normalized, ip: meta.ip });
    });
    throw new AppError(
      'rate_limited',
      { zh: '登录尝试过于频繁，请 15 分钟后再试', en: 'Too many login attempts; try again in 15 minutes' },
      {},
      LOGIN_LIMITS.windowMinutes * 60,
    );
  }

  const [user] = await db
    .select({ id: users.id, email: users.email, role: users.role, orgId: users.orgId, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(sql`lower(${users.email}) = ${normalized}`);
  dummyHash ??= hashPassword('not-a-real-password-0');
  const ok = await verify(user?.passwordHash ?? (await dummyHash), password).catch(() => false);
  const succeeded = Boolean(user && ok && !user.disabledAt);

  await db.transaction(async (tx) => {
    await tx.insert(loginAttempts).values({ email: normalized, ip: meta.ip, succeeded });
    await audit(tx, {
      actorUserId: succeeded ? user!.id : null,
      actorOrgId: succeeded ? user!.orgId : null,
      action: succeeded ? 'auth.login' : 'auth.login.failed',
      subjectType: 'user',
      subjectId: user?.id ?? normalized,
      ip: meta.ip,
    });
  });
  if (!succeeded) throw loginFailed();
  return { id: user!.id, email: user!.email, role: user!.role, orgId: user!.orgId };
}

export async function loginWithSession(email: string, password: string, meta: Meta) {
  const user = await checkCredentials(email, password, meta);
  const setCookie = await createSession(user.id, { ip: meta.ip, userAgent: meta.userAgent ?? null });
  return { user, setCookie };
}

export async function loginWithToken(email: string, password: string, meta: Meta) {
  const user = await checkCredentials(email, password, meta);
  const token = newToken();
  const expiresAt = new Date(Date.now() + TOKEN_DAYS * 24 * 3600 * 1000);
  await getDb().insert(apiTokens).values({ tokenHash: digest(token), userId: user.id, expiresAt, label: meta.userAgent?.slice(0, 100) ?? '' });
  return { token, expiresAt, user };
}

export async function logout(
  via: { kind: 'session'; sessionId: string } | { kind: 'token'; tokenId: string },
  actor: { userId: string; orgId: string | null },
  meta: Meta,
): Promise<void> {
  await getDb().transaction(async (tx) => {
    if (via.kind === 'session') {
      await tx.execute(sql`update sessions set revoked_at = now() where id = ${via.sessionId} and revoked_at is null`);
    } else {
      await tx.update(apiTokens).set({ revokedAt: new Date() }).where(and(eq(apiTokens.id, via.tokenId), isNull(apiTokens.revokedAt)));
    }
    await audit(tx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: via.kind === 'session' ? 'auth.logout' : 'auth.token.revoke',
      subjectType: 'user',
      subjectId: actor.userId,
      ip: meta.ip,
    });
  });
}

/** Invitations: an admin invites a colleague by email; the link carries a one-time token. */
export async function createInvitation(
  orgId: string,
  input: { email: string; role: 'org_admin' | 'org_member' },
  actor: { userId: string },
  meta: Meta,
  /** The absolute link the e-mail carries for this token (the request's origin or APP_URL). */
  linkFor: (token: string) => string,
) {
  const token = newToken();
  const db = getDb();
  return db.transaction(async (tx) => {
    const [exists] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${input.email}`);
    if (exists) throw invalid({ email: message('validation.emailTaken') });
    const [inv] = await tx
      .insert(invitations)
      .values({
        orgId,
        email: input.email,
        role: input.role,
        tokenHash: digest(token),
        invitedBy: actor.userId,
        expiresAt: new Date(Date.now() + INVITE_DAYS * 24 * 3600 * 1000),
      })
      .returning();
    await audit(tx, {
      actorUserId: actor.userId,
      actorOrgId: orgId,
      action: 'auth.invitation.create',
      subjectType: 'invitation',
      subjectId: inv!.id,
      ip: meta.ip,
      after: { email: input.email, role: input.role },
    });
    await enqueue(tx, 'mail:invitation', { invitationId: inv!.id, link: linkFor(token) }, { jobKey: `mail:invitation:${inv!.id}`, maxAttempts: 10 });
    return { invitation: inv!, token };
  });
}

export async function listInvitations(orgId: string) {
  return getDb()
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
    })
    .from(invitations)
    .where(eq(invitations.orgId, orgId))
    .orderBy(desc(invitations.createdAt))
    .limit(200);
}

export async function revokeInvitation(orgId: string, id: string, actor: { userId: string }, meta: Meta) {
  await getDb().transaction(async (tx) => {
    const [inv] = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(eq(invitations.id, id), eq(invitations.orgId, orgId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning({ id: invitations.id });
    if (!inv) throw notFound();
    await audit(tx, { actorUserId: actor.userId, actorOrgId: orgId, action: 'auth.invitation.revoke', subjectType: 'invitation', subjectId: id, ip: meta.ip });
  });
}

/** An open invitation by its token, with the organisation's name, or null. */
export async function findInvitation(token: string) {
  const [row] = await getDb()
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, orgId: invitations.orgId, orgName: organizations.name })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .where(
      and(
        eq(invitations.tokenHash, digest(token)),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    );
  return row ?? null;
}

export async function acceptInvitation(input: { token: string; name: string; password: string }, meta: Meta) {
  const passwordHash = await hashPassword(input.password);
  return getDb().transaction(async (tx) => {
    // Claiming the row first makes a second accept of the same link fail cleanly.
    const [inv] = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(
        and(
          eq(invitations.tokenHash, digest(input.token)),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, new Date()),
        ),
      )
      .returning();
    if (!inv) throw notFound();
    const [taken] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${inv.email}`);
    if (taken) throw conflict(message('validation.emailTaken'));
    const [user] = await tx
      .insert(users)
      .values({ email: inv.email, name: input.name, passwordHash, role: inv.role, orgId: inv.orgId })
      .returning({ id: users.id, email: users.email, role: users.role, orgId: users.orgId });
    await audit(tx, {
      actorUserId: user!.id,
      actorOrgId: inv.orgId,
      action: 'auth.invitation.accept',
      subjectType: 'invitation',
      subjectId: inv.id,
      ip: meta.ip,
    });
    return user!;
  });
}

/** Bureau users exist only through the command line. */
export async function createBureauUser(input: { email: string; password: string; name?: string }) {
  const passwordHash = await hashPassword(input.password);
  return getDb().transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${input.email}`);
    if (taken) throw conflict(message('validation.emailTaken'));
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name ?? '', passwordHash, role: 'bureau', orgId: null })
      .returning({ id: users.id, email: users.email, role: users.role });
    await audit(tx, { action: 'auth.bureau_user.create', subjectType: 'user', subjectId: user!.id, ip: 'cli', after: { email: user!.email } });
    return user!;
  });
}
