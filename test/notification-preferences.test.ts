import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '#db/client.ts';
import { emails, notificationPreferences, notifications } from '#db/schema.ts';
import { SWITCHABLE_KINDS } from '#domain/notifications/kinds.ts';
import * as prefsRoute from '#app/routes/api.v1.notifications.preferences.ts';
import * as listRoute from '#app/routes/api.v1.notifications._index.ts';
import * as createRoute from '#app/routes/api.v1.contracts._index.ts';
import * as openapi from '#app/routes/api.v1.openapi[.json].ts';
import * as loginRoute from '#app/routes/api.v1.auth.login.ts';
import * as settingsPage from '#app/routes/settings.notifications.tsx';
import { sendNotificationMail } from '#app/services/mail.server.ts';
import { notify } from '#app/services/notifications.server.ts';
import { call, json } from './api.ts';
import { confirmAndSubmit, deal, type ContractBody, type ErrorBody } from './contract-fixtures.ts';
import { createUser, PASSWORD, tokenOf } from './factories.ts';

type Prefs = { items: Array<{ kind: string; group: string; email: boolean; defaultEmail: boolean; label: { zh: string; en: string } }>; alwaysEmailed: Array<{ kind: string }> };

const loginAs = async (email: string) => (await json<{ token: string }>(await call(loginRoute, { body: { email, password: PASSWORD } }))).token;
const getPrefs = async (token: string) => json<Prefs>(await call(prefsRoute, { token, path: '/api/v1/notifications/preferences' }));
const put = (token: string, body: unknown) => call(prefsRoute, { token, method: 'PUT', path: '/api/v1/notifications/preferences', body });
const emailOf = (p: Prefs, kind: string) => p.items.find((i) => i.kind === kind)?.email;

/** The rows a user has stored, to show a refused request changed none of them. */
const storedRows = async (userId: string) =>
  (await getDb().select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId))).map((r) => `${r.kind}=${r.email}@${r.updatedAt.toISOString()}`).sort();

const mailedTo = async (notificationId: string) =>
  (await getDb().select({ to: emails.to }).from(emails).where(sql`${emails.messageId} like ${`<n-${notificationId}-%`}`)).map((e) => e.to).sort();

/** The settings page's form as a browser posts it: `kinds` and `email` repeated. */
async function postSettings(token: string, pairs: Array<[string, string]>) {
  const request = new Request('http://localhost/settings/notifications', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(pairs),
  });
  const res = (await settingsPage.action({ request, params: {}, context: { ip: '127.0.0.1', nonce: 'test' } })) as unknown as { data: Record<string, unknown>; init: ResponseInit | null };
  return { status: res.init?.status ?? 200, data: res.data };
}

