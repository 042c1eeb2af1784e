import Decimal from 'decimal.js';
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { getDb, type Tx } from '#db/client.ts';
import { audit } from '#db/queries/audit.ts';
import { commissions, contractInstalments, contracts, payments, stripeEvents, type Contract } from '#db/schema.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '#domain/errors.ts';
import { formatMoney, toMinorUnits } from '#domain/money.ts';
import { MONEY_RECORDS, mayRecord, standingOf, type MoneyRecordKind } from '#domain/payments/money-records.ts';
import { STRIPE_MAX_MINOR_UNITS, commissionDue, instalmentStatus, paymentStatus, type PaymentSignal, type PaymentStatus } from '#domain/payments/settlement.ts';
import { enqueue } from '#jobs/enqueue.ts';
import { env } from '#config/env.ts';
import { authorize, may, type Viewer } from '#app/lib/auth.server.ts';
import { stripe } from '#app/lib/stripe.server.ts';
import { boundaryErrors } from '#app/lib/validation.ts';

type Meta = { ip: string };
type Instalment = typeof contractInstalments.$inferSelect;

/** Contracts whose instalments can be paid: registered ones (an amendment's original is superseded, its payments carried over). */
const PAYABLE: Contract['status'][] = ['registered'];

async function lockContract(tx: Tx, id: string): Promise<Contract> {
  const [c] = await tx.select().from(contracts).where(eq(contracts.id, id)).for('update');
  if (!c) throw notFound();
  return c;
}

async function instalmentOf(tx: Tx, contractId: string, seq: number): Promise<Instalment> {
  const [i] = await tx
    .select()
    .from(contractInstalments)
    .where(and(eq(contractInstalments.contractId, contractId), eq(contractInstalments.seq, seq)));
  if (!i) throw notFound();
  return i;
}

function sees(v: Viewer, c: Contract): boolean {
  const org = v.user.orgId;
  return may(v, 'bureau.records.view') || (!!org && [c.sellerOrgId, c.buyerOrgId, c.brokerOrgId].includes(org));
}

/**
 * The buyer starts paying one instalment through Stripe Checkout, in CNY. An open
 * session for the same instalment is reused, so a double click never charges twice.
 * Stripe is called outside the transaction; its own idempotency key is the payment's id.
 */
