/**
 * The grant engine end to end: registrations enqueue jobs, the real job
 * (through graphile-worker) writes grants, the API shows them, and the bureau
 * reviews them, four eyes apart, against a budget.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { Logger, runOnce } from 'graphile-worker';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { env } from '#config/env.ts';
import { getDb } from '#db/client.ts';
import { auditEvents, grantAdjustments, grants, organizations, policies } from '#db/schema.ts';
import { grantsRecompute } from '#jobs/tasks/grants-recompute.ts';
import { DIED_ON_LAST_ATTEMPT, sweep } from '#jobs/worker.ts';
import { computeYearFromScratch } from '#app/services/grants/recompute.server.ts';
import * as grantsRoute from '#app/routes/api.v1.grants._index.ts';
import * as grantRoute from '#app/routes/api.v1.grants.$id.ts';
import * as stepRoute from '#app/routes/api.v1.grants.$id.$step.ts';
import * as exportRoute from '#app/routes/api.v1.grants.export.ts';
import * as budgetRoute from '#app/routes/api.v1.grants.budgets.$year.ts';
import * as filingRoute from '#app/routes/api.v1.agencies.$orgId.filings.ts';
import * as withdrawRoute from '#app/routes/api.v1.policies.$id.withdraw.ts';
import * as policiesRoute from '#app/routes/api.v1.policies._index.ts';
import * as deadRoute from '#app/routes/api.v1.jobs.dead.ts';
import * as revokeRoute from '#app/routes/api.v1.contracts.$id.revoke.ts';
import * as queuePage from '#app/routes/bureau.grants._index.tsx';
import { call, json } from './api.ts';
import { bureauToken, deal, registered, type ErrorBody } from './contract-fixtures.ts';

type Grant = {
  id: string;
  clause: string;
  recipientOrgId: string;
  year: number;
  base: string;
  rate: string;
  amount: string;
  cap: string;
  status: string;
  policy: string;
  approvedAmount: string | null;
  contracts: Array<{ id: string; registrationNo: string; eligibleAmount: string }>;
  explanation: string[];
  adjustments: Array<{ delta: string; amount: string }>;
  amountInForce: string;
};

const quiet = new Logger(() => () => {});
async function drain() {
  await runOnce({ connectionString: env().DATABASE_URL!, taskList: { 'grants:recompute': grantsRecompute }, logger: quiet });
}

async function grantsOf(token: string, query: string): Promise<Grant[]> {
  const res = await call(grantsRoute, { token, path: `/api/v1/grants?${query}` });
  expect(res.status).toBe(200);
  return (await json<{ items: Grant[] }>(res)).items;
}

const step = (token: string, id: string, s: string, body: unknown = {}, headers: Record<string, string> = {}) => call(stepRoute, { token, params: { id, step: s }, body, headers });

/** A registered 1,200,000 transfer from a local university: A1 = 1.5% = 18,000.00. */
async function registeredGrant() {
  const d = await deal();
  const bureau = await bureauToken();
  const c = await registered(d, bureau);
  await drain();
  const [a1] = await grantsOf(bureau, `recipientOrgId=${d.seller.org.id}&year=2024&clause=A1`);
  return { d, bureau, c, a1: a1! };
}

