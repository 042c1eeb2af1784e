/** Password reset through the real pages, API routes, job and outbox. */
import { Logger, runOnce } from 'graphile-worker';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { env, resetEnv } from '#config/env.ts';
import { getDb } from '#db/client.ts';
import { apiTokens, auditEvents, emails, passwordResets, sessions } from '#db/schema.ts';
import * as root from '#app/root.tsx';
import * as loginPage from '#app/routes/login.tsx';
import * as forgotPage from '#app/routes/forgot-password.tsx';
import * as resetPage from '#app/routes/reset-password.$token.tsx';
import * as loginRoute from '#app/routes/api.v1.auth.login.ts';
import * as meRoute from '#app/routes/api.v1.auth.me.ts';
import * as resetRoute from '#app/routes/api.v1.auth.password-reset.ts';
import * as confirmRoute from '#app/routes/api.v1.auth.password-reset.confirm.ts';
import { resetPassword } from '#app/services/password-reset.server.ts';
import { mailPasswordReset } from '#jobs/tasks/mail-password-reset.ts';
import { call, json } from './api.ts';
import { resetLinkIn } from './mail.ts';
import { createUser, loginBody, PASSWORD, uniqueEmail } from './factories.ts';

const quiet = new Logger(() => () => {});
const NEW_PASSWORD = 'Brand-new-pass-2027';
const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0]!;

async function sendMails() {
  await runOnce({ connectionString: env().DATABASE_URL!, taskList: { 'mail:password-reset': mailPasswordReset }, logger: quiet });
}

