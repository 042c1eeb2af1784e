/**
 * Issue 16's input-boundary findings, one test each: open redirects, body limits that a chunked
 * body slipped past, text and dates PostgreSQL cannot take, non-form bodies to page forms,
 * malformed signed Stripe events, TRACE, the CSRF guard's X-Forwarded-Host, cookies and caching.
 */
import type { AddressInfo } from 'node:net';
import { request as httpRequest } from 'node:http';
import { count, eq } from 'drizzle-orm';
import express from 'express';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '#db/client.ts';
import { contracts, organizations, stripeEvents } from '#db/schema.ts';
import { bodyLimit, methodGuard } from '#scripts/http-server.ts';
import { startFakeStripe, type FakeStripe } from '#scripts/services/fake-stripe.ts';
import { resetEnv } from '#config/env.ts';
import { BUREAU_ROLES } from '#domain/permissions.ts';
import { handleDataRequest } from '#app/entry.server.tsx';
import { MAX_JSON_BYTES, readJson } from '#app/lib/api.server.ts';
import { isCrossSiteWrite } from '#app/lib/csrf.ts';
import { safeRedirect } from '#app/lib/pages.server.ts';
import { createSession } from '#app/lib/session.server.ts';
import { signupSchema } from '#app/schemas/accounts.server.ts';
import * as filingsRoute from '#app/routes/api.v1.agencies.$orgId.filings.ts';
import * as contractsRoute from '#app/routes/api.v1.contracts._index.ts';
import * as loginRoute from '#app/routes/api.v1.auth.login.ts';
import * as signupRoute from '#app/routes/api.v1.auth.signup.ts';
import * as orgRoute from '#app/routes/api.v1.organizations.$id.ts';
import * as webhookRoute from '#app/routes/api.v1.payments.stripe.webhook.ts';
import * as langPage from '#app/routes/lang.tsx';
import * as loginPage from '#app/routes/login.tsx';
import * as notificationsPage from '#app/routes/notifications.tsx';
import * as resultsPage from '#app/routes/results._index.tsx';
import * as contractPage from '#app/routes/contracts.$id.tsx';
import * as watchPage from '#app/routes/saved-searches.watch.tsx';
import * as signupPage from '#app/routes/signup.tsx';
import { call, json } from './api.ts';
import { deal, submitted } from './contract-fixtures.ts';
import { bureauWith, createOrg, createUser, PASSWORD, tokenOf, uniqueCreditCode, uniqueEmail } from './factories.ts';

type ErrorBody = { error: { code: string; fields?: Record<string, string> } };

/** The probe's payload: `/` TAB `/127.0.0.1:9999/x`, which browsers read as `//127.0.0.1:9999/x`. */
const PROBE = '/\t/127.0.0.1:9999/x';

async function sessionCookie(userId: string) {
  return (await createSession(userId, { ip: '127.0.0.1', userAgent: 'test' })).split(';')[0]!;
}

const orgCount = async () => (await getDb().select({ n: count() }).from(organizations))[0]!.n;

describe('safeRedirect', () => {
  it('keeps paths on this site, with their query and fragment', () => {
    expect(safeRedirect('/org')).toBe('/org');
    expect(safeRedirect('/search?q=%E7%94%B5%E6%B1%A0&page=2#top')).toBe('/search?q=%E7%94%B5%E6%B1%A0&page=2#top');
    expect(safeRedirect('/结果')).toBe('/%E7%BB%93%E6%9E%9C');
  });
  it.each([
    PROBE,
    '/\n/evil.example',
    '/\r\n/evil.example',
    '/\u0000/evil.example',
    '//evil.example',
    '/\\evil.example',
    '/\\/evil.example',
    '\\\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    ' /org',
    '/a/../..//evil.example',
    '/./\t/evil.example',
    '',
  ])('refuses %j', (to) => {
    expect(safeRedirect(to, '/fallback')).toBe('/fallback');
  });
  it('refuses what is not a string', () => {
    expect(safeRedirect(['/org'], '/f')).toBe('/f');
    expect(safeRedirect(null, '/f')).toBe('/f');
  });
});

