/**
 * Two-step login for the bureau (TOTP + recovery codes), bureau session lifetimes, and the
 * re-authentication that grant decisions over ¥100,000 need — through the real routes.
 */
import Decimal from 'decimal.js';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '#db/client.ts';
import { apiTokens, auditEvents, grants, mfaRecoveryCodes, mfaTotp, sessions } from '#db/schema.ts';
import * as root from '#app/root.tsx';
import * as loginPage from '#app/routes/login.tsx';
import * as mfaPage from '#app/routes/login_.mfa.tsx';
import * as enrolPage from '#app/routes/login_.enrol.tsx';
import * as reauthPage from '#app/routes/reauth.tsx';
import * as grantPage from '#app/routes/grants.$id.tsx';
import * as bureauOrgsPage from '#app/routes/bureau.orgs.tsx';
import * as loginRoute from '#app/routes/api.v1.auth.login.ts';
import * as reauthRoute from '#app/routes/api.v1.auth.reauth.ts';
import * as stepRoute from '#app/routes/api.v1.grants.$id.$step.ts';
import { getViewer } from '#app/lib/auth.server.ts';
import { enrolWithSecret } from '#app/services/mfa.server.ts';
import { call, json } from './api.ts';
import { createOrg, createUser, loginBody, PASSWORD } from './factories.ts';
import { freshTotp, TEST_TOTP_SECRET, totpAt } from './totp.ts';

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };
type FormBody = { formError?: { zh: string }; fields?: Record<string, { zh: string }> };

const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0]!;
const viewerOf = async (cookie: string) => (await json<{ viewer: { id: string } | null }>(await call(root, { cookie }))).viewer;
const requestWith = (cookie: string) => new Request('http://localhost/', { headers: { cookie } });

/** The password step of the login page: a bureau user gets a pending cookie and the next step. */
async function passwordStep(email: string) {
  const res = await call(loginPage, { form: { email, password: PASSWORD }, path: '/login?redirectTo=/bureau/grants' });
  expect(res.status).toBe(302);
  return { location: res.headers.get('location'), cookie: cookieOf(res) };
}

async function signedInBureau() {
  const user = await createUser({ role: 'bureau' });
  const { cookie } = await passwordStep(user.email);
  const res = await call(mfaPage, { form: { code: await freshTotp(user.email) }, cookie, path: '/login/mfa' });
  expect(res.status).toBe(302);
  return { user, cookie: cookieOf(res) };
}

