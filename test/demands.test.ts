import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '#db/client.ts';
import { demands } from '#db/schema.ts';
import { handlers } from '#jobs/handlers.ts';
import { crontab } from '#jobs/worker.ts';
import { indexName, meili } from '#search/client.ts';
import { reindexDemands } from '#search/demands-sync.ts';
import { DEMANDS_INDEX, type DemandDocument } from '#search/indexes/demands.ts';
import { demandsIndexStatus } from '#search/setup.ts';
import { expireDemands } from '#app/services/demands.server.ts';
import * as listRoute from '#app/routes/api.v1.demands._index.ts';
import * as demandRoute from '#app/routes/api.v1.demands.$id.ts';
import * as closeRoute from '#app/routes/api.v1.demands.$id.close.ts';
import * as takeRoute from '#app/routes/api.v1.demands.$id.take.ts';
import * as followupsRoute from '#app/routes/api.v1.demands.$id.followups.ts';
import * as searchRoute from '#app/routes/api.v1.search.demands.ts';
import * as openapi from '#app/routes/api.v1.openapi[.json].ts';
import * as newPage from '#app/routes/demands.new.tsx';
import * as listPage from '#app/routes/demands._index.tsx';
import * as demandPage from '#app/routes/demands.$id.tsx';
import { call, json } from './api.ts';
import { demandInput, inDays, login, settled, withDemandSearch } from './demands-harness.ts';
import { within } from './search-harness.ts';

withDemandSearch();

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };
type DemandBody = { id: string; status: string; budget: string | null; deadline: string | null; ownerOrgId: string; enterprise: string; takenByOrgId: string | null };

async function post(token: string, over: Record<string, unknown> = {}) {
  const res = await call(listRoute, { token, body: demandInput(over) });
  return { status: res.status, body: await json<DemandBody & ErrorBody>(res) };
}

async function searchIds(token: string, q: string): Promise<string[]> {
  const res = await call(searchRoute, { token, path: `/api/v1/search/demands?q=${encodeURIComponent(q)}` });
  expect(res.status).toBe(200);
  return (await json<{ items: Array<{ id: string }> }>(res)).items.map((i) => i.id);
}

describe('posting a demand', () => {
  it('publishes a verified enterprise’s demand at once, money as a string, 面议 as null', async () => {
    const { token, org } = await login('enterprise');
    const a = await post(token);
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ status: 'published', budget: '2000000.00', ownerOrgId: org!.id, enterprise: org!.name, takenByOrgId: null });
    const b = await post(token, { budget: null, deadline: null, maturityNeeded: undefined, indicators: undefined });
    expect(b.status).toBe(201);
    expect(b.body).toMatchObject({ budget: null, deadline: null });
    expect((await post(token, { budget: '1,200,000.5' })).body.budget).toBe('1200000.50');
  });

  it('refuses a negative, non-numeric, zero or absurd budget with 400 on the budget field', async () => {
    const { token } = await login('enterprise');
    for (const budget of ['-5000.00', 'abc', 'NaN', 'Infinity', '1e6', '1000000000000.00', '999999999999.999', '12.345', '0', '0.00', 5000, true, {}]) {
      const r = await post(token, { budget });
      expect(r.status, String(budget)).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
      expect(r.body.error.fields?.budget, String(budget)).toBeTruthy();
    }
    expect((await post(token, { budget: '999999999999.99' })).status).toBe(201);
  });

  it('checks the other fields too, with a message per field', async () => {
    const { token } = await login('enterprise');
    const bad = await post(token, { title: '太短', description: '短', field: 'astrology', cooperationModes: [], deadline: inDays(-1), maturityNeeded: 'done', indicators: Array.from({ length: 21 }, (_, i) => `指标${i}`) });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields ?? {}).sort()).toEqual(['cooperationModes', 'deadline', 'description', 'field', 'indicators', 'maturityNeeded', 'title']);
    expect(bad.body.error.fields?.deadline).toMatch(/今天/);
    expect((await post(token, { deadline: '2026-02-30' })).status).toBe(400);
    expect((await post(token, { deadline: inDays(0) })).status).toBe(201);
    const english = await call(listRoute, { token, body: demandInput({ budget: '-1' }), headers: { 'accept-language': 'en' } });
    expect((await json<ErrorBody>(english)).error.fields?.budget).toMatch(/negotiable/);
  });

  it('lets only verified enterprises post: a university, an agency, the bureau or a pending enterprise get 403', async () => {
    for (const who of [await login('university'), await login('agency'), await login('bureau'), await login('enterprise', { status: 'pending' })]) {
      const r = await post(who.token);
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('forbidden');
    }
    expect((await call(listRoute, { body: demandInput() })).status).toBe(401);
  });
});

