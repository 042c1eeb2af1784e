import Decimal from 'decimal.js';
import { and, count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '#db/client.ts';
import { auditEvents, commissions, contracts, results } from '#db/schema.ts';
import type { Viewer } from '#app/lib/auth.server.ts';
import { registerContract } from '#app/services/contracts.server.ts';
import * as createRoute from '#app/routes/api.v1.contracts._index.ts';
import * as contractRoute from '#app/routes/api.v1.contracts.$id.ts';
import * as confirmRoute from '#app/routes/api.v1.contracts.$id.confirm.ts';
import * as submitRoute from '#app/routes/api.v1.contracts.$id.submit.ts';
import * as registerRoute from '#app/routes/api.v1.contracts.$id.register.ts';
import * as revokeRoute from '#app/routes/api.v1.contracts.$id.revoke.ts';
import { call, json } from './api.ts';
import { attachSignedContract, bureauToken, deal, submitted, type ContractBody, type ErrorBody } from './contract-fixtures.ts';
import { createOrg, createUser, tokenOf, withSignedContract } from './factories.ts';

async function contractCount() {
  const [row] = await getDb().select({ n: count() }).from(contracts);
  return row!.n;
}

async function grantJobs(contractId: string) {
  const rows = await getDb().execute<{ payload: { event: string; pairs: unknown[] } }>(
    sql`select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
        where t.identifier = 'grants:recompute' and j.payload->>'contractId' = ${contractId}`,
  );
  return [...rows];
}

describe('contract lifecycle', () => {
  it('drafts, confirms, submits, registers: number, commission, new holder, one grant job, audit', async () => {
    const d = await deal();
    const created = await call(createRoute, { token: d.broker.token, body: d.body });
    expect(created.status).toBe(201);
    const c = await json<ContractBody>(created);
    expect(c.status).toBe('draft');
    expect((await call(submitRoute, { token: d.seller.token, params: { id: c.id }, method: 'POST' })).status).toBe(422);
    await call(confirmRoute, { token: d.seller.token, params: { id: c.id }, method: 'POST' });
    const both = await json<ContractBody>(await call(confirmRoute, { token: d.buyer.token, params: { id: c.id }, method: 'POST' }));
    expect(both.confirmations.seller && both.confirmations.buyer).toBeTruthy();
    expect((await call(submitRoute, { token: d.buyer.token, params: { id: c.id }, method: 'POST' })).status).toBe(200);
    await attachSignedContract(d.buyer.token, c.id);

    const bureau = await bureauToken();
    const reg = await call(registerRoute, { token: bureau, params: { id: c.id }, body: { registeredOn: '2024-06-03' } });
    expect(reg.status).toBe(200);
    const registered = await json<ContractBody>(reg);
    expect(registered.registrationNo).toMatch(/^2024371502\d{6}$/);

    const [commission] = await getDb().select().from(commissions).where(eq(commissions.contractId, c.id));
    expect(commission!.amount.toFixed(2)).toBe('36000.00');
    expect(commission!.status).toBe('accrued');
    const [result] = await getDb().select().from(results).where(eq(results.id, d.resultId));
    expect(result!.holderOrgId).toBe(d.buyer.org.id);
    expect(result!.ownerOrgId).toBe(d.seller.org.id);
    const jobs = await grantJobs(c.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.payload.pairs).toEqual([
      { recipientOrgId: d.seller.org.id, year: 2024 },
      { recipientOrgId: d.broker.org.id, year: 2024 },
    ]);
    const actions = (await getDb().select({ a: auditEvents.action }).from(auditEvents).where(eq(auditEvents.subjectId, c.id))).map((r) => r.a);
    expect(actions).toEqual(['contract.create', 'contract.confirm.seller', 'contract.confirm.buyer', 'contract.submit', 'contract.register']);

    // Registering twice: 409, nothing changes.
    const again = await call(registerRoute, { token: bureau, params: { id: c.id }, body: { registeredOn: '2024-06-04' } });
    expect(again.status).toBe(409);
    expect((await json<ContractBody>(await call(contractRoute, { token: bureau, params: { id: c.id } }))).registrationNo).toBe(registered.registrationNo);
    expect(await grantJobs(c.id)).toHaveLength(1);

    // A later transfer of that result must come from its holder now: the buyer.
    const resale = await call(createRoute, { token: d.seller.token, body: { ...d.body, buyerOrgId: (await createOrg({ kind: 'enterprise' })).id, brokerOrgId: null, commission: null } });
    expect(resale.status).toBe(422);
    expect((await json<ErrorBody>(resale)).error.fields?.resultId).toBeTruthy();
  });

  it('revokes: the contract leaves the bases, the unpaid commission is cancelled, the holder returns, one job', async () => {
    const d = await deal();
    const id = await submitted(d);
    const bureau = await bureauToken();
    await call(registerRoute, { token: bureau, params: { id }, body: { registeredOn: '2025-03-01' } });
    expect((await call(revokeRoute, { token: bureau, params: { id }, body: {} })).status).toBe(400);
    const res = await call(revokeRoute, { token: bureau, params: { id }, body: { reason: '合同标的与登记不符' } });
    expect(res.status).toBe(200);
    const [commission] = await getDb().select().from(commissions).where(eq(commissions.contractId, id));
    expect(commission!.status).toBe('cancelled');
    const [result] = await getDb().select().from(results).where(eq(results.id, d.resultId));
    expect(result!.holderOrgId).toBe(d.seller.org.id);
    const jobs = await grantJobs(id);
    expect(jobs.map((j) => j.payload.event).sort()).toEqual(['registered', 'revoked']);
  });

  it('keeps a licence from moving the rights holder', async () => {
    const d = await deal();
    d.body = { ...d.body, licence: true } as typeof d.body;
    const id = await submitted(d);
    await call(registerRoute, { token: await bureauToken(), params: { id }, body: { registeredOn: '2024-07-01' } });
    const [result] = await getDb().select().from(results).where(eq(results.id, d.resultId));
    expect(result!.holderOrgId).toBe(d.seller.org.id);
  });
});

describe('bad contract input: a clear 4xx and nothing written', () => {
  const cases: Array<[string, (b: Record<string, unknown>) => Promise<Record<string, unknown>> | Record<string, unknown>, number, string]> = [
    ['an amount ≤ 0', (b) => ({ ...b, amount: '0.00', instalments: [] }), 400, 'amount'],
    ['a technology amount above the amount', (b) => ({ ...b, technologyAmount: '1300000.00' }), 400, 'technologyAmount'],
    ['seller = buyer', (b) => ({ ...b, buyerOrgId: b.sellerOrgId }), 400, 'buyerOrgId'],
    ['an unverified party', async (b) => ({ ...b, buyerOrgId: (await createOrg({ kind: 'enterprise', status: 'pending' })).id }), 422, 'buyerOrgId'],
    ['a transfer with no result', (b) => ({ ...b, resultId: null }), 400, 'resultId'],
    ['a transfer whose seller does not hold the result', async (b) => ({ ...b, sellerOrgId: (await createOrg({ kind: 'university' })).id }), 422, 'resultId'],
    ['a commission rate above 100%', (b) => ({ ...b, commission: { rate: '1.5' } }), 400, 'commission'],
    ['instalments that do not sum to the amount', (b) => ({ ...b, instalments: [{ dueOn: '2024-06-30', amount: '100.00' }] }), 400, 'instalments'],
  ];
  for (const [what, mutate, status, field] of cases) {
    it(`refuses ${what}`, async () => {
      const d = await deal();
      const before = await contractCount();
      const res = await call(createRoute, { token: d.broker.token, body: await mutate(d.body) });
      expect(res.status).toBe(status);
      expect((await json<ErrorBody>(res)).error.fields?.[field]).toBeTruthy();
      expect(await contractCount()).toBe(before);
    });
  }

  it('answers 409 to a party editing after submission, and 404 to anyone not party to it', async () => {
    const d = await deal();
    const id = await submitted(d);
    const edit = await call(contractRoute, { method: 'PATCH', token: d.seller.token, params: { id }, body: { amount: '1.00' } });
    expect(edit.status).toBe(409);
    const outsider = await tokenOf('enterprise');
    expect((await call(contractRoute, { token: outsider.token, params: { id } })).status).toBe(404);
    const [row] = await getDb().select().from(contracts).where(eq(contracts.id, id));
    expect(row!.amount.toFixed(2)).toBe('1200000.00');
  });
});

describe('registration numbers under concurrency', () => {
  it('gives 50 parallel registrations 50 unique numbers in sequence', async () => {
    const seller = await createOrg({ kind: 'university', regionCode: '371526' });
    const buyer = await createOrg({ kind: 'enterprise' });
    const rows = await getDb()
      .insert(contracts)
      .values(
        Array.from({ length: 50 }, (_, i) => ({
          kind: 'service' as const,
          title: `技术服务合同 ${i}`,
          sellerOrgId: seller.id,
          buyerOrgId: buyer.id,
          amount: new Decimal('10000.00'),
          signedOn: '2025-01-02',
          status: 'submitted' as const,
        })),
      )
      .returning({ id: contracts.id });
    for (const r of rows) await withSignedContract({ id: r.id, sellerOrgId: seller.id });
    const bureau = await createUser({ role: 'bureau' });
    const viewer: Viewer = { user: { id: bureau.id, email: bureau.email, name: '', role: 'bureau', orgId: null, bureauRoles: ['registrar'] }, org: null, via: { kind: 'token', tokenId: 'test' } };
    const t0 = performance.now();
    const done = await Promise.all(rows.map((r) => registerContract(viewer, r.id, '2025-02-01', { ip: '127.0.0.1' })));
    const seconds = (performance.now() - t0) / 1000;
    const seqs = done.map((c) => Number(c.registrationNo!.slice(-6))).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(done.map((c) => c.registrationNo)).size).toBe(50);
    expect(done.every((c) => c.registrationNo!.startsWith('2025371526'))).toBe(true);
    const [jobs] = await getDb().execute<{ n: number }>(
      sql`select count(*)::int as n from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'grants:recompute'`,
    );
    expect(jobs!.n).toBeGreaterThanOrEqual(50);
    console.info(`[contracts] 50 parallel registrations in ${seconds.toFixed(2)} s (${(50 / seconds).toFixed(0)} registrations/s)`);
    const [regs] = await getDb().select({ n: count() }).from(contracts).where(and(eq(contracts.sellerOrgId, seller.id), eq(contracts.status, 'registered')));
    expect(regs!.n).toBe(50);
  });
});

