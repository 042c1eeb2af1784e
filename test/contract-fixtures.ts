/** Parties, a patent and contracts in a given state, through the real API routes. */
import { expect } from 'vitest';
import * as createRoute from '#app/routes/api.v1.contracts._index.ts';
import * as confirmRoute from '#app/routes/api.v1.contracts.$id.confirm.ts';
import * as submitRoute from '#app/routes/api.v1.contracts.$id.submit.ts';
import * as registerRoute from '#app/routes/api.v1.contracts.$id.register.ts';
import * as publishRoute from '#app/routes/api.v1.results.$id.publish.ts';
import * as resultCreateRoute from '#app/routes/api.v1.results._index.ts';
import * as loginRoute from '#app/routes/api.v1.auth.login.ts';
import * as contractDocumentsRoute from '#app/routes/api.v1.contracts.$id.documents.ts';
import { signedContractPdf } from '#db/seed/pdf.ts';
import { call, json } from './api.ts';
import { createUser, loginBody, patentInput, tokenOf } from './factories.ts';

export type ContractBody = {
  id: string;
  status: string;
  registrationNo: string | null;
  amount: string;
  amendsId: string | null;
  confirmations: { seller: string | null; buyer: string | null };
  instalments: Array<{ seq: number; dueOn: string; amount: string; status: string }>;
  payments: Array<{ id: string; seq: number; provider: string; status: string; amount: string }>;
  owed: { outstanding: string; commission: { amount: string; dueAmount: string; status: string } | null };
};
export type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

export async function bureauToken() {
  const u = await createUser({ role: 'bureau' });
  return (await json<{ token: string }>(await call(loginRoute, { body: await loginBody(u.email) }))).token;
}

/** A seller university holding a published patent, an enterprise buyer and a broker agency, all verified. */
export async function deal() {
  const seller = await tokenOf('university');
  const buyer = await tokenOf('enterprise');
  const broker = await tokenOf('agency');
  const r = await json<{ id: string }>(await call(resultCreateRoute, { token: seller.token, body: patentInput() }));
  await call(publishRoute, { token: seller.token, params: { id: r.id }, method: 'POST' });
  const body = {
    kind: 'transfer',
    title: '高镍三元正极材料专利转让合同',
    sellerOrgId: seller.org.id,
    buyerOrgId: buyer.org.id,
    brokerOrgId: broker.org.id,
    resultId: r.id,
    amount: '1200000.00',
    technologyAmount: '1000000.00',
    signedOn: '2024-05-20',
    commission: { rate: '0.03' },
    instalments: [
      { dueOn: '2024-06-30', amount: '400000.00' },
      { dueOn: '2024-12-31', amount: '800000.00' },
    ],
  };
  return { seller, buyer, broker, resultId: r.id, body };
}
export type Deal = Awaited<ReturnType<typeof deal>>;

/** Drafted by the broker, confirmed by both sides, submitted. */
export async function submitted(d: Deal, body: Record<string, unknown> = d.body) {
  const c = await json<ContractBody>(await call(createRoute, { token: d.broker.token, body }));
  return confirmAndSubmit(d, c.id);
}

export async function confirmAndSubmit(d: Deal, id: string) {
  expect((await call(confirmRoute, { token: d.seller.token, params: { id }, method: 'POST' })).status).toBe(200);
  expect((await call(confirmRoute, { token: d.buyer.token, params: { id }, method: 'POST' })).status).toBe(200);
  await attachSignedContract(d.seller.token, id);
  expect((await call(submitRoute, { token: d.seller.token, params: { id }, method: 'POST' })).status).toBe(200);
  return id;
}

/** Submitted and then registered by a bureau registrar. */
export async function registered(d: Deal, bureau: string, registeredOn = '2024-06-03', body?: Record<string, unknown>) {
  const id = await submitted(d, body);
  const res = await call(registerRoute, { token: bureau, params: { id }, body: { registeredOn } });
  expect(res.status).toBe(200);
  return json<ContractBody>(res);
}

type RouteModule = { loader?: (args: never) => unknown; action?: (args: never) => unknown };

/** A multipart upload to a documents route, as a browser or an API client sends it: `purpose` first, then `file`. */
export async function upload(
  route: RouteModule,
  o: { path: string; id: string; token?: string; cookie?: string; purpose: string; fileName: string; bytes: Uint8Array | Blob; type?: string; body?: BodyInit; headers?: Record<string, string> },
): Promise<Response> {
  const headers = new Headers(o.headers);
  if (o.token) headers.set('authorization', `Bearer ${o.token}`);
  if (o.cookie) headers.set('cookie', o.cookie);
  let body = o.body;
  if (!body) {
    const form = new FormData();
    form.append('purpose', o.purpose);
    form.append('file', o.bytes instanceof Blob ? o.bytes : new Blob([new Uint8Array(o.bytes)], { type: o.type ?? 'application/pdf' }), o.fileName);
    body = form;
  }
  const request = new Request(`http://localhost${o.path}`, { method: 'POST', headers, body, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit);
  let out: unknown;
  try {
    out = await route.action!({ request, params: { id: o.id }, context: { ip: '127.0.0.1', nonce: 'test' } } as never);
  } catch (thrown) {
    out = thrown;
  }
  if (out instanceof Response) return out;
  // A page action answers with Remix `data()`.
  if (out && typeof out === 'object' && (out as { type?: string }).type === 'DataWithResponseInit') {
    const d = out as { data: unknown; init?: ResponseInit | null };
    return Response.json(d.data, d.init ?? undefined);
  }
  throw out;
}

/** A party attaches the signed contract text (a small valid PDF), which registration requires. */
export async function attachSignedContract(token: string, id: string) {
  const res = await upload(contractDocumentsRoute, { path: `/api/v1/contracts/${id}/documents`, id, token, purpose: 'signed_contract', fileName: '技术合同（签署版）.pdf', bytes: signedContractPdf({ id }) });
  expect(res.status, await res.clone().text()).toBe(201);
}