describe('TOTP login for bureau users', () => {
  it('asks for a code after the password; the pending cookie signs nobody in until a right code', async () => {
    const user = await createUser({ role: 'bureau' });
    const { location, cookie } = await passwordStep(user.email);
    expect(location).toBe('/login/mfa?redirectTo=%2Fbureau%2Fgrants');
    expect(await viewerOf(cookie)).toBeNull();
    const page = await call(bureauOrgsPage, { cookie, path: '/bureau/orgs' });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toMatch(/^\/login/);

    const wrong = await call(mfaPage, { form: { code: '000000' }, cookie, path: '/login/mfa?redirectTo=/bureau/grants' });
    expect(wrong.status).toBe(400);
    expect((await json<FormBody>(wrong)).fields?.code?.zh).toBe('验证码不正确或已使用');

    const ok = await call(mfaPage, { form: { code: await freshTotp(user.email) }, cookie, path: '/login/mfa?redirectTo=/bureau/grants' });
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe('/bureau/grants');
    const signedIn = cookieOf(ok);
    expect(signedIn).not.toBe(cookie);
    expect((await viewerOf(signedIn))?.id).toBe(user.id);
    expect(await viewerOf(cookie)).toBeNull();
    const actions = await getDb().select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.subjectId, user.id));
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['auth.login', 'auth.mfa.failed', 'auth.mfa']));
  });

  it('accepts a code once: the same code cannot sign in a second time', async () => {
    const user = await createUser({ role: 'bureau' });
    const code = await freshTotp(user.email);
    const first = await passwordStep(user.email);
    expect((await call(mfaPage, { form: { code }, cookie: first.cookie, path: '/login/mfa' })).status).toBe(302);
    const second = await passwordStep(user.email);
    expect((await call(mfaPage, { form: { code }, cookie: second.cookie, path: '/login/mfa' })).status).toBe(400);
  });

  it('ends the pending login after 5 wrong codes, so the password must be typed again', async () => {
    const user = await createUser({ role: 'bureau' });
    const { cookie } = await passwordStep(user.email);
    for (let i = 0; i < 4; i++) expect((await call(mfaPage, { form: { code: String(100000 + i) }, cookie, path: '/login/mfa' })).status).toBe(400);
    expect((await call(mfaPage, { form: { code: '111111' }, cookie, path: '/login/mfa' })).status).toBe(401);
    expect((await call(mfaPage, { form: { code: await freshTotp(user.email) }, cookie, path: '/login/mfa' })).status).toBe(401);
  });

  it('takes a recovery code once in place of a TOTP code', async () => {
    const user = await createUser({ role: 'bureau' });
    const codes = await enrolWithSecret(getDb(), user.id, TEST_TOTP_SECRET);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const stored = await getDb().select({ hash: mfaRecoveryCodes.codeHash }).from(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, user.id));
    expect(stored.map((s) => s.hash)).not.toContain(codes[0]);

    const first = await passwordStep(user.email);
    expect((await call(mfaPage, { form: { code: codes[0]!.toLowerCase() }, cookie: first.cookie, path: '/login/mfa' })).status).toBe(302);
    const second = await passwordStep(user.email);
    expect((await call(mfaPage, { form: { code: codes[0]! }, cookie: second.cookie, path: '/login/mfa' })).status).toBe(400);
    expect((await call(mfaPage, { form: { code: codes[1]! }, cookie: second.cookie, path: '/login/mfa' })).status).toBe(302);
  });
});

describe('TOTP enrolment', () => {
  it('sends a bureau user without TOTP to enrol, where nothing else works until a first code confirms it', async () => {
    const user = await createUser({ role: 'bureau' });
    await getDb().delete(mfaTotp).where(eq(mfaTotp.userId, user.id));
    await getDb().delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, user.id));
    const { location, cookie } = await passwordStep(user.email);
    expect(location).toBe('/login/enrol?redirectTo=%2Fbureau%2Fgrants');
    expect(await viewerOf(cookie)).toBeNull();
    expect((await call(mfaPage, { cookie, path: '/login/mfa' })).headers.get('location')).toBe('/login/enrol');

    const shown = await json<{ enrolment: { secret: string; uri: string; qrSvg: string } }>(await call(enrolPage, { cookie, path: '/login/enrol' }));
    const secret = shown.enrolment.secret.replace(/\s/g, '');
    expect(shown.enrolment.uri).toMatch(new RegExp(`^otpauth://totp/.*secret=${secret}.*`));
    expect(shown.enrolment.qrSvg).toMatch(/^<svg/);
    // A reload shows the same secret (kept, unconfirmed, until the first code).
    const again = await json<{ enrolment: { secret: string } }>(await call(enrolPage, { cookie, path: '/login/enrol' }));
    expect(again.enrolment.secret).toBe(shown.enrolment.secret);

    expect((await call(enrolPage, { form: { code: '123456' }, cookie, path: '/login/enrol' })).status).toBe(400);
    const done = await call(enrolPage, { form: { code: totpAt(secret, new Date()) }, cookie, path: '/login/enrol?redirectTo=/bureau/grants' });
    expect(done.status).toBe(200);
    const body = await json<{ recoveryCodes: string[]; next: string }>(done);
    expect(body.recoveryCodes).toHaveLength(10);
    expect(body.next).toBe('/bureau/grants');
    expect((await viewerOf(cookieOf(done)))?.id).toBe(user.id);
    const [row] = await getDb().select().from(mfaTotp).where(eq(mfaTotp.userId, user.id));
    expect(row!.confirmedAt).not.toBeNull();
  });

  it('refuses an API login of a bureau user who has not enrolled yet', async () => {
    const user = await createUser({ role: 'bureau' });
    await getDb().delete(mfaTotp).where(eq(mfaTotp.userId, user.id));
    const res = await call(loginRoute, { body: { email: user.email, password: PASSWORD, totp: '123456' } });
    expect(res.status).toBe(403);
  });
});