describe('computation', () => {
  it('computes the seller’s A1 grant from a registration, with the arithmetic and the policy version; the recipient sees it', async () => {
    const { d, a1 } = await registeredGrant();
    expect(a1).toMatchObject({ clause: 'A1', year: 2024, base: '1200000.00', rate: '0.015', amount: '18000.00', cap: '500000.00', status: 'computed', policy: 'lc-2020-15' });
    expect(a1.contracts).toEqual([expect.objectContaining({ eligibleAmount: '1200000.00' })]);
    expect(a1.explanation.join('\n')).toContain('18,000.00');
    // The recipient by name, not by id.
    const [seller] = await getDb().select({ name: organizations.name }).from(organizations).where(eq(organizations.id, d.seller.org.id));
    expect(a1.explanation[0]).toContain(`受补助方 ${seller!.name}`);
    expect(a1.explanation.join('\n')).not.toContain(d.seller.org.id);
    const own = await grantsOf(d.seller.token, 'year=2024');
    expect(own.map((g) => g.id)).toEqual([a1.id]);
    // Someone else's grant: 404.
    expect((await call(grantRoute, { token: d.buyer.token, params: { id: a1.id } })).status).toBe(404);
  });

  it('is idempotent: replaying the jobs and recomputing from scratch change nothing', async () => {
    const { a1 } = await registeredGrant();
    const before = await getDb().select().from(grants).where(eq(grants.id, a1.id));
    await getDb().execute(sql`select graphile_worker.add_job('grants:recompute', ${JSON.stringify({ event: 'manual', pairs: [{ recipientOrgId: a1.recipientOrgId, year: 2024 }] })}::json)`);
    await getDb().execute(sql`select graphile_worker.add_job('grants:recompute', ${JSON.stringify({ event: 'manual', pairs: [{ recipientOrgId: a1.recipientOrgId, year: 2024 }] })}::json)`);
    await drain();
    const after = await getDb().select().from(grants).where(eq(grants.id, a1.id));
    expect(after).toEqual(before);
    const scratch = (await computeYearFromScratch(2024)).find((f) => f.clause === 'A1' && f.recipientOrgId === a1.recipientOrgId);
    expect(scratch!.amount.toFixed(2)).toBe('18000.00');
  });

  it('recomputes in place while open, and after approval records a negative adjustment instead of editing the figure', async () => {
    const { d, bureau, c, a1 } = await registeredGrant();
    // A second contract of the same seller and year raises the open figure in place.
    const second = await registered(d, bureau, '2024-08-01', { ...d.body, kind: 'development', resultId: null, amount: '800000.00', technologyAmount: null, instalments: [] });
    await drain();
    let g = await json<Grant>(await call(grantRoute, { token: bureau, params: { id: a1.id } }));
    expect(g.amount).toBe('30000.00');
    expect(g.contracts).toHaveLength(2);

    expect((await step(d.seller.token, a1.id, 'submit', { bankAccount: '6222 0216 1234 5678' })).status).toBe(200);
    expect((await step(bureau, a1.id, 'approve', { amount: '30000.00', reason: '材料齐全' })).status).toBe(200);
    // Revoking the second contract after approval: the approved figure stays; an adjustment of −12,000 appears.
    expect((await call(revokeRoute, { token: bureau, params: { id: second.id }, body: { reason: '合同不实' } })).status).toBe(200);
    await drain();
    g = await json<Grant>(await call(grantRoute, { token: bureau, params: { id: a1.id } }));
    expect(g.status).toBe('approved');
    expect(g.amount).toBe('30000.00');
    expect(g.approvedAmount).toBe('30000.00');
    expect(g.adjustments).toEqual([expect.objectContaining({ delta: '-12000.00', amount: '18000.00' })]);
    expect(g.amountInForce).toBe('18000.00');
    // Replayed: no second adjustment.
    await getDb().execute(sql`select graphile_worker.add_job('grants:recompute', ${JSON.stringify({ event: 'manual', pairs: [{ recipientOrgId: a1.recipientOrgId, year: 2024 }] })}::json)`);
    await drain();
    expect(await getDb().select().from(grantAdjustments).where(eq(grantAdjustments.grantId, a1.id))).toHaveLength(1);
    void c;
  });

  it('agency filings feed B3: a municipal agency brokering ≥ 3,000,000 in the city gets 1.5%', async () => {
    const d = await deal();
    const bureau = await bureauToken();
    expect((await call(filingRoute, { token: bureau, params: { orgId: d.broker.org.id }, body: { level: 'municipal', filedOn: '2023-03-01' } })).status).toBe(201);
    await registered(d, bureau, '2024-06-03', { ...d.body, kind: 'development', resultId: null, amount: '3000000.00', technologyAmount: null, instalments: [] });
    await drain();
    const [b3] = await grantsOf(bureau, `recipientOrgId=${d.broker.org.id}&year=2024&clause=B3`);
    expect(b3).toMatchObject({ base: '3000000.00', amount: '45000.00' });
    expect((await call(filingRoute, { token: d.broker.token, params: { orgId: d.broker.org.id }, body: { level: 'municipal', filedOn: '2023-03-01' } })).status).toBe(403);
    expect((await call(filingRoute, { token: bureau, params: { orgId: d.broker.org.id }, body: { level: 'galactic', filedOn: '2023-03-01' } })).status).toBe(400);
  });
});