export async function startCheckout(v: Viewer, contractId: string, seq: number, appOrigin: string, meta: Meta): Promise<{ paymentId: string; url: string }> {
  authorize(v, 'contract.draft');
  const prepared = await getDb().transaction(async (tx) => {
    const c = await lockContract(tx, contractId);
    if (!sees(v, c)) throw notFound();
    if (v.user.orgId !== c.buyerOrgId) throw forbidden({ zh: '只有买方可以在线支付', en: 'Only the buyer pays' });
    if (!PAYABLE.includes(c.status)) throw conflict({ zh: '合同登记后才能在线支付', en: 'Instalments are paid once the contract is registered' });
    const inst = await instalmentOf(tx, contractId, seq);
    if (inst.status === 'paid') throw conflict({ zh: '该期款项已支付', en: 'This instalment is already paid' });
    const minor = toMinorUnits(inst.amount);
    if (minor > STRIPE_MAX_MINOR_UNITS) {
      throw new AppError('unprocessable', {
        zh: `单笔在线支付上限为 ¥999,999.99，本期 ¥${formatMoney(inst.amount)} 请通过银行转账支付，由卖方登记`,
        en: `Online payments are limited to ¥999,999.99; pay ¥${formatMoney(inst.amount)} by bank transfer and the seller records it`,
      });
    }
    const [open] = await tx
      .select()
      .from(payments)
      .where(and(eq(payments.instalmentId, inst.id), eq(payments.provider, 'stripe'), eq(payments.status, 'pending')));
    if (open?.checkoutUrl) return { payment: open, reuse: true, inst, c, minor };
    const [p] = await tx
      .insert(payments)
      .values({ contractId, instalmentId: inst.id, provider: 'stripe', amount: inst.amount, createdBy: v.user.id })
      .returning();
    await audit(tx, { actorUserId: v.user.id, actorOrgId: v.user.orgId, action: 'payment.checkout', subjectType: 'contract', subjectId: contractId, ip: meta.ip, after: { paymentId: p!.id, seq, amount: formatMoney(inst.amount) } });
    return { payment: p!, reuse: false, inst, c, minor };
  });
  if (prepared.reuse) return { paymentId: prepared.payment.id, url: prepared.payment.checkoutUrl! };

  const { payment, inst, c, minor } = prepared;
  const metadata = { paymentId: payment.id, contractId, seq: String(seq) };
  let session: Stripe.Checkout.Session;
  try {
    session = await stripe().checkout.sessions.create(
      {
        mode: 'payment',
        line_items: [{ quantity: 1, price_data: { currency: 'cny', unit_amount: minor, product_data: { name: `${c.title} · 第 ${inst.seq} 期` } } }],
        client_reference_id: payment.id,
        metadata,
        payment_intent_data: { metadata },
        success_url: `${appOrigin}/contracts/${contractId}?payment=success`,
        cancel_url: `${appOrigin}/contracts/${contractId}?payment=cancelled`,
      },
      { idempotencyKey: `checkout:${payment.id}` },
    );
  } catch (e) {
    await getDb().update(payments).set({ status: 'expired', updatedAt: new Date() }).where(eq(payments.id, payment.id));
    if (e instanceof AppError) throw e;
    console.error('[payments] checkout failed', e);
    throw new AppError('unavailable', { zh: '支付服务暂不可用，请稍后再试', en: 'The payment service is unavailable; try again later' });
  }
  await getDb().update(payments).set({ stripeSessionId: session.id, checkoutUrl: session.url, updatedAt: new Date() }).where(eq(payments.id, payment.id));
  return { paymentId: payment.id, url: session.url! };
}

/** What the webhook stores of an event, and whether it means anything to us. */
function eventKeys(event: Stripe.Event): { paymentId: string | null; paymentIntentId: string | null; handled: boolean } {
  const obj = event.data.object as { metadata?: Record<string, string> | null; payment_intent?: string | { id: string } | null };
  const pi = typeof obj.payment_intent === 'string' ? obj.payment_intent : (obj.payment_intent?.id ?? null);
  const meta = obj.metadata?.paymentId;
  const paymentId = meta && /^[0-9a-f-]{36}$/i.test(meta) ? meta : null;
  const handled = ['checkout.session.completed', 'checkout.session.async_payment_succeeded', 'checkout.session.async_payment_failed', 'checkout.session.expired', 'charge.refunded'].includes(event.type);
  return { paymentId, paymentIntentId: pi, handled };
}

/**
 * The webhook: the signature is checked on the raw body; the event id is stored
 * under a unique key; processing is enqueued in the same transaction. A redelivery
 * changes nothing. Returns quickly: the job does the work.
 */
export async function receiveStripeWebhook(rawBody: string, signature: string | null): Promise<{ duplicate: boolean; type: string }> {
  const secret = env().STRIPE_WEBHOOK_SECRET;
  if (!secret) throw new AppError('unavailable', { zh: '未配置 Webhook 密钥', en: 'The webhook secret is not configured' });
  let event: Stripe.Event;
  try {
    event = stripe().webhooks.constructEvent(rawBody, signature ?? '', secret);
  } catch {
    throw invalid({}, { zh: 'Webhook 签名无效', en: 'Invalid webhook signature' });
  }
  // Signed is not well formed: an event we could not key or store (no id, no data object, a NUL) is refused, not a crash.
  const shaped = event as Partial<Stripe.Event>;
  if (typeof shaped.id !== 'string' || !shaped.id || typeof shaped.type !== 'string' || typeof shaped.data?.object !== 'object' || shaped.data.object === null || boundaryErrors(event)) {
    throw invalid({}, { zh: 'Webhook 事件格式无效', en: 'Malformed webhook event' });
  }
  const keys = eventKeys(event);
  return getDb().transaction(async (tx) => {
    const inserted = await tx
      .insert(stripeEvents)
      .values({ id: event.id, type: event.type, paymentId: keys.paymentId, paymentIntentId: keys.paymentIntentId, payload: event, processedAt: keys.handled ? null : new Date() })
      .onConflictDoNothing()
      .returning({ id: stripeEvents.id });
    if (inserted.length && keys.handled) await enqueue(tx, 'payments:stripe-event', { eventId: event.id }, { jobKey: `stripe-event:${event.id}` });
    return { duplicate: inserted.length === 0, type: event.type };
  });
}

