import { randomUUID } from 'node:crypto';
import { and, count, eq, ne } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '#db/client.ts';
import { contracts, organizations } from '#db/schema.ts';
import * as lookupRoute from '#app/routes/orgs.lookup.ts';
import * as contractNewPage from '#app/routes/contracts.new.tsx';
import * as contractEditPage from '#app/routes/contracts.$id.edit.tsx';
import { call, json } from './api.ts';
import { bureauToken, type ErrorBody } from './contract-fixtures.ts';
import { createOrg, tokenOf } from './factories.ts';

type Items = { items: Array<{ id: string; name: string; kind: string }> };
type FormBody = { fields?: Record<string, { zh: string; en: string }>; values?: Record<string, string> };

// Names carry this run's tag, so other organisations in the database never match by accident.
const tag = randomUUID().slice(0, 6);
const names = {
  prefix: `淼鑫精密${tag}有限公司`,
  inner: `${tag}淼鑫研究院`,
  pending: `淼鑫${tag}待审单位`,
  agency: `淼鑫${tag}技术转移中心`,
  percent: `百分${tag}100%_公司`,
};

let viewer: Awaited<ReturnType<typeof tokenOf>>;
const org: Record<keyof typeof names, { id: string; creditCode: string }> = {} as never;

beforeAll(async () => {
  viewer = await tokenOf('enterprise');
  org.prefix = await createOrg({ name: names.prefix, kind: 'enterprise' });
  org.inner = await createOrg({ name: names.inner, kind: 'institute' });
  org.pending = await createOrg({ name: names.pending, kind: 'enterprise', status: 'pending' });
  org.agency = await createOrg({ name: names.agency, kind: 'agency' });
  org.percent = await createOrg({ name: names.percent, kind: 'enterprise' });
});

/** As the viewer, unless another token (or null: anonymous) is given. */
async function lookup(query: Record<string, string>, token: string | null = viewer.token) {
  return call(lookupRoute, { token: token ?? undefined, path: `/orgs/lookup?${new URLSearchParams(query)}` });
}
async function found(query: Record<string, string>) {
  const res = await lookup(query);
  expect(res.status).toBe(200);
  return (await json<Items>(res)).items;
}