describe('who sees a demand', () => {
  it('shows a published demand to anyone signed in, a closed one only to the owner, agencies and the bureau', async () => {
    const owner = await login('enterprise');
    const { body: d } = await post(owner.token);
    const university = await login('university');
    const agency = await login('agency');
    const bureau = await login('bureau');
    expect((await call(demandRoute, { params: { id: d.id } })).status).toBe(401);
    expect((await call(demandRoute, { token: university.token, params: { id: d.id } })).status).toBe(200);

    expect((await call(closeRoute, { token: university.token, params: { id: d.id }, method: 'POST' })).status).toBe(403);
    const other = await login('enterprise');
    expect((await call(closeRoute, { token: other.token, params: { id: d.id }, method: 'POST' })).status).toBe(404);
    const closed = await call(closeRoute, { token: owner.token, params: { id: d.id }, method: 'POST' });
    expect(closed.status).toBe(200);
    expect((await json<DemandBody>(closed)).status).toBe('closed');

    expect((await call(demandRoute, { token: university.token, params: { id: d.id } })).status).toBe(404);
    expect((await call(demandRoute, { token: other.token, params: { id: d.id } })).status).toBe(404);
    for (const who of [owner, agency, bureau]) expect((await call(demandRoute, { token: who.token, params: { id: d.id } })).status).toBe(200);
    expect((await call(closeRoute, { token: owner.token, params: { id: d.id }, method: 'POST' })).status).toBe(409);
    expect((await call(demandRoute, { method: 'PATCH', token: owner.token, params: { id: d.id }, body: { title: '改一个新的需求名称' } })).status).toBe(409);
  });

  it('lets the owner edit a published demand, and nobody else', async () => {
    const owner = await login('enterprise');
    const { body: d } = await post(owner.token);
    const other = await login('enterprise');
    expect((await call(demandRoute, { method: 'PATCH', token: other.token, params: { id: d.id }, body: { title: '别人的需求改不了' } })).status).toBe(404);
    expect((await call(demandRoute, { method: 'PATCH', token: owner.token, params: { id: d.id }, body: { budget: '-1' } })).status).toBe(400);
    const ok = await call(demandRoute, { method: 'PATCH', token: owner.token, params: { id: d.id }, body: { budget: null, keywords: ['正极材料'] } });
    expect(ok.status).toBe(200);
    expect((await json<DemandBody>(ok)).budget).toBeNull();
  });

  it('lists an enterprise’s own demands, the published ones for others, and everything only for the bureau and agencies', async () => {
    const owner = await login('enterprise');
    const { body: open } = await post(owner.token, { title: '列表测试用的公开需求' });
    const { body: shut } = await post(owner.token, { title: '列表测试用的关闭需求' });
    await call(closeRoute, { token: owner.token, params: { id: shut.id }, method: 'POST' });
    type List = { items: Array<{ id: string }>; total: number; scope: string };
    const mine = await json<List>(await call(listRoute, { token: owner.token, path: '/api/v1/demands' }));
    expect(mine.scope).toBe('mine');
    expect(mine.items.map((i) => i.id).sort()).toEqual([open.id, shut.id].sort());
    const university = await login('university');
    const pub = await json<List>(await call(listRoute, { token: university.token, path: '/api/v1/demands?pageSize=100' }));
    expect(pub.scope).toBe('public');
    expect(pub.items.some((i) => i.id === open.id)).toBe(true);
    expect(pub.items.some((i) => i.id === shut.id)).toBe(false);
    expect((await call(listRoute, { token: university.token, path: '/api/v1/demands?scope=all' })).status).toBe(403);
    const bureau = await login('bureau');
    const all = await json<List>(await call(listRoute, { token: bureau.token, path: '/api/v1/demands?scope=all&status=closed&pageSize=100' }));
    expect(all.items.some((i) => i.id === shut.id)).toBe(true);
    expect((await call(listRoute, { token: bureau.token, path: '/api/v1/demands?pageSize=500' })).status).toBe(400);
  });
});

