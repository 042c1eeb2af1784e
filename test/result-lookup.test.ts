import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '#db/client.ts';
import { contracts } from '#db/schema.ts';
import * as resultCreateRoute from '#app/routes/api.v1.results._index.ts';
import * as publishRoute from '#app/routes/api.v1.results.$id.publish.ts';
import * as lookupRoute from '#app/routes/results.lookup.ts';
import * as contractNewPage from '#app/routes/contracts.new.tsx';
import * as contractEditPage from '#app/routes/contracts.$id.edit.tsx';
import { call, json } from './api.ts';
import { bureauToken } from './contract-fixtures.ts';
import { patentInput, tokenOf } from './factories.ts';

type Items = { items: Array<{ id: string; title: string; patentNo: string | null; holderName: string }> };
type FormBody = { fields?: Record<string, { zh: string; en: string }>; values?: Record<string, string> };

// Titles carry this run's tag, so other results in the database never match by accident.
const tag = randomUUID().slice(0, 6);
const titles = {
  published: `淼鑫${tag}高镍正极材料制备方法`,
  draft: `淼鑫${tag}固态电解质膜（草稿）`,
  other: `淼鑫${tag}另一所高校的成果`,
};

let seller: Awaited<ReturnType<typeof tokenOf>>;
let otherSeller: Awaited<ReturnType<typeof tokenOf>>;
let buyer: Awaited<ReturnType<typeof tokenOf>>;
const ids = {} as Record<keyof typeof titles, string>;
const patents = {} as Record<keyof typeof titles, string>;

async function listed(token: string, key: keyof typeof titles, publish: boolean) {
  const input = patentInput({ title: titles[key] });
  const r = await json<{ id: string }>(await call(resultCreateRoute, { token, body: input }));
  if (publish) await call(publishRoute, { token, params: { id: r.id }, method: 'POST' });
  ids[key] = r.id;
  patents[key] = input.patentNo as string;
}

beforeAll(async () => {
  seller = await tokenOf('university');
  otherSeller = await tokenOf('institute');
  buyer = await tokenOf('enterprise');
  await listed(seller.token, 'published', true);
  await listed(seller.token, 'draft', false);
  await listed(otherSeller.token, 'other', true);
});

async function found(token: string, query: Record<string, string>) {
  const res = await call(lookupRoute, { token, path: `/results/lookup?${new URLSearchParams(query)}` });
  expect(res.status).toBe(200);
  return (await json<Items>(res)).items.map((r) => r.id);
}

describe('GET /results/lookup', () => {
  it('finds results by part of the title; the seller sees its drafts, a buyer only published ones', async () => {
    expect(new Set(await found(seller.token, { q: `淼鑫${tag}`, limit: '50' }))).toEqual(new Set([ids.published, ids.draft, ids.other]));
    expect(new Set(await found(buyer.token, { q: `淼鑫${tag}`, limit: '50' }))).toEqual(new Set([ids.published, ids.other]));
  });

  it('narrows to the results the chosen seller holds', async () => {
    expect(new Set(await found(buyer.token, { q: `淼鑫${tag}`, sellerOrgId: seller.org.id }))).toEqual(new Set([ids.published]));
    expect(new Set(await found(seller.token, { q: tag, sellerOrgId: seller.org.id }))).toEqual(new Set([ids.published, ids.draft]));
  });

  it('finds a result by its patent number in another written form', async () => {
    const digits = patents.other.slice(2);
    expect(await found(buyer.token, { q: digits.replace('.', '') })).toEqual([ids.other]);
  });

  it('refuses a bad seller id or limit with 400, anonymous with 401 and the bureau with 403', async () => {
    const bad = await call(lookupRoute, { token: buyer.token, path: '/results/lookup?sellerOrgId=not-a-uuid' });
    expect(bad.status).toBe(400);
    expect((await call(lookupRoute, { token: buyer.token, path: '/results/lookup?limit=0' })).status).toBe(400);
    expect((await call(lookupRoute, { path: '/results/lookup' })).status).toBe(401);
    expect((await call(lookupRoute, { token: await bureauToken(), path: '/results/lookup' })).status).toBe(403);
  });
});

