import { hash, verify } from '@node-rs/argon2';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { getDb } from '#db/client.ts';
import { audit } from '#db/queries/audit.ts';
import { apiTokens, invitations, loginAttempts, organizations, users } from '#db/schema.ts';
import { AppError, conflict, invalid, notFound } from '#domain/errors.ts';
import { LOGIN_THROTTLE, mfaRequired, sessionExpiry, throttle } from '#domain/auth/policy.ts';
import type { SignupInput } from '#app/schemas/accounts.server.ts';
import { message } from '#app/i18n/translate.server.ts';
import type { Viewer } from '#app/lib/auth.server.ts';
import { createSession } from '#app/lib/session.server.ts';
import { digest, issueApiToken, newToken } from '#app/lib/tokens.server.ts';
import { enqueue } from '#jobs/enqueue.ts';
import { assertWithinLimit } from '#app/lib/rate-limit.server.ts';
import { invitedExistingMail, sendAccountMail, signupMail } from './account-mail.server.ts';
import { checkedName } from './organizations.server.ts';
import { failureCounts, recordLoginFailure } from './login-attempts.server.ts';
import { markReauthenticated, MFA_MESSAGES, mfaStatus, verifySecondFactor } from './mfa.server.ts';

/** argon2id with the library's defaults (19 MiB, t=2), as OWASP recommends. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verifying against a real hash even for unknown emails keeps response times alike.
let dummyHash: Promise<string> | undefined;

export const TOKEN_DAYS = 30;
export const INVITE_DAYS = 7;

type Meta = { ip: string; userAgent?: string | null };

/** What signup answers, whether or not the e-mail address already has an account. */
export const SIGNUP_RECEIVED = { zh: '注册申请已收到：请查收邮件，然后用注册时设置的密码登录。', en: 'Signup received: check your e-mail, then log in with the password you chose.' };

/**
 * Registers an organisation (pending until the bureau verifies it) and its administrator. The
 * answer is the same whether or not the address already has an account, so signup never tells
 * who is registered: a new address gets its welcome e-mail, a registered one an e-mail telling
 * its owner someone tried (and nothing is created). A credit code or a verified organisation's
 * name already taken is still refused: those are public. Rate-limited per client address and per
 * e-mail address (RATE_LIMITS.signup).
 */
