/**
 * A small local stand-in for the few Stripe endpoints the platform uses, on
 * loopback. The real `stripe` SDK talks to it (host/port/protocol options);
 * its events are signed with the SDK's own test-header helper, exactly as
 * Stripe signs webhooks. `npm start` runs it when STRIPE_SECRET_KEY is unset,
 * so the demo can pay; the tests run it to exercise the SDK end to end.
 *
 * Endpoints: POST /v1/checkout/sessions, GET /v1/checkout/sessions/:id,
 * POST /v1/checkout/sessions/:id/expire, POST /v1/refunds, GET /v1/events;
 * and the hosted checkout page, GET /pay/:id with its pay and cancel buttons.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

type Json = Record<string, unknown>;
type Session = Json & { id: string; status: 'open' | 'complete' | 'expired'; payment_status: 'unpaid' | 'paid'; amount_total: number; currency: string; payment_intent: string | null; metadata: Record<string, string>; success_url: string; cancel_url: string | null; url: string | null };
type Charge = { id: string; object: 'charge'; amount: number; amount_refunded: number; refunded: boolean; currency: string; payment_intent: string; metadata: Record<string, string>; created: number };

export type FakeStripe = {
  /** http://127.0.0.1:port */
  url: string;
  secretKey: string;
  webhookSecret: string;
  /** Every event created, oldest first. */
  events: Stripe.Event[];
  /** Where events are delivered (POST, signed); null keeps them here only. */
  setWebhookUrl(url: string | null): void;
  /** What the hosted page's pay button does. */
  completeSession(id: string): Stripe.Event;
  stop(): Promise<void>;
};

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const now = () => Math.floor(Date.now() / 1000);

/** Stripe's form encoding (`a[b][0][c]=v`) back to nested objects. */
export function parseStripeForm(body: string): Json {
  const out: Json = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const path = rawKey.replace(/\]/g, '').split('[');
    let node: Json = out;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Json;
    });
  }
  return out;
}