describe('GET /orgs/lookup', () => {
  it('finds verified parties by a Chinese two-character substring, names starting with it first', async () => {
    const items = await found({ q: '淼鑫', role: 'party', limit: '50' });
    const ids = items.map((o) => o.id);
    // The prefix match comes before the inner one, although the inner one sorts first by name.
    expect(ids.indexOf(org.prefix.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(org.prefix.id)).toBeLessThan(ids.indexOf(org.inner.id));
    expect(ids).not.toContain(org.pending.id);
    expect(ids).not.toContain(org.agency.id);
    expect(items.every((o) => o.name.includes('淼鑫') && o.kind !== 'agency')).toBe(true);
  });

  it('lists only agencies for the broker', async () => {
    const items = await found({ q: '淼鑫', role: 'agency' });
    expect(items.map((o) => o.id)).toEqual([org.agency.id]);
    expect(items[0]).toEqual({ id: org.agency.id, name: names.agency, kind: 'agency' });
  });

  it('finds an organisation by its exact credit code, in either case', async () => {
    expect((await found({ q: org.inner.creditCode.toLowerCase(), role: 'party' })).map((o) => o.id)).toEqual([org.inner.id]);
  });

  it('reads % and _ in q as themselves', async () => {
    for (const q of ['%', '_', '100%_']) {
      const items = await found({ q, role: 'party', limit: '50' });
      expect(items.map((o) => o.id)).toContain(org.percent.id);
      expect(items.every((o) => o.name.includes(q))).toBe(true);
    }
    expect(await found({ q: `${tag}%公司`, role: 'party' })).toEqual([]);
  });

  it('answers an empty or one-character q with the first organisations by name, up to the limit', async () => {
    const [verifiedParties] = await getDb()
      .select({ n: count() })
      .from(organizations)
      .where(and(eq(organizations.status, 'verified'), ne(organizations.kind, 'agency')));
    expect(await found({ role: 'party' })).toHaveLength(Math.min(20, verifiedParties!.n));
    expect(await found({ q: '', role: 'party', limit: '2' })).toHaveLength(2);
    expect((await found({ q: '淼', role: 'party', limit: '50' })).map((o) => o.id)).toContain(org.inner.id);
    expect(await found({ q: tag, role: 'party', limit: '2' })).toHaveLength(2);
    expect((await lookup({ role: 'party', limit: '51' })).status).toBe(400);
  });

  it('is for those who may draft contracts: 401 anonymous, 403 for the bureau and unverified organisations', async () => {
    expect((await lookup({ role: 'party' }, null)).status).toBe(401);
    expect((await lookup({ role: 'party' }, await bureauToken())).status).toBe(403);
    expect((await lookup({ role: 'party' }, (await tokenOf('enterprise', 'pending')).token)).status).toBe(403);
  });

  it('refuses an unknown or missing role with 400 and a message on role', async () => {
    for (const query of [{ q: '淼鑫', role: 'seller' }, { q: '淼鑫' }] as Array<Record<string, string>>) {
      const res = await lookup(query);
      expect(res.status).toBe(400);
      expect((await json<ErrorBody>(res)).error.fields?.role).toMatch(/party/);
    }
  });
});

async function contractCount() {
  const [row] = await getDb().select({ n: count() }).from(contracts);
  return row!.n;
}

/** The wizard's form as a browser without script sends it: ids empty, names typed. */
function wizardForm(over: Record<string, string>) {
  return {
    kind: 'development',
    title: `淼鑫${tag}技术开发合同`,
    sellerOrgId: '',
    sellerOrgIdName: '',
    buyerOrgId: '',
    buyerOrgIdName: '',
    brokerOrgId: '',
    brokerOrgIdName: '',
    amount: '500000',
    signedOn: '2025-06-01',
    ...over,
  };
}

describe('the contract wizard without script: typed names become ids on the server', () => {
  it('ships only the names of its prefilled organisations', async () => {
    type Wizard = { parties: Record<string, string | undefined>; names: Record<string, string> };
    const w = await json<Wizard>(await call(contractNewPage, { token: viewer.token, path: '/contracts/new' }));
    expect(w.parties.buyerOrgId).toBe(viewer.org.id);
    expect(w.names).toEqual({ [viewer.org.id]: viewer.org.name });
  });

  it('creates the contract with the seller named by its exact name (and a stale id loses to the text)', async () => {
    const form = wizardForm({ sellerOrgIdName: names.prefix, buyerOrgIdName: viewer.org.name, brokerOrgIdName: names.agency, buyerOrgId: org.inner.id });
    const res = await call(contractNewPage, { token: viewer.token, path: '/contracts/new', form });
    expect(res.status).toBe(302);
    const id = res.headers.get('location')!.split('/').pop()!;
    const [c] = await getDb().select().from(contracts).where(eq(contracts.id, id));
    expect(c).toMatchObject({ sellerOrgId: org.prefix.id, buyerOrgId: viewer.org.id, brokerOrgId: org.agency.id });
  });

  it('gives a field error for a name no verified organisation of that role has, echoes the text and creates nothing', async () => {
    const cases: Array<[string, Record<string, string>, string]> = [
      ['unknown', { sellerOrgIdName: `没有这家${tag}` }, 'sellerOrgId'],
      ['pending', { sellerOrgIdName: names.pending }, 'sellerOrgId'],
      ['an agency as a party', { sellerOrgIdName: names.agency }, 'sellerOrgId'],
      ['a party as the broker', { sellerOrgIdName: names.prefix, brokerOrgIdName: names.inner }, 'brokerOrgId'],
    ];
    for (const [what, over, field] of cases) {
      const before = await contractCount();
      const res = await call(contractNewPage, { token: viewer.token, path: '/contracts/new', form: wizardForm({ buyerOrgId: viewer.org.id, buyerOrgIdName: viewer.org.name, ...over }) });
      expect(res.status, what).toBe(400);
      const body = await json<FormBody>(res);
      expect(body.fields?.[field], what).toEqual({ zh: '找不到该名称的已认证机构', en: 'No verified organisation has this name' });
      expect(body.values?.[`${field}Name`], what).toBe(over[`${field}Name`]);
      expect(await contractCount(), what).toBe(before);
    }
  });

  it('looks nothing up for a visitor who may not draft', async () => {
    const before = await contractCount();
    const anonymous = await call(contractNewPage, { path: '/contracts/new', form: wizardForm({ sellerOrgIdName: `没有这家${tag}` }) });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toMatch(/^\/login/);
    const bureau = await call(contractNewPage, { token: await bureauToken(), path: '/contracts/new', form: wizardForm({ sellerOrgIdName: `没有这家${tag}` }) });
    expect(bureau.status).toBe(403);
    expect(await contractCount()).toBe(before);
  });

  it('asks for the credit code when several verified organisations share the name', async () => {
    const twin = `淼鑫${tag}同名公司`;
    const a = await createOrg({ name: twin, kind: 'enterprise' });
    await createOrg({ name: twin, kind: 'enterprise' });
    const form = (sellerOrgIdName: string) => wizardForm({ sellerOrgIdName, buyerOrgId: viewer.org.id, buyerOrgIdName: viewer.org.name });
    const ambiguous = await call(contractNewPage, { token: viewer.token, path: '/contracts/new', form: form(twin) });
    expect(ambiguous.status).toBe(400);
    expect((await json<FormBody>(ambiguous)).fields?.sellerOrgId?.zh).toMatch(/同名/);
    const byCode = await call(contractNewPage, { token: viewer.token, path: '/contracts/new', form: form(a.creditCode) });
    expect(byCode.status).toBe(302);
  });

  it('on the edit page resolves the broker by name and leaves the locked parties alone', async () => {
    const created = await call(contractNewPage, {
      token: viewer.token,
      path: '/contracts/new',
      form: wizardForm({ sellerOrgId: org.prefix.id, sellerOrgIdName: names.prefix, buyerOrgId: viewer.org.id, buyerOrgIdName: viewer.org.name }),
    });
    const id = created.headers.get('location')!.split('/').pop()!;
    const page = await json<{ names: Record<string, string> }>(await call(contractEditPage, { token: viewer.token, path: `/contracts/${id}/edit`, params: { id } }));
    expect(page.names).toEqual({ [org.prefix.id]: names.prefix, [viewer.org.id]: viewer.org.name });

    const edit = (brokerOrgIdName: string) =>
      call(contractEditPage, {
        token: viewer.token,
        path: `/contracts/${id}/edit`,
        params: { id },
        // The edit page sends the locked parties as bare ids, with no picker text.
        form: (({ sellerOrgIdName: _s, buyerOrgIdName: _b, ...rest }) => rest)(wizardForm({ brokerOrgIdName, sellerOrgId: org.prefix.id, buyerOrgId: viewer.org.id })),
      });
    const refused = await edit(`没有这家${tag}`);
    expect(refused.status).toBe(400);
    expect((await json<FormBody>(refused)).fields?.brokerOrgId).toBeTruthy();
    expect((await edit(names.agency)).status).toBe(302);
    const [c] = await getDb().select().from(contracts).where(eq(contracts.id, id));
    expect(c).toMatchObject({ sellerOrgId: org.prefix.id, buyerOrgId: viewer.org.id, brokerOrgId: org.agency.id });
  });
});
