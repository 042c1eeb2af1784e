/**
 * The rate limits of app/lib/rate-limit.server.ts, made small (RATE_LIMIT_FACTOR 0.05 of the
 * production limits): 429 with Retry-After once an address or an account is over, counted in
 * PostgreSQL (so every process shares them), old windows pruned.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetEnv } from '#config/env.ts';
import { getDb } from '#db/client.ts';
import { demands, organizations, rateLimitCounters } from '#db/schema.ts';
import { applyDemandsSettings, applyResultsSettings } from '#search/setup.ts';
import { RATE_LIMITS, assertWithinLimit, limitOf } from '#app/lib/rate-limit.server.ts';
import { AppError } from '#domain/errors.ts';
import * as searchRoute from '#app/routes/api.v1.search.results.ts';
import * as demandSearchRoute from '#app/routes/api.v1.search.demands.ts';
import * as searchPage from '#app/routes/search.tsx';
import * as matchesRoute from '#app/routes/api.v1.demands.$id.matches.ts';
import * as savedRoute from '#app/routes/api.v1.saved-searches._index.ts';
import * as exportRoute from '#app/routes/api.v1.grants.export.ts';
import * as signupRoute from '#app/routes/api.v1.auth.signup.ts';
import * as openapiRoute from '#app/routes/api.v1.openapi[.json].ts';
import { call, json } from './api.ts';
import { bureauToken, type ErrorBody } from './contract-fixtures.ts';
import { tokenOf, uniqueCreditCode, uniqueEmail } from './factories.ts';

const FACTOR = 0.05;
let ipSeq = 0;
/** A fresh client address per use, so one test's counts never reach another's. */
const newIp = () => `10.0.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;

beforeAll(async () => {
  process.env.RATE_LIMIT_FACTOR = String(FACTOR);
  resetEnv();
  await applyResultsSettings();
  await applyDemandsSettings();
});

afterAll(() => {
  process.env.RATE_LIMIT_FACTOR = '1000';
  resetEnv();
});

/** Windows are fixed (aligned to the epoch): start a sequence well inside one, so a boundary never resets it half-way. */
async function insideWindow(bucket: keyof typeof RATE_LIMITS, needSeconds = 15) {
  const w = RATE_LIMITS[bucket].windowSeconds * 1000;
  const left = w - (Date.now() % w);
  if (left < needSeconds * 1000) await new Promise((r) => setTimeout(r, left + 200));
}

async function expect429(res: Response, windowSeconds: number) {
  expect(res.status).toBe(429);
  const retry = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retry)).toBe(true);
  expect(retry).toBeGreaterThanOrEqual(1);
  expect(retry).toBeLessThanOrEqual(windowSeconds);
  const body = await json<ErrorBody>(res);
  expect(body.error.code).toBe('rate_limited');
  expect(body.error.message).toMatch(/请求过于频繁/);
}

describe('rate limits', () => {
  it('scale the named production limits by RATE_LIMIT_FACTOR', () => {
    expect(limitOf('search', 'perIp')).toBe(Math.floor(RATE_LIMITS.search.perIp * FACTOR));
    expect(limitOf('export', 'perAccount')).toBe(Math.max(1, Math.floor(RATE_LIMITS.export.perAccount * FACTOR)));
  });

  it('search, per address: the limit passes, the next gets 429 with Retry-After; another address is not held up', async () => {
    await insideWindow('search');
    const ip = newIp();
    const n = limitOf('search', 'perIp');
    for (let i = 0; i < n; i++) expect((await call(searchRoute, { path: `/api/v1/search/results?q=轴承${i}`, ip })).status).toBe(200);
    await expect429(await call(searchRoute, { path: '/api/v1/search/results?q=轴承', ip }), RATE_LIMITS.search.windowSeconds);
    // The search page counts against the same limit, and says so with the same header.
    const page = await call(searchPage, { path: '/search?q=轴承', ip });
    expect(page.status).toBe(429);
    expect(page.headers.get('retry-after')).toBeTruthy();
    expect((await call(searchRoute, { path: '/api/v1/search/results?q=轴承', ip: newIp() })).status).toBe(200);
  });

  it('search, per account: one user moving between addresses is held up all the same', async () => {
    const { token } = await tokenOf('university');
    await insideWindow('search');
    const n = limitOf('search', 'perAccount');
    for (let i = 0; i < n; i++) expect((await call(demandSearchRoute, { token, path: `/api/v1/search/demands?q=${i}`, ip: newIp() })).status).toBe(200);
    await expect429(await call(demandSearchRoute, { token, path: '/api/v1/search/demands?q=x', ip: newIp() }), RATE_LIMITS.search.windowSeconds);
  });

  it('matching: per account, across addresses; a match watch counts too', async () => {
    const enterprise = await tokenOf('enterprise');
    const [d] = await getDb()
      .insert(demands)
      .values({ ownerOrgId: enterprise.org.id, title: '风电齿轮箱轴承润滑状态在线监测', description: '需要在线监测润滑状态、提前预警磨损的技术方案。', field: 'optomechatronics', keywords: ['齿轮箱'], cooperationModes: ['license'] })
      .returning();
    await insideWindow('matching');
    const n = limitOf('matching', 'perAccount');
    for (let i = 0; i < n; i++) expect((await call(matchesRoute, { token: enterprise.token, params: { id: d!.id }, ip: newIp() })).status).toBe(200);
    await expect429(await call(matchesRoute, { token: enterprise.token, params: { id: d!.id }, ip: newIp() }), RATE_LIMITS.matching.windowSeconds);
    await expect429(await call(savedRoute, { token: enterprise.token, body: { kind: 'demand_matches', subjectId: d!.id }, ip: newIp() }), RATE_LIMITS.matching.windowSeconds);
  });

  it('export: the bureau’s spreadsheets per account', async () => {
    const bureau = await bureauToken();
    await insideWindow('export');
    const n = limitOf('export', 'perAccount');
    for (let i = 0; i < n; i++) expect((await call(exportRoute, { token: bureau, path: '/api/v1/grants/export?year=2024&format=xlsx', ip: newIp() })).status).toBe(200);
    await expect429(await call(exportRoute, { token: bureau, path: '/api/v1/grants/export?year=2024&format=xlsx', ip: newIp() }), RATE_LIMITS.export.windowSeconds);
  });

  it('signup: per address and per e-mail; a refused signup creates nothing', async () => {
    const body = (email = uniqueEmail('flood')) => ({ email, password: 'Strong-pass-2026', orgName: `聊城洪水测试${email.slice(6, 14)}有限公司`, orgKind: 'enterprise', creditCode: uniqueCreditCode(), regionCode: '371502' });
    await insideWindow('signup');
    const ip = newIp();
    const perIp = limitOf('signup', 'perIp');
    for (let i = 0; i < perIp; i++) expect((await call(signupRoute, { body: body(), ip })).status).toBe(202);
    const flood = body();
    await expect429(await call(signupRoute, { body: flood, ip }), RATE_LIMITS.signup.windowSeconds);
    expect(await getDb().$count(organizations, eq(organizations.creditCode, flood.creditCode))).toBe(0);
    // The same e-mail address from ever new addresses.
    const email = uniqueEmail('same');
    for (let i = 0; i < limitOf('signup', 'perAccount'); i++) expect((await call(signupRoute, { body: body(email), ip: newIp() })).status).toBe(202);
    await expect429(await call(signupRoute, { body: body(email), ip: newIp() }), RATE_LIMITS.signup.windowSeconds);
  });

  it('password_reset is a bucket of its own, per address and per e-mail', async () => {
    await insideWindow('password_reset');
    const ip = newIp();
    const account = uniqueEmail('reset');
    for (let i = 0; i < limitOf('password_reset', 'perAccount'); i++) await assertWithinLimit('password_reset', { ip, account });
    const refused = await assertWithinLimit('password_reset', { ip: newIp(), account }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(429);
    expect((refused as AppError).retryAfterSeconds).toBeGreaterThan(0);
    // The other buckets do not count it.
    await assertWithinLimit('signup', { ip, account });
  });

  it('a burst of parallel requests lets exactly the limit through (one atomic upsert each, shared by every process)', async () => {
    await insideWindow('search', 5);
    const ip = newIp();
    const n = limitOf('search', 'perIp');
    const outcomes = await Promise.all(
      Array.from({ length: n * 4 }, () =>
        assertWithinLimit('search', { ip }).then(
          () => 'ok',
          (e: unknown) => (e instanceof AppError && e.status === 429 ? 'limited' : e),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(n);
    expect(outcomes.filter((o) => o === 'limited')).toHaveLength(n * 3);
    const [row] = await getDb().select().from(rateLimitCounters).where(eq(rateLimitCounters.key, `ip:${ip}`));
    expect(row!.hits).toBe(n * 4);
  });

  it('are documented in the OpenAPI document: a 429 with the limits in force and Retry-After', async () => {
    type Op = { responses: Record<string, { description: string }> };
    const doc = await json<{ paths: Record<string, Record<string, Op>> }>(await call(openapiRoute, { path: '/api/v1/openapi.json' }));
    const limited: Array<[string, string, keyof typeof RATE_LIMITS]> = [
      ['/auth/signup', 'post', 'signup'],
      ['/search/results', 'get', 'search'],
      ['/search/demands', 'get', 'search'],
      ['/demands/{id}/matches', 'get', 'matching'],
      ['/results/{id}/matches', 'get', 'matching'],
      ['/saved-searches', 'post', 'matching'],
      ['/grants/export', 'get', 'export'],
      ['/commissions', 'get', 'export'],
    ];
    for (const [path, method, bucket] of limited) {
      const text = doc.paths[path]![method]!.responses['429']!.description;
      expect(text).toContain(`Rate limited (${bucket}): at most ${limitOf(bucket, 'perIp')} per client address`);
      expect(text).toContain('Retry-After');
    }
  });

  it('the first request of a new window deletes the bucket’s old windows', async () => {
    const old = new Date(Date.now() - 3 * RATE_LIMITS.search.windowSeconds * 1000);
    await getDb().insert(rateLimitCounters).values({ bucket: 'search', key: 'ip:192.0.2.1', windowStart: old, hits: 99 });
    await assertWithinLimit('search', { ip: newIp() });
    const left = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from rate_limit_counters where bucket = 'search' and window_start < now() - make_interval(secs => ${RATE_LIMITS.search.windowSeconds})`);
    expect(left[0]!.n).toBe(0);
  });
});