describe('search index sync and expiry', () => {
  it('makes a posted demand searchable within 2 s and removes a closed one within 2 s', async () => {
    const owner = await login('enterprise');
    const reader = await login('university');
    await settled();
    const { body: d } = await post(owner.token, { title: '秸秆清洁制浆废水深度处理技术需求', keywords: ['造纸废水', '深度处理'], field: 'resources_environment_energy' });
    const shown = await within(10_000, async () => (await searchIds(reader.token, '造纸废水')).includes(d.id));
    expect((await call(searchRoute, { path: '/api/v1/search/demands?q=造纸' })).status).toBe(401);
    await call(closeRoute, { token: owner.token, params: { id: d.id }, method: 'POST' });
    const gone = await within(10_000, async () => !(await searchIds(reader.token, '造纸废水')).includes(d.id));
    console.info(`[demands] searchable after ${shown.elapsedMs.toFixed(0)} ms; gone after ${gone.elapsedMs.toFixed(0)} ms`);
  });

  it('expires published demands past their deadline and takes them out of the index (a cron job)', async () => {
    expect(handlers['demands:expire']).toBeTypeOf('function');
    expect(crontab).toMatch(/^\*\/5 \* \* \* \* demands:expire/m);
    const owner = await login('enterprise');
    const reader = await login('university');
    await settled();
    const { body: d } = await post(owner.token, { title: '盐碱地耐盐牧草品种引进需求', keywords: ['耐盐牧草'], field: 'agriculture', deadline: inDays(1) });
    const { body: keep } = await post(owner.token, { title: '盐碱地耐盐牧草种植技术需求', keywords: ['耐盐牧草'], field: 'agriculture', deadline: inDays(1) });
    await within(5_000, async () => (await searchIds(reader.token, '耐盐牧草')).includes(d.id));
    await settled();
    // As if the deadline had passed: yesterday, Beijing time.
    await getDb().update(demands).set({ deadline: inDays(-1) }).where(eq(demands.id, d.id));
    expect(await expireDemands()).toBe(1);
    expect(await expireDemands()).toBe(0);
    const [row] = await getDb().select().from(demands).where(eq(demands.id, d.id));
    expect(row!.status).toBe('expired');
    await within(10_000, async () => {
      const ids = await searchIds(reader.token, '耐盐牧草');
      return !ids.includes(d.id) && ids.includes(keep.id);
    });
    expect((await call(demandRoute, { token: reader.token, params: { id: d.id } })).status).toBe(404);
    expect((await json<DemandBody>(await call(demandRoute, { token: owner.token, params: { id: d.id } }))).status).toBe('expired');
  });
});

describe('reindex', () => {
  it('rebuilds the demands index from PostgreSQL, swaps it in, and the best match scores follow', async () => {
    const owner = await login('enterprise');
    const reader = await login('university');
    const { body: open } = await post(owner.token, { title: '聚乳酸可降解餐盒耐热改性需求', keywords: ['聚乳酸', '耐热改性'] });
    const { body: shut } = await post(owner.token, { title: '聚乳酸吸管量产工艺需求', keywords: ['聚乳酸', '吸管'] });
    await call(closeRoute, { token: owner.token, params: { id: shut.id }, method: 'POST' });
    await settled();
    const r = await reindexDemands();
    expect(r.documents).toBeGreaterThan(0);
    expect(await demandsIndexStatus()).toBe('current');
    const ids = await searchIds(reader.token, '聚乳酸');
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(shut.id);
    await within(10_000, async () => {
      const doc = await meili().index<DemandDocument>(indexName(DEMANDS_INDEX)).getDocument(open.id);
      return doc.bestMatchScore !== null;
    });
  });
});

describe('agencies take demands on and follow them up', () => {
  it('lets one verified agency take a demand on, record follow-ups, and the bureau read them', async () => {
    const owner = await login('enterprise');
    const { body: d } = await post(owner.token);
    const agency = await login('agency');
    const rival = await login('agency');
    const pendingAgency = await login('agency', { status: 'pending' });
    const university = await login('university');
    const bureau = await login('bureau');
    const take = (token: string) => call(takeRoute, { token, params: { id: d.id }, method: 'POST' });
    const followup = (token: string, note: string) => call(followupsRoute, { token, params: { id: d.id }, body: { note } });

    for (const who of [owner, university, pendingAgency, bureau]) expect((await take(who.token)).status).toBe(403);
    expect((await followup(agency.token, '还没承接就想记录')).status).toBe(409);
    const taken = await take(agency.token);
    expect(taken.status).toBe(200);
    expect((await json<DemandBody>(taken)).takenByOrgId).toBe(agency.org!.id);
    expect((await take(agency.token)).status).toBe(200);
    expect((await take(rival.token)).status).toBe(409);

    expect((await followup(rival.token, '别家机构的跟进')).status).toBe(403);
    expect((await followup(agency.token, '')).status).toBe(400);
    const added = await followup(agency.token, '已联系需求方，推荐了 2 项成果，约定下周现场对接。');
    expect(added.status).toBe(201);

    type Followups = { items: Array<{ note: string; agency: string }> };
    const seenByBureau = await json<Followups>(await call(followupsRoute, { token: bureau.token, params: { id: d.id } }));
    expect(seenByBureau.items).toHaveLength(1);
    expect(seenByBureau.items[0]).toMatchObject({ note: '已联系需求方，推荐了 2 项成果，约定下周现场对接。', agency: agency.org!.name });
    expect((await json<Followups>(await call(followupsRoute, { token: agency.token, params: { id: d.id } }))).items).toHaveLength(1);
    expect((await json<Followups>(await call(followupsRoute, { token: rival.token, params: { id: d.id } }))).items).toHaveLength(0);
    for (const who of [owner, university]) expect((await call(followupsRoute, { token: who.token, params: { id: d.id } })).status).toBe(403);

    const { body: closed } = await post(owner.token);
    await call(closeRoute, { token: owner.token, params: { id: closed.id }, method: 'POST' });
    expect((await call(takeRoute, { token: rival.token, params: { id: closed.id }, method: 'POST' })).status).toBe(409);
  });
});