describe('review', () => {
  it('refuses an application with no bank account on file (422 naming bankAccount), so nothing can be approved or paid', async () => {
    const { d, bureau, a1 } = await registeredGrant();
    const res = await step(d.seller.token, a1.id, 'submit', {});
    expect(res.status).toBe(422);
    expect((await json<ErrorBody>(res)).error.fields?.bankAccount).toBeTruthy();
    const g = await json<Grant>(await call(grantRoute, { token: bureau, params: { id: a1.id } }));
    expect(g.status).toBe('computed');
    expect((await step(bureau, a1.id, 'approve', { reason: '同意' })).status).toBe(409);
  });

  it('refuses bad decisions with a 4xx and changes nothing', async () => {
    const { d, bureau, a1 } = await registeredGrant();
    const snapshot = async () => JSON.stringify(await getDb().select().from(grants).where(eq(grants.id, a1.id)));
    let before = await snapshot();
    // Not applied for yet.
    expect((await step(bureau, a1.id, 'approve', {})).status).toBe(409);
    // Paying one that is not approved.
    expect((await step(bureau, a1.id, 'pay', { paymentReference: 'GK-2025-001' })).status).toBe(409);
    // A recipient approving its own grant.
    expect((await step(d.seller.token, a1.id, 'approve', {})).status).toBe(403);
    expect(await snapshot()).toBe(before);

    expect((await step(d.seller.token, a1.id, 'submit', { bankAccount: '622202161234567890' })).status).toBe(200);
    before = await snapshot();
    const more = await step(bureau, a1.id, 'approve', { amount: '18000.01', reason: '多批' });
    expect(more.status).toBe(422);
    expect((await json<ErrorBody>(more)).error.fields?.amount).toBeTruthy();
    expect((await step(bureau, a1.id, 'approve', { amount: '-1', reason: 'x' })).status).toBe(400);
    expect((await step(bureau, a1.id, 'approve', { amount: '15000.00' })).status).toBe(422); // less needs a reason
    expect(await snapshot()).toBe(before);

    const ok = await step(bureau, a1.id, 'approve', { amount: '15000.00', reason: '部分合同发票不全，核减' });
    expect(ok.status).toBe(200);
    expect((await json<Grant>(ok)).approvedAmount).toBe('15000.00');
    before = await snapshot();
    expect((await step(bureau, a1.id, 'approve', { amount: '15000.00', reason: '再批' })).status).toBe(409);
    // Four eyes: the approver cannot pay.
    const self = await step(bureau, a1.id, 'pay', { paymentReference: 'GK-2025-002' });
    expect(self.status).toBe(403);
    expect(await snapshot()).toBe(before);
    const other = await bureauToken();
    const paid = await step(other, a1.id, 'pay', { paymentReference: 'GK-2025-003' });
    expect(paid.status).toBe(200);
    expect((await json<Grant>(paid)).status).toBe('paid');
    expect((await step(other, a1.id, 'pay', { paymentReference: 'GK-2025-004' })).status).toBe(409);
    const decisions = (await getDb().select({ a: auditEvents.action }).from(auditEvents).where(eq(auditEvents.subjectId, a1.id)).orderBy(auditEvents.id)).map((r) => r.a);
    expect(decisions).toEqual(['grant.apply', 'grant.approve', 'grant.pay']);
  });

  it('refuses to pay an approved grant whose bank account is missing (one approved before the rule held) and changes nothing', async () => {
    const { d, bureau, a1 } = await registeredGrant();
    expect((await step(d.seller.token, a1.id, 'submit', { bankAccount: '622202161234567890' })).status).toBe(200);
    expect((await step(bureau, a1.id, 'approve', { reason: '同意' })).status).toBe(200);
    // As a grant applied for before submit required an account would stand.
    await getDb().update(grants).set({ bankAccount: null, bankConfirmedAt: null }).where(eq(grants.id, a1.id));
    const before = JSON.stringify(await getDb().select().from(grants).where(eq(grants.id, a1.id)));
    const res = await step(await bureauToken(), a1.id, 'pay', { paymentReference: 'GK-2025-009' });
    expect(res.status).toBe(409);
    expect(JSON.stringify(await getDb().select().from(grants).where(eq(grants.id, a1.id)))).toBe(before);
  });

  it('lets exactly one of 50 parallel approvals through', async () => {
    const { d, bureau, a1 } = await registeredGrant();
    await step(d.seller.token, a1.id, 'submit', { bankAccount: '6222 0216 1234 5678' });
    const codes = await Promise.all(Array.from({ length: 50 }, () => step(bureau, a1.id, 'approve', { reason: '同意' }).then((r) => r.status)));
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(49);
    const approvals = await getDb().select().from(auditEvents).where(sql`${auditEvents.subjectId} = ${a1.id} and ${auditEvents.action} = 'grant.approve'`);
    expect(approvals).toHaveLength(1);
    console.log(`[grants] 50 parallel approvals → ${codes.filter((c) => c === 200).length} succeeded, ${codes.filter((c) => c === 409).length} × 409`);
  });

  it('warns before the budget is exceeded and asks for an acknowledgement', async () => {
    const { d, bureau, a1 } = await registeredGrant();
    await step(d.seller.token, a1.id, 'submit', { bankAccount: '6222 0216 1234 5678' });
    // Budgets are per year and shared by test files' databases only within this file.
    const put = await call(budgetRoute, { token: bureau, method: 'PUT', params: { year: '2024' }, body: { amount: '10000.00' } });
    expect(put.status).toBe(200);
    const over = await step(bureau, a1.id, 'approve', { reason: '同意' });
    expect(over.status).toBe(422);
    expect((await json<ErrorBody>(over)).error.fields?.acknowledgeOverBudget).toBeTruthy();
    expect((await step(bureau, a1.id, 'approve', { reason: '同意，超出部分下年度列支', acknowledgeOverBudget: true })).status).toBe(200);
    const b = await json<{ budget: string; approved: string; remaining: string; warning: boolean }>(await call(budgetRoute, { token: bureau, params: { year: '2024' } }));
    expect(b).toMatchObject({ budget: '10000.00', warning: true });
    expect(b.remaining.startsWith('-')).toBe(true);
    expect((await call(budgetRoute, { token: d.seller.token, params: { year: '2024' } })).status).toBe(403);
  });

  it('refuses decisions under a withdrawn policy version', async () => {
    const { d, bureau, a1 } = await registeredGrant();
    await step(d.seller.token, a1.id, 'submit', { bankAccount: '6222 0216 1234 5678' });
    const before = await getDb().select().from(policies).where(eq(policies.id, 'lc-2020-15'));
    try {
      expect((await call(withdrawRoute, { token: bureau, params: { id: 'lc-2020-15' }, body: { withdrawnOn: '2025-01-01' } })).status).toBe(200);
      const grantRow = async () => JSON.stringify(await getDb().select().from(grants).where(eq(grants.id, a1.id)));
      const decisions = () => getDb().select().from(auditEvents).where(and(eq(auditEvents.subjectId, a1.id), eq(auditEvents.action, 'grant.approve')));
      const unchanged = await grantRow();
      const res = await step(bureau, a1.id, 'approve', { reason: '同意' });
      expect(res.status).toBe(409);
      expect((await json<ErrorBody>(res)).error.message).toContain('lc-2020-15');
      expect((await step(bureau, a1.id, 'reject', { reason: '不符合' })).status).toBe(409);
      expect(await grantRow()).toBe(unchanged);
      expect(await decisions()).toHaveLength(0);
      expect((await call(policiesRoute, { token: d.seller.token })).status).toBe(403);
    } finally {
      await getDb().update(policies).set({ withdrawnOn: before[0]!.withdrawnOn }).where(eq(policies.id, 'lc-2020-15'));
    }
  });

  it('exports a year to CSV and to .xlsx, in words people read: no status codes, no ids', async () => {
    const { bureau, c } = await registeredGrant();
    const csv = await call(exportRoute, { token: bureau, path: '/api/v1/grants/export?year=2024&format=csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text).toContain(c.registrationNo!);
    expect(text).toContain('18000.00');
    expect(text).toContain('技术开发、技术转让合同成交额补助');
    expect(text).toContain('已计算');
    expect(text).toContain('聊政字〔2020〕15号');
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    expect(text).not.toMatch(/,"?(computed|submitted|approved)"?,/);
    const xlsx = await call(exportRoute, { token: bureau, path: '/api/v1/grants/export?year=2024&format=xlsx' });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    const ws = wb.worksheets[0]!;
    const cells: string[] = [];
    ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
    expect(cells.some((v) => v.includes(c.registrationNo!))).toBe(true);
    expect(cells).toContain('已计算');
    expect(cells.filter((v) => /^[0-9a-f]{8}-[0-9a-f]{4}-/.test(v))).toEqual([]);
    expect((await call(exportRoute, { token: bureau, path: '/api/v1/grants/export?year=abc' })).status).toBe(400);
  });

});

describe('policy versions', () => {
  it('refuses a version dated in the year 0000 or past 2100 with a 4xx, and stores nothing', async () => {
    const bureau = await bureauToken();
    const list = async () => (await json<{ items: Array<Record<string, unknown>> }>(await call(policiesRoute, { token: bureau }))).items;
    const current = (await list()).find((p) => p.id === 'lc-2020-15')!;
    const before = (await list()).length;
    for (const [effectiveFrom, withdrawnOn] of [['0000-01-01', null], ['2101-01-01', null], ['2031-01-01', '0000-06-01']]) {
      const res = await call(policiesRoute, { token: bureau, body: { ...current, id: `lc-bad-${randomUUID().slice(0, 8)}`, effectiveFrom, withdrawnOn } });
      expect(res.status, `${effectiveFrom} / ${withdrawnOn}`).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    expect((await list()).length).toBe(before);
  });
});

describe('免申即享 (no application)', () => {
  it('under a version that needs no application, grants arrive submitted; the recipient only confirms its bank account; the bureau approves and pays', async () => {
    const bureau = await bureauToken();
    const current = (await json<{ items: Array<Record<string, unknown>> }>(await call(policiesRoute, { token: bureau }))).items.find((p) => p.id === 'lc-2020-15')!;
    const id = `lc-mssx-${randomUUID().slice(0, 8)}`;
    // In force from 2031, so it governs only the year this test registers in.
    const created = await call(policiesRoute, { token: bureau, body: { ...current, id, title: '免申即享试点', effectiveFrom: '2031-01-01', withdrawnOn: null, applicationRequired: false } });
    expect(created.status).toBe(201);
    try {
      const d = await deal();
      const body = { ...d.body, kind: 'development', resultId: null, technologyAmount: null, amount: '1000000.00', signedOn: '2031-02-10', instalments: [] };
      await registered(d, bureau, '2031-03-02', body);
      await drain();
      const [a1] = await grantsOf(bureau, `recipientOrgId=${d.seller.org.id}&year=2031&clause=A1`);
      expect(a1).toMatchObject({ policy: id, status: 'submitted', base: '1000000.00', amount: '15000.00' });
      const page = await json<{ applicationRequired: boolean }>(await call(grantRoute, { token: d.seller.token, params: { id: a1!.id } }));
      expect(page.applicationRequired).toBe(false);

      // The bureau may approve at once; paying waits for the account.
      expect((await step(bureau, a1!.id, 'approve', { reason: '免申即享，按计算金额核定' })).status).toBe(200);
      const payer = await bureauToken();
      const early = await step(payer, a1!.id, 'pay', { paymentReference: 'MSJX-001' });
      expect(early.status).toBe(409);
      expect((await json<ErrorBody>(early)).error.message).toContain('银行账号');
      // The recipient's one step: confirm the account (a bad one is refused; no application is needed or possible).
      expect((await step(d.seller.token, a1!.id, 'submit', {})).status).toBe(422);
      expect((await step(d.seller.token, a1!.id, 'submit', { bankAccount: '12' })).status).toBe(400);
      expect((await step(d.seller.token, a1!.id, 'submit', { bankAccount: '6222 0216 5555 0001' })).status).toBe(200);
      const paid = await step(payer, a1!.id, 'pay', { paymentReference: 'MSJX-002' });
      expect(paid.status).toBe(200);
      expect(await json<Grant>(paid)).toMatchObject({ status: 'paid', approvedAmount: '15000.00' });
      const trail = (await getDb().select({ a: auditEvents.action }).from(auditEvents).where(eq(auditEvents.subjectId, a1!.id)).orderBy(auditEvents.id)).map((r) => r.a);
      expect(trail).toEqual(['grant.approve', 'grant.confirm_bank', 'grant.pay']);
    } finally {
      const mine = await getDb().select({ id: grants.id }).from(grants).where(eq(grants.policyId, id));
      if (mine.length) await getDb().delete(grantAdjustments).where(inArray(grantAdjustments.grantId, mine.map((g) => g.id)));
      await getDb().delete(grants).where(eq(grants.policyId, id));
      await getDb().delete(policies).where(eq(policies.id, id));
    }
  });
});

describe('jobs', () => {
  it('lists jobs that used up their attempts and retries them', async () => {
    const bureau = await bureauToken();
    await getDb().execute(sql`select graphile_worker.add_job('grants:recompute', '{"event":"manual","pairs":"not a list"}'::json, max_attempts => 1)`);
    await drain();
    const dead = await json<{ items: Array<{ id: string; task: string; lastError: string }> }>(await call(deadRoute, { token: bureau }));
    const mine = dead.items.find((j) => j.task === 'grants:recompute');
    expect(mine?.lastError).toBeTruthy();
    expect((await call(deadRoute, { token: bureau, body: { id: mine!.id } })).status).toBe(200);
    const [row] = await getDb().execute<{ attempts: number }>(sql`select attempts from graphile_worker._private_jobs where id = ${mine!.id}::bigint`);
    expect(row!.attempts).toBe(0);
    expect((await call(deadRoute, { token: (await deal()).seller.token })).status).toBe(403);
  });

  it('unlocks the jobs of a worker that stopped beating (killed), so they run again', async () => {
    const sqlc = postgres(env().DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      const worker = `dead-${randomUUID().slice(0, 8)}`;
      await getDb().execute(sql`select graphile_worker.add_job('grants:recompute', '{"event":"manual","pairs":[]}'::json, job_key => ${worker})`);
      await sqlc`update graphile_worker._private_jobs set locked_by = ${worker}, locked_at = now() - interval '1 minute' where key = ${worker}`;
      await sqlc`insert into worker_heartbeats (worker_id, pid, last_seen) values (${worker}, 1, now() - interval '1 minute')`;
      expect(await sweep(sqlc)).toBeGreaterThanOrEqual(1);
      const [job] = await sqlc<Array<{ locked_by: string | null }>>`select locked_by from graphile_worker._private_jobs where key = ${worker}`;
      expect(job!.locked_by).toBeNull();
    } finally {
      await sqlc.end();
    }
  });

  it('after a kill, drops a retired job and a recurring last attempt, and lists any other last attempt as dead with the reason', async () => {
    const bureau = await bureauToken();
    const sqlc = postgres(env().DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      const worker = `dead-${randomUUID().slice(0, 8)}`;
      const [retiredKey, lastKey, cronKey] = [`retire-${worker}`, `last-${worker}`, `cron:${worker}`];
      const add = (key: string, maxAttempts: number) =>
        getDb().execute(sql`select graphile_worker.add_job('grants:recompute', '{"event":"manual","pairs":[]}'::json, job_key => ${key}, max_attempts => ${maxAttempts})`);
      await add(retiredKey, 10);
      await add(lastKey, 1);
      await add(cronKey, 1);
      // The dead worker had taken all three (taking a job counts an attempt).
      await sqlc`update graphile_worker._private_jobs set locked_by = ${worker}, locked_at = now() - interval '1 minute', attempts = attempts + 1
                 where key in (${retiredKey}, ${lastKey}, ${cronKey})`;
      // The first one's key is added again while it is locked: graphile-worker retires it for a new job.
      const [before] = await sqlc<Array<{ id: string }>>`select id::text from graphile_worker._private_jobs where key = ${retiredKey}`;
      await add(retiredKey, 10);
      const [retired] = await sqlc<Array<{ key: string | null; attempts: number; max_attempts: number }>>`select key, attempts, max_attempts from graphile_worker._private_jobs where id = ${before!.id}::bigint`;
      expect(retired).toMatchObject({ key: null, attempts: 10, max_attempts: 10 });
      await sqlc`insert into worker_heartbeats (worker_id, pid, last_seen) values (${worker}, 1, now() - interval '1 minute')`;

      expect(await sweep(sqlc)).toBeGreaterThanOrEqual(1);

      expect(await sqlc`select 1 from graphile_worker._private_jobs where id = ${before!.id}::bigint`).toHaveLength(0);
      expect(await sqlc`select 1 from graphile_worker._private_jobs where key = ${retiredKey} and locked_by is null and attempts = 0`).toHaveLength(1);
      expect(await sqlc`select 1 from graphile_worker._private_jobs where key = ${cronKey}`).toHaveLength(0);
      const dead = await json<{ items: Array<{ id: string; lastError: string | null }> }>(await call(deadRoute, { token: bureau }));
      const [last] = await sqlc<Array<{ id: string; locked_by: string | null }>>`select id::text, locked_by from graphile_worker._private_jobs where key = ${lastKey}`;
      expect(last!.locked_by).toBeNull();
      expect(dead.items.find((j) => j.id === last!.id)?.lastError).toBe(DIED_ON_LAST_ATTEMPT);
      expect(dead.items.some((j) => j.id === before!.id)).toBe(false);
    } finally {
      await sqlc.end();
    }
  });
});

describe('batch approval on /bureau/grants', () => {
  const batch = (token: string, pairs: string[][]) =>
    call(queuePage, { token, path: '/bureau/grants', form: [['intent', 'approve-batch'], ...pairs] as unknown as Record<string, string> });
  const submittedA1 = async () => {
    const { d, bureau, a1 } = await registeredGrant();
    expect((await step(d.seller.token, a1.id, 'submit', { bankAccount: '6222 0216 1234 5678' })).status).toBe(200);
    return { d, bureau, a1 };
  };
  const approvals = async (ids: string[]) =>
    getDb()
      .select({ id: auditEvents.subjectId })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'grant.approve'), inArray(auditEvents.subjectId, ids)));

  it('approves the ticked grants, each at its computed amount, with one audit row each', async () => {
    const one = await submittedA1();
    const two = await submittedA1();
    const reviewer = await bureauToken();
    const res = await batch(reviewer, [['ids', one.a1.id], ['ids', two.a1.id], ['acknowledgeOverBudget', 'on']]);
    expect(res.status).toBe(200);
    expect((await json<{ approved: number }>(res)).approved).toBe(2);
    const rows = await getDb().select().from(grants).where(inArray(grants.id, [one.a1.id, two.a1.id]));
    for (const g of rows) {
      expect(g.status).toBe('approved');
      expect(g.approvedAmount!.toFixed(2)).toBe(g.amount.toFixed(2));
    }
    expect(await approvals([one.a1.id, two.a1.id])).toHaveLength(2);
  });

  it('refuses the whole batch when one cannot be approved, naming it; nothing changes', async () => {
    const ready = await submittedA1();
    const notApplied = await registeredGrant();
    const reviewer = await bureauToken();
    const res = await batch(reviewer, [['ids', ready.a1.id], ['ids', notApplied.a1.id], ['acknowledgeOverBudget', 'on']]);
    expect(res.status).toBe(409);
    const body = await json<{ formError?: { zh: string } }>(res);
    expect(body.formError?.zh).toContain(notApplied.d.seller.org.name);
    expect(body.formError?.zh).toContain('本批均未核准');
    const [g] = await getDb().select().from(grants).where(eq(grants.id, ready.a1.id));
    expect(g!.status).toBe('submitted');
    expect(await approvals([ready.a1.id, notApplied.a1.id])).toHaveLength(0);
  });

  it('answers no ticks, a bad id or too many with 400, and an organisation with 403', async () => {
    const reviewer = await bureauToken();
    expect((await batch(reviewer, [])).status).toBe(400);
    expect((await batch(reviewer, [['ids', 'not-a-uuid']])).status).toBe(400);
    expect((await batch(reviewer, Array.from({ length: 101 }, () => ['ids', randomUUID()]))).status).toBe(400);
    const { d, a1 } = await submittedA1();
    expect((await batch(d.buyer.token, [['ids', a1.id]])).status).toBe(403);
    const [g] = await getDb().select().from(grants).where(eq(grants.id, a1.id));
    expect(g!.status).toBe('submitted');
  });
});