function signalOf(type: string, payload: unknown): PaymentSignal | null {
  const obj = (payload as Stripe.Event).data.object as { payment_status?: string; refunded?: boolean };
  if (type === 'checkout.session.completed') return obj.payment_status === 'paid' ? { kind: 'completed' } : null;
  if (type === 'checkout.session.async_payment_succeeded') return { kind: 'completed' };
  if (type === 'checkout.session.expired' || type === 'checkout.session.async_payment_failed') return { kind: 'expired' };
  if (type === 'charge.refunded') return { kind: 'refunded', full: obj.refunded === true };
  return null;
}

/** The job: applies one stored Stripe event by settling every contract it touches. */
export async function processStripeEvent(eventId: string): Promise<void> {
  await getDb().transaction(async (tx) => {
    const [ev] = await tx.select().from(stripeEvents).where(eq(stripeEvents.id, eventId)).for('update');
    if (!ev) return;
    // A completed session tells us which payment intent is ours; refunds name only that.
    if (ev.paymentId && ev.paymentIntentId) {
      await tx.update(payments).set({ stripePaymentIntentId: ev.paymentIntentId }).where(and(eq(payments.id, ev.paymentId), isNull(payments.stripePaymentIntentId)));
    }
    const conds = [ev.paymentId ? eq(payments.id, ev.paymentId) : undefined, ev.paymentIntentId ? eq(payments.stripePaymentIntentId, ev.paymentIntentId) : undefined].filter((x) => !!x);
    const touched = conds.length ? await tx.selectDistinct({ contractId: payments.contractId }).from(payments).where(or(...conds)).orderBy(payments.contractId) : [];
    for (const { contractId } of touched) await settleContract(tx, contractId);
    await tx.update(stripeEvents).set({ processedAt: new Date() }).where(eq(stripeEvents.id, eventId));
  });
}

/**
 * Recomputes a contract's payments, instalments and the broker's due share from
 * everything recorded, and audits each change. Derived, not incremented: running
 * it again, or after events in another order, gives the same state.
 */
