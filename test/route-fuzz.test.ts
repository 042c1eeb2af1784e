/**
 * A property over every route (issue 16): every loader and action in app/routes, API and pages,
 * called as anonymous, an enterprise, a university, an agency and the bureau with generated bad
 * input — NUL bytes, lone surrogates, control characters, impossible dates, wrong types, huge,
 * nested and unknown fields, bodies of the wrong kind, hostile redirect targets — answers below
 * 500, and a rejected call (≥ 400) changes no row. Inputs come from fast-check with a fixed seed,
 * so a run is reproducible; the summary line gives the request and 5xx counts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import type { z } from 'zod';
import { toJSONSchema } from 'zod';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetEnv } from '#config/env.ts';
import { startFakeStripe, type FakeStripe } from '#scripts/services/fake-stripe.ts';
import { getDb } from '#db/client.ts';
import { BUREAU_ROLES } from '#domain/permissions.ts';
import { applyDemandsSettings, applyResultsSettings } from '#search/setup.ts';
import { operations } from '#app/lib/openapi.server.ts';
import { createSession } from '#app/lib/session.server.ts';
import * as contractCreateRoute from '#app/routes/api.v1.contracts._index.ts';
import * as demandCreateRoute from '#app/routes/api.v1.demands._index.ts';
import * as inquiriesRoute from '#app/routes/api.v1.inquiries.ts';
import { call } from './api.ts';
import { deal, submitted } from './contract-fixtures.ts';
import { demandInput } from './demands-harness.ts';
import { bureauWith, createOrg, patentInput, uniqueCreditCode, uniqueEmail } from './factories.ts';

const SEED = 20260516;
/** Requests per loader or action: ~1,700 over ~210 handlers, well under a minute on an idle machine. */
const RUNS_PER_HANDLER = 8;
const ROUTES_DIR = path.resolve('app/routes');

type RouteModule = { loader?: (args: never) => unknown; action?: (args: never) => unknown };
type Principal = { name: string; token?: string; cookie?: string; userId?: string; orgId?: string };
type Route = { file: string; api: boolean; segments: string[]; module: RouteModule; source: string };

/**
 * Tables left out of the "changes no row" check, each because a refused call is meant to write it:
 * - audit_events, audit_chain_head: failed logins are audited by design (append-only; the head is the hash chain's last link).
 * - login_attempts, rate_limit_counters: a refused login or a throttled call is counted there; that is the rate limit working,
 *   and it must count refused calls too (a 400 from search still costs a search slot).
 * - __drizzle_migrations and fuzz_changes (this test's own log) are not the application's.
 * Columns left out: sessions.last_seen_at and api_tokens.last_used_at, touched by authenticating any request.
 */
const EXCLUDED_TABLES = new Set(['audit_events', 'audit_chain_head', 'login_attempts', 'rate_limit_counters', '__drizzle_migrations', 'fuzz_changes']);
const EXCLUDED_COLUMNS = ['last_seen_at', 'last_used_at'];

/**
 * Rather than hashing every table around every call (~200 ms a time here), a row trigger on each
 * table notes every insert, delete and real update (one that changes more than EXCLUDED_COLUMNS)
 * into fuzz_changes; after a refused call that log must be empty. Test database only.
 */
async function watchTables(tables: string[]) {
  const cols = EXCLUDED_COLUMNS.map((c) => `'${c}'`).join(',');
  await getDb().execute(sql.raw(`create table fuzz_changes (tbl text not null, op text not null)`));
  await getDb().execute(
    sql.raw(`create function fuzz_note() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' and (to_jsonb(old) - array[${cols}]) = (to_jsonb(new) - array[${cols}]) then return null; end if;
        insert into fuzz_changes values (tg_table_schema || '.' || tg_table_name, tg_op);
        return null;
      end $$`),
  );
  for (const t of tables) {
    await getDb().execute(sql.raw(`create trigger fuzz_note after insert or update or delete on ${t} for each row execute function fuzz_note()`));
    await getDb().execute(sql.raw(`create trigger fuzz_note_truncate after truncate on ${t} for each statement execute function fuzz_note()`));
  }
}

/** The tables written since the last call, and the log emptied. */
async function changesSinceLast(): Promise<string[]> {
  const rows = (await getDb().execute(sql`delete from fuzz_changes returning tbl, op`)) as unknown as Array<{ tbl: string; op: string }>;
  return [...new Set(rows.map((r) => `${r.tbl} (${r.op.toLowerCase()})`))];
}

