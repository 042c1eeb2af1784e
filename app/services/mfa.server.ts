/**
 * Two-step sign-in for the bureau: TOTP (RFC 6238, via `otpauth`) plus single-use recovery codes,
 * the login steps that follow the password (enter a code, or enrol first), and the
 * re-authentication that large money decisions need.
 */
import { and, count, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { renderSVG } from 'uqr';
import { getDb, type DbOrTx } from '#db/client.ts';
import { audit } from '#db/queries/audit.ts';
import { apiTokens, loginAttempts, mfaRecoveryCodes, mfaTotp, sessions, users } from '#db/schema.ts';
import { REAUTH_POLICY, reauthFresh, sessionExpiry, TOTP_PARAMS, TOTP_WINDOW } from '#domain/auth/policy.ts';
import { AppError, conflict, invalid, unauthenticated, type Msg } from '#domain/errors.ts';
import type { Viewer } from '#app/lib/auth.server.ts';
import { safeRedirect } from '#app/lib/pages.server.ts';
import { createSession, pendingSession, recordPendingFailure } from '#app/lib/session.server.ts';
import { digest } from '#app/lib/tokens.server.ts';
import { recordLoginFailure } from './login-attempts.server.ts';

export const TOTP_ISSUER = '聊城科技成果转化平台';
export const RECOVERY_CODE_COUNT = 10;

type Meta = { ip: string; userAgent?: string | null };

export const MFA_MESSAGES = {
  wrongCode: { zh: '验证码不正确或已使用', en: 'Wrong or already used code' },
  wrongPassword: { zh: '密码不正确', en: 'Wrong password' },
  codeRequired: { zh: '请输入 6 位动态验证码或一个恢复码', en: 'Enter the 6-digit code or a recovery code' },
  notEnrolled: {
    zh: '科技局账号须先在网页登录并设置两步验证（动态验证码）',
    en: 'Bureau accounts must first sign in on the web and set up two-step verification',
  },
  reauth: {
    zh: `金额超过 ¥${REAUTH_POLICY.threshold.toFixed(0)}：请先重新验证身份（密码 + 动态验证码，${REAUTH_POLICY.freshMinutes} 分钟内有效）`,
    en: `Over ¥${REAUTH_POLICY.threshold.toFixed(0)}: re-authenticate first (password + code, valid ${REAUTH_POLICY.freshMinutes} minutes)`,
  },
} as const satisfies Record<string, Msg>;

/** Where a completed login lands: the page asked for, else the role's home. */
export function landingPath(user: { role: string }, redirectTo: string | null): string {
  return safeRedirect(redirectTo, user.role === 'bureau' ? '/' : '/org');
}

/** Spaces and dashes are typing aids; recovery codes are case-insensitive. */
export function normalizeCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, '');
}

const stepOf = (now: Date) => Math.floor(now.getTime() / 1000 / TOTP_PARAMS.period);

/** The time step a code belongs to (within the window around `now`), or null. */
export function matchStep(secret: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = TOTP.validate({ token: code, secret: Secret.fromBase32(secret), timestamp: now.getTime(), window: TOTP_WINDOW, ...TOTP_PARAMS });
  return delta === null ? null : stepOf(now) + delta;
}

/** The code an authenticator shows at `now` (for the CLI and the tests). */
export function totpCode(secret: string, now = new Date()): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: now.getTime(), ...TOTP_PARAMS });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** XXXX-XXXX-XXXX-XXXX from 80 random bits: safe to store as a plain SHA-256. */
function newRecoveryCode(): string {
  return new Secret({ size: 10 }).base32.match(/.{4}/g)!.join('-');
}

export async function mfaStatus(userId: string, db: DbOrTx = getDb()) {
  const [t] = await db.select({ confirmedAt: mfaTotp.confirmedAt }).from(mfaTotp).where(eq(mfaTotp.userId, userId));
  const [r] = await db
    .select({ n: count() })
    .from(mfaRecoveryCodes)
    .where(and(eq(mfaRecoveryCodes.userId, userId), isNull(mfaRecoveryCodes.usedAt)));
  return { enrolled: Boolean(t?.confirmedAt), recoveryCodesLeft: r?.n ?? 0 };
}

