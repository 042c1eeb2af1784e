import Decimal from 'decimal.js';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as dashboardRoute from '#app/routes/bureau.dashboard.tsx';
import * as statsRoute from '#app/routes/stats.tsx';
import { getDb } from '#db/client.ts';
import { organizations } from '#db/schema.ts';
import type { Dashboard } from '#app/services/statistics.server.ts';
import { call, json } from './api.ts';
import { BUREAU_ROLES } from '#domain/permissions.ts';
import { bureauToken, deal, registered, type Deal } from './contract-fixtures.ts';
import { bureauWith } from './factories.ts';

/**
 * The dashboard's figures against sums over contracts registered through the real routes; the
 * filters; bad filters and strangers refused; and the public page, which must not give away one
 * organisation's contract.
 */
type Ok = { ok: true; stats: Dashboard };

let bureau: string;
let local: Deal;
let away: Deal;
const contracts: Array<{ amount: string; technologyAmount: string; registeredOn: string; kind: string; county: string; deal: 'local' | 'away' }> = [];

async function reg(d: Deal, name: 'local' | 'away', county: string, registeredOn: string, over: Record<string, unknown>) {
  const year = registeredOn.slice(0, 4);
  const body = { ...d.body, signedOn: `${year}-01-15`, ...over };
  const c = await registered(d, bureau, registeredOn, body);
  expect(c.status).toBe('registered');
  contracts.push({ amount: String(body.amount), technologyAmount: String(body.technologyAmount), registeredOn, kind: String(body.kind), county, deal: name });
}

const consulting = (amount: string, technologyAmount: string, year: string) => ({
  kind: 'consulting',
  resultId: undefined,
  title: '电池产线工艺咨询合同',
  amount,
  technologyAmount,
  instalments: [{ dueOn: `${year}-12-31`, amount }],
});

beforeAll(async () => {
  bureau = await bureauToken();
  local = await deal();
  away = await deal();
  // The second seller sits in 阳谷县 (371521); its buyer in Beijing (110108).
  await getDb().update(organizations).set({ regionCode: '371521' }).where(eq(organizations.id, away.seller.org.id));
  await getDb().update(organizations).set({ regionCode: '110108' }).where(eq(organizations.id, away.buyer.org.id));
  await reg(local, 'local', '371502', '2024-06-03', { instalments: [{ dueOn: '2024-06-30', amount: '1200000.00' }] });
  await reg(local, 'local', '371502', '2024-07-10', consulting('300000.55', '250000.25', '2024'));
  await reg(away, 'away', '371521', '2024-06-20', { amount: '800000.10', technologyAmount: '700000.05', instalments: [{ dueOn: '2024-12-31', amount: '800000.10' }] });
  await reg(away, 'away', '371521', '2023-06-12', consulting('123456.78', '100000.00', '2023'));
}, 120_000);

async function dash(query: string, token = bureau) {
  return call(dashboardRoute, { path: `/bureau/dashboard?${query}`, token });
}
async function stats(query: string) {
  const res = await dash(query);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await json<Ok>(res)).stats;
}
const sum = (xs: string[]) => xs.reduce((a, x) => a.plus(x), new Decimal(0)).toFixed(2);
const pick = (p: (c: (typeof contracts)[number]) => boolean) => contracts.filter(p);