describe('API login with TOTP', () => {
  it('needs a `totp` for bureau users and keeps other users’ requests unchanged', async () => {
    const bureau = await createUser({ role: 'bureau' });
    const missing = await call(loginRoute, { body: { email: bureau.email, password: PASSWORD } });
    expect(missing.status).toBe(401);
    expect(Object.keys((await json<ErrorBody>(missing)).error.fields ?? {})).toEqual(['totp']);
    const wrong = await call(loginRoute, { body: { email: bureau.email, password: PASSWORD, totp: '999999' } });
    expect(wrong.status).toBe(401);
    const ok = await call(loginRoute, { body: await loginBody(bureau.email) });
    expect(ok.status).toBe(200);
    const { expiresAt } = await json<{ expiresAt: string }>(ok);
    expect(Math.round((new Date(expiresAt).getTime() - Date.now()) / 3_600_000)).toBe(12);

    const member = await createUser();
    const plain = await call(loginRoute, { body: { email: member.email, password: PASSWORD } });
    expect(plain.status).toBe(200);
    expect(Math.round((new Date((await json<{ expiresAt: string }>(plain)).expiresAt).getTime() - Date.now()) / 86_400_000)).toBe(30);
  });
});

describe('bureau session lifetimes', () => {
  it('ends a bureau session after 30 minutes without a request', async () => {
    const { user, cookie } = await signedInBureau();
    const t0 = Date.now();
    const at = (min: number) => new Date(t0 + min * 60_000);
    expect((await getViewer(requestWith(cookie), at(29)))?.user.id).toBe(user.id);
    // That request moved last_seen_at: 29 minutes later it still stands.
    expect((await getViewer(requestWith(cookie), at(58)))?.user.id).toBe(user.id);
    expect(await getViewer(requestWith(cookie), at(88.5))).toBeNull();
    // Revoked for good, even at an earlier "now".
    expect(await getViewer(requestWith(cookie), at(60))).toBeNull();
    const [s] = await getDb().select({ revokedAt: sessions.revokedAt }).from(sessions).where(and(eq(sessions.userId, user.id), eq(sessions.stage, 'active')));
    expect(s!.revokedAt).not.toBeNull();
  });

  it('ends a bureau session 12 hours after login, however busy', async () => {
    const { cookie } = await signedInBureau();
    const t0 = Date.now();
    for (let min = 25; min < 12 * 60; min += 25) expect(await getViewer(requestWith(cookie), new Date(t0 + min * 60_000))).not.toBeNull();
    expect(await getViewer(requestWith(cookie), new Date(t0 + 12 * 3_600_000 + 1000))).toBeNull();
  });

  it('keeps an organisation user’s session without an idle limit', async () => {
    const user = await createUser();
    const res = await call(loginPage, { form: { email: user.email, password: PASSWORD } });
    const cookie = cookieOf(res);
    expect((await getViewer(requestWith(cookie), new Date(Date.now() + 3 * 3_600_000)))?.user.id).toBe(user.id);
  });
});

/** A grant awaiting review (or approved by someone else), inserted as the engine would leave it. */
async function grantOf(amount: string, status: 'submitted' | 'approved', approvedBy: string | null = null) {
  const org = await createOrg({ kind: 'university' });
  const [g] = await getDb()
    .insert(grants)
    .values({
      clause: 'A1',
      recipientOrgId: org.id,
      year: 2031,
      policyId: 'lc-2020-15',
      basis: 'technology_amount',
      base: new Decimal(amount).times(50),
      rate: new Decimal('0.02'),
      cap: new Decimal('500000'),
      rawAmount: amount,
      amount: new Decimal(amount),
      contracts: [],
      explanation: ['test grant'],
      status,
      appliedAt: new Date(),
      bankAccount: '6222000000000000',
      bankConfirmedAt: new Date(),
      ...(status === 'approved' ? { approvedAmount: new Decimal(amount), approvedBy, approvedAt: new Date() } : {}),
    })
    .returning({ id: grants.id });
  return g!.id;
}