async function contractCount() {
  const [row] = await getDb().select({ n: count() }).from(contracts);
  return row!.n;
}

/** The wizard's form as a browser without script sends it: ids empty, names typed. */
function transferForm(over: Record<string, string>) {
  return {
    kind: 'transfer',
    title: `淼鑫${tag}技术转让合同`,
    sellerOrgId: seller.org.id,
    sellerOrgIdName: seller.org.name,
    buyerOrgId: buyer.org.id,
    buyerOrgIdName: buyer.org.name,
    brokerOrgId: '',
    brokerOrgIdName: '',
    resultId: '',
    resultIdName: '',
    amount: '500000',
    signedOn: '2025-06-01',
    ...over,
  };
}

describe('the contract wizard names the transferred result', () => {
  it('prefills the result (its title shipped with the names) when started from the result page', async () => {
    type Wizard = { names: Record<string, string>; result: { id: string } };
    const w = await json<Wizard>(await call(contractNewPage, { token: seller.token, path: `/contracts/new?resultId=${ids.published}` }));
    expect(w.result.id).toBe(ids.published);
    expect(w.names[ids.published]).toBe(titles.published);
  });

  it('resolves a typed title, or a patent number, among the seller’s results', async () => {
    for (const resultIdName of [titles.published, patents.published]) {
      const res = await call(contractNewPage, { token: buyer.token, path: '/contracts/new', form: transferForm({ resultIdName }) });
      expect(res.status, resultIdName).toBe(302);
      const id = res.headers.get('location')!.split('/').pop()!;
      const [c] = await getDb().select().from(contracts).where(eq(contracts.id, id));
      expect(c?.resultId).toBe(ids.published);
    }
  });

  it('refuses another holder’s result, an unknown title, and a transfer with no result, creating nothing', async () => {
    // The picker's own refusals are 400s; the contract rules' (a picked id the seller does not hold) a 422.
    const cases: Array<[string, Record<string, string>, number, RegExp]> = [
      ['another holder', { resultIdName: titles.other }, 400, /找不到该名称的成果/],
      ['an id of another holder', { resultId: ids.other, resultIdName: titles.other }, 422, /卖方不是该成果的当前权利人/],
      ['unknown', { resultIdName: `没有这项${tag}` }, 400, /找不到该名称的成果/],
      ['none', {}, 400, /须指定转让的成果/],
    ];
    for (const [what, over, status, zh] of cases) {
      const before = await contractCount();
      const res = await call(contractNewPage, { token: buyer.token, path: '/contracts/new', form: transferForm(over) });
      expect(res.status, what).toBe(status);
      const body = await json<FormBody>(res);
      expect(body.fields?.resultId?.zh, what).toMatch(zh);
      expect(await contractCount(), what).toBe(before);
    }
  });

  it('lets the edit page change the result, within the locked seller’s results', async () => {
    const created = await call(contractNewPage, { token: seller.token, path: '/contracts/new', form: transferForm({ resultIdName: titles.published }) });
    const id = created.headers.get('location')!.split('/').pop()!;
    const page = await json<{ names: Record<string, string> }>(await call(contractEditPage, { token: seller.token, path: `/contracts/${id}/edit`, params: { id } }));
    expect(page.names[ids.published]).toBe(titles.published);
    const edit = (resultIdName: string) => {
      const { sellerOrgIdName: _s, buyerOrgIdName: _b, ...form } = transferForm({ resultIdName });
      return call(contractEditPage, { token: seller.token, path: `/contracts/${id}/edit`, params: { id }, form });
    };
    expect((await edit(titles.other)).status).toBe(400);
    expect((await edit(titles.draft)).status).toBe(302);
    const [c] = await getDb().select().from(contracts).where(eq(contracts.id, id));
    expect(c?.resultId).toBe(ids.draft);
  });
});