export async function settleContract(tx: Tx, contractId: string, actor: { userId?: string; orgId?: string | null; ip?: string } = {}): Promise<void> {
  const c = await lockContract(tx, contractId);
  const pays = await tx.select().from(payments).where(eq(payments.contractId, contractId));
  const stripePays = pays.filter((p) => p.provider === 'stripe');
  if (stripePays.length) {
    const ids = stripePays.map((p) => p.id);
    const pis = stripePays.map((p) => p.stripePaymentIntentId).filter((x): x is string => !!x);
    const evs = await tx
      .select({ type: stripeEvents.type, paymentId: stripeEvents.paymentId, pi: stripeEvents.paymentIntentId, payload: stripeEvents.payload })
      .from(stripeEvents)
      .where(or(inArray(stripeEvents.paymentId, ids), pis.length ? inArray(stripeEvents.paymentIntentId, pis) : sql`false`));
    for (const p of stripePays) {
      const signals = evs
        .filter((e) => e.paymentId === p.id || (!!p.stripePaymentIntentId && e.pi === p.stripePaymentIntentId))
        .map((e) => signalOf(e.type, e.payload))
        .filter((s): s is PaymentSignal => !!s);
      const status = paymentStatus(signals);
      if (status !== p.status && !(status === 'pending' && p.status === 'expired')) {
        await tx.update(payments).set({ status, updatedAt: new Date() }).where(eq(payments.id, p.id));
        p.status = status;
      }
    }
  }

  const insts = await tx.select().from(contractInstalments).where(eq(contractInstalments.contractId, contractId)).orderBy(asc(contractInstalments.seq));
  const carriedFrom = insts.map((i) => i.carriedFromId).filter((x): x is string => !!x);
  const carriedPays = carriedFrom.length ? await tx.select({ instalmentId: payments.instalmentId, status: payments.status }).from(payments).where(inArray(payments.instalmentId, carriedFrom)) : [];
  let paid = new Decimal(0);
  for (const i of insts) {
    const statuses: PaymentStatus[] = [...pays.filter((p) => p.instalmentId === i.id), ...carriedPays.filter((p) => p.instalmentId === i.carriedFromId)].map((p) => p.status);
    const status = instalmentStatus(statuses);
    if (status === 'paid') paid = paid.plus(i.amount);
    if (status === i.status) continue;
    await tx.update(contractInstalments).set({ status, paidAt: status === 'paid' ? new Date() : i.paidAt }).where(eq(contractInstalments.id, i.id));
    await audit(tx, {
      actorUserId: actor.userId ?? null,
      actorOrgId: actor.orgId ?? null,
      ip: actor.ip ?? null,
      action: `instalment.${status}`,
      subjectType: 'contract',
      subjectId: contractId,
      before: { seq: i.seq, status: i.status },
      after: { seq: i.seq, status, amount: formatMoney(i.amount) },
    });
  }

  const [com] = await tx.select().from(commissions).where(eq(commissions.contractId, contractId)).for('update');
  if (com && ['accrued', 'invoiced', 'paid'].includes(com.status)) {
    const due = commissionDue(com.amount, c.amount, paid);
    if (!due.eq(com.dueAmount)) {
      await tx.update(commissions).set({ dueAmount: due, updatedAt: new Date() }).where(eq(commissions.id, com.id));
      await audit(tx, {
        actorUserId: actor.userId ?? null,
        action: 'commission.due',
        subjectType: 'commission',
        subjectId: com.id,
        before: { dueAmount: formatMoney(com.dueAmount) },
        after: { dueAmount: formatMoney(due), paidByBuyer: formatMoney(paid), contractAmount: formatMoney(c.amount) },
      });
    }
  }

  // Amendments that carry this contract's instalments follow them.
  if (insts.length) {
    const followers = await tx
      .selectDistinct({ contractId: contractInstalments.contractId })
      .from(contractInstalments)
      .where(inArray(contractInstalments.carriedFromId, insts.map((i) => i.id)));
    for (const f of followers) if (f.contractId !== contractId) await settleContract(tx, f.contractId, actor);
  }
}

/** Throws 403 unless the viewer is the one who records this money fact (domain/payments/money-records.ts). */
function requireRecorder(v: Viewer, c: Contract, kind: MoneyRecordKind): void {
  if (!mayRecord(kind, standingOf(v.user, c))) throw forbidden(MONEY_RECORDS[kind].refusal);
}

/**
 * The seller records a payment made outside Stripe, by bank transfer with its reference,
 * or reverses one it recorded; the buyer, the broker and the bureau read it. The same settlement runs.
 */