/** Moves the token's last re-authentication 11 minutes back (the clock, without waiting). */
const staleToken = (userId: string) => getDb().execute(sql`update api_tokens set reauthenticated_at = now() - interval '11 minutes' where user_id = ${userId}`);

describe('re-authentication before grant decisions over ¥100,000', () => {
  it('lets a fresh login approve over the threshold; 10 minutes on it needs password + TOTP again, below it never', async () => {
    const bureau = await createUser({ role: 'bureau' });
    const token = (await json<{ token: string }>(await call(loginRoute, { body: await loginBody(bureau.email) }))).token;
    const big = await grantOf('150000.00', 'submitted');
    expect((await call(stepRoute, { token, params: { id: big, step: 'approve' }, body: {} })).status).toBe(200);

    await staleToken(bureau.id);
    const [t] = await getDb().select({ at: apiTokens.reauthenticatedAt }).from(apiTokens).where(eq(apiTokens.userId, bureau.id));
    expect(Date.now() - t!.at!.getTime()).toBeGreaterThan(10 * 60_000);
    const big2 = await grantOf('100000.01', 'submitted');
    const refused = await call(stepRoute, { token, params: { id: big2, step: 'approve' }, body: {} });
    expect(refused.status).toBe(403);
    expect(Object.keys((await json<ErrorBody>(refused)).error.fields ?? {})).toEqual(['reauth']);
    const [still] = await getDb().select({ status: grants.status }).from(grants).where(eq(grants.id, big2));
    expect(still!.status).toBe('submitted');

    const atThreshold = await grantOf('100000.00', 'submitted');
    expect((await call(stepRoute, { token, params: { id: atThreshold, step: 'approve' }, body: {} })).status).toBe(200);

    expect((await call(reauthRoute, { token, body: { password: PASSWORD, code: '000000' } })).status).toBe(401);
    expect((await call(reauthRoute, { token, body: { password: 'Wrong-password-9', code: '000000' } })).status).toBe(401);
    expect((await call(reauthRoute, { token, body: { password: PASSWORD, code: await freshTotp(bureau.email) } })).status).toBe(204);
    expect((await call(stepRoute, { token, params: { id: big2, step: 'approve' }, body: {} })).status).toBe(200);
  });

  it('asks the payer too, and the grant page links to the re-authentication page', async () => {
    const approver = await createUser({ role: 'bureau' });
    const { user: payer, cookie } = await signedInBureau();
    const big = await grantOf('250000.00', 'approved', approver.id);
    await getDb().update(sessions).set({ reauthenticatedAt: new Date(Date.now() - 11 * 60_000) }).where(eq(sessions.userId, payer.id));

    const refused = await call(grantPage, { form: { intent: 'pay', paymentReference: 'BANK-2031-001' }, cookie, params: { id: big }, path: `/grants/${big}` });
    expect(refused.status).toBe(403);
    expect((await json<FormBody>(refused)).fields?.reauth?.zh).toMatch(/重新验证身份/);

    const page = await call(reauthPage, { cookie, path: `/reauth?redirectTo=/grants/${big}` });
    expect((await json<{ needsCode: boolean }>(page)).needsCode).toBe(true);
    const missingCode = await call(reauthPage, { form: { password: PASSWORD }, cookie, path: `/reauth?redirectTo=/grants/${big}` });
    expect(missingCode.status).toBe(400);
    const done = await call(reauthPage, { form: { password: PASSWORD, code: await freshTotp(payer.email) }, cookie, path: `/reauth?redirectTo=/grants/${big}` });
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe(`/grants/${big}`);

    const paid = await call(grantPage, { form: { intent: 'pay', paymentReference: 'BANK-2031-001' }, cookie, params: { id: big }, path: `/grants/${big}` });
    expect(paid.status).toBe(200);
    const [g] = await getDb().select({ status: grants.status, paidBy: grants.paidBy }).from(grants).where(eq(grants.id, big));
    expect(g).toEqual({ status: 'paid', paidBy: payer.id });
    const audited = await getDb().select({ action: auditEvents.action }).from(auditEvents).where(and(eq(auditEvents.subjectId, big), eq(auditEvents.action, 'grant.pay')));
    expect(audited).toHaveLength(1);
  });
});