function stripeError(res: ServerResponse, status: number, message: string, param?: string) {
  send(res, status, { error: { type: 'invalid_request_error', message, ...(param ? { param } : {}) } });
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json') {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startFakeStripe(opts: { webhookUrl?: string | null; port?: number; log?: (l: string) => void } = {}): Promise<FakeStripe> {
  const secretKey = `sk_test_local_${randomBytes(8).toString('hex')}`;
  const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
  const signer = new Stripe(secretKey);
  const sessions = new Map<string, Session>();
  const charges = new Map<string, Charge>(); // by payment intent
  const idempotent = new Map<string, { status: number; body: unknown }>();
  const events: Stripe.Event[] = [];
  let webhookUrl = opts.webhookUrl ?? null;
  let base = '';

  function emit(type: string, object: unknown): Stripe.Event {
    const event = { id: id('evt'), object: 'event', api_version: '2025-01-01', created: now(), type, livemode: false, pending_webhooks: webhookUrl ? 1 : 0, request: { id: null, idempotency_key: null }, data: { object } } as unknown as Stripe.Event;
    events.push(event);
    if (webhookUrl) void deliver(webhookUrl, event);
    return event;
  }

  /** Like Stripe: signed, retried with backoff until a 2xx (here: five tries). */
  async function deliver(url: string, event: Stripe.Event) {
    const payload = JSON.stringify(event);
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const header = signer.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
        const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': header }, body: payload });
        if (r.ok) return;
        opts.log?.(`webhook ${event.type} → ${r.status}`);
      } catch (e) {
        opts.log?.(`webhook ${event.type} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
    }
  }

  function createSession(p: Json): { status: number; body: unknown } {
    const items = (p.line_items ?? {}) as Record<string, { quantity?: string; price_data?: { currency?: string; unit_amount?: string; product_data?: { name?: string } } }>;
    const lines = Object.values(items);
    if (p.mode !== 'payment') return { status: 400, body: { error: { type: 'invalid_request_error', message: 'mode must be payment', param: 'mode' } } };
    if (typeof p.success_url !== 'string') return { status: 400, body: { error: { type: 'invalid_request_error', message: 'Missing required param: success_url.', param: 'success_url' } } };
    if (lines.length === 0) return { status: 400, body: { error: { type: 'invalid_request_error', message: 'line_items is required', param: 'line_items' } } };
    let total = 0;
    let currency = '';
    for (const l of lines) {
      const unit = Number(l.price_data?.unit_amount);
      const qty = Number(l.quantity ?? 1);
      if (!Number.isSafeInteger(unit) || unit < 1 || unit > 99_999_999) return { status: 400, body: { error: { type: 'invalid_request_error', message: 'Invalid unit_amount', param: 'line_items[0][price_data][unit_amount]' } } };
      currency = l.price_data?.currency ?? '';
      total += unit * qty;
    }
    const s: Session = {
      id: id('cs_test'),
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      amount_total: total,
      currency,
      client_reference_id: (p.client_reference_id as string) ?? null,
      metadata: (p.metadata ?? {}) as Record<string, string>,
      payment_intent_data: p.payment_intent_data ?? null,
      payment_intent: null,
      success_url: p.success_url,
      cancel_url: (p.cancel_url as string) ?? null,
      expires_at: Number(p.expires_at ?? now() + 86_400),
      url: null,
      line_items_name: lines[0]?.price_data?.product_data?.name ?? '',
      created: now(),
    };
    s.url = `${base}/pay/${s.id}`;
    sessions.set(s.id, s);
    return { status: 200, body: s };
  }

  function completeSession(sid: string): Stripe.Event {
    const s = sessions.get(sid);
    if (!s) throw new Error(`no session ${sid}`);
    if (s.status !== 'open') throw new Error(`session ${sid} is ${s.status}`);
    const pi = id('pi');
    charges.set(pi, { id: id('ch'), object: 'charge', amount: s.amount_total, amount_refunded: 0, refunded: false, currency: s.currency, payment_intent: pi, metadata: {}, created: now() });
    Object.assign(s, { status: 'complete', payment_status: 'paid', payment_intent: pi });
    return emit('checkout.session.completed', { ...s });
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const parts = url.pathname.split('/').filter(Boolean);
      const body = req.method === 'POST' ? await readBody(req) : '';

      // The hosted checkout page (what checkout.stripe.com is for the buyer).
      if (parts[0] === 'pay' && parts[1]) {
        const s = sessions.get(parts[1]);
        if (!s) return send(res, 404, 'No such checkout session', 'text/plain; charset=utf-8');
        if (req.method === 'POST' && parts[2] === 'complete') {
          if (s.status === 'open') completeSession(s.id);
          res.writeHead(303, { location: s.success_url.replace('{CHECKOUT_SESSION_ID}', s.id) });
          return res.end();
        }
        if (req.method === 'POST' && parts[2] === 'cancel') {
          res.writeHead(303, { location: s.cancel_url ?? s.success_url });
          return res.end();
        }
        const amount = (s.amount_total / 100).toFixed(2);
        const open = s.status === 'open';
        return send(
          res,
          200,
          `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>支付 Checkout · 本地模拟</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}button{font-size:1rem;padding:.6rem 1.2rem;margin-right:.5rem}.note{color:#666;font-size:.9rem}</style></head>
<body><p class="note">本地模拟的 Stripe 收银台（未配置 STRIPE_SECRET_KEY）· Local stand-in for Stripe Checkout</p>
<h1>${escapeHtml(String(s.line_items_name))}</h1>
<p>应付金额 Amount due: <strong>¥${amount}</strong> (${escapeHtml(s.currency.toUpperCase())})</p>
${open ? `<form method="post" action="/pay/${s.id}/complete" style="display:inline"><button type="submit">支付 Pay</button></form><form method="post" action="/pay/${s.id}/cancel" style="display:inline"><button type="submit">取消 Cancel</button></form>` : `<p>此会话状态：${escapeHtml(s.status)}</p>`}
</body></html>`,
          'text/html; charset=utf-8',
        );
      }

      if (parts[0] !== 'v1') return stripeError(res, 404, `Unrecognized request URL (${req.method}: ${url.pathname})`);
      if (req.headers.authorization !== `Bearer ${secretKey}`) return stripeError(res, 401, 'Invalid API Key provided');
      const key = req.method === 'POST' ? (req.headers['idempotency-key'] as string | undefined) : undefined;
      const cached = key ? idempotent.get(`${url.pathname}:${key}`) : undefined;
      if (cached) return send(res, cached.status, cached.body);

      let answer: { status: number; body: unknown };
      const p = parseStripeForm(body);
      const route = `${req.method} /${parts.slice(0, 3).join('/')}`;
      if (route === 'POST /v1/checkout/sessions' && parts.length === 3) answer = createSession(p);
      else if (route === 'GET /v1/checkout/sessions' && parts[3]) {
        const s = sessions.get(parts[3]);
        answer = s ? { status: 200, body: s } : { status: 404, body: { error: { type: 'invalid_request_error', message: `No such checkout.session: '${parts[3]}'` } } };
      } else if (route === 'POST /v1/checkout/sessions' && parts[4] === 'expire') {
        const s = sessions.get(parts[3]!);
        if (!s) answer = { status: 404, body: { error: { type: 'invalid_request_error', message: 'No such checkout.session' } } };
        else if (s.status !== 'open') answer = { status: 400, body: { error: { type: 'invalid_request_error', message: `Only open sessions can be expired; this one is ${s.status}` } } };
        else {
          s.status = 'expired';
          s.url = null;
          emit('checkout.session.expired', { ...s });
          answer = { status: 200, body: s };
        }
      } else if (route === 'POST /v1/refunds') {
        const ch = charges.get(String(p.payment_intent ?? ''));
        const amount = p.amount === undefined ? undefined : Number(p.amount);
        if (!ch) answer = { status: 404, body: { error: { type: 'invalid_request_error', message: 'No such payment_intent', param: 'payment_intent' } } };
        else if (amount !== undefined && (!Number.isSafeInteger(amount) || amount < 1 || amount > ch.amount - ch.amount_refunded)) answer = { status: 400, body: { error: { type: 'invalid_request_error', message: 'Refund amount is invalid', param: 'amount' } } };
        else if (ch.refunded) answer = { status: 400, body: { error: { type: 'invalid_request_error', code: 'charge_already_refunded', message: 'Charge has already been refunded.' } } };
        else {
          const refunded = amount ?? ch.amount - ch.amount_refunded;
          ch.amount_refunded += refunded;
          ch.refunded = ch.amount_refunded === ch.amount;
          emit('charge.refunded', { ...ch });
          answer = { status: 200, body: { id: id('re'), object: 'refund', amount: refunded, charge: ch.id, payment_intent: ch.payment_intent, status: 'succeeded', currency: ch.currency } };
        }
      } else if (route === 'GET /v1/events') {
        answer = { status: 200, body: { object: 'list', url: '/v1/events', has_more: false, data: [...events].reverse() } };
      } else answer = { status: 404, body: { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${url.pathname})` } } };

      if (key && answer.status < 500) idempotent.set(`${url.pathname}:${key}`, answer);
      send(res, answer.status, answer.body);
    })().catch((e: unknown) => {
      opts.log?.(`fake stripe: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) stripeError(res, 500, 'internal');
    });
  });
  await new Promise<void>((resolve, reject) => server.listen(opts.port ?? 0, '127.0.0.1', resolve).on('error', reject));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    secretKey,
    webhookSecret,
    events,
    setWebhookUrl: (u) => (webhookUrl = u),
    completeSession,
    stop: () => new Promise((r) => server.close(() => r())),
  };
}