export async function signup(input: SignupInput, meta: Meta, loginUrl: string): Promise<{ status: 'received'; message: typeof SIGNUP_RECEIVED }> {
  await assertWithinLimit('signup', { ip: meta.ip, account: input.email });
  const db = getDb();
  const passwordHash = await hashPassword(input.password);
  const outcome = await db.transaction(async (tx) => {
    const orgName = await checkedName(tx, 'orgName', input.orgName);
    const [codeTaken] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.creditCode, input.creditCode));
    if (codeTaken) throw new AppError('conflict', { zh: '该单位已注册', en: 'This organisation is already registered' }, { creditCode: message('validation.creditCodeTaken') });
    const [existing] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${input.email}`);
    if (existing) {
      await audit(tx, { action: 'auth.signup.existing_email', subjectType: 'user', subjectId: existing.id, ip: meta.ip, after: { orgName } });
      return { kind: 'existing' as const, orgName };
    }
    const [org] = await tx
      .insert(organizations)
      .values({ name: orgName, kind: input.orgKind, creditCode: input.creditCode, regionCode: input.regionCode })
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
    return { kind: 'new' as const, orgName };
  });
  await sendAccountMail(input.email, signupMail(outcome.kind, outcome.orgName, loginUrl), `signup-${outcome.kind}`);
  return { status: 'received', message: SIGNUP_RECEIVED };
}

const loginFailed = () => new AppError('unauthenticated', message('login.failed'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Checks a password under the login throttle (domain/auth/policy.ts): an address that failed 5
 * times for this account, or 30 times overall, is refused for 15 minutes; failures from other
 * addresses only slow the account down, so nobody can lock its owner out. Every attempt is
 * recorded; failures all get one message, so the answer never tells which part was wrong.
 */
export async function checkCredentials(email: string, password: string, meta: Meta, opts: { purpose?: 'login' | 'reauth' } = {}) {
  const db = getDb();
  const purpose = opts.purpose ?? 'login';
  const normalized = email.trim().toLowerCase();
  const counts = await failureCounts(db, normalized, meta.ip);
  const decision = throttle(counts);
  if (decision.kind === 'refuse') {
    await db.transaction(async (tx) => {
      await audit(tx, { action: 'auth.login.rate_limited', subjectType: 'user', subjectId: normalized, ip: meta.ip, after: counts });
    });
    throw new AppError(
      'rate_limited',
      { zh: `登录尝试过于频繁，请 ${LOGIN_THROTTLE.windowMinutes} 分钟后再试`, en: `Too many login attempts; try again in ${LOGIN_THROTTLE.windowMinutes} minutes` },
      {},
      decision.retryAfterSeconds,
    );
  }
  if (decision.delayMs > 0) await sleep(decision.delayMs);

  const [user] = await db
    .select({ id: users.id, email: users.email, role: users.role, orgId: users.orgId, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(sql`lower(${users.email}) = ${normalized}`);
  dummyHash ??= hashPassword('not-a-real-password-0');
  const ok = await verify(user?.passwordHash ?? (await dummyHash), password).catch(() => false);
  const succeeded = Boolean(user && ok && !user.disabledAt);

  await db.transaction(async (tx) => {
    if (succeeded) await tx.insert(loginAttempts).values({ email: normalized, ip: meta.ip, succeeded });
    else await recordLoginFailure(tx, normalized, user?.id ?? null, meta);
    await audit(tx, {
      actorUserId: succeeded ? user!.id : null,
      actorOrgId: succeeded ? user!.orgId : null,
      action: `auth.${purpose}${succeeded ? '' : '.failed'}`,
      subjectType: 'user',
      subjectId: user?.id ?? normalized,
      ip: meta.ip,
    });
  });
  if (!succeeded && purpose === 'reauth') throw new AppError('unauthenticated', MFA_MESSAGES.wrongPassword, { password: MFA_MESSAGES.wrongPassword });
  if (!succeeded) throw loginFailed();
  return { id: user!.id, email: user!.email, role: user!.role, orgId: user!.orgId };
}

/** A wrong second factor after a right password: a failed attempt like a wrong password. */
async function secondFactorFailed(user: { id: string; email: string }, meta: Meta, field: 'totp' | 'code'): Promise<never> {
  await getDb().transaction(async (tx) => {
    await recordLoginFailure(tx, user.email.toLowerCase(), user.id, meta);
    await audit(tx, { action: 'auth.mfa.failed', subjectType: 'user', subjectId: user.id, ip: meta.ip });
  });
  throw new AppError('unauthenticated', MFA_MESSAGES.wrongCode, { [field]: MFA_MESSAGES.wrongCode });
}

/**
 * The password step of a web login. Organisation users are signed in; bureau users get a pending
 * session that only the TOTP step (`mfa`) or, without TOTP yet, enrolment (`enrol`) can complete.
 */
export async function loginWithSession(email: string, password: string, meta: Meta) {
  const user = await checkCredentials(email, password, meta);
  const m = { ip: meta.ip, userAgent: meta.userAgent ?? null };
  if (!mfaRequired(user)) return { user, setCookie: await createSession(user.id, m), next: 'done' as const };
  const next = (await mfaStatus(user.id)).enrolled ? ('mfa' as const) : ('enrol' as const);
  return { user, setCookie: await createSession(user.id, m, { stage: next }), next };
}

/** API login. Bureau users also send `totp` (a current code or a recovery code); their tokens last 12 hours. */
export async function loginWithToken(email: string, password: string, meta: Meta, totp?: string) {
  const user = await checkCredentials(email, password, meta);
  const now = new Date();
  let reauthenticatedAt: Date | null = null;
  if (mfaRequired(user)) {
    if (!(await mfaStatus(user.id)).enrolled) throw new AppError('forbidden', MFA_MESSAGES.notEnrolled);
    if (!totp) throw new AppError('unauthenticated', MFA_MESSAGES.codeRequired, { totp: MFA_MESSAGES.codeRequired });
    const kind = await verifySecondFactor(getDb(), user.id, totp, now);
    if (!kind) await secondFactorFailed(user, meta, 'totp');
    await getDb().transaction((tx) => audit(tx, { actorUserId: user.id, action: kind === 'totp' ? 'auth.mfa' : 'auth.mfa.recovery_code', subjectType: 'user', subjectId: user.id, ip: meta.ip }));
    reauthenticatedAt = now;
  }
  const expiresAt = mfaRequired(user) ? sessionExpiry(user, now) : new Date(now.getTime() + TOKEN_DAYS * 24 * 3600 * 1000);
  const { token, id } = await issueApiToken(getDb(), { userId: user.id, expiresAt, label: meta.userAgent ?? '' });
  if (reauthenticatedAt) await getDb().update(apiTokens).set({ reauthenticatedAt }).where(eq(apiTokens.id, id));
  return { token, expiresAt, user };
}

/** Password (and, for bureau users, a TOTP or recovery code) again: stamps the session or token for large decisions. */
export async function reauthenticate(v: Viewer, input: { password: string; code?: string }, meta: Meta, now = new Date()) {
  await checkCredentials(v.user.email, input.password, meta, { purpose: 'reauth' });
  if (mfaRequired(v.user)) {
    if (!input.code) throw invalid({ code: MFA_MESSAGES.codeRequired }, MFA_MESSAGES.codeRequired);
    if (!(await verifySecondFactor(getDb(), v.user.id, input.code, now))) await secondFactorFailed(v.user, meta, 'code');
  }
  await getDb().transaction(async (tx) => {
    await markReauthenticated(tx, v, now);
    await audit(tx, { actorUserId: v.user.id, actorOrgId: v.user.orgId, action: 'auth.reauth.done', subjectType: 'user', subjectId: v.user.id, ip: meta.ip });
  });
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
  const created = await db.transaction(async (tx) => {
    // An address with an account is invited all the same (the answer must not tell who is registered),
    // but it is sent a note instead of the link: an account belongs to one organisation.
    const [exists] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${input.email}`);
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
    if (!exists) {
      await enqueue(tx, 'mail:invitation', { invitationId: inv!.id, link: linkFor(token) }, { jobKey: `mail:invitation:${inv!.id}`, maxAttempts: 10 });
      return { invitation: inv!, token, existing: null };
    }
    const [who] = await tx
      .select({ org: organizations.name, by: users.email })
      .from(organizations)
      .leftJoin(users, eq(users.id, actor.userId))
      .where(eq(organizations.id, orgId));
    return { invitation: inv!, token, existing: invitedExistingMail(who?.org ?? '', who?.by ?? '贵单位管理员') };
  });
  if (created.existing) await sendAccountMail(input.email, created.existing, 'invitation-existing');
  return { invitation: created.invitation, token: created.token };
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