describe('open redirects in the routes', () => {
  it('/login sends a signed-in visitor home, not to the probe', async () => {
    const user = await createUser();
    const res = await call(loginPage, { path: `/login?redirectTo=${encodeURIComponent(PROBE)}`, cookie: await sessionCookie(user.id) });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/org');
  });
  it('/login after the form sends the user home, not to the probe', async () => {
    const user = await createUser();
    const res = await call(loginPage, { path: `/login?redirectTo=${encodeURIComponent(PROBE)}`, form: { email: user.email, password: PASSWORD } });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/org');
  });
  it('/lang, the notification "open" form and saved-searches/watch refuse it too', async () => {
    const user = await createUser({ orgId: (await createOrg({ kind: 'enterprise' })).id });
    const cookie = await sessionCookie(user.id);
    const lang = await call(langPage, { path: '/lang', form: { lang: 'en', redirectTo: PROBE } });
    expect(lang.headers.get('location')).toBe('/');
    const open = await call(notificationsPage, { path: '/notifications', cookie, form: { intent: 'open', id: crypto.randomUUID(), to: PROBE } });
    expect(open.headers.get('location')).toBe('/notifications');
    const watch = await call(watchPage, { path: '/saved-searches/watch', cookie, form: { intent: 'unwatch', kind: 'demand_matches', subjectId: crypto.randomUUID(), redirectTo: '//evil.example/x' } });
    expect(watch.headers.get('location')).toBe('/');
  });
});

describe('body limits count what streams in', () => {
  /** A body of `total` bytes made on demand, as a chunked upload arrives; counts what was pulled. */
  function endless(total: number, chunk = 16 * 1024) {
    const state = { pulled: 0 };
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (state.pulled >= total) return c.close();
        state.pulled += chunk;
        c.enqueue(new Uint8Array(chunk).fill(0x20));
      },
    });
    return { stream, state };
  }

  it('the JSON API stops reading a chunked body past 64 KiB and answers 413', async () => {
    const { stream, state } = endless(200 * 1024 * 1024);
    const request = new Request('http://localhost/api/v1/auth/login', { method: 'POST', body: stream, duplex: 'half', headers: { 'content-type': 'application/json' } } as RequestInit);
    await expect(readJson(request, signupSchema)).rejects.toMatchObject({ code: 'payload_too_large', status: 413 });
    expect(state.pulled).toBeLessThanOrEqual(MAX_JSON_BYTES + 64 * 1024);
  });

  describe('the web server', () => {
    let server: ReturnType<express.Express['listen']>;
    let port = 0;
    const seen: number[] = [];
    beforeAll(async () => {
      const app = express();
      app.use(methodGuard, bodyLimit(1024 * 1024));
      app.all('*', (_req, res) => {
        const body = res.locals.body as Buffer | undefined;
        seen.push(body?.length ?? 0);
        res.json({ bytes: body?.length ?? 0 });
      });
      server = app.listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise((r) => server.close(r)));

    /** Sends `total` bytes chunked (no Content-Length), 64 KiB at a time; resolves with the status and how much was written. */
    function chunkedPost(total: number): Promise<{ status: number; written: number; ms: number }> {
      const t0 = performance.now();
      return new Promise((resolve, reject) => {
        let written = 0;
        let done = false;
        const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/auth/login', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
          done = true;
          res.resume();
          resolve({ status: res.statusCode ?? 0, written, ms: performance.now() - t0 });
        });
        req.on('error', (e) => (done ? undefined : reject(e)));
        const piece = Buffer.alloc(64 * 1024, 0x20);
        const pump = () => {
          while (!done && written < total) {
            written += piece.length;
            if (!req.write(piece)) return req.once('drain', pump);
          }
          if (!done) req.end();
        };
        pump();
      });
    }

    it('answers 413 to a 200 MB chunked POST soon after 1 MiB, without reading the rest', async () => {
      const r = await chunkedPost(200 * 1024 * 1024);
      expect(r.status).toBe(413);
      expect(r.written).toBeLessThan(50 * 1024 * 1024);
      expect(r.ms).toBeLessThan(2000);
      expect(seen).toEqual([]);
    });

    it('passes a body under the limit on whole, chunked or not', async () => {
      const r = await chunkedPost(512 * 1024);
      expect(r.status).toBe(200);
      expect(seen.at(-1)).toBe(512 * 1024);
    });

    it('answers TRACE with 405 and OPTIONS with the methods allowed', async () => {
      const send = (method: string) =>
        new Promise<{ status: number; allow: string | undefined }>((resolve, reject) => {
          httpRequest({ host: '127.0.0.1', port, method, path: '/login' }, (res) => {
            res.resume();
            resolve({ status: res.statusCode ?? 0, allow: res.headers.allow });
          })
            .on('error', reject)
            .end();
        });
      expect(await send('TRACE')).toEqual({ status: 405, allow: 'GET, HEAD, POST, PUT, PATCH, DELETE' });
      expect((await send('OPTIONS')).status).toBe(204);
    });
  });
});