describe('bureau dashboard', () => {
  it('equals the sums over the registered contracts of the year, beside last year', async () => {
    const s = await stats('year=2024');
    const in2024 = pick((c) => c.registeredOn.startsWith('2024'));
    expect(s.totals).toEqual({ count: 3, amount: sum(in2024.map((c) => c.amount)), technologyAmount: sum(in2024.map((c) => c.technologyAmount)) });
    expect(s.totals.amount).toBe('2300000.65');
    expect(s.lastYearTotals).toEqual({ count: 1, amount: '123456.78', technologyAmount: '100000.00' });
    const june = s.months[5]!;
    expect(june.current).toEqual({ count: 2, amount: '2000000.10', technologyAmount: '1700000.05' });
    expect(june.lastYear).toEqual({ count: 1, amount: '123456.78', technologyAmount: '100000.00' });
    expect(s.months[6]!.current.amount).toBe('300000.55');
    expect(s.kinds.find((k) => k.code === 'transfer')).toMatchObject({ count: 2, amount: '2000000.10' });
    expect(s.kinds.find((k) => k.code === 'consulting')).toMatchObject({ count: 1, amount: '300000.55' });
    // The fixture's patent is a granted invention patent in new materials, transferred outright.
    expect(s.transfers.find((t) => t.code === 'patent_right')).toMatchObject({ count: 2, amount: '2000000.10' });
    expect(s.fields.find((f) => f.code === 'new_materials')).toMatchObject({ count: 2 });
    expect(s.fields.find((f) => f.code === 'unclassified')).toMatchObject({ count: 1, amount: '300000.55' });
    expect(s.fields).toHaveLength(12);
    // Sellers are universities; buyers enterprises, one of them in Beijing.
    expect(s.parties.seller.byType.find((t) => t.code === 'university')).toMatchObject({ count: 3, amount: '2300000.65' });
    expect(s.parties.buyer.byFlow).toEqual([
      { code: 'in_city', count: 2, amount: '1500000.55', technologyAmount: '1250000.25' },
      { code: 'in_province', count: 0, amount: '0.00', technologyAmount: '0.00' },
      { code: 'out_of_province', count: 1, amount: '800000.10', technologyAmount: '700000.05' },
    ]);
    expect(s.top.seller.map((r) => [r.orgId, r.amount, r.inCityShare])).toEqual([
      [local.seller.org.id, '1500000.55', '100.0'],
      [away.seller.org.id, '800000.10', '0.0'],
    ]);
    expect(s.top.broker).toHaveLength(2);
    expect(s.grants.byClause.map((g) => g.clause)).toEqual(['A1', 'A2', 'B1', 'B2', 'B3']);
  });

  it('changes with the county, the kind and the date range', async () => {
    const county = await stats('year=2024&county=371521');
    expect(county.totals).toEqual({ count: 1, amount: '800000.10', technologyAmount: '700000.05' });
    expect(county.lastYearTotals.amount).toBe('123456.78');
    expect(county.top.seller.map((r) => r.orgId)).toEqual([away.seller.org.id]);
    const transfers = await stats('year=2024&kind=transfer');
    expect(transfers.totals).toMatchObject({ count: 2, amount: '2000000.10' });
    expect(transfers.lastYearTotals.count).toBe(0);
    const july = await stats('year=2024&from=2024-07-01&to=2024-12-31');
    expect(july.totals).toMatchObject({ count: 1, amount: '300000.55' });
    const lastYear = await stats('year=2023');
    expect(lastYear.totals).toMatchObject({ count: 1, amount: '123456.78' });
    expect(lastYear.lastYearTotals.count).toBe(0);
  });

  it('refuses unknown filters and a malformed year with 400 and computes nothing', async () => {
    for (const q of ['year=24', 'year=2024&colour=red', 'county=110108', 'kind=sale', 'year=2024&from=2024-07-01&to=2024-06-01']) {
      const res = await dash(q);
      expect(res.status, q).toBe(400);
      const body = await json<{ ok: boolean; fields: Record<string, { zh: string }>; stats?: unknown }>(res);
      expect(body.ok).toBe(false);
      expect(Object.keys(body.fields).length).toBeGreaterThan(0);
      expect(body.stats).toBeUndefined();
    }
    expect(Object.keys((await json<{ fields: object }>(await dash('year=2024&colour=red'))).fields)).toEqual(['colour']);
  });

  it('opens to every bureau role', async () => {
    for (const role of BUREAU_ROLES) {
      const { token } = await bureauWith(role);
      expect((await dash('year=2024', token)).status, role).toBe(200);
    }
  });

  it('is the bureau’s alone: an organisation’s user gets 403', async () => {
    expect((await dash('year=2024', local.seller.token)).status).toBe(403);
    expect((await dash('year=2024', local.broker.token)).status).toBe(403);
  });
});

describe('public statistics', () => {
  const get = (query = '', headers: Record<string, string> = {}) => call(statsRoute, { path: `/stats${query}`, headers });

  it('publishes the year’s totals, withholds small cells and names no one', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const text = await res.clone().text();
    const body = await json<{ ok: true; stats: { years: Array<Record<string, unknown>>; fields: Array<Record<string, unknown>>; listedResults: number } }>(res);
    expect(body.stats.years).toEqual([
      { year: 2024, suppressed: false, count: 3, amount: '2300000.65', technologyAmount: '1950000.30' },
      // One contract of one organisation in one county: neither its amount nor its count is shown.
      { year: 2023, suppressed: true },
    ]);
    expect(body.stats.listedResults).toBe(2);
    // The transfers (2 contracts) and the consulting contract (1) are each too few to publish.
    expect(body.stats.fields.every((f) => f.suppressed)).toBe(true);
    for (const secret of ['123456.78', '100000.00', '800000.10', '300000.55', away.seller.org.id, away.buyer.org.id]) expect(text).not.toContain(secret);
    const names = await getDb().select({ name: organizations.name }).from(organizations);
    for (const { name } of names) expect(text).not.toContain(name);
    const y2023 = await json<{ stats: { fields: Array<Record<string, unknown>> } }>(await get('?year=2023'));
    expect(y2023.stats.fields).toEqual([{ code: 'unclassified', suppressed: true }]);
  });

  it('answers 304 to a matching If-None-Match, and 400 to unknown parameters', async () => {
    const first = await get();
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    // A 304 carries no body, which test/api.ts's JSON Response cannot express: read the loader's answer
    // itself (Remix sends its status and headers without a body; test/e2e/dashboard.spec.ts checks over HTTP).
    const request = new Request('http://localhost/stats', { headers: { 'if-none-match': `W/${etag}, "other"` } });
    const again = (await statsRoute.loader({ request, params: {}, context: {} } as never)) as unknown as { init: { status: number; headers: Record<string, string> } };
    expect(again.init.status).toBe(304);
    expect(again.init.headers.ETag).toBe(etag);
    expect((await get('', { 'if-none-match': '"stale"' })).status).toBe(200);
    expect((await get('?year=2023')).headers.get('etag')).not.toBe(etag);
    expect((await get('?county=371521')).status).toBe(400);
    expect((await get('?year=abcd')).status).toBe(400);
  });
});
