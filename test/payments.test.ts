/**
 * Payments through the real `stripe` SDK against the local fake Stripe on
 * loopback; webhooks signed with the SDK's test-header helper and delivered to
 * the real webhook route; processing by the real job through graphile-worker.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { Logger, runOnce } from 'graphile-worker';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env, resetEnv } from '#config/env.ts';
import { getDb } from '#db/client.ts';
import { auditEvents, commissions, contracts, payments, stripeEvents } from '#db/schema.ts';
import { paymentsStripeEvent } from '#jobs/tasks/payments-stripe-event.ts';
import { startFakeStripe, type FakeStripe } from '#scripts/services/fake-stripe.ts';
import * as contractRoute from '#app/routes/api.v1.contracts.$id.ts';
import * as createRoute from '#app/routes/api.v1.contracts._index.ts';
import * as checkoutRoute from '#app/routes/api.v1.contracts.$id.instalments.$seq.checkout.ts';
import * as manualRoute from '#app/routes/api.v1.contracts.$id.instalments.$seq.payments.ts';
import * as refundRoute from '#app/routes/api.v1.contracts.$id.instalments.$seq.refund.ts';
import * as webhookRoute from '#app/routes/api.v1.payments.stripe.webhook.ts';
import * as amendRoute from '#app/routes/api.v1.contracts.$id.amend.ts';
import * as registerRoute from '#app/routes/api.v1.contracts.$id.register.ts';
import { call, json } from './api.ts';
import { bureauToken, confirmAndSubmit, deal, registered, submitted, type ContractBody, type Deal, type ErrorBody } from './contract-fixtures.ts';
import { tokenOf } from './factories.ts';

let fake: FakeStripe;
let sdk: Stripe;

beforeAll(async () => {
  fake = await startFakeStripe({ webhookUrl: null });
  process.env.STRIPE_SECRET_KEY = fake.secretKey;
  process.env.STRIPE_WEBHOOK_SECRET = fake.webhookSecret;
  process.env.STRIPE_API_BASE = fake.url;
  resetEnv();
  const u = new URL(fake.url);
  sdk = new Stripe(fake.secretKey, { host: u.hostname, port: Number(u.port), protocol: 'http', maxNetworkRetries: 0, telemetry: false });
});
afterAll(async () => {
  await fake.stop();
});

/** Runs the queued payment jobs to completion, as the worker would. */
async function drain() {
  await runOnce({ connectionString: env().DATABASE_URL!, taskList: { 'payments:stripe-event': paymentsStripeEvent }, logger: quietLogger });
}
const quietLogger = new Logger(() => () => {});

/** Delivers an event to the webhook route as Stripe would: JSON body, signed header. */
async function deliver(event: Stripe.Event, secret = fake.webhookSecret) {
  const payload = JSON.stringify(event);
  const header = sdk.webhooks.generateTestHeaderString({ payload, secret });
  return call(webhookRoute, { rawBody: payload, headers: { 'stripe-signature': header } });
}

async function view(token: string, id: string) {
  return json<ContractBody>(await call(contractRoute, { token, params: { id } }));
}

async function checkout(d: Deal, id: string, seq: number, headers: Record<string, string> = {}) {
  return call(checkoutRoute, { token: d.buyer.token, params: { id, seq: String(seq) }, method: 'POST', headers });
}

/** The buyer pays instalment `seq` on the hosted page; returns the event Stripe would send. */
async function pay(d: Deal, id: string, seq: number) {
  const res = await checkout(d, id, seq);
  expect(res.status).toBe(201);
  const { url } = await json<{ url: string }>(res);
  return fake.completeSession(url.split('/').pop()!);
}

describe('Stripe Checkout', () => {
  it('creates a CNY session in minor units for the buyer, reuses it on a second click, and refuses others', async () => {
    const d = await deal();
    const bureau = await bureauToken();
    const c = await registered(d, bureau);
    const res = await checkout(d, c.id, 1);
    expect(res.status).toBe(201);
    const first = await json<{ paymentId: string; url: string }>(res);
    const session = await sdk.checkout.sessions.retrieve(first.url.split('/').pop()!);
    expect(session.amount_total).toBe(40_000_000); // ¥400,000.00 in 分
    expect(session.currency).toBe('cny');
    expect(session.metadata).toMatchObject({ paymentId: first.paymentId, contractId: c.id, seq: '1' });
    expect(session.success_url).toContain(`/contracts/${c.id}?payment=success`);

    const again = await json<{ paymentId: string; url: string }>(await checkout(d, c.id, 1));
    expect(again).toEqual(first);

    expect((await call(checkoutRoute, { token: d.seller.token, params: { id: c.id, seq: '1' }, method: 'POST' })).status).toBe(403);
    const stranger = await tokenOf('enterprise');
    expect((await call(checkoutRoute, { token: stranger.token, params: { id: c.id, seq: '1' }, method: 'POST' })).status).toBe(404);
    expect((await checkout(d, c.id, 9)).status).toBe(404);
    expect((await checkout(d, c.id, 0)).status).toBe(400);
  });

  it('refuses a contract that is not registered, and an instalment above Stripe’s single-charge limit', async () => {
    const d = await deal();
    const id = await submitted(d);
    expect((await checkout(d, id, 1)).status).toBe(409);
    const bureau = await bureauToken();
    const big = await registered(d, bureau, '2024-06-03', { ...d.body, resultId: null, kind: 'development', amount: '2000000.00', technologyAmount: null, instalments: [] });
    const res = await checkout(d, big.id, 1);
    expect(res.status).toBe(422);
    expect((await json<ErrorBody>(res)).error.message).toContain('999,999.99');
    const [n] = await getDb().select({ n: sql<number>`count(*)::int` }).from(payments).where(eq(payments.contractId, big.id));
    expect(n!.n).toBe(0);
  });
});

