/**
 * The login_attempts table read and written for the throttle (domain/auth/policy.ts), and the
 * e-mail that tells an account's owner about failed logins.
 */
import { eq, sql } from 'drizzle-orm';
import { getDb, type DbOrTx } from '#db/client.ts';
import { loginAttempts, users } from '#db/schema.ts';
import { LOGIN_THROTTLE, type ThrottleCounts } from '#domain/auth/policy.ts';
import { enqueue } from '#jobs/enqueue.ts';
import { sendMail } from './mail.server.ts';

const windowMs = LOGIN_THROTTLE.windowMinutes * 60_000;

/** Failed logins in the window before `now`: for this account from this address, from this address, for this account. */
export async function failureCounts(db: DbOrTx, normalizedEmail: string, ip: string, now = new Date()): Promise<ThrottleCounts> {
  const since = new Date(now.getTime() - windowMs).toISOString();
  const rows = (await db.execute(sql`
    select count(*) filter (where lower(email) = ${normalizedEmail} and ip = ${ip})::int as "accountAndIp",
           count(*) filter (where ip = ${ip})::int as "ip",
           count(*) filter (where lower(email) = ${normalizedEmail})::int as "account"
    from login_attempts
    where succeeded = false and created_at > ${since}::timestamptz and (lower(email) = ${normalizedEmail} or ip = ${ip})`)) as unknown as ThrottleCounts[];
  return rows[0] ?? { accountAndIp: 0, ip: 0, account: 0 };
}

/**
 * Records a failed login (a wrong password, or a wrong second factor after a right one). Once an
 * existing account reaches LOGIN_THROTTLE.alertAfter failures in the window, its owner is e-mailed:
 * one job per account and fixed window (the job key), one message per job (the message id).
 */
export async function recordLoginFailure(tx: DbOrTx, normalizedEmail: string, userId: string | null, meta: { ip: string }, now = new Date()): Promise<void> {
  await tx.insert(loginAttempts).values({ email: normalizedEmail, ip: meta.ip, succeeded: false, createdAt: now });
  if (!userId) return;
  const { account } = await failureCounts(tx, normalizedEmail, meta.ip, now);
  if (account < LOGIN_THROTTLE.alertAfter) return;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs).toISOString();
  await enqueue(tx, 'mail:login-alert', { userId, windowStart }, { jobKey: `mail:login-alert:${userId}:${windowStart}`, jobKeyMode: 'preserve_run_at', maxAttempts: 10 });
}

/**
 * The `mail:login-alert` job: how many logins failed for the account in the last window and from
 * how many addresses, and that the owner can still log in. One message id per account and window.
 */
export async function sendLoginAlertMail(userId: string, windowStart: string, now = new Date()): Promise<boolean> {
  const db = getDb();
  const [u] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  if (!u) return false;
  const since = new Date(now.getTime() - windowMs).toISOString();
  const rows = (await db.execute(sql`
    select count(*)::int as n, count(distinct ip)::int as ips from login_attempts
    where lower(email) = ${u.email.toLowerCase()} and succeeded = false and created_at > ${since}::timestamptz`)) as unknown as Array<{ n: number; ips: number }>;
  const { n, ips } = rows[0] ?? { n: 0, ips: 0 };
  const minutes = LOGIN_THROTTLE.windowMinutes;
  const text = [
    `您好：`,
    ``,
    `过去 ${minutes} 分钟内，您在聊城市科技成果转移转化平台的账户 ${u.email} 有 ${n} 次登录失败，来自 ${ips} 个网络地址。`,
    `您的账户没有被锁定，您仍可照常登录：失败过多的地址会被暂时拒绝，其他地址的尝试只会被放慢。`,
    `如果不是您本人，建议通过登录页的“忘记密码”重设密码（重设后所有已登录的会话都会退出）。`,
    ``,
    `Logins failed ${n} times from ${ips} addresses for your account ${u.email} in the last ${minutes} minutes. Your account is not locked and you can still log in. If it was not you, consider resetting your password ("Forgot password" on the login page); a reset signs out every session.`,
    `\n—\n聊城市科技成果转移转化平台（本邮件由系统自动发送，请勿直接回复）`,
  ].join('\n');
  await sendMail({
    to: u.email,
    subject: '账户安全提醒：多次登录失败 · 聊城市科技成果转移转化平台',
    text,
    messageId: `<login-alert-${userId}-${new Date(windowStart).getTime()}@techtransfer.lc>`,
    notBefore: new Date(windowStart),
  });
  return true;
}