describe('commissions', () => {
  it('lists the agency’s commissions with totals, exports CSV, and goes accrued → invoiced → paid; a revoke then flags a refund', async () => {
    const commissionsRoute = await import('#app/routes/api.v1.commissions._index.ts');
    const stepRoute = await import('#app/routes/api.v1.commissions.$id.$step.ts');
    const d = await deal();
    const id = await submitted(d);
    const bureau = await bureauToken();
    await call(registerRoute, { token: bureau, params: { id }, body: { registeredOn: '2024-08-01' } });

    const list = await json<{ items: Array<{ id: string; amount: string; status: string; registrationNo: string }>; totals: Array<{ year: number; status: string; amount: string }> }>(
      await call(commissionsRoute, { token: d.broker.token, path: '/api/v1/commissions' }),
    );
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ amount: '36000.00', status: 'accrued' });
    expect(list.totals).toEqual([{ year: 2024, status: 'accrued', amount: '36000.00', count: 1 }]);
    const csv = await (await call(commissionsRoute, { token: d.broker.token, path: '/api/v1/commissions?format=csv' })).text();
    expect(csv).toContain(list.items[0]!.registrationNo);
    expect(csv).toContain('"36000.00"');
    // As people read it: the rate as a percentage, the status as its label.
    expect(csv).toContain('"3%"');
    expect(csv).toContain('"已计提"');
    expect(csv).not.toMatch(/accrued|0\.03/);

    // Other organisations see nothing of it.
    expect((await call(commissionsRoute, { token: d.seller.token, path: '/api/v1/commissions' })).status).toBe(403);
    const cid = list.items[0]!.id;
    // The seller reads the commission on the contract page, but only the agency records it (docs/money-records.md).
    expect((await call(stepRoute, { token: d.seller.token, params: { id: cid, step: 'invoiced' }, method: 'POST' })).status).toBe(403);

    expect((await call(stepRoute, { token: d.broker.token, params: { id: cid, step: 'invoiced' }, method: 'POST' })).status).toBe(200);
    expect((await call(stepRoute, { token: d.broker.token, params: { id: cid, step: 'invoiced' }, method: 'POST' })).status).toBe(409);
    expect((await call(stepRoute, { token: d.broker.token, params: { id: cid, step: 'paid' }, method: 'POST' })).status).toBe(200);
    await call(revokeRoute, { token: bureau, params: { id }, body: { reason: '重复登记' } });
    const [row] = await getDb().select().from(commissions).where(eq(commissions.id, cid));
    expect(row!.status).toBe('refund_due');
  });
});