async function loadRoutes(): Promise<Route[]> {
  const files = readdirSync(ROUTES_DIR).filter((f) => /\.(ts|tsx)$/.test(f) && !f.includes('.test.'));
  const out: Route[] = [];
  for (const file of files.sort()) {
    const module = (await import(path.join(ROUTES_DIR, file))) as RouteModule;
    const name = file.replace(/\.(ts|tsx)$/, '');
    const api = name.startsWith('api.v1.');
    // openapi[.json] is one segment; the others split on dots, as Remix's flat routes do.
    const segments = name
      .replace(/^api\.v1\.?/, '')
      .replace(/\[\.json\]/, '.json')
      .split(/\.(?!json$)/)
      .filter((s) => s && s !== '_index');
    out.push({ file, api, segments, module, source: readFileSync(path.join(ROUTES_DIR, file), 'utf8') });
  }
  return out;
}

/** Generated bad values of every kind the probe used, and then some. */
const badString = fc.oneof(
  fc.constantFrom(
    'a\u0000b',
    '\u0000',
    '\ud800',
    'x\udc00y',
    '\ud83d',
    '0000-01-01',
    '9999-12-31',
    '2024-02-30',
    '-0001-01-01',
    '/\t/127.0.0.1:9999/x',
    '//evil.example/x',
    '/\\evil.example',
    'javascript:alert(1)',
    '\r\n\u0007\u001b[31m',
    "'; drop table users; --",
    '%00',
    '1e309',
    '-1',
    'NaN',
    '99999999999999999999.99',
    '0.001',
    ' ',
    '',
    '🔬🧪',
    'ZL202010123456.7',
    '<script>alert(1)</script>',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.nat({ max: 70_000 }).map((n) => '长'.repeat(n)),
);

const badScalar = fc.oneof(
  badString,
  fc.constantFrom(0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, true, false, null),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const nested: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, badScalar, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constant('k\u0000')), tie('value'), { maxKeys: 4 })),
})).value;

const badValue = fc.oneof(
  { weight: 5, arbitrary: badScalar },
  { weight: 2, arbitrary: nested },
  { weight: 1, arbitrary: fc.array(badScalar, { minLength: 200, maxLength: 2000 }) },
  { weight: 1, arbitrary: fc.nat({ max: 60 }).map((d) => Array.from({ length: d }).reduce<unknown>((v) => ({ a: [v] }), 'x')) },
);

/** A plausible value for a field, from its JSON schema: so that a request gets past the first check and the bad field is the one that counts. */
function exampleFor(schema: Record<string, unknown> | undefined, ids: string[], depth = 0): unknown {
  if (!schema || depth > 4) return 'x';
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if ('const' in schema) return schema.const;
  const any = (schema.anyOf ?? schema.oneOf) as Record<string, unknown>[] | undefined;
  if (any?.length) return exampleFor(any.find((s) => s.type !== 'null') ?? any[0], ids, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'object') {
    const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
    return Object.fromEntries(Object.entries(props).map(([k, s]) => [k, exampleFor(s, ids, depth + 1)]));
  }
  if (type === 'array') return [exampleFor(schema.items as Record<string, unknown>, ids, depth + 1)];
  if (type === 'integer' || type === 'number') return typeof schema.minimum === 'number' ? schema.minimum : 1;
  if (type === 'boolean') return false;
  if (schema.format === 'uuid') return ids[0] ?? randomUUID();
  if (schema.format === 'date') return '2024-05-20';
  if (schema.format === 'email') return uniqueEmail('fuzz');
  return '测试说明文字内容';
}

/** `{id}` and `$id` alike, so an OpenAPI path finds its route file. */
const shape = (segments: string[]) => segments.map((s) => (s.startsWith('$') || s.startsWith('{') ? '{}' : s)).join('/');

