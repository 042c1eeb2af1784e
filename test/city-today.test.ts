/**
 * "Today" is the city's date everywhere (config/city.ts todayInCity, yearInCity), never the
 * UTC date nor the server's local one. Between 00:00 and 08:00 Beijing time the two differ:
 * these tests run at 01:00 on New Year's Day 2027 in Beijing, which is 17:00 UTC on
 * 31 December 2026, on a server whose own zone is UTC (as servers are).
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '#db/client.ts';
import { demands, policies } from '#db/schema.ts';
import { LC_2020_15, serializePolicy } from '#domain/grants/policy.ts';
import { expireDemands } from '#app/services/demands.server.ts';
import * as grantsPage from '#app/routes/bureau.grants._index.tsx';
import * as policyPage from '#app/routes/bureau.policy.tsx';
import * as contractPage from '#app/routes/contracts.$id.tsx';
import * as newContractPage from '#app/routes/contracts.new.tsx';
import * as newDemandPage from '#app/routes/demands.new.tsx';
import * as demandsRoute from '#app/routes/api.v1.demands._index.ts';
import * as filingRoute from '#app/routes/api.v1.agencies.$orgId.filings.ts';
import { call, json } from './api.ts';
import { bureauToken, deal, submitted } from './contract-fixtures.ts';
import { demandInput } from './demands-harness.ts';
import { tokenOf } from './factories.ts';

const ONE_AM_NEW_YEAR_IN_BEIJING = new Date('2026-12-31T17:00:00Z');
const serverZone = process.env.TZ;

beforeAll(() => {
  process.env.TZ = 'UTC';
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(ONE_AM_NEW_YEAR_IN_BEIJING);
});
afterAll(() => {
  vi.useRealTimers();
  if (serverZone === undefined) delete process.env.TZ;
  else process.env.TZ = serverZone;
});

describe('today at 01:00 Beijing time (17:00 UTC the day before)', () => {
  it('the clock of these tests: UTC still says 2026-12-31', () => {
    expect(new Date().toISOString().slice(0, 10)).toBe('2026-12-31');
    expect(new Date().getFullYear()).toBe(2026);
  });

  it('the bureau’s grant page offers the city’s new year first', async () => {
    const bureau = await bureauToken();
    const res = await call(grantsPage, { token: bureau, path: '/bureau/grants' });
    expect(res.status).toBe(200);
    const body = await json<{ years: number[]; budget: { year: number } }>(res);
    expect(body.years[0]).toBe(2027);
    expect(body.budget.year).toBe(2027);
  });

  it('an agency filed in 2026 has its awards recomputed for 2026 and 2027, the city’s current year', async () => {
    const bureau = await bureauToken();
    const agency = await tokenOf('agency');
    const res = await call(filingRoute, { token: bureau, params: { orgId: agency.org.id }, body: { level: 'municipal', filedOn: '2026-03-01', newlyRecognized: false } });
    expect(res.status).toBe(201);
    const { id } = await json<{ id: string }>(res);
    const [job] = await getDb().execute<{ payload: { pairs: Array<{ year: number }> } }>(
      sql`select payload from graphile_worker._private_jobs where key = ${`grants:filing:${id}`}`,
    );
    expect(job!.payload.pairs.map((p) => p.year)).toEqual([2026, 2027]);
  });

  it('the contract page and the new-contract form default to the city’s date', async () => {
    const d = await deal();
    const id = await submitted(d);
    const page = await call(contractPage, { token: d.seller.token, path: `/contracts/${id}`, params: { id } });
    expect(page.status).toBe(200);
    expect((await json<{ today: string }>(page)).today).toBe('2027-01-01');
    const form = await call(newContractPage, { token: d.broker.token, path: '/contracts/new' });
    expect(form.status).toBe(200);
    expect((await json<{ today: string }>(form)).today).toBe('2027-01-01');
  });

  it('the policy page counts a version effective from today as in force', async () => {
    const starting = { ...serializePolicy(LC_2020_15), id: 'test-2027-01-01', effectiveFrom: '2027-01-01' };
    await getDb().insert(policies).values({ id: starting.id, title: '2027 年起施行（测试）', effectiveFrom: starting.effectiveFrom, body: starting });
    try {
      const res = await call(policyPage, { token: await bureauToken(), path: '/bureau/policy' });
      expect(res.status).toBe(200);
      const { items } = await json<{ items: Array<{ id: string; inForce: boolean }> }>(res);
      expect(items.find((p) => p.id === starting.id)?.inForce).toBe(true);
    } finally {
      await getDb().delete(policies).where(eq(policies.id, starting.id));
    }
  });

  it('a demand’s deadline: yesterday in the city is past, today is not; the form suggests today', async () => {
    const owner = await tokenOf('enterprise');
    const past = await call(demandsRoute, { token: owner.token, body: demandInput({ deadline: '2026-12-31' }) });
    expect(past.status).toBe(400);
    expect((await json<{ error: { fields: Record<string, string> } }>(past)).error.fields).toHaveProperty('deadline');
    const today = await call(demandsRoute, { token: owner.token, body: demandInput({ deadline: '2027-01-01' }) });
    expect(today.status).toBe(201);
    const form = await call(newDemandPage, { token: owner.token, path: '/demands/new' });
    expect((await json<{ today: string }>(form)).today).toBe('2027-01-01');
  });

  it('a demand whose deadline was 31 December expires at 01:00 on 1 January, one due today does not', async () => {
    const owner = await tokenOf('enterprise');
    const due = await json<{ id: string }>(await call(demandsRoute, { token: owner.token, body: demandInput({ deadline: '2027-01-01' }) }));
    const lapsed = await json<{ id: string }>(await call(demandsRoute, { token: owner.token, body: demandInput({ deadline: '2027-01-01' }) }));
    // Posted earlier with a deadline of 31 December (the API refuses a past one now).
    await getDb().update(demands).set({ deadline: '2026-12-31' }).where(eq(demands.id, lapsed.id));
    await expireDemands();
    const status = async (id: string) => (await getDb().select({ s: demands.status }).from(demands).where(eq(demands.id, id)))[0]!.s;
    expect(await status(lapsed.id)).toBe('expired');
    expect(await status(due.id)).toBe('published');
  });
});