describe('pages', () => {
  it('posts a demand from the form (面议 when the budget is empty), and answers a bad budget with 400 on that field', async () => {
    const { token } = await login('enterprise');
    const form = { title: '锂电池极片涂布厚度在线监测', description: '涂布厚度波动导致电池一致性差，需要在线监测与闭环控制技术。', field: 'new_materials', keywords: '涂布，在线监测、锂电池', indicators: '厚度偏差 ≤ 1 μm\n响应时间 ≤ 1 s', cooperationModes: 'license', budget: '', deadline: '', maturityNeeded: '' };
    const bad = await call(newPage, { token, form: { ...form, budget: '-3' } });
    expect(bad.status).toBe(400);
    expect((await json<{ fields: Record<string, unknown> }>(bad)).fields.budget).toBeTruthy();
    const ok = await call(newPage, { token, form });
    expect(ok.status).toBe(302);
    const id = ok.headers.get('location')!.match(/\/demands\/([0-9a-f-]{36})/)![1]!;
    const page = await json<{ demand: { budget: string | null; keywords: string[]; indicators: string[]; viewer: { isOwner: boolean } }; matches: { items: unknown[] } | null }>(
      await call(demandPage, { token, params: { id }, path: `/demands/${id}` }),
    );
    expect(page.demand).toMatchObject({ budget: null, keywords: ['涂布', '在线监测', '锂电池'], indicators: ['厚度偏差 ≤ 1 μm', '响应时间 ≤ 1 s'], viewer: { isOwner: true } });
    expect(page.matches).not.toBeNull();
    expect((await call(newPage, { token: (await login('university')).token, path: '/demands/new' })).status).toBe(403);
  });

  it('lists my demands for an enterprise and the public ones, with search, for others; the owner closes from the page', async () => {
    const owner = await login('enterprise');
    const { body: d } = await post(owner.token, { title: '冠县鸭梨采后保鲜贮藏技术需求', keywords: ['鸭梨', '保鲜'], field: 'agriculture' });
    type List = { scope: string; items: Array<{ id: string; titleHtml: string | null }>; total: number };
    const mine = await json<List>(await call(listPage, { token: owner.token, path: '/demands' }));
    expect(mine.scope).toBe('mine');
    expect(mine.items.map((i) => i.id)).toContain(d.id);
    const reader = await login('university');
    await within(5_000, async () => {
      const found = await json<List>(await call(listPage, { token: reader.token, path: `/demands?q=${encodeURIComponent('鸭梨')}` }));
      return found.scope === 'public' && found.items.some((i) => i.id === d.id && i.titleHtml?.includes('<mark>鸭梨</mark>'));
    });
    expect((await call(listPage, { path: '/demands' })).status).toBe(302);
    const closed = await call(demandPage, { token: owner.token, params: { id: d.id }, form: { intent: 'close' } });
    expect(closed.status).toBe(200);
    expect((await json<{ done: string }>(closed)).done).toBe('close');
    expect((await call(demandPage, { token: reader.token, params: { id: d.id }, form: { intent: 'close' } })).status).toBe(403);
  });
});

describe('OpenAPI', () => {
  it('documents the demand endpoints from the same schemas', async () => {
    type Doc = { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }>> };
    const doc = await json<Doc>(await call(openapi, { path: '/api/v1/openapi.json' }));
    for (const p of ['/demands', '/demands/{id}', '/demands/{id}/close', '/demands/{id}/matches', '/demands/{id}/take', '/demands/{id}/followups', '/results/{id}/matches', '/search/demands']) expect(doc.paths).toHaveProperty([p]);
    expect(doc.paths['/demands']!.post!.requestBody!.content['application/json']!.schema.required).toEqual(expect.arrayContaining(['title', 'description', 'field', 'cooperationModes']));
  });
});