describe('every route, with bad input', () => {
  let routes: Route[] = [];
  let principals: Principal[] = [];
  let tables: string[] = [];
  const ids: Record<string, string[]> = {};
  const examples: Record<string, Record<string, unknown>> = {};

  let fake: FakeStripe | undefined;
  afterAll(async () => {
    await fake?.stop();
  });

  beforeAll(async () => {
    // The local fake Stripe, as in payments.test.ts: the webhook checks signatures and checkout has somewhere to go.
    fake = await startFakeStripe({ webhookUrl: null });
    process.env.STRIPE_SECRET_KEY = fake.secretKey;
    process.env.STRIPE_WEBHOOK_SECRET = fake.webhookSecret;
    process.env.STRIPE_API_BASE = fake.url;
    resetEnv();
    routes = await loadRoutes();
    await applyResultsSettings();
    await applyDemandsSettings();
    // A world with something in it: a submitted and a draft contract between a university, an enterprise and an agency, a demand, an inquiry.
    const d = await deal();
    const contractId = await submitted(d);
    expect((await call(contractCreateRoute, { token: d.broker.token, body: { ...d.body, title: '草稿合同用于测试' } })).status).toBe(201);
    expect((await call(demandCreateRoute, { token: d.buyer.token, body: demandInput() })).status).toBe(201);
    expect((await call(inquiriesRoute, { token: d.buyer.token, body: { resultId: d.resultId, message: '您好，我们对该专利很感兴趣，想了解许可条件。' } })).status).toBeLessThan(300);
    await createOrg({ status: 'pending' });
    const bureau = await bureauWith(...BUREAU_ROLES);
    const cookie = async (userId: string) => (await createSession(userId, { ip: '127.0.0.1', userAgent: 'fuzz' })).split(';')[0]!;
    principals = [
      { name: 'anonymous' },
      { name: 'enterprise', token: d.buyer.token, cookie: await cookie(d.buyer.user.id), userId: d.buyer.user.id, orgId: d.buyer.org.id },
      { name: 'university', token: d.seller.token, cookie: await cookie(d.seller.user.id), userId: d.seller.user.id, orgId: d.seller.org.id },
      { name: 'agency', token: d.broker.token, cookie: await cookie(d.broker.user.id), userId: d.broker.user.id, orgId: d.broker.org.id },
      { name: 'bureau', token: bureau.token, cookie: await cookie(bureau.user.id), userId: bureau.user.id },
    ];
    const tableRows = (await getDb().execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)) as unknown as Array<{ table_name: string }>;
    tables = tableRows.map((r) => r.table_name).filter((t) => !EXCLUDED_TABLES.has(t));
    for (const t of tables) {
      const cols = (await getDb().execute(sql`select 1 from information_schema.columns where table_schema = 'public' and table_name = ${t} and column_name = 'id' and data_type = 'uuid'`)) as unknown as unknown[];
      if (cols.length) ids[t] = ((await getDb().execute(sql.raw(`select id::text as id from "${t}" limit 8`))) as unknown as Array<{ id: string }>).map((r) => r.id);
    }
    ids.contracts = [contractId, ...(ids.contracts ?? [])];
    const jobTables = (await getDb().execute(sql`select table_name from information_schema.tables where table_schema = 'graphile_worker' and table_name = '_private_jobs'`)) as unknown as unknown[];
    await watchTables([...tables.map((t) => `public."${t}"`), ...(jobTables.length ? ['graphile_worker._private_jobs'] : [])]);
    examples['post /auth/signup'] = { email: uniqueEmail('fuzz'), password: 'Strong-pass-2026', orgName: '聊城测试新材料有限公司', orgKind: 'enterprise', creditCode: uniqueCreditCode(), regionCode: '371502' };
    examples['post /results'] = patentInput();
    examples['patch /results/{}'] = patentInput();
    examples['post /demands'] = demandInput();
    examples['patch /demands/{}'] = demandInput();
    examples['post /contracts'] = d.body;
    examples['patch /contracts/{}'] = { ...d.body, sellerOrgId: undefined, buyerOrgId: undefined };
    examples['post /inquiries'] = { resultId: d.resultId, message: '您好，想了解许可条件。' };
  }, 120_000);

  /** Ids for a route's path parameters: real ones from the table its first segment names, and bad ones. */
  function paramValues(route: Route, name: string, who: Principal): fc.Arbitrary<string> {
    const table = { orgs: 'organizations', agencies: 'organizations', r: 'results', 'saved-searches': 'saved_searches', mail: 'emails' }[route.segments[route.segments[0] === 'bureau' ? 1 : 0]!] ?? route.segments[route.segments[0] === 'bureau' ? 1 : 0]!;
    const orgParam = name === 'orgId' || table === 'organizations';
    const real = (orgParam ? ids.organizations : ids[table]) ?? [];
    const literals = [...route.source.matchAll(/'([a-z][a-z_-]{2,20})'/g)].map((m) => m[1]!);
    return fc.oneof(
      // The caller's own organisation, where the route is about one: most of them answer 404 for anyone else's.
      ...(orgParam && who.orgId ? [{ weight: 4, arbitrary: fc.constant(who.orgId) }] : []),
      { weight: 3, arbitrary: real.length ? fc.constantFrom(...real) : fc.uuid() },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: literals.length ? fc.constantFrom(...literals) : fc.constant('x') },
      { weight: 1, arbitrary: fc.constantFrom('not-a-uuid', '1', '0', '37', '2024', '-1', '99999999999', '\u0000', 'a\u0000', '\ud800', '..', '%2F', '长'.repeat(300)) },
    );
  }

  /** Field names a page's form or a route's query might read, from its source and from the API schemas. */
  function fieldNames(route: Route): string[] {
    const fromSource = [
      ...route.source.matchAll(/name="([A-Za-z_.[\]0-9-]+)"/g),
      ...route.source.matchAll(/searchParams\.get(?:All)?\('([A-Za-z_-]+)'\)/g),
      ...route.source.matchAll(/\b([a-zA-Z]+): z\./g),
    ].map((m) => m[1]!);
    return [...new Set([...fromSource, 'intent', 'id', 'redirectTo', 'page', 'pageSize', 'q'])];
  }

  function intents(route: Route): string[] {
    return [...new Set([...route.source.matchAll(/(?:literal\(|value=)['"]([a-z][a-zA-Z-]+)['"]/g)].map((m) => m[1]!))];
  }

  type Generated = { method: string; query: [string, string][]; params: Record<string, string>; body: { kind: 'json' | 'raw' | 'form' | 'multipart' | 'text' | 'none'; value: unknown } };

  function requestArb(route: Route, handler: 'loader' | 'action', who: Principal): fc.Arbitrary<Generated> {
    const paramNames = route.segments.filter((s) => s.startsWith('$')).map((s) => s.slice(1) || '*');
    const params = fc.record(Object.fromEntries(paramNames.map((n) => [n, n === '*' ? fc.constantFrom('x', 'a/b', '\u0000', '..%2F..') : paramValues(route, n, who)])) as Record<string, fc.Arbitrary<string>>);
    const names = fieldNames(route);
    const queryValue = fc.oneof(badString, fc.constantFrom('1', '2024', 'true', 'csv', 'xlsx', 'published', 'draft'), fc.uuid());
    const query = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 6 })), queryValue), { maxLength: 5 });
    if (handler === 'loader') return fc.record({ method: fc.constantFrom('GET', 'GET', 'GET', 'HEAD'), query, params, body: fc.constant({ kind: 'none' as const, value: undefined }) });

    const methods = route.api ? apiMethods(route) : ['POST'];
    // The base body: the whole example, nothing (every PATCH field is optional), or the example's first field alone.
    const base = fc.tuple(fc.constantFrom(...methods), fc.constantFrom('whole', 'empty', 'one')).map(([m, how]) => {
      const ex = apiExample(route, m);
      return { m, base: how === 'whole' ? ex : how === 'empty' ? {} : Object.fromEntries(Object.entries(ex).slice(0, 1)) };
    });
    // An API body's own fields first: a plausible body with one or two of them bad reaches deepest.
    const bodyFields = [...new Set(methods.flatMap((m) => Object.keys(apiExample(route, m))))];
    const fieldName = bodyFields.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...bodyFields) }, { weight: 1, arbitrary: fc.constantFrom(...names) }) : fc.constantFrom(...names);
    const fieldMutation = fc.array(fc.tuple(fieldName, fc.oneof({ weight: 2, arbitrary: badString }, { weight: 1, arbitrary: badValue })), { minLength: 1, maxLength: 3 });
    const jsonBody = fc.tuple(base, fieldMutation, fc.boolean()).map(([{ m, base }, muts, unknown]) => {
      const body: Record<string, unknown> = { ...base };
      for (const [k, v] of muts) body[k] = v;
      if (unknown) body[`unknown_${Object.keys(body).length}`] = { nested: ['x\u0000'] };
      return { m, body: { kind: 'json' as const, value: body } };
    });
    const rawBody = fc.tuple(fc.constantFrom(...methods), fc.oneof(badValue.map((v) => JSON.stringify(v) ?? 'null'), fc.constantFrom('{', '{"a":', 'null', '[]', '"x"', '\u0000', '{"a":"\\u0000"}', '{"a":"\\ud800"}', '{"__proto__":{"x":1}}'))).map(([m, v]) => ({ m, body: { kind: 'raw' as const, value: v } }));
    const intentValue = intents(route);
    const formFields = fc.array(
      fc.tuple(
        fc.constantFrom(...names),
        fc.oneof(
          { weight: 3, arbitrary: badString },
          { weight: 2, arbitrary: intentValue.length ? fc.constantFrom(...intentValue) : badString },
          { weight: 2, arbitrary: fc.constantFrom(...Object.values(ids).flat().slice(0, 40), randomUUID()) },
          { weight: 1, arbitrary: fc.constantFrom('1', '0', 'on', '2024-05-20', '1200000.00', 'true') },
        ),
      ),
      { maxLength: 8 },
    );
    const withIntent = fc.tuple(intentValue.length ? fc.constantFrom(...intentValue) : fc.constant(undefined), formFields).map(([intent, fields]) => (intent ? [['intent', intent] as [string, string], ...fields] : fields));
    const formBody = fc.oneof(
      { weight: 6, arbitrary: withIntent.map((f) => ({ m: 'POST', body: { kind: 'form' as const, value: f } })) },
      { weight: 1, arbitrary: withIntent.map((f) => ({ m: 'POST', body: { kind: 'multipart' as const, value: f } })) },
      { weight: 1, arbitrary: fc.oneof(badString, fc.constant('a=1&b=2')).map((t) => ({ m: 'POST', body: { kind: 'text' as const, value: t } })) },
      { weight: 1, arbitrary: jsonBody.map((j) => ({ m: 'POST', body: j.body })) },
      { weight: 1, arbitrary: fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE').map((m) => ({ m, body: { kind: 'none' as const, value: undefined } })) },
    );
    const apiBody = fc.oneof({ weight: 6, arbitrary: jsonBody }, { weight: 2, arbitrary: rawBody }, { weight: 1, arbitrary: formBody });
    return fc.record({ mb: route.api ? apiBody : formBody, query, params }).map(({ mb, query, params }) => ({ method: mb.m, query, params, body: mb.body }));
  }

  function apiMethods(route: Route): string[] {
    const s = shape(route.segments);
    const ms = operations.filter((o) => o.method !== 'get' && shape(o.path.split('/').filter(Boolean)) === s).map((o) => o.method.toUpperCase());
    return ms.length ? [...new Set(ms)] : ['POST', 'PUT', 'PATCH', 'DELETE'];
  }

  function apiExample(route: Route, method: string): Record<string, unknown> {
    const s = shape(route.segments);
    const key = `${method.toLowerCase()} /${s}`;
    if (examples[key]) return examples[key]!;
    const op = operations.find((o) => o.method === method.toLowerCase() && shape(o.path.split('/').filter(Boolean)) === s);
    if (!op?.body) return {};
    const js = toJSONSchema(op.body as z.ZodType, { io: 'input', unrepresentable: 'any', reused: 'inline' }) as Record<string, unknown>;
    const ex = exampleFor(js, Object.values(ids).flat());
    return ex && typeof ex === 'object' && !Array.isArray(ex) ? (ex as Record<string, unknown>) : {};
  }

  function toRequest(route: Route, g: Generated, who: Principal): Request {
    const pathname = `/${route.api ? 'api/v1/' : ''}${route.segments.map((s) => (s.startsWith('$') ? encodeURIComponent(wellFormed(g.params[s.slice(1) || '*'] ?? 'x')) : s)).join('/')}`;
    const url = new URL(`http://localhost${pathname}`);
    for (const [k, v] of g.query) url.searchParams.append(wellFormed(k), wellFormed(v));
    const headers = new Headers();
    if (route.api && who.token) headers.set('authorization', `Bearer ${who.token}`);
    if (!route.api && who.cookie) headers.set('cookie', who.cookie);
    let body: BodyInit | undefined;
    const { kind, value } = g.body;
    if (kind === 'json') {
      body = JSON.stringify(value);
      headers.set('content-type', 'application/json');
    } else if (kind === 'raw') {
      body = value as string;
      headers.set('content-type', 'application/json');
    } else if (kind === 'form') {
      body = new URLSearchParams(value as [string, string][]);
      headers.set('content-type', 'application/x-www-form-urlencoded');
    } else if (kind === 'multipart') {
      const f = new FormData();
      for (const [k, v] of value as [string, string][]) f.append(k, v);
      body = f;
    } else if (kind === 'text') {
      body = value as string;
      headers.set('content-type', 'text/plain');
    }
    // Half the webhook's bodies are signed, so a well-signed but malformed event is tried as well as a forged one.
    if (route.file.includes('stripe.webhook') && typeof body === 'string' && g.query.length % 2 === 0 && fake) {
      headers.set('stripe-signature', new Stripe(fake.secretKey).webhooks.generateTestHeaderString({ payload: body, secret: fake.webhookSecret }));
    }
    return new Request(url, { method: g.method, headers, body: g.method === 'GET' || g.method === 'HEAD' ? undefined : body });
  }

  it('answers every generated request below 500, and a refused one changes no row', async () => {
    const summary = { requests: 0, fiveXx: 0, rejected: 0, rowChanges: 0 };
    const failures: string[] = [];
    await changesSinceLast();
    let handlerIndex = 0;
    for (const route of routes) {
      for (const handler of ['loader', 'action'] as const) {
        const fn = route.module[handler];
        if (!fn) continue;
        // Logging out would end a principal's session for every later request; those are fuzzed anonymously.
        const who = /logout/.test(route.file) ? fc.constant(principals[0]!) : fc.constantFrom(...principals);
        const arb = who.chain((p) => fc.tuple(requestArb(route, handler, p), fc.constant(p)));
        const samples = fc.sample(arb, { seed: SEED + handlerIndex++, numRuns: RUNS_PER_HANDLER });
        const t0 = performance.now();
        let snapMs = 0;
        for (const [g, principal] of samples) {
          const request = toRequest(route, g, principal);
          summary.requests++;
          let status: number;
          let detail = '';
          try {
            status = (await callRoute(fn, request, g.params)).status;
          } catch (e) {
            status = 500;
            detail = e instanceof Error ? `${e.name}: ${e.message.slice(0, 200)}` : String(e);
          }
          const label = `${route.file} ${handler} ${g.method} as ${principal.name} ${JSON.stringify({ q: g.query, p: g.params, b: g.body }).slice(0, 300)}`;
          if (status >= 500) {
            summary.fiveXx++;
            failures.push(`${status} ${label} ${detail}`);
          }
          const ts = performance.now();
          const changed = await changesSinceLast();
          snapMs += performance.now() - ts;
          if (status >= 400) {
            summary.rejected++;
            if (changed.length) {
              summary.rowChanges++;
              failures.push(`rows changed in ${changed.join(', ')} by a refused call (${status}): ${label}`);
            }
          }
        }
        if (process.env.FUZZ_DEBUG) process.stdout.write(`${route.file} ${handler} ${Math.round(performance.now() - t0)}ms (snapshots ${Math.round(snapMs)}ms)\n`);
      }
    }
    console.log(`[route-fuzz] seed ${SEED}: ${summary.requests} requests over ${routes.length} route files, ${summary.fiveXx} answered 5xx, ${summary.rejected} refused, ${summary.rowChanges} refused calls changed rows`);
    expect(failures).toEqual([]);
  }, 110_000);
});

/** As test/api.ts's call(): the real loader or action with a real Request; a thrown Response is the answer, a thrown Error a 500. */
async function callRoute(fn: (args: never) => unknown, request: Request, params: Record<string, string>): Promise<Response> {
  const args = { request, params, context: { ip: '127.0.0.1', nonce: 'test' } };
  let value: unknown;
  try {
    value = await fn(args as never);
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) return value;
  if (value && typeof value === 'object' && 'type' in value && (value as { type: string }).type === 'DataWithResponseInit') {
    const d = value as unknown as { init?: ResponseInit | null };
    return new Response(null, { status: d.init?.status ?? 200 });
  }
  if (value instanceof Error) throw value;
  return new Response(null, { status: 200 });
}

/** A URL cannot carry a lone surrogate (it arrives as U+FFFD), so neither does a generated one; bodies still do. */
function wellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}