describe('text and dates PostgreSQL cannot take are a 400, and change nothing', () => {
  it('a NUL byte in signup orgName, login email, and an organisation description', async () => {
    const before = await orgCount();
    const signup = await call(signupRoute, {
      body: { email: uniqueEmail('nul'), password: 'Strong-pass-2026', orgName: '聊城\u0000新材料有限公司', orgKind: 'enterprise', creditCode: uniqueCreditCode(), regionCode: '371502' },
    });
    expect(signup.status).toBe(400);
    expect((await json<ErrorBody>(signup)).error.fields).toHaveProperty('orgName');
    expect(await orgCount()).toBe(before);

    const login = await call(loginRoute, { body: { email: 'a\u0000@example.test', password: 'x' } });
    expect(login.status).toBe(400);
    expect((await json<ErrorBody>(login)).error.fields).toHaveProperty('email');

    const { token, org } = await tokenOf('enterprise');
    for (const description of ['简介\u0000', '简介\ud800', '\udc00简介']) {
      const res = await call(orgRoute, { method: 'PATCH', token, params: { id: org.id }, body: { description } });
      expect(res.status).toBe(400);
      expect((await json<ErrorBody>(res)).error.fields).toHaveProperty('description');
    }
    const [row] = await getDb().select().from(organizations).where(eq(organizations.id, org.id));
    expect(row!.description).toBe(org.description);
    // A proper surrogate pair (an emoji) is text like any other.
    expect((await call(orgRoute, { method: 'PATCH', token, params: { id: org.id }, body: { description: '简介 🔬' } })).status).toBe(200);
  });

  it('a NUL in an unknown field or an object key, and input nested absurdly deep', async () => {
    const { token, org } = await tokenOf('enterprise');
    expect((await call(orgRoute, { method: 'PATCH', token, params: { id: org.id }, body: { extra: 'x\u0000' } })).status).toBe(400);
    expect((await call(orgRoute, { method: 'PATCH', token, params: { id: org.id }, body: { 'k\u0000': 1 } })).status).toBe(400);
    const deep = `{"description":${'['.repeat(2000)}"x"${']'.repeat(2000)}}`;
    expect((await call(orgRoute, { method: 'PATCH', token, params: { id: org.id }, rawBody: deep })).status).toBe(400);
  });

  it('the year 0000 in a contract date and in an agency filing', async () => {
    const d = await deal();
    const res = await call(contractsRoute, { token: d.broker.token, body: { ...d.body, signedOn: '0000-01-01' } });
    expect(res.status).toBe(400);
    expect((await json<ErrorBody>(res)).error.fields).toHaveProperty('signedOn');
    const inst = await call(contractsRoute, { token: d.broker.token, body: { ...d.body, instalments: [{ dueOn: '0000-02-29', amount: '1200000.00' }] } });
    expect(inst.status).toBe(400);

    const { token: bureauToken } = await bureauWith(...BUREAU_ROLES);
    for (const filedOn of ['0000-01-01', '1899-12-31', '2101-01-01']) {
      const f = await call(filingsRoute, { token: bureauToken, params: { orgId: d.broker.org.id }, body: { level: 'municipal', filedOn } });
      expect(f.status).toBe(400);
      expect((await json<ErrorBody>(f)).error.fields).toHaveProperty('filedOn');
    }
  });

  it('the year 0000 as the registration date on the contract page is a 400, and the contract stays submitted', async () => {
    const d = await deal();
    const id = await submitted(d);
    const { user } = await bureauWith('registrar');
    const res = await call(contractPage, { path: `/contracts/${id}`, params: { id }, form: { intent: 'register', registeredOn: '0000-01-01' }, cookie: await sessionCookie(user.id) });
    expect(res.status).toBe(400);
    expect((await json<{ fields: Record<string, unknown> }>(res)).fields).toHaveProperty('registeredOn');
    const [row] = await getDb().select({ status: contracts.status }).from(contracts).where(eq(contracts.id, id));
    expect(row!.status).toBe('submitted');
  });

  it('a NUL in a page form is a 400 with the field named, like the API', async () => {
    const before = await orgCount();
    const res = await call(signupPage, {
      path: '/signup',
      form: { email: uniqueEmail('nul'), password: 'Strong-pass-2026', orgName: '聊城\u0000公司', orgKind: 'enterprise', creditCode: uniqueCreditCode(), regionCode: '371502' },
    });
    expect(res.status).toBe(400);
    expect((await json<{ fields: Record<string, unknown> }>(res)).fields).toHaveProperty('orgName');
    expect(await orgCount()).toBe(before);
  });
});

