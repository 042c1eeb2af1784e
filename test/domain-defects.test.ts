/**
 * Issue 16's domain defects, each through the real routes: saved searches with a price
 * filter, match watches that got round the matches restriction, contracts naming another
 * organisation's draft, look-alike organisation names, and signup and invitations that told
 * who is registered.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '#db/client.ts';
import { auditEvents, demands, emails, invitations, notifications, organizations, savedSearches, users } from '#db/schema.ts';
import { applyDemandsSettings, applyResultsSettings } from '#search/setup.ts';
import { syncDemand } from '#search/demands-sync.ts';
import { syncResult } from '#search/sync.ts';
import { runAlerts } from '#app/services/alerts.server.ts';
import * as savedRoute from '#app/routes/api.v1.saved-searches._index.ts';
import * as savedPage from '#app/routes/saved-searches.tsx';
import * as demandMatchesRoute from '#app/routes/api.v1.demands.$id.matches.ts';
import * as resultMatchesRoute from '#app/routes/api.v1.results.$id.matches.ts';
import * as contractsRoute from '#app/routes/api.v1.contracts._index.ts';
import * as resultCreateRoute from '#app/routes/api.v1.results._index.ts';
import * as publishRoute from '#app/routes/api.v1.results.$id.publish.ts';
import * as signupRoute from '#app/routes/api.v1.auth.signup.ts';
import * as signupPage from '#app/routes/signup.tsx';
import * as orgRoute from '#app/routes/api.v1.organizations.$id.ts';
import * as invitationsRoute from '#app/routes/api.v1.organizations.$id.invitations.ts';
import * as loginRoute from '#app/routes/api.v1.auth.login.ts';
import { call, json } from './api.ts';
import type { ErrorBody } from './contract-fixtures.ts';
import { createOrg, createUser, patentInput, tokenOf, uniqueCreditCode, uniqueEmail } from './factories.ts';

type Party = Awaited<ReturnType<typeof tokenOf>>;

beforeAll(async () => {
  await applyResultsSettings();
  await applyDemandsSettings();
});

async function publishedResult(holder: Party, over: Record<string, unknown> = {}) {
  const r = await json<{ id: string }>(await call(resultCreateRoute, { token: holder.token, body: patentInput(over) }));
  expect((await call(publishRoute, { token: holder.token, params: { id: r.id }, method: 'POST' })).status).toBe(200);
  return r.id;
}

async function draftResult(holder: Party) {
  const res = await call(resultCreateRoute, { token: holder.token, body: patentInput() });
  expect(res.status).toBe(201);
  return (await json<{ id: string }>(res)).id;
}

async function publishedDemand(owner: Party) {
  const [d] = await getDb()
    .insert(demands)
    .values({
      ownerOrgId: owner.org.id,
      title: '风电齿轮箱轴承润滑状态在线监测',
      description: '我公司生产风电齿轮箱轴承，需要一套在线监测润滑状态、提前预警磨损的技术方案，可在现场安装调试。',
      field: 'optomechatronics',
      keywords: ['齿轮箱', '润滑', '在线监测'],
      cooperationModes: ['license', 'joint_development'],
    })
    .returning();
  expect(await syncDemand(d!.id)).toBe('indexed');
  return d!.id;
}

describe('saved searches with a price filter', () => {
  it('save, list and run through the API (was a 500: the stored amount did not parse)', async () => {
    const { token } = await tokenOf('enterprise');
    const res = await call(savedRoute, { token, body: { kind: 'results', query: { q: 'y', priceMin: '1' } } });
    expect(res.status).toBe(201);
    const saved = await json<{ id: string; query: Record<string, unknown>; link: string }>(res);
    expect(saved.query).toMatchObject({ q: 'y', priceMin: '1.00' });
    expect(saved.link).toBe('/search?q=y&priceMin=1.00');
    // The same search again, written another way, is the same saved search.
    const again = await call(savedRoute, { token, body: { kind: 'results', query: { q: 'y', priceMin: '1.00' } } });
    expect(again.status).toBe(200);
    expect((await json<{ id: string }>(again)).id).toBe(saved.id);
    const listed = await call(savedRoute, { token, path: '/api/v1/saved-searches' });
    expect(listed.status).toBe(200);
    expect((await json<{ items: Array<{ id: string; link: string }> }>(listed)).items).toEqual([expect.objectContaining({ id: saved.id, link: '/search?q=y&priceMin=1.00' })]);
    // Read back from the database by the alerts job.
    const run = await runAlerts();
    expect(run.failed).toBe(0);
    expect(run.errors).toEqual([]);
  });

  it('save from the search page ("save search")', async () => {
    const { token, user } = await tokenOf('enterprise');
    const res = await call(savedPage, { token, form: { intent: 'save-search', kind: 'results', search: 'q=y&priceMin=1&priceMax=2000000' } });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/saved-searches');
    const [row] = await getDb().select().from(savedSearches).where(eq(savedSearches.userId, user.id));
    expect(row!.query).toMatchObject({ q: 'y', priceMin: '1.00', priceMax: '2000000.00' });
  });
});

describe('match watches apply the matches endpoint’s authorisation', () => {
  it('a university refused a demand’s matches cannot watch them', async () => {
    const enterprise = await tokenOf('enterprise');
    const university = await tokenOf('university');
    const demandId = await publishedDemand(enterprise);
    expect((await call(demandMatchesRoute, { token: university.token, params: { id: demandId } })).status).toBe(403);
    const res = await call(savedRoute, { token: university.token, body: { kind: 'demand_matches', subjectId: demandId } });
    expect(res.status).toBe(403);
    expect(await getDb().$count(savedSearches, eq(savedSearches.userId, university.user.id))).toBe(0);
    // Those who may see the matches may watch them: the enterprise itself, and agencies.
    expect((await call(savedRoute, { token: enterprise.token, body: { kind: 'demand_matches', subjectId: demandId } })).status).toBe(201);
    const agency = await tokenOf('agency');
    expect((await call(demandMatchesRoute, { token: agency.token, params: { id: demandId } })).status).toBe(200);
    expect((await call(savedRoute, { token: agency.token, body: { kind: 'demand_matches', subjectId: demandId } })).status).toBe(201);
  });

  it('an enterprise refused a result’s matches cannot watch them', async () => {
    const university = await tokenOf('university');
    const enterprise = await tokenOf('enterprise');
    const resultId = await publishedResult(university);
    expect(await syncResult(resultId)).toBe('indexed');
    expect((await call(resultMatchesRoute, { token: enterprise.token, params: { id: resultId } })).status).toBe(403);
    expect((await call(savedRoute, { token: enterprise.token, body: { kind: 'result_matches', subjectId: resultId } })).status).toBe(403);
    expect((await call(savedRoute, { token: university.token, body: { kind: 'result_matches', subjectId: resultId } })).status).toBe(201);
  });

  it('a watch saved before the fix stops at its next run, telling nobody anything', async () => {
    const enterprise = await tokenOf('enterprise');
    const university = await tokenOf('university');
    const demandId = await publishedDemand(enterprise);
    const [w] = await getDb()
      .insert(savedSearches)
      .values({ orgId: university.org.id, userId: university.user.id, kind: 'demand_matches', name: '偷看', query: { subjectId: demandId }, subjectId: demandId, seenIds: [] })
      .returning();
    await publishedResult(university, { title: '风电齿轮箱轴承润滑状态在线监测装置', keywords: ['齿轮箱', '润滑', '在线监测'], field: 'optomechatronics' });
    await runAlerts();
    const [after] = await getDb().select().from(savedSearches).where(eq(savedSearches.id, w!.id));
    expect(after!.alert).toBe(false);
    expect(await getDb().$count(notifications, and(eq(notifications.orgId, university.org.id), eq(notifications.kind, 'alert.matches')))).toBe(0);
  });
});

describe('the result a contract names', () => {
  const body = (seller: Party, buyer: Party, kind: string, resultId: string) => ({
    kind,
    title: '技术开发合同',
    sellerOrgId: seller.org.id,
    buyerOrgId: buyer.org.id,
    brokerOrgId: null,
    resultId,
    amount: '300000.00',
    technologyAmount: null,
    signedOn: '2024-05-20',
    instalments: [],
  });

  for (const kind of ['development', 'consulting', 'service']) {
    it(`${kind}: not another organisation’s unpublished draft; a published one, or the parties’ own, yes`, async () => {
      const seller = await tokenOf('university');
      const buyer = await tokenOf('enterprise');
      const third = await tokenOf('institute');
      const foreignDraft = await draftResult(third);
      const refused = await call(contractsRoute, { token: seller.token, body: body(seller, buyer, kind, foreignDraft) });
      expect(refused.status).toBe(422);
      expect((await json<ErrorBody>(refused)).error.fields?.resultId).toMatch(/未公开发布/);
      const published = await publishedResult(third);
      expect((await call(contractsRoute, { token: seller.token, body: body(seller, buyer, kind, published) })).status).toBe(201);
      const ownDraft = await draftResult(seller);
      expect((await call(contractsRoute, { token: seller.token, body: body(seller, buyer, kind, ownDraft) })).status).toBe(201);
      const buyersDraft = await draftResult(buyer);
      expect((await call(contractsRoute, { token: seller.token, body: body(seller, buyer, kind, buyersDraft) })).status).toBe(201);
    });
  }
});

function signupBody(over: Record<string, unknown> = {}) {
  return { email: uniqueEmail('signup'), password: 'Strong-pass-2026', orgName: '聊城某某新材料有限公司', orgKind: 'enterprise', creditCode: uniqueCreditCode('371502'), regionCode: '371502', ...over };
}

describe('organisation names', () => {
  it('signup stores the normalised name (NFKC, trimmed, inner spaces collapsed)', async () => {
    const input = signupBody({ orgName: '  聊城 ＡＢＣ   新材料\u3000有限公司 ' });
    expect((await call(signupRoute, { body: input })).status).toBe(202);
    const [org] = await getDb().select().from(organizations).where(eq(organizations.creditCode, input.creditCode));
    expect(org!.name).toBe('聊城 ABC 新材料 有限公司');
  });

  for (const [what, name] of [
    ['a right-to-left override', '聊城\u202E司公限有料材新'],
    ['a zero-width space', '聊城大\u200B学'],
    ['a zero-width joiner', '聊城大\u200D学'],
  ] as const) {
    it(`signup refuses ${what} with 400 on orgName and creates nothing`, async () => {
      const input = signupBody({ orgName: name });
      const res = await call(signupRoute, { body: input });
      expect(res.status).toBe(400);
      expect((await json<ErrorBody>(res)).error.fields?.orgName).toMatch(/U\+/);
      expect(await getDb().$count(organizations, eq(organizations.creditCode, input.creditCode))).toBe(0);
    });
  }

  it('signup refuses the name of a verified organisation, however it is written; a pending one’s is no claim', async () => {
    await createOrg({ name: 'Liaocheng  Gear Works', status: 'verified' });
    for (const name of ['liaocheng gear works', 'Ｌｉａｏｃｈｅｎｇ Gear Works', ' Liaocheng\u3000Gear Works ']) {
      const res = await call(signupRoute, { body: signupBody({ orgName: name }) });
      expect(res.status).toBe(409);
      expect((await json<ErrorBody>(res)).error.fields?.orgName).toBeTruthy();
    }
    await createOrg({ name: '待审核的齿轮厂', status: 'pending' });
    expect((await call(signupRoute, { body: signupBody({ orgName: '待审核的齿轮厂' }) })).status).toBe(202);
  });

  it('the organisation edit (API) normalises the English name and refuses hidden characters and a verified one’s name', async () => {
    const { token, org } = await tokenOf('enterprise');
    const patch = (nameEn: string) => call(orgRoute, { token, method: 'PATCH', params: { id: org.id }, body: { nameEn } });
    const ok = await patch('  Liaocheng   Ｎｅｗ Materials ');
    expect(ok.status).toBe(200);
    expect((await json<{ nameEn: string }>(ok)).nameEn).toBe('Liaocheng New Materials');
    const hidden = await patch('Liaocheng\u202EMaterials');
    expect(hidden.status).toBe(400);
    expect((await json<ErrorBody>(hidden)).error.fields?.nameEn).toMatch(/U\+202E/);
    const other = await createOrg({ name: 'Shandong Bearing Co', status: 'verified' });
    const clash = await patch('shandong bearing co');
    expect(clash.status).toBe(409);
    expect((await json<ErrorBody>(clash)).error.fields?.nameEn).toBeTruthy();
    // Its own English name again is no clash.
    expect((await patch('Liaocheng New Materials')).status).toBe(200);
    void other;
  });
});

describe('signup and invitations do not tell who is registered', () => {
  const mailTo = (to: string) => getDb().select().from(emails).where(eq(emails.to, to));

  it('signup answers the same for a registered address, creates nothing, and e-mails its owner', async () => {
    const fresh = signupBody();
    const a = await call(signupRoute, { body: fresh });
    const existing = await createUser();
    const before = { orgs: await getDb().$count(organizations), users: await getDb().$count(users) };
    const b = await call(signupRoute, { body: signupBody({ email: existing.email.toUpperCase() }) });
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(await b.json()).toEqual(await a.json());
    expect({ orgs: await getDb().$count(organizations), users: await getDb().$count(users) }).toEqual(before);
    const [welcome] = await mailTo(fresh.email);
    expect(welcome!.subject).toContain('单位注册已收到');
    const [warning] = await mailTo(existing.email);
    expect(warning!.subject).toContain('有人尝试用您的邮箱注册');
    expect(warning!.text).toContain('http://localhost/login');
    const [row] = await getDb().select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.action, 'auth.signup.existing_email'), eq(auditEvents.subjectId, existing.id)));
    expect(row!.n).toBe(1);
    // The new account logs in with its password (signup no longer opens a session by itself).
    expect((await call(loginRoute, { body: { email: fresh.email, password: fresh.password } })).status).toBe(200);
  });

  it('the signup page shows the same page either way, with no session', async () => {
    const existing = await createUser();
    const form = (email: string) => ({ ...signupBody({ email }), regionCode: '东昌府区' }) as Record<string, string>;
    const a = await call(signupPage, { form: form(uniqueEmail('page')) });
    const b = await call(signupPage, { form: form(existing.email) });
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.headers.get('set-cookie')).toBeNull();
    expect(b.headers.get('set-cookie')).toBeNull();
    expect(Object.keys(await a.json())).toEqual(Object.keys(await b.json()));
  });

  it('an invitation to a registered address answers as any other and e-mails a note instead of the link', async () => {
    const { token, org } = await tokenOf('enterprise');
    const elsewhere = await createUser();
    const invite = (email: string) => call(invitationsRoute, { token, params: { id: org.id }, body: { email, role: 'org_member' } });
    const a = await invite(uniqueEmail('colleague'));
    const b = await invite(elsewhere.email);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(Object.keys(await b.json()).sort()).toEqual(Object.keys(await a.json()).sort());
    expect(await getDb().$count(invitations, eq(invitations.orgId, org.id))).toBe(2);
    const [note] = await mailTo(elsewhere.email);
    expect(note!.text).toContain('本邮箱已有平台账户');
    // No invitation link was queued for the registered address.
    const jobs = await getDb().execute<{ n: number }>(
      sql`select count(*)::int as n from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'mail:invitation'`,
    );
    expect(jobs[0]!.n).toBe(1);
  });
});
