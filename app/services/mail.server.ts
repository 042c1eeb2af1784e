import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { and, desc, eq, gte, isNull } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { env } from '#config/env.ts';
import { getDb } from '#db/client.ts';
import { emails, invitations, notificationPreferences, notifications, organizations, users } from '#db/schema.ts';
import { notFound } from '#domain/errors.ts';
import { sendsEmail } from '#domain/notifications/kinds.ts';
import { authorize, type Viewer } from '#app/lib/auth.server.ts';

type Outgoing = {
  to: string;
  subject: string;
  text: string;
  messageId: string;
  /** No e-mail with this message id was sent before this time (bounds the look-up to the sent_at index). */
  notBefore?: Date;
  /** What the outbox records instead of `text` (a one-time link is sent, never stored). */
  recordedText?: string;
};

let cached: { transporter: Transporter; toFiles: boolean } | undefined;

/**
 * SMTP when SMTP_URL is set; otherwise nodemailer renders the message into a buffer
 * and we keep it as an .eml file under DATA_DIR/mail (the development outbox).
 */
function transport() {
  const url = env().SMTP_URL;
  cached ??= url
    ? { transporter: nodemailer.createTransport(url), toFiles: false }
    : { transporter: nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }), toFiles: true };
  return cached;
}

/** For tests that change the environment. */
export function resetMailTransport() {
  cached = undefined;
}

export const usesSmtp = () => !!env().SMTP_URL;

export function mailDir() {
  return path.resolve(env().DATA_DIR, 'mail');
}

/** Sends one e-mail and records it. A message id already recorded is not sent twice. */
export async function sendMail(m: Outgoing) {
  const db = getDb();
  const [done] = await db
    .select()
    .from(emails)
    .where(and(eq(emails.messageId, m.messageId), ...(m.notBefore ? [gte(emails.sentAt, m.notBefore)] : [])));
  if (done) return done;
  const { transporter, toFiles } = transport();
  const info = await transporter.sendMail({ from: env().MAIL_FROM, to: m.to, subject: m.subject, text: m.text, messageId: m.messageId });
  let file: string | null = null;
  if (toFiles) {
    const dir = mailDir();
    await mkdir(dir, { recursive: true });
    const safeId = m.messageId.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 120);
    file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${safeId}.eml`);
    await writeFile(file, (info as { message: Buffer }).message);
  }
  const [row] = await db.insert(emails).values({ to: m.to, subject: m.subject, text: m.recordedText ?? m.text, messageId: m.messageId, file }).returning();
  return row!;
}

function baseUrl() {
  return env().APP_URL ?? `http://${env().HOST === '0.0.0.0' ? '127.0.0.1' : env().HOST}:${env().PORT}`;
}

/**
 * The `mail:send` job: one e-mail per active user the notification is addressed to
 * (the whole organisation, or the one user), except those who chose in-app only for its
 * kind (notification_preferences). Each has a stable message id, so a retry sends only
 * what was not sent yet.
 */
export async function sendNotificationMail(notificationId: string): Promise<number> {
  const db = getDb();
  const [n] = await db.select().from(notifications).where(eq(notifications.id, notificationId));
  if (!n) return 0;
  const addressed = await db
    .select({ id: users.id, email: users.email, choice: notificationPreferences.email })
    .from(users)
    .leftJoin(notificationPreferences, and(eq(notificationPreferences.userId, users.id), eq(notificationPreferences.kind, n.kind)))
    .where(and(eq(users.orgId, n.orgId), isNull(users.disabledAt), ...(n.userId ? [eq(users.id, n.userId)] : [])))
    .orderBy(users.email);
  const to = addressed.filter((u) => sendsEmail(n.kind, u.choice));
  const link = n.link ? new URL(n.link, baseUrl()).toString() : null;
  const text = [n.body, link ? `\n查看 / Open: ${link}` : '', '\n—\n聊城市科技成果转移转化平台（本邮件由系统自动发送，请勿直接回复）'].filter(Boolean).join('\n');
  for (const u of to) {
    await sendMail({ to: u.email, subject: n.title, text, messageId: `<n-${n.id}-${u.id}@techtransfer.lc>`, notBefore: n.createdAt });
  }
  return to.length;
}

/**
 * The `mail:invitation` job: the invitation e-mail with its one-time link, unless the
 * invitation was accepted, revoked or expired meanwhile. The outbox records the text
 * without the link. One message id per invitation: a retry never sends it twice.
 */
export async function sendInvitationMail(invitationId: string, link: string): Promise<boolean> {
  const db = getDb();
  const [inv] = await db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, acceptedAt: invitations.acceptedAt, revokedAt: invitations.revokedAt, expiresAt: invitations.expiresAt, createdAt: invitations.createdAt, org: organizations.name, by: users.email })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.id, invitationId));
  if (!inv || inv.acceptedAt || inv.revokedAt || inv.expiresAt.getTime() < Date.now()) return false;
  const role = inv.role === 'org_admin' ? '管理员' : '成员';
  const body = (url: string) =>
    [
      `您好：`,
      ``,
      `${inv.by ?? '贵单位管理员'} 邀请您以${role}身份加入“${inv.org}”在聊城市科技成果转移转化平台的账户。`,
      `请在 7 天内打开下面的链接，设置密码后即可登录：`,
      url,
      ``,
      `You are invited to join ${inv.org} on the Liaocheng Technology Transfer Platform. Open the link above within 7 days to set your password.`,
      `\n—\n聊城市科技成果转移转化平台（本邮件由系统自动发送，请勿直接回复）`,
    ].join('\n');
  await sendMail({
    to: inv.email,
    subject: `邀请您加入“${inv.org}” · 聊城市科技成果转移转化平台`,
    text: body(link),
    recordedText: body('（一次性邀请链接，已发送，不在此保存）'),
    messageId: `<inv-${inv.id}@techtransfer.lc>`,
    notBefore: inv.createdAt,
  });
  return true;
}

/** The bureau's outbox: every e-mail sent, newest first. */
export async function listEmails(v: Viewer, page: { page: number; pageSize: number }) {
  authorize(v, 'bureau.audit.view');
  const db = getDb();
  const [items, total] = await Promise.all([
    db
      .select({ id: emails.id, to: emails.to, subject: emails.subject, sentAt: emails.sentAt, file: emails.file })
      .from(emails)
      .orderBy(desc(emails.sentAt), desc(emails.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.$count(emails),
  ]);
  return { items: items.map((e) => ({ ...e, sentAt: e.sentAt.toISOString(), file: e.file ? path.basename(e.file) : null })), total };
}

export async function getEmail(v: Viewer, id: string) {
  authorize(v, 'bureau.audit.view');
  const [e] = await getDb().select().from(emails).where(eq(emails.id, id));
  if (!e) throw notFound();
  return { ...e, sentAt: e.sentAt.toISOString(), file: e.file ? path.relative(process.cwd(), e.file) : null };
}
