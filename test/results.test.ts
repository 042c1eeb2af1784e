import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '#db/client.ts';
import { results } from '#db/schema.ts';
import * as createRoute from '#app/routes/api.v1.results._index.ts';
import * as resultRoute from '#app/routes/api.v1.results.$id.ts';
import * as publishRoute from '#app/routes/api.v1.results.$id.publish.ts';
import * as withdrawRoute from '#app/routes/api.v1.results.$id.withdraw.ts';
import { call, json } from './api.ts';
import { patentInput, patentNo, tokenOf } from './factories.ts';

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };
type ResultBody = { id: string; status: string; patentNo: string | null; price: string | null; holderOrgId: string; ownerOrgId: string };

describe('results: create, edit, publish, withdraw', () => {
  it('lets a verified university create a draft it holds, in one normal form of patent number', async () => {
    const { token, org } = await tokenOf('university');
    const input = patentInput();
    const raw = input.patentNo.replace('ZL', '').replace('.', '');
    const res = await call(createRoute, { token, body: { ...input, patentNo: raw } });
    expect(res.status).toBe(201);
    const body = await json<ResultBody>(res);
    expect(body).toMatchObject({ status: 'draft', patentNo: input.patentNo, price: '1200000.00', ownerOrgId: org.id, holderOrgId: org.id });
  });

  it('refuses an invalid patent number with 400 and the reason', async () => {
    const { token } = await tokenOf();
    const good = patentNo();
    const wrongCheck = good.slice(0, -1) + (good.endsWith('1') ? '2' : '1');
    const res = await call(createRoute, { token, body: patentInput({ patentNo: wrongCheck }) });
    expect(res.status).toBe(400);
    expect((await json<ErrorBody>(res)).error.fields?.patentNo).toMatch(/校验位/);
    const format = await call(createRoute, { token, body: patentInput({ patentNo: 'ZL123' }) });
    expect((await json<ErrorBody>(format)).error.fields?.patentNo).toMatch(/格式/);
    const missing = await call(createRoute, { token, body: patentInput({ patentNo: undefined }) });
    expect((await json<ErrorBody>(missing)).error.fields?.patentNo).toBeTruthy();
  });

  it('refuses listing by an unverified organisation (403) and by an agency (403)', async () => {
    const pending = await tokenOf('university', 'pending');
    expect((await call(createRoute, { token: pending.token, body: patentInput() })).status).toBe(403);
    const agency = await tokenOf('agency');
    expect((await call(createRoute, { token: agency.token, body: patentInput() })).status).toBe(403);
    const enterprise = await tokenOf('enterprise');
    expect((await call(createRoute, { token: enterprise.token, body: patentInput() })).status).toBe(201);
  });

  it("hides another organisation's draft (404), and shows it once published", async () => {
    const a = await tokenOf();
    const b = await tokenOf();
    const { id } = await json<ResultBody>(await call(createRoute, { token: a.token, body: patentInput() }));
    expect((await call(resultRoute, { token: b.token, params: { id } })).status).toBe(404);
    expect((await call(resultRoute, { params: { id } })).status).toBe(404);
    expect((await call(resultRoute, { method: 'PATCH', token: b.token, params: { id }, body: { title: '改个标题看看' } })).status).toBe(404);
    expect((await call(publishRoute, { token: b.token, params: { id }, method: 'POST' })).status).toBe(404);
    expect((await call(publishRoute, { token: a.token, params: { id }, method: 'POST' })).status).toBe(200);
    expect((await call(resultRoute, { params: { id } })).status).toBe(200);
  });

  it('keeps a patent number unique among active listings', async () => {
    const a = await tokenOf();
    const b = await tokenOf();
    const no = patentNo();
    const first = await json<ResultBody>(await call(createRoute, { token: a.token, body: patentInput({ patentNo: no }) }));
    const dup = await call(createRoute, { token: b.token, body: patentInput({ patentNo: no }) });
    expect(dup.status).toBe(409);
    expect((await json<ErrorBody>(dup)).error.fields?.patentNo).toBeTruthy();
    await call(withdrawRoute, { token: a.token, params: { id: first.id }, method: 'POST' });
    expect((await call(createRoute, { token: b.token, body: patentInput({ patentNo: no }) })).status).toBe(201);
  });

  it('edits with PATCH, validates the merged row, and records history', async () => {
    const { token } = await tokenOf();
    const { id } = await json<ResultBody>(await call(createRoute, { token, body: patentInput() }));
    const ok = await call(resultRoute, { method: 'PATCH', token, params: { id }, body: { price: null, title: '一种改进的高镍三元正极材料制备方法' } });
    expect(ok.status).toBe(200);
    expect((await json<ResultBody>(ok)).price).toBeNull();
    const bad = await call(resultRoute, { method: 'PATCH', token, params: { id }, body: { ipType: 'software_copyright' } });
    expect(bad.status).toBe(400);
    const negative = await call(resultRoute, { method: 'PATCH', token, params: { id }, body: { price: '-5' } });
    expect(negative.status).toBe(400);
    const [row] = await getDb().select().from(results).where(eq(results.id, id));
    expect(row!.ipType).toBe('invention_patent');
    expect(row!.version).toBe(2);
  });

  it('answers 409 to publishing twice and withdrawing twice', async () => {
    const { token } = await tokenOf();
    const { id } = await json<ResultBody>(await call(createRoute, { token, body: patentInput() }));
    expect((await call(publishRoute, { token, params: { id }, method: 'POST' })).status).toBe(200);
    expect((await call(publishRoute, { token, params: { id }, method: 'POST' })).status).toBe(409);
    expect((await call(withdrawRoute, { token, params: { id }, method: 'POST' })).status).toBe(200);
    expect((await call(withdrawRoute, { token, params: { id }, method: 'POST' })).status).toBe(409);
  });
});