export async function recordManualPayment(v: Viewer, contractId: string, seq: number, input: { status: 'paid' | 'reversed'; reference: string }, meta: Meta) {
  return getDb().transaction(async (tx) => {
    const c = await lockContract(tx, contractId);
    if (!sees(v, c)) throw notFound();
    requireRecorder(v, c, input.status === 'paid' ? 'instalment.bank_transfer' : 'instalment.reversal');
    if (!PAYABLE.includes(c.status)) throw conflict({ zh: '合同登记后才能登记付款', en: 'Payments are recorded once the contract is registered' });
    const inst = await instalmentOf(tx, contractId, seq);
    if (input.status === 'paid') {
      if (inst.status === 'paid') throw conflict({ zh: '该期款项已支付', en: 'This instalment is already paid' });
      await tx.insert(payments).values({ contractId, instalmentId: inst.id, provider: 'manual', amount: inst.amount, status: 'paid', reference: input.reference, createdBy: v.user.id });
    } else {
      const standing = await tx.select().from(payments).where(and(eq(payments.instalmentId, inst.id), eq(payments.status, 'paid')));
      if (standing.length === 0) throw conflict({ zh: '该期款项尚未支付，无需冲销', en: 'This instalment is not paid' });
      if (standing.some((p) => p.provider === 'stripe')) throw conflict({ zh: '该期款项经 Stripe 支付，请通过 Stripe 退款', en: 'Paid through Stripe: refund it through Stripe' });
      await tx.update(payments).set({ status: 'refunded', reference: sql`coalesce(${payments.reference}, '') || ' / ' || ${input.reference}`, updatedAt: new Date() }).where(inArray(payments.id, standing.map((p) => p.id)));
    }
    await audit(tx, { actorUserId: v.user.id, actorOrgId: v.user.orgId, action: `payment.manual.${input.status}`, subjectType: 'contract', subjectId: contractId, ip: meta.ip, reason: input.reference, after: { seq, amount: formatMoney(inst.amount) } });
    await settleContract(tx, contractId, { userId: v.user.id, orgId: v.user.orgId, ip: meta.ip });
  });
}

/** The seller refunds a Stripe payment; the instalment is reversed when Stripe's event arrives. */
export async function refundInstalment(v: Viewer, contractId: string, seq: number, reason: string, meta: Meta) {
  const p = await getDb().transaction(async (tx) => {
    const c = await lockContract(tx, contractId);
    if (!sees(v, c)) throw notFound();
    requireRecorder(v, c, 'instalment.refund');
    const inst = await instalmentOf(tx, contractId, seq);
    const [paid] = await tx.select().from(payments).where(and(eq(payments.instalmentId, inst.id), eq(payments.status, 'paid'), eq(payments.provider, 'stripe')));
    if (!paid?.stripePaymentIntentId) throw conflict({ zh: '该期没有可退款的 Stripe 付款', en: 'No Stripe payment to refund on this instalment' });
    await audit(tx, { actorUserId: v.user.id, actorOrgId: v.user.orgId, action: 'payment.refund', subjectType: 'contract', subjectId: contractId, ip: meta.ip, reason, after: { seq, paymentId: paid.id, amount: formatMoney(paid.amount) } });
    return paid;
  });
  try {
    await stripe().refunds.create({ payment_intent: p.stripePaymentIntentId! }, { idempotencyKey: `refund:${p.id}` });
  } catch (e) {
    if (e instanceof AppError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'charge_already_refunded') throw conflict({ zh: '该笔付款已退款', en: 'Already refunded' });
    console.error('[payments] refund failed', e);
    throw new AppError('unavailable', { zh: '支付服务暂不可用，请稍后再试', en: 'The payment service is unavailable; try again later' });
  }
  return { paymentId: p.id, status: 'refund_requested' as const };
}

/** Payments on a contract, newest first, for its page and its API answer. */
export async function paymentsOf(contractId: string) {
  const rows = await getDb()
    .select({ p: payments, seq: contractInstalments.seq })
    .from(payments)
    .innerJoin(contractInstalments, eq(contractInstalments.id, payments.instalmentId))
    .where(eq(payments.contractId, contractId))
    .orderBy(sql`${payments.createdAt} desc`);
  return rows.map(({ p, seq }) => ({ id: p.id, seq, provider: p.provider, amount: formatMoney(p.amount), status: p.status, reference: p.reference, createdAt: p.createdAt.toISOString() }));
}