describe('Stripe webhook', () => {
  it('checks the signature on the raw body and stores nothing for a bad one', async () => {
    const d = await deal();
    const c = await registered(d, await bureauToken());
    const event = await pay(d, c.id, 1);
    const payload = JSON.stringify(event);
    const wrongSecret = await deliver(event, 'whsec_not_the_secret');
    expect(wrongSecret.status).toBe(400);
    const tampered = payload.replace('"paid"', '"unpaid"');
    const header = sdk.webhooks.generateTestHeaderString({ payload, secret: fake.webhookSecret });
    expect((await call(webhookRoute, { rawBody: tampered, headers: { 'stripe-signature': header } })).status).toBe(400);
    expect((await call(webhookRoute, { rawBody: payload })).status).toBe(400);
    const [n] = await getDb().select({ n: sql<number>`count(*)::int` }).from(stripeEvents).where(eq(stripeEvents.id, event.id));
    expect(n!.n).toBe(0);
  });

  it('marks the instalment paid and makes the broker’s share due; a redelivery changes nothing; a refund reverses it', async () => {
    const d = await deal();
    const c = await registered(d, await bureauToken());
    const event = await pay(d, c.id, 1);
    const first = await deliver(event);
    expect(first.status).toBe(200);
    expect(await json(first)).toEqual({ received: true, duplicate: false });
    expect(await json(await deliver(event))).toEqual({ received: true, duplicate: true });
    const jobs = await getDb().execute<{ n: number }>(
      sql`select count(*)::int as n from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'payments:stripe-event' and j.payload->>'eventId' = ${event.id}`,
    );
    expect(jobs[0]!.n).toBe(1);

    await drain();
    let seen = await view(d.buyer.token, c.id);
    expect(seen.instalments.map((i) => i.status)).toEqual(['paid', 'pending']);
    expect(seen.owed.outstanding).toBe('800000.00');
    // 36,000 × 400,000 / 1,200,000
    expect(seen.owed.commission).toMatchObject({ amount: '36000.00', dueAmount: '12000.00', status: 'accrued' });
    expect(seen.payments).toEqual([expect.objectContaining({ seq: 1, provider: 'stripe', status: 'paid', amount: '400000.00' })]);
    const audited = (await getDb().select({ a: auditEvents.action }).from(auditEvents).where(eq(auditEvents.subjectType, 'contract'))).map((r) => r.a);
    expect(audited).toContain('instalment.paid');

    // Paying a paid instalment again: 409.
    expect((await checkout(d, c.id, 1)).status).toBe(409);

    const refund = await call(refundRoute, { token: d.seller.token, params: { id: c.id, seq: '1' }, body: { reason: '买方申请退款' } });
    expect(refund.status).toBe(202);
    const refunded = fake.events.at(-1)!;
    expect(refunded.type).toBe('charge.refunded');
    expect((await deliver(refunded)).status).toBe(200);
    await drain();
    seen = await view(d.seller.token, c.id);
    expect(seen.instalments.map((i) => i.status)).toEqual(['reversed', 'pending']);
    expect(seen.owed.commission!.dueAmount).toBe('0.00');
    expect(seen.owed.outstanding).toBe('1200000.00');
  });

  it('replay: every event delivered twice in random order gives the same final state', async () => {
    const finals: string[] = [];
    let delivered = 0;
    let unique = 0;
    for (let round = 0; round < 4; round++) {
      const d = await deal();
      const c = await registered(d, await bureauToken());
      const since = fake.events.length;
      // Pay both instalments, start a third attempt and let it expire, refund the first.
      await pay(d, c.id, 1);
      await pay(d, c.id, 2);
      expect((await call(refundRoute, { token: d.seller.token, params: { id: c.id, seq: '1' }, body: { reason: '部分退款' } })).status).toBe(409); // not yet paid here: nothing delivered
      const fresh = async () => (await sdk.events.list({ limit: 100 })).data.slice(0, fake.events.length - since).reverse();
      const events = await fresh();
      expect(events.map((e) => e.type)).toEqual(['checkout.session.completed', 'checkout.session.completed']);
      // Stripe knows the first is paid even though we have not heard yet; its refund is the third event.
      const pi = (events[0]!.data.object as Stripe.Checkout.Session).payment_intent as string;
      await sdk.refunds.create({ payment_intent: pi });
      const all = await fresh();
      expect(all.map((e) => e.type)).toEqual(['checkout.session.completed', 'checkout.session.completed', 'charge.refunded']);

      const twice = shuffle([...all, ...all], round + 1);
      for (const [i, e] of twice.entries()) {
        expect((await deliver(e)).status).toBe(200);
        delivered++;
        if (i % 2 === round % 2) await drain(); // process some events between deliveries
      }
      unique += all.length;
      await drain();
      const seen = await view(d.buyer.token, c.id);
      finals.push(JSON.stringify({ instalments: seen.instalments.map((i) => i.status), due: seen.owed.commission!.dueAmount, outstanding: seen.owed.outstanding, payments: seen.payments.map((p) => `${p.seq}:${p.status}`).sort() }));
    }
    expect(new Set(finals).size).toBe(1);
    expect(JSON.parse(finals[0]!)).toEqual({ instalments: ['reversed', 'paid'], due: '24000.00', outstanding: '400000.00', payments: ['1:refunded', '2:paid'] });
    expect(delivered).toBe(unique * 2);
    console.log(`[replay] ${delivered} deliveries of ${unique} events in 4 random orders → 1 final state`);
  });
});