/** The link the e-mail carries: only in the sent message (the .eml file), never in the outbox table. */
async function linkSentTo(email: string): Promise<string> {
  await sendMails();
  const [mail] = await getDb().select().from(emails).where(eq(emails.to, email)).orderBy(desc(emails.sentAt)).limit(1);
  expect(mail!.text).not.toMatch(/reset-password\//);
  return resetLinkIn(mail!.file!);
}

const tokenIn = (link: string) => link.split('/reset-password/')[1]!;

describe('password reset', () => {
  it('mails a link that sets a new password once, and ends every session and API token', async () => {
    const user = await createUser();
    const session = cookieOf(await call(loginPage, { form: { email: user.email, password: PASSWORD } }));
    const token = (await json<{ token: string }>(await call(loginRoute, { body: { email: user.email, password: PASSWORD } }))).token;

    const asked = await call(forgotPage, { form: { email: user.email.toUpperCase() }, path: '/forgot-password', ip: '10.40.0.1' });
    expect(asked.status).toBe(200);
    const link = await linkSentTo(user.email);
    const [stored] = await getDb().select().from(passwordResets).where(eq(passwordResets.userId, user.id));
    expect(stored!.tokenHash).not.toContain(tokenIn(link));

    const page = await json<{ email: string | null }>(await call(resetPage, { params: { token: tokenIn(link) }, path: `/reset-password/${tokenIn(link)}` }));
    expect(page.email).toBe(user.email);
    const weak = await call(resetPage, { form: { token: tokenIn(link), password: 'short' }, params: { token: tokenIn(link) } });
    expect(weak.status).toBe(400);
    const done = await call(resetPage, { form: { token: tokenIn(link), password: NEW_PASSWORD }, params: { token: tokenIn(link) } });
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/login?reset=1');

    expect((await json<{ viewer: unknown }>(await call(root, { cookie: session }))).viewer).toBeNull();
    expect((await call(meRoute, { token })).status).toBe(401);
    expect((await call(loginRoute, { body: { email: user.email, password: PASSWORD } })).status).toBe(401);
    expect((await call(loginRoute, { body: { email: user.email, password: NEW_PASSWORD } })).status).toBe(200);
    const [audit] = await getDb().select().from(auditEvents).where(and(eq(auditEvents.subjectId, user.id), eq(auditEvents.action, 'auth.password_reset')));
    expect(audit!.after).toEqual({ sessionsEnded: 1, tokensRevoked: 1 });

    // Single use: the same link again changes nothing.
    const again = await call(confirmRoute, { body: { token: tokenIn(link), password: 'Another-pass-2028' } });
    expect(again.status).toBe(404);
    expect((await json<{ email: string | null }>(await call(resetPage, { params: { token: tokenIn(link) } }))).email).toBeNull();
    expect((await call(loginRoute, { body: { email: user.email, password: NEW_PASSWORD } })).status).toBe(200);
  });

  it('answers the same whether or not the account exists, and sends nothing for an unknown one', async () => {
    const user = await createUser();
    const known = await call(resetRoute, { body: { email: user.email }, ip: '10.41.0.1' });
    const unknownEmail = uniqueEmail('nobody');
    const unknown = await call(resetRoute, { body: { email: unknownEmail }, ip: '10.41.0.2' });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await known.json()).toEqual(await unknown.json());
    const pageKnown = await json(await call(forgotPage, { form: { email: user.email }, ip: '10.41.0.3' }));
    const pageUnknown = await json(await call(forgotPage, { form: { email: unknownEmail }, ip: '10.41.0.4' }));
    expect(pageKnown).toEqual(pageUnknown);
    await sendMails();
    expect(await getDb().select().from(emails).where(eq(emails.to, unknownEmail))).toHaveLength(0);
    // Two requests, one e-mail: the second link replaced the first before the job ran.
    expect(await getDb().select().from(emails).where(eq(emails.to, user.email))).toHaveLength(1);
  });

  it('expires a link after 30 minutes, and only the newest link works', async () => {
    const user = await createUser();
    await call(resetRoute, { body: { email: user.email }, ip: '10.42.0.1' });
    const first = tokenIn(await linkSentTo(user.email));
    const expired = await resetPassword({ token: first, password: NEW_PASSWORD }, { ip: '10.42.0.1' }, new Date(Date.now() + 31 * 60_000)).then(
      () => 'reset',
      (e: Error) => e.message,
    );
    expect(expired).toMatch(/invalid, used or expired/);

    await getDb().delete(emails).where(eq(emails.to, user.email));
    await call(resetRoute, { body: { email: user.email }, ip: '10.42.0.1' });
    const second = tokenIn(await linkSentTo(user.email));
    expect((await call(confirmRoute, { body: { token: first, password: NEW_PASSWORD } })).status).toBe(404);
    expect((await call(confirmRoute, { body: { token: second, password: NEW_PASSWORD } })).status).toBe(204);
  });

  it('rejects bad input with messages per field and changes nothing', async () => {
    const bad = await call(resetRoute, { body: { email: 'not-an-email' } });
    expect(bad.status).toBe(400);
    expect(Object.keys((await json<{ error: { fields: object } }>(bad)).error.fields)).toEqual(['email']);
    const badConfirm = await call(confirmRoute, { body: { token: 'x', password: 'short' } });
    expect(badConfirm.status).toBe(400);
    expect(Object.keys((await json<{ error: { fields: object } }>(badConfirm)).error.fields).sort()).toEqual(['password', 'token']);
  });

  it('is rate-limited per address and per e-mail (the password_reset bucket)', async () => {
    const user = await createUser();
    const statuses: number[] = [];
    // The production limits (the test setup multiplies them by 1000).
    process.env.RATE_LIMIT_FACTOR = '1';
    resetEnv();
    try {
      for (let i = 0; i < 4; i++) statuses.push((await call(resetRoute, { body: { email: user.email }, ip: `10.43.0.${i}` })).status);
    } finally {
      process.env.RATE_LIMIT_FACTOR = '1000';
      resetEnv();
    }
    expect(statuses).toEqual([202, 202, 202, 429]);
    const open = await getDb().select().from(passwordResets).where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)));
    expect(open).toHaveLength(3);
  });

  it('keeps TOTP for a bureau user after a reset: the new password alone does not sign in', async () => {
    const bureau = await createUser({ role: 'bureau' });
    const apiToken = (await json<{ token: string }>(await call(loginRoute, { body: await loginBody(bureau.email) }))).token;
    await call(resetRoute, { body: { email: bureau.email }, ip: '10.44.0.1' });
    const token = tokenIn(await linkSentTo(bureau.email));
    expect((await call(confirmRoute, { body: { token, password: NEW_PASSWORD } })).status).toBe(204);
    const [t] = await getDb().select({ revokedAt: apiTokens.revokedAt }).from(apiTokens).where(eq(apiTokens.userId, bureau.id));
    expect(t!.revokedAt).not.toBeNull();
    expect((await call(meRoute, { token: apiToken })).status).toBe(401);
    const step = await call(loginPage, { form: { email: bureau.email, password: NEW_PASSWORD } });
    expect(step.headers.get('location')).toBe('/login/mfa');
    const open = await getDb().select().from(sessions).where(and(eq(sessions.userId, bureau.id), eq(sessions.stage, 'active'), isNull(sessions.revokedAt)));
    expect(open).toHaveLength(0);
  });
});