/**
 * Sets a user's TOTP secret as confirmed, with fresh recovery codes, without the enrolment dialogue:
 * for the demo and test data (a known secret) only. Returns the recovery codes.
 */
export async function enrolWithSecret(tx: DbOrTx, userId: string, secret: string): Promise<string[]> {
  await tx
    .insert(mfaTotp)
    .values({ userId, secret, confirmedAt: new Date() })
    .onConflictDoUpdate({ target: mfaTotp.userId, set: { secret, confirmedAt: new Date(), lastStep: null } });
  return replaceRecoveryCodes(tx, userId);
}

async function replaceRecoveryCodes(tx: DbOrTx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
  await tx.insert(mfaRecoveryCodes).values(codes.map((c) => ({ userId, codeHash: digest(normalizeCode(c)) })));
  return codes;
}

/** The secret being enrolled (kept until confirmed, so a reload shows the same one), its otpauth:// URI and a QR code. */
export async function beginEnrolment(user: { id: string; email: string }) {
  const db = getDb();
  await db.insert(mfaTotp).values({ userId: user.id, secret: newTotpSecret() }).onConflictDoNothing();
  const [row] = await db.select().from(mfaTotp).where(eq(mfaTotp.userId, user.id));
  if (row!.confirmedAt) throw conflict({ zh: '已设置两步验证', en: 'Two-step verification is already set up' });
  const uri = new TOTP({ issuer: TOTP_ISSUER, label: user.email, secret: Secret.fromBase32(row!.secret), ...TOTP_PARAMS }).toString();
  return { secret: row!.secret, uri, qrSvg: renderSVG(uri, { pixelSize: 4 }) };
}

/**
 * Accepts a code once: TOTP (a step newer than the last one accepted) or an unused recovery code.
 * Returns which it was, or null.
 */
export async function verifySecondFactor(db: DbOrTx, userId: string, raw: string, now = new Date()): Promise<'totp' | 'recovery' | null> {
  const code = normalizeCode(raw);
  if (/^\d{6}$/.test(code)) {
    const [t] = await db.select().from(mfaTotp).where(and(eq(mfaTotp.userId, userId), isNotNull(mfaTotp.confirmedAt)));
    const step = t ? matchStep(t.secret, code, now) : null;
    if (step === null) return null;
    const [taken] = await db
      .update(mfaTotp)
      .set({ lastStep: step })
      .where(and(eq(mfaTotp.userId, userId), or(isNull(mfaTotp.lastStep), lt(mfaTotp.lastStep, step))))
      .returning({ userId: mfaTotp.userId });
    return taken ? 'totp' : null;
  }
  if (!/^[A-Z2-7]{16}$/.test(code)) return null;
  const [used] = await db
    .update(mfaRecoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(mfaRecoveryCodes.userId, userId), eq(mfaRecoveryCodes.codeHash, digest(code)), isNull(mfaRecoveryCodes.usedAt)))
    .returning({ id: mfaRecoveryCodes.id });
  return used ? 'recovery' : null;
}

async function userOf(id: string) {
  const [u] = await getDb().select({ id: users.id, email: users.email, role: users.role, orgId: users.orgId, disabledAt: users.disabledAt }).from(users).where(eq(users.id, id));
  return u && !u.disabledAt ? u : null;
}

/** The pending login of this request at the given stage, with its user; 401 when there is none. */
export async function requirePending(request: Request, stage: 'mfa' | 'enrol', now = new Date()) {
  const p = await pendingSession(request, now);
  const user = p && p.stage === stage ? await userOf(p.userId) : null;
  if (!p || !user) throw unauthenticated();
  return { pending: p, user };
}

/** The pending session becomes a signed-in one, under a new cookie (the password-step cookie dies). */
async function activate(pendingId: string, user: { id: string; role: string }, meta: Meta, now: Date) {
  await getDb().update(sessions).set({ revokedAt: now }).where(eq(sessions.id, pendingId));
  return createSession(user.id, { ip: meta.ip, userAgent: meta.userAgent ?? null }, { stage: 'active', expiresAt: sessionExpiry(user, now), reauthenticatedAt: now, now });
}