/** Deterministic Fisher–Yates, so a failure can be replayed. */
function shuffle<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed * 2654435761;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('payments recorded by hand', () => {
  it('lets the seller record and reverse a bank transfer, with its reference; nobody else', async () => {
    const d = await deal();
    const c = await registered(d, await bureauToken());
    const path = { id: c.id, seq: '2' };
    expect((await call(manualRoute, { token: d.buyer.token, params: path, body: { status: 'paid', reference: 'ICBC 20240701001' } })).status).toBe(403);
    expect((await call(manualRoute, { token: d.seller.token, params: path, body: { status: 'paid', reference: '' } })).status).toBe(400);
    expect((await call(manualRoute, { token: d.seller.token, params: path, body: { status: 'reversed', reference: 'nothing to reverse' } })).status).toBe(409);
    const ok = await call(manualRoute, { token: d.seller.token, params: path, body: { status: 'paid', reference: 'ICBC 20240701001' } });
    expect(ok.status).toBe(200);
    const seen = await json<ContractBody>(ok);
    expect(seen.instalments.map((i) => i.status)).toEqual(['pending', 'paid']);
    expect(seen.owed.commission!.dueAmount).toBe('24000.00');
    expect((await call(manualRoute, { token: d.seller.token, params: path, body: { status: 'paid', reference: 'again' } })).status).toBe(409);
    const back = await json<ContractBody>(await call(manualRoute, { token: d.seller.token, params: path, body: { status: 'reversed', reference: '银行退票' } }));
    expect(back.instalments.map((i) => i.status)).toEqual(['pending', 'reversed']);
    expect(back.owed.commission!.dueAmount).toBe('0.00');
  });
});

describe('Idempotency-Key', () => {
  it('replays the first answer for the same key and body, refuses another body, and runs without a key', async () => {
    const d = await deal();
    const body = { ...d.body, kind: 'development', resultId: null };
    const key = randomUUID();
    const a = await call(createRoute, { token: d.broker.token, body, headers: { 'idempotency-key': key } });
    const b = await call(createRoute, { token: d.broker.token, body, headers: { 'idempotency-key': key } });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect((await json<{ id: string }>(b)).id).toBe((await json<{ id: string }>(a)).id);
    const other = await call(createRoute, { token: d.broker.token, body: { ...body, amount: '1300000.00', instalments: [] }, headers: { 'idempotency-key': key } });
    expect(other.status).toBe(409);
    const count = async () => (await getDb().select({ n: sql<number>`count(*)::int` }).from(contracts).where(eq(contracts.sellerOrgId, d.seller.org.id)))[0]!.n;
    expect(await count()).toBe(1);
    await call(createRoute, { token: d.broker.token, body });
    await call(createRoute, { token: d.broker.token, body });
    expect(await count()).toBe(3);
    // A key belongs to its user: the same key from someone else is a separate request.
    const mine = await call(createRoute, { token: d.seller.token, body, headers: { 'idempotency-key': key } });
    expect(mine.status).toBe(201);
    expect(await count()).toBe(4);
    expect((await call(createRoute, { token: d.broker.token, body, headers: { 'idempotency-key': 'bad key with spaces' } })).status).toBe(400);
  });

  it('stores a refused request too, so a retry cannot slip through later', async () => {
    const d = await deal();
    const bureau = await bureauToken();
    const id = await submitted(d);
    const key = randomUUID();
    const bad = await call(registerRoute, { token: bureau, params: { id }, body: { registeredOn: 'not-a-date' }, headers: { 'idempotency-key': key } });
    expect(bad.status).toBe(400);
    const replay = await call(registerRoute, { token: bureau, params: { id }, body: { registeredOn: 'not-a-date' }, headers: { 'idempotency-key': key } });
    expect(replay.status).toBe(400);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const k2 = randomUUID();
    const r1 = await json<ContractBody>(await call(registerRoute, { token: bureau, params: { id }, body: { registeredOn: '2024-06-03' }, headers: { 'idempotency-key': k2 } }));
    const r2 = await call(registerRoute, { token: bureau, params: { id }, body: { registeredOn: '2024-06-03' }, headers: { 'idempotency-key': k2 } });
    expect(r2.status).toBe(200);
    expect((await json<ContractBody>(r2)).registrationNo).toBe(r1.registrationNo);
  });
});

