/**
 * Password reset for every user: a single-use link that expires, e-mailed by a job; only the
 * token's SHA-256 is stored. The request answers the same whether or not the account exists,
 * and a reset ends every session and API token of the account. TOTP stays as it was: a reset
 * bureau user still signs in with a code.
 */
import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { getDb } from '#db/client.ts';
import { audit } from '#db/queries/audit.ts';
import { passwordResets, users } from '#db/schema.ts';
import { PASSWORD_RESET_POLICY } from '#domain/auth/policy.ts';
import { AppError } from '#domain/errors.ts';
import { assertWithinLimit } from '#app/lib/rate-limit.server.ts';
import { revokeAllFor } from '#app/lib/session.server.ts';
import { digest, newToken } from '#app/lib/tokens.server.ts';
import { enqueue } from '#jobs/enqueue.ts';
import { hashPassword } from './accounts.server.ts';
import { sendMail } from './mail.server.ts';

type Meta = { ip: string };

export const RESET_MESSAGES = {
  sent: {
    zh: '如果该邮箱已注册，我们已发送一封重设密码的邮件，请在 30 分钟内打开其中的链接。',
    en: 'If that address has an account, we have e-mailed it a link to reset the password; open it within 30 minutes.',
  },
  invalid: { zh: '重设链接无效、已使用或已过期，请重新申请', en: 'This reset link is invalid, used or expired; ask for a new one' },
  done: { zh: '密码已重设，所有已登录的会话均已退出，请用新密码登录', en: 'Password reset; every session was signed out. Log in with the new password' },
} as const;

/**
 * Asks for a reset link. Rate-limited per address and per e-mail (the `password_reset` bucket);
 * otherwise always succeeds silently, so the answer never tells whether the account exists.
 */
export async function requestPasswordReset(email: string, meta: Meta, linkFor: (token: string) => string, now = new Date()): Promise<void> {
  const normalized = email.trim().toLowerCase();
  await assertWithinLimit('password_reset', { ip: meta.ip, account: normalized });
  const token = newToken();
  await getDb().transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, orgId: users.orgId })
      .from(users)
      .where(and(sql`lower(${users.email}) = ${normalized}`, isNull(users.disabledAt)));
    if (!user) {
      await audit(tx, { action: 'auth.password_reset.request_unknown', subjectType: 'user', subjectId: normalized, ip: meta.ip });
      return;
    }
    // Only the newest link works.
    await tx
      .update(passwordResets)
      .set({ expiresAt: now })
      .where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)));
    const [reset] = await tx
      .insert(passwordResets)
      .values({ userId: user.id, tokenHash: digest(token), createdAt: now, expiresAt: new Date(now.getTime() + PASSWORD_RESET_POLICY.ttlMinutes * 60_000), ip: meta.ip })
      .returning({ id: passwordResets.id });
    await audit(tx, { actorOrgId: user.orgId, action: 'auth.password_reset.request', subjectType: 'user', subjectId: user.id, ip: meta.ip });
    await enqueue(tx, 'mail:password-reset', { resetId: reset!.id, link: linkFor(token) }, { jobKey: `mail:password-reset:${reset!.id}`, maxAttempts: 10 });
  });
}

/** The account a reset link is for, while the link works; null otherwise. */
export async function findPasswordReset(token: string, now = new Date()) {
  const [row] = await getDb()
    .select({ id: passwordResets.id, email: users.email })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(and(eq(passwordResets.tokenHash, digest(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now), isNull(users.disabledAt)));
  return row ?? null;
}

/** Sets the new password once per link, and ends every session and API token of the account. */
export async function resetPassword(input: { token: string; password: string }, meta: Meta, now = new Date()) {
  const passwordHash = await hashPassword(input.password);
  return getDb().transaction(async (tx) => {
    // Claiming the row first makes a second use of the same link fail cleanly.
    const [reset] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.tokenHash, digest(input.token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
      .returning({ id: passwordResets.id, userId: passwordResets.userId });
    if (!reset) throw new AppError('not_found', RESET_MESSAGES.invalid);
    const [user] = await tx
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, reset.userId), isNull(users.disabledAt)))
      .returning({ id: users.id, email: users.email, orgId: users.orgId });
    if (!user) throw new AppError('not_found', RESET_MESSAGES.invalid);
    await tx
      .update(passwordResets)
      .set({ expiresAt: now })
      .where(and(eq(passwordResets.userId, user.id), ne(passwordResets.id, reset.id), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)));
    const ended = await revokeAllFor(tx, user.id);
    await audit(tx, { actorUserId: user.id, actorOrgId: user.orgId, action: 'auth.password_reset', subjectType: 'user', subjectId: user.id, ip: meta.ip, after: { sessionsEnded: ended.sessions, tokensRevoked: ended.tokens } });
    return { email: user.email, ...ended };
  });
}

/**
 * The `mail:password-reset` job: the link, unless it was used or expired meanwhile. The outbox
 * records the text without the link. One message id per reset: a retry never sends it twice.
 */
export async function sendPasswordResetMail(resetId: string, link: string): Promise<boolean> {
  const [r] = await getDb()
    .select({ id: passwordResets.id, usedAt: passwordResets.usedAt, expiresAt: passwordResets.expiresAt, createdAt: passwordResets.createdAt, email: users.email })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(eq(passwordResets.id, resetId));
  if (!r || r.usedAt || r.expiresAt.getTime() < Date.now()) return false;
  const minutes = PASSWORD_RESET_POLICY.ttlMinutes;
  const body = (url: string) =>
    [
      `您好：`,
      ``,
      `有人（希望是您本人）申请重设您在聊城市科技成果转移转化平台的账户 ${r.email} 的密码。`,
      `请在 ${minutes} 分钟内打开下面的链接设置新密码（链接只能使用一次）；重设后，所有已登录的会话和 API 令牌都会失效：`,
      url,
      ``,
      `如果不是您本人申请，请忽略本邮件，您的密码不会改变。`,
      ``,
      `Someone (we hope you) asked to reset the password of ${r.email} on the Liaocheng Technology Transfer Platform. Open the link above within ${minutes} minutes (it works once); every session and API token is then signed out. If it was not you, ignore this e-mail.`,
      `\n—\n聊城市科技成果转移转化平台（本邮件由系统自动发送，请勿直接回复）`,
    ].join('\n');
  await sendMail({
    to: r.email,
    subject: '重设密码 · 聊城市科技成果转移转化平台',
    text: body(link),
    recordedText: body('（一次性重设链接，已发送，不在此保存）'),
    messageId: `<pwreset-${r.id}@techtransfer.lc>`,
    notBefore: r.createdAt,
  });
  return true;
}
