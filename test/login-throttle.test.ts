/**
 * Issue 16: anyone could lock any account. Failed logins now slow an account down and refuse
 * only the failing address; the owner can still log in, and is told by e-mail.
 */
import { Logger, runOnce } from 'graphile-worker';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { env } from '#config/env.ts';
import { getDb } from '#db/client.ts';
import { emails } from '#db/schema.ts';
import * as loginRoute from '#app/routes/api.v1.auth.login.ts';
import * as loginPage from '#app/routes/login.tsx';
import * as mfaPage from '#app/routes/login_.mfa.tsx';
import { mailLoginAlert } from '#jobs/tasks/mail-login-alert.ts';
import { call } from './api.ts';
import { createUser, loginBody, PASSWORD } from './factories.ts';

const quiet = new Logger(() => () => {});
const login = (email: string, password: string, ip: string) => call(loginRoute, { body: { email, password }, ip });

describe('failed logins cannot lock an account', () => {
  it('lets the owner in after 5 failures from other addresses, case variants of the email included', async () => {
    const user = await createUser();
    const variants = [user.email, user.email.toUpperCase(), user.email.replace(/^./, (c) => c.toUpperCase())];
    for (let i = 0; i < 5; i++) expect((await login(variants[i % 3]!, 'Wrong-password-1', `10.20.0.${i}`)).status).toBe(401);
    // Before the fix this was a 429 for 15 minutes, whoever asked.
    expect((await login(user.email, PASSWORD, '10.20.1.1')).status).toBe(200);
  });

  it('still refuses the address that failed 5 times for the account, with the right password too', async () => {
    const user = await createUser();
    for (let i = 0; i < 5; i++) expect((await login(user.email.toUpperCase(), 'Wrong-password-1', '10.21.0.1')).status).toBe(401);
    const limited = await login(user.email, PASSWORD, '10.21.0.1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('900');
    expect((await login(user.email, PASSWORD, '10.21.0.2')).status).toBe(200);
  });

  it('slows an account under attack from many addresses down instead of closing it', async () => {
    const user = await createUser();
    for (let i = 0; i < 11; i++) await login(user.email, 'Wrong-password-1', `10.22.${i}.1`);
    const t0 = Date.now();
    expect((await login(user.email, PASSWORD, '10.22.99.1')).status).toBe(200);
    // 11 failures: 500 ms before the password is even checked.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(500);
  });

  it('e-mails the owner once per window when logins fail', async () => {
    const user = await createUser();
    for (let i = 0; i < 7; i++) await login(user.email, 'Wrong-password-1', `10.23.0.${i}`);
    await runOnce({ connectionString: env().DATABASE_URL!, taskList: { 'mail:login-alert': mailLoginAlert }, logger: quiet });
    const sent = await getDb().select().from(emails).where(eq(emails.to, user.email));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toMatch(/多次登录失败/);
    expect(sent[0]!.text).toMatch(/有 7 次登录失败，来自 7 个网络地址/);
    expect(sent[0]!.text).toMatch(/没有被锁定/);
  });

  it('sends no alert for a mistyped password or two, nor for unknown addresses', async () => {
    const user = await createUser();
    for (let i = 0; i < 2; i++) await login(user.email, 'Wrong-password-1', '10.24.0.1');
    for (let i = 0; i < 6; i++) await login(`nobody-${i}@example.test`, 'Wrong-password-1', '10.24.0.2');
    const [{ n }] = (await getDb().execute(
      sql`select count(*)::int as n from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'mail:login-alert' and j.payload->>'userId' = ${user.id}`,
    )) as unknown as [{ n: number }];
    expect(n).toBe(0);
  });

  it('counts a wrong TOTP code after a right password as a failed login', async () => {
    const bureau = await createUser({ role: 'bureau' });
    const ip = '10.25.0.1';
    for (let i = 0; i < 5; i++) {
      const step = await call(loginPage, { form: { email: bureau.email, password: PASSWORD }, ip });
      const cookie = (step.headers.get('set-cookie') ?? '').split(';')[0]!;
      expect((await call(mfaPage, { form: { code: '000000' }, cookie, ip })).status).toBe(400);
    }
    expect((await call(loginRoute, { body: await loginBody(bureau.email), ip })).status).toBe(429);
  });
});