describe('amendments', () => {
  it('makes a new version that must be registered again; it supersedes the original and carries its payments', async () => {
    const d = await deal();
    const bureau = await bureauToken();
    const c = await registered(d, bureau);
    await call(manualRoute, { token: d.seller.token, params: { id: c.id, seq: '1' }, body: { status: 'paid', reference: 'BOC 0001' } });
    expect((await call(amendRoute, { token: (await tokenOf('enterprise')).token, params: { id: c.id }, method: 'POST' })).status).toBe(404);
    const res = await call(amendRoute, { token: d.buyer.token, params: { id: c.id }, method: 'POST' });
    expect(res.status).toBe(201);
    const a = await json<ContractBody>(res);
    expect(a).toMatchObject({ status: 'draft', amendsId: c.id, registrationNo: null, amount: '1200000.00' });
    expect(a.instalments.map((i) => i.status)).toEqual(['paid', 'pending']);
    expect((await call(amendRoute, { token: d.seller.token, params: { id: c.id }, method: 'POST' })).status).toBe(409);

    // The instalment paid under the original cannot change; the rest can.
    const touchPaid = await call(contractRoute, { method: 'PATCH', token: d.seller.token, params: { id: a.id }, body: { amount: '1500000.00', instalments: [{ dueOn: '2024-06-30', amount: '500000.00' }, { dueOn: '2025-06-30', amount: '1000000.00' }] } });
    expect(touchPaid.status).toBe(400);
    const patched = await call(contractRoute, { method: 'PATCH', token: d.seller.token, params: { id: a.id }, body: { amount: '1500000.00', technologyAmount: '1300000.00', instalments: [{ dueOn: '2024-06-30', amount: '400000.00' }, { dueOn: '2025-06-30', amount: '1100000.00' }] } });
    expect(patched.status, await patched.clone().text()).toBe(200);
    // The original stands, untouched, until the amendment is registered.
    expect((await view(bureau, c.id)).status).toBe('registered');

    await confirmAndSubmit(d, a.id);
    const reg = await call(registerRoute, { token: bureau, params: { id: a.id }, body: { registeredOn: '2024-09-02' } });
    expect(reg.status).toBe(200);
    const amended = await json<ContractBody>(reg);
    expect(amended.registrationNo).not.toBe(c.registrationNo);
    const original = await view(bureau, c.id);
    expect(original.status).toBe('superseded');
    const [oldCom] = await getDb().select().from(commissions).where(eq(commissions.contractId, c.id));
    expect(oldCom!.status).toBe('cancelled');
    // 3% of 1,500,000 = 45,000; 400,000 of 1,500,000 paid → 12,000.00 due.
    expect(amended.owed.commission).toMatchObject({ amount: '45000.00', dueAmount: '12000.00' });
    expect(amended.instalments.map((i) => i.status)).toEqual(['paid', 'pending']);
    const jobs = await getDb().execute<{ event: string }>(
      sql`select j.payload->>'event' as event from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'grants:recompute' and j.payload->>'contractId' = ${c.id} order by j.id`,
    );
    expect([...jobs].map((j) => j.event)).toEqual(['registered', 'superseded']);
    // A registered amendment cannot be registered again, and a superseded contract cannot be amended.
    expect((await call(registerRoute, { token: bureau, params: { id: a.id }, body: { registeredOn: '2024-09-03' } })).status).toBe(409);
    expect((await call(amendRoute, { token: d.buyer.token, params: { id: c.id }, method: 'POST' })).status).toBe(409);
  });
});
