/**
 * Every cell of docs/money-records.md: who records which money fact of a contract
 * (rows) — the seller, the buyer, the broker agency, the bureau (columns). Whoever may
 * not record a fact but reads it gets 403 and changes nothing; an outsider gets 404.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '#db/client.ts';
import { auditEvents, commissions, payments } from '#db/schema.ts';
import { MONEY_RECORD_KINDS, MONEY_RECORDS, MONEY_STANDINGS, type MoneyRecordKind, type MoneyStanding } from '#domain/payments/money-records.ts';
import * as contractRoute from '#app/routes/api.v1.contracts.$id.ts';
import * as manualRoute from '#app/routes/api.v1.contracts.$id.instalments.$seq.payments.ts';
import * as refundRoute from '#app/routes/api.v1.contracts.$id.instalments.$seq.refund.ts';
import * as commissionStepRoute from '#app/routes/api.v1.commissions.$id.$step.ts';
import * as openapiRoute from '#app/routes/api.v1.openapi[.json].ts';
import { call, json } from './api.ts';
import { bureauToken, deal, registered, type ContractBody, type ErrorBody } from './contract-fixtures.ts';
import { tokenOf } from './factories.ts';

let tokens: Record<MoneyStanding | 'outsider', string>;
let contractId: string;
let commissionId: string;

beforeAll(async () => {
  const d = await deal();
  const bureau = await bureauToken();
  const c = await registered(d, bureau);
  contractId = c.id;
  const [row] = await getDb().select({ id: commissions.id }).from(commissions).where(eq(commissions.contractId, c.id));
  commissionId = row!.id;
  tokens = { seller: d.seller.token, buyer: d.buyer.token, agency: d.broker.token, bureau, outsider: (await tokenOf('enterprise')).token };
});

/** Records one fact of this kind as `who`; the instalment and the commission each move forward when it succeeds. */
function attempt(kind: MoneyRecordKind, who: keyof typeof tokens): Promise<Response> {
  const token = tokens[who];
  const path = { id: contractId, seq: '1' };
  switch (kind) {
    case 'instalment.bank_transfer':
      return call(manualRoute, { token, params: path, body: { status: 'paid', reference: `ICBC-${who}` } });
    case 'instalment.reversal':
      return call(manualRoute, { token, params: path, body: { status: 'reversed', reference: `退票-${who}` } });
    case 'instalment.refund':
      return call(refundRoute, { token, params: path, body: { reason: `退款-${who}` } });
    case 'commission.invoiced':
      return call(commissionStepRoute, { token, params: { id: commissionId, step: 'invoiced' }, method: 'POST' });
    case 'commission.paid':
      return call(commissionStepRoute, { token, params: { id: commissionId, step: 'paid' }, method: 'POST' });
  }
}

/** What the recorder's attempt answers here: a refund needs a Stripe payment, which this contract has none of (409, after the check of who may). */
const recorderAnswer: Record<MoneyRecordKind, number> = {
  'instalment.bank_transfer': 200,
  'instalment.reversal': 200,
  'instalment.refund': 409,
  'commission.invoiced': 200,
  'commission.paid': 200,
};

async function moneyState() {
  const [p, c, a] = await Promise.all([
    getDb().select().from(payments).where(eq(payments.contractId, contractId)),
    getDb().select({ status: commissions.status }).from(commissions).where(eq(commissions.id, commissionId)),
    getDb().$count(auditEvents),
  ]);
  return JSON.stringify({ payments: p.map((x) => [x.id, x.status]), commission: c, audit: a });
}

describe('who records the money facts of a contract', () => {
  // In the order a contract lives them: the transfer is recorded before it is reversed, the commission invoiced before it is paid.
  for (const kind of MONEY_RECORD_KINDS) {
    const recorder = MONEY_RECORDS[kind].recordedBy;
    for (const who of MONEY_STANDINGS.filter((s) => s !== recorder)) {
      it(`${kind}: the ${who} reads it but may not record it (403, nothing changes)`, async () => {
        const before = await moneyState();
        const res = await attempt(kind, who);
        expect(res.status).toBe(403);
        expect((await json<ErrorBody>(res)).error.message).toBe(MONEY_RECORDS[kind].refusal.zh);
        expect(await moneyState()).toBe(before);
      });
    }
    it(`${kind}: someone outside the contract does not see it (404)`, async () => {
      const before = await moneyState();
      expect((await attempt(kind, 'outsider')).status).toBe(404);
      expect(await moneyState()).toBe(before);
    });
    it(`${kind}: the ${recorder} records it`, async () => {
      const res = await attempt(kind, recorder);
      expect(res.status).toBe(recorderAnswer[kind]);
      if (res.status === 409) expect((await json<ErrorBody>(res)).error.message).toMatch(/Stripe/);
    });
  }

  it('the OpenAPI document says the same: who records, and a 403 for whoever reads', async () => {
    type Op = { description?: string; responses: Record<string, { description: string }> };
    const doc = await json<{ paths: Record<string, Record<string, Op>> }>(await call(openapiRoute, { path: '/api/v1/openapi.json' }));
    const ops: Array<[string, string]> = [
      ['/contracts/{id}/instalments/{seq}/payments', 'Recorded only by the seller; the buyer, the broker agency, the bureau read it'],
      ['/contracts/{id}/instalments/{seq}/refund', 'Recorded only by the seller; the buyer, the broker agency, the bureau read it'],
      ['/commissions/{id}/invoiced', 'Recorded only by the broker agency; the seller, the buyer, the bureau read it'],
      ['/commissions/{id}/paid', 'Recorded only by the broker agency; the seller, the buyer, the bureau read it'],
    ];
    for (const [path, says] of ops) {
      const op = doc.paths[path]!.post!;
      expect(op.description).toContain(says);
      expect(op.responses['403']!.description).toContain(says);
    }
  });

  it('every standing reads what was recorded', async () => {
    for (const who of MONEY_STANDINGS) {
      const res = await call(contractRoute, { token: tokens[who], params: { id: contractId } });
      expect(res.status).toBe(200);
      const c = await json<ContractBody>(res);
      expect(c.payments).toEqual([expect.objectContaining({ seq: 1, provider: 'manual', status: 'refunded' })]);
      expect(c.owed.commission).toMatchObject({ status: 'paid' });
    }
  });
});