async function recordCodeFailure(pendingId: string, user: { id: string; email: string }, meta: Meta): Promise<never> {
  await getDb().transaction(async (tx) => {
    // A wrong code counts as a failed login: the throttle sees guessing here too, and the owner is told.
    await recordLoginFailure(tx, user.email.toLowerCase(), user.id, meta);
    await audit(tx, { action: 'auth.mfa.failed', subjectType: 'user', subjectId: user.id, ip: meta.ip });
  });
  const stands = await recordPendingFailure(pendingId);
  if (!stands) throw new AppError('unauthenticated', { zh: '验证码错误次数过多，请重新登录', en: 'Too many wrong codes; log in again' });
  throw invalid({ code: MFA_MESSAGES.wrongCode }, MFA_MESSAGES.wrongCode);
}

/** The second login step: a TOTP or recovery code. Returns the signed-in cookie. */
export async function completeMfaLogin(request: Request, rawCode: string, meta: Meta, now = new Date()) {
  const { pending, user } = await requirePending(request, 'mfa', now);
  const kind = await verifySecondFactor(getDb(), user.id, rawCode, now);
  if (!kind) return recordCodeFailure(pending.id, user, meta);
  const setCookie = await activate(pending.id, user, meta, now);
  const left = (await mfaStatus(user.id)).recoveryCodesLeft;
  await getDb().transaction(async (tx) => {
    await tx.insert(loginAttempts).values({ email: user.email.toLowerCase(), ip: meta.ip, succeeded: true });
    await audit(tx, { actorUserId: user.id, action: kind === 'totp' ? 'auth.mfa' : 'auth.mfa.recovery_code', subjectType: 'user', subjectId: user.id, ip: meta.ip, after: kind === 'recovery' ? { recoveryCodesLeft: left } : null });
  });
  return { setCookie, user, usedRecoveryCode: kind === 'recovery', recoveryCodesLeft: left };
}

/** Enrolment during login: the first code confirms the secret; the recovery codes are shown once. */
export async function completeEnrolment(request: Request, rawCode: string, meta: Meta, now = new Date()) {
  const { pending, user } = await requirePending(request, 'enrol', now);
  const codes = await getDb().transaction(async (tx) => {
    const [t] = await tx.select().from(mfaTotp).where(eq(mfaTotp.userId, user.id)).for('update');
    const step = t && !t.confirmedAt ? matchStep(t.secret, normalizeCode(rawCode), now) : null;
    if (step === null) return null;
    await tx.update(mfaTotp).set({ confirmedAt: now, lastStep: step }).where(eq(mfaTotp.userId, user.id));
    const out = await replaceRecoveryCodes(tx, user.id);
    await audit(tx, { actorUserId: user.id, action: 'auth.mfa.enrol', subjectType: 'user', subjectId: user.id, ip: meta.ip, after: { recoveryCodes: out.length } });
    return out;
  });
  if (!codes) return recordCodeFailure(pending.id, user, meta);
  const setCookie = await activate(pending.id, user, meta, now);
  return { setCookie, user, recoveryCodes: codes };
}

/** When the viewer's session or token last passed password + TOTP together. */
async function reauthenticatedAt(db: DbOrTx, v: Viewer): Promise<Date | null> {
  if (v.via.kind === 'session') {
    const [s] = await db.select({ at: sessions.reauthenticatedAt }).from(sessions).where(eq(sessions.id, v.via.sessionId));
    return s?.at ?? null;
  }
  const [t] = await db.select({ at: apiTokens.reauthenticatedAt }).from(apiTokens).where(eq(apiTokens.id, v.via.tokenId));
  return t?.at ?? null;
}

/** Refuses (403, field `reauth`) unless the viewer passed password + TOTP within REAUTH_POLICY.freshMinutes. */
export async function requireRecentAuth(db: DbOrTx, v: Viewer, now = new Date()): Promise<void> {
  if (reauthFresh(await reauthenticatedAt(db, v), now)) return;
  throw new AppError('forbidden', MFA_MESSAGES.reauth, { reauth: MFA_MESSAGES.reauth });
}

/** Stamps the viewer's session or token as just re-authenticated. */
export async function markReauthenticated(db: DbOrTx, v: Viewer, now = new Date()): Promise<void> {
  if (v.via.kind === 'session') await db.update(sessions).set({ reauthenticatedAt: now }).where(eq(sessions.id, v.via.sessionId));
  else await db.update(apiTokens).set({ reauthenticatedAt: now }).where(eq(apiTokens.id, v.via.tokenId));
}