describe('page forms take form data only', () => {
  const post = (route: Parameters<typeof call>[0], path: string, body: string, type: string, cookie?: string) =>
    call(route, { path, method: 'POST', rawBody: body, headers: { 'content-type': type }, cookie }).catch((e: unknown) => e);

  it('JSON or text/plain to /login, /results and /lang is a 415, not a crash', async () => {
    const user = await createUser();
    const cookie = await sessionCookie(user.id);
    // call() sets JSON for a raw body; a text/plain body is sent by hand.
    expect(await post(loginPage, '/login', JSON.stringify({ email: user.email, password: PASSWORD }), 'application/json')).toHaveProperty('status', 415);
    expect(await post(resultsPage, '/results', '{"intent":"publish"}', 'application/json', cookie)).toHaveProperty('status', 415);
    expect(await post(langPage, '/lang', '{}', 'application/json')).toHaveProperty('status', 415);
    const textPlain = new Request('http://localhost/login', { method: 'POST', body: 'email=a@b.c&password=x', headers: { 'content-type': 'text/plain' } });
    const thrown = await Promise.resolve(loginPage.action({ request: textPlain, params: {}, context: { ip: '127.0.0.1', nonce: 't' } } as never)).catch((e: unknown) => e);
    expect(thrown).toMatchObject({ init: { status: 415 } });
  });

  it('a multipart body that does not parse is a 400', async () => {
    const bad = new Request('http://localhost/login', { method: 'POST', body: '--x\r\nnot a part', headers: { 'content-type': 'multipart/form-data; boundary=x' } });
    const thrown = await Promise.resolve(loginPage.action({ request: bad, params: {}, context: { ip: '127.0.0.1', nonce: 't' } } as never)).catch((e: unknown) => e);
    expect(thrown).toMatchObject({ init: { status: 400 } });
  });
});

describe('signed Stripe events we cannot key', () => {
  let fake: FakeStripe;
  beforeAll(async () => {
    fake = await startFakeStripe({ webhookUrl: null });
    process.env.STRIPE_SECRET_KEY = fake.secretKey;
    process.env.STRIPE_WEBHOOK_SECRET = fake.webhookSecret;
    process.env.STRIPE_API_BASE = fake.url;
    resetEnv();
  });
  afterAll(async () => {
    await fake.stop();
  });

  it.each([
    ['no data', { id: 'evt_nodata_1', object: 'event', type: 'checkout.session.completed' }],
    ['no id', { object: 'event', type: 'checkout.session.completed', data: { object: { metadata: {} } } }],
    ['data not an object', { id: 'evt_bad_data', object: 'event', type: 'charge.refunded', data: 'x' }],
    ['a NUL inside', { id: 'evt_nul', object: 'event', type: 'charge.refunded', data: { object: { metadata: { note: 'a\u0000b' } } } }],
  ])('%s: 400 and nothing stored', async (_label, event) => {
    const payload = JSON.stringify(event);
    const header = new Stripe('sk_test_x').webhooks.generateTestHeaderString({ payload, secret: fake.webhookSecret });
    const res = await call(webhookRoute, { rawBody: payload, headers: { 'stripe-signature': header } });
    expect(res.status).toBe(400);
    expect((await getDb().select({ n: count() }).from(stripeEvents))[0]!.n).toBe(0);
  });
});

describe('CSRF guard, cookies and caching', () => {
  const h = (headers: Record<string, string>) => (name: string) => headers[name] ?? null;

  it('reads X-Forwarded-Host only behind a trusted proxy', () => {
    const forged = h({ origin: 'https://evil.example', host: 'platform.example', 'x-forwarded-host': 'evil.example' });
    expect(isCrossSiteWrite('POST', forged, { trustProxy: false })).toBe(true);
    expect(isCrossSiteWrite('POST', forged)).toBe(true);
    const proxied = h({ origin: 'https://platform.example', host: '127.0.0.1:3000', 'x-forwarded-host': 'platform.example' });
    expect(isCrossSiteWrite('POST', proxied, { trustProxy: true })).toBe(false);
    expect(isCrossSiteWrite('POST', proxied, { trustProxy: false })).toBe(true);
  });

  it('sets the lang cookie Secure on https, not on plain http', async () => {
    const form = new URLSearchParams({ lang: 'en', redirectTo: '/search' });
    const over = (origin: string) =>
      langPage.action({ request: new Request(`${origin}/lang`, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } }), params: {}, context: {} } as never);
    const https = await over('https://platform.example');
    expect(https.headers.get('set-cookie')).toMatch(/^lang=en;.*; Secure$/);
    expect(https.headers.get('location')).toBe('/search');
    expect((await over('http://localhost')).headers.get('set-cookie')).not.toMatch(/Secure/);
  });

  it('marks data answers to a signed-in visitor private, no-store', async () => {
    const signedIn = new Request('http://localhost/org?_data=root', { headers: { cookie: 'lang=zh; tt_session=abc' } });
    const r1 = await handleDataRequest(new Response('{}'), { request: signedIn, params: {}, context: {} } as never);
    expect(r1.headers.get('cache-control')).toBe('private, no-store');
    const anonymous = new Request('http://localhost/?_data=root', { headers: { cookie: 'lang=zh' } });
    expect((await handleDataRequest(new Response('{}'), { request: anonymous, params: {}, context: {} } as never)).headers.get('cache-control')).toBeNull();
  });
});