describe('per-kind e-mail preferences', () => {
  it('a contract event reaches both users in-app; only the one who kept e-mail gets it by mail', async () => {
    const d = await deal();
    const colleague = await createUser({ orgId: d.buyer.org.id, role: 'org_member' });
    const colleagueToken = await loginAs(colleague.email);

    // Everything is e-mailed until someone chooses otherwise, as before preferences.
    const before = await getPrefs(colleagueToken);
    expect(before.items.map((i) => i.kind)).toEqual(SWITCHABLE_KINDS);
    expect(before.items.every((i) => i.email && i.defaultEmail)).toBe(true);

    const saved = await put(colleagueToken, { email: { 'contract.submit': false } });
    expect(saved.status).toBe(200);
    expect(emailOf(await json<Prefs>(saved), 'contract.submit')).toBe(false);

    // The broker drafts, both sides confirm, the seller submits: the buyer is told of each step.
    const c = await json<ContractBody>(await call(createRoute, { token: d.broker.token, body: d.body }));
    await confirmAndSubmit(d, c.id);
    const told = async (kind: string) => (await getDb().select().from(notifications).where(and(eq(notifications.orgId, d.buyer.org.id), eq(notifications.kind, kind))))[0]!;
    const submitted = await told('contract.submit');

    // In-app: both users of the buyer see it.
    for (const token of [d.buyer.token, colleagueToken]) {
      const list = await json<{ items: Array<{ id: string; kind: string }> }>(await call(listRoute, { token, path: '/api/v1/notifications' }));
      expect(list.items.map((i) => i.id)).toContain(submitted.id);
    }
    // By e-mail: only the one who did not opt out; a retry sends nothing more.
    expect(await sendNotificationMail(submitted.id)).toBe(1);
    await sendNotificationMail(submitted.id);
    expect(await mailedTo(submitted.id)).toEqual([d.buyer.user.email]);

    // Another kind still reaches the colleague by e-mail.
    const confirmed = await told('contract.confirm.seller');
    expect(await sendNotificationMail(confirmed.id)).toBe(2);
    expect(await mailedTo(confirmed.id)).toEqual([d.buyer.user.email, colleague.email].sort());

    // Ticking it again brings the e-mail back, for the next notification of that kind.
    expect(emailOf(await json<Prefs>(await put(colleagueToken, { email: { 'contract.submit': true } })), 'contract.submit')).toBe(true);
    const again = await getDb().transaction((tx) => notify(tx, { orgId: d.buyer.org.id, kind: 'contract.submit', title: `合同提交登记：${c.id}`, body: '提交登记。', link: `/contracts/${c.id}` }));
    expect(await sendNotificationMail(again)).toBe(2);
  });

  it('mails that must always go are not a preference: a stored "in-app only" does not stop them', async () => {
    const u = await tokenOf('enterprise');
    // The API refuses to store it …
    expect((await put(u.token, { email: { 'account.security': false } })).status).toBe(400);
    // … and a row written behind its back is ignored.
    await getDb().insert(notificationPreferences).values({ userId: u.user.id, kind: 'account.security', email: false });
    const id = await getDb().transaction((tx) => notify(tx, { orgId: u.org.id, userId: u.user.id, kind: 'account.security', title: '账户安全提醒', body: '有人多次尝试登录您的账户。', link: null }));
    expect(await sendNotificationMail(id)).toBe(1);
    expect(await mailedTo(id)).toEqual([u.user.email]);
  });

  it('refuses bad input with a 400 and a message per field, and changes nothing', async () => {
    const u = await tokenOf('university');
    expect((await put(u.token, { email: { 'grant.pay': false } })).status).toBe(200);
    const rows = await storedRows(u.user.id);
    const bad: Array<[unknown, string]> = [
      [{ email: { 'no.such_kind': false } }, 'email'],
      [{ email: { 'grant.pay': 'no' } }, 'email.grant.pay'],
      [{ email: { 'grant.pay': 0 } }, 'email.grant.pay'],
      [{ email: { 'grant.pay': null } }, 'email.grant.pay'],
      [{ email: { 'account.password_reset': false } }, 'email'],
      [{ email: { 'grant.approve': false, 'no.such_kind': false } }, 'email'],
      [{ email: ['grant.pay'] }, 'email'],
      [{}, 'email'],
      [{ email: { 'grant.approve': false }, userId: u.user.id }, '_'],
    ];
    for (const [body, field] of bad) {
      const res = await put(u.token, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const err = await json<ErrorBody>(res);
      expect(err.error.code).toBe('validation_failed');
      expect(err.error.fields, JSON.stringify(body)).toHaveProperty([field]);
    }
    expect((await put(u.token, undefined)).status).toBe(400);
    expect((await call(prefsRoute, { token: u.token, method: 'PUT', path: '/api/v1/notifications/preferences', rawBody: '{"email":' })).status).toBe(400);
    // The page form: an unknown kind is refused the same way.
    const page = await postSettings(u.token, [['kinds', 'grant.approve'], ['kinds', 'no.such_kind']]);
    expect(page.status).toBe(400);
    expect(page.data.fields).toHaveProperty(['kinds.1']);
    expect(await storedRows(u.user.id)).toEqual(rows);
    const after = await getPrefs(u.token);
    expect(after.items.filter((i) => !i.email).map((i) => i.kind)).toEqual(['grant.pay']);
    // Anonymous callers get nothing.
    expect((await call(prefsRoute, { path: '/api/v1/notifications/preferences' })).status).toBe(401);
    expect((await put('', { email: { 'grant.pay': true } })).status).toBe(401);
  });

  it('each user reads and writes only their own preferences', async () => {
    const a = await tokenOf('agency');
    const colleague = await createUser({ orgId: a.org.id, role: 'org_member' });
    const b = { token: await loginAs(colleague.email), user: colleague };
    expect((await put(a.token, { email: { 'contract.broker_named': false } })).status).toBe(200);

    // Same organisation, another user: not the first user's choice.
    expect(emailOf(await getPrefs(b.token), 'contract.broker_named')).toBe(true);
    const page = await json<Prefs & { email: string }>(await call(settingsPage, { token: b.token, path: '/settings/notifications' }));
    expect(page.email).toBe(colleague.email);
    expect(emailOf(page, 'contract.broker_named')).toBe(true);

    // There is no way to name another user: a user id in the body is refused, and b's writes touch only b.
    const aRows = await storedRows(a.user.id);
    expect((await put(b.token, { userId: a.user.id, email: { 'contract.broker_named': true } })).status).toBe(400);
    expect((await postSettings(b.token, [['userId', a.user.id], ['kinds', 'contract.broker_named'], ['email', 'contract.broker_named']])).status).toBe(400);
    expect((await put(b.token, { email: { 'contract.broker_named': true, 'grant.computed': false } })).status).toBe(200);
    expect(await storedRows(a.user.id)).toEqual(aRows);
    expect(emailOf(await getPrefs(a.token), 'contract.broker_named')).toBe(false);
    expect(emailOf(await getPrefs(a.token), 'grant.computed')).toBe(true);
  });

  it('the settings page saves every kind shown: ticked means e-mail too, unticked in-app only', async () => {
    const u = await tokenOf('enterprise');
    const shown = SWITCHABLE_KINDS.filter((k) => k.startsWith('contract.'));
    const ticked = shown.filter((k) => k !== 'contract.update');
    const res = await postSettings(u.token, [...shown.map((k): [string, string] => ['kinds', k]), ...ticked.map((k): [string, string] => ['email', k])]);
    expect(res).toEqual({ status: 200, data: { saved: true } });
    const p = await getPrefs(u.token);
    expect(p.items.filter((i) => !i.email).map((i) => i.kind)).toEqual(['contract.update']);
    // Kinds not on the form keep their setting.
    expect(emailOf(p, 'grant.pay')).toBe(true);
    expect((await storedRows(u.user.id)).length).toBe(shown.length);
  });

  it('is in the OpenAPI document', async () => {
    const doc = await json<{ paths: Record<string, Record<string, { requestBody?: unknown }>> }>(await call(openapi, { path: '/api/v1/openapi.json' }));
    expect(Object.keys(doc.paths['/notifications/preferences'] ?? {}).sort()).toEqual(['get', 'put']);
    expect(JSON.stringify(doc.paths['/notifications/preferences']!.put!.requestBody)).toContain('contract.return');
  });
});
