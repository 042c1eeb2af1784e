import { and, eq } from 'drizzle-orm';
import { Logger, runOnce } from 'graphile-worker';
import { describe, expect, it } from 'vitest';
import { env } from '#config/env.ts';
import { getDb } from '#db/client.ts';
import { notifications } from '#db/schema.ts';
import { grantsRecompute } from '#jobs/tasks/grants-recompute.ts';
import * as verifyRoute from '#app/routes/api.v1.organizations.$id.verify.ts';
import * as rejectRoute from '#app/routes/api.v1.organizations.$id.reject.ts';
import * as createRoute from '#app/routes/api.v1.contracts._index.ts';
import * as returnRoute from '#app/routes/api.v1.contracts.$id.return.ts';
import * as stepRoute from '#app/routes/api.v1.grants.$id.$step.ts';
import * as grantsRoute from '#app/routes/api.v1.grants._index.ts';
import { call, json } from './api.ts';
import { bureauToken, confirmAndSubmit, deal, registered, type ContractBody } from './contract-fixtures.ts';
import { createOrg } from './factories.ts';

const kindsOf = async (orgId: string, link?: string) =>
  (await getDb().select({ kind: notifications.kind, title: notifications.title, body: notifications.body }).from(notifications).where(and(eq(notifications.orgId, orgId), link ? eq(notifications.link, link) : undefined))).map((n) => n.kind);

const quiet = new Logger(() => () => {});

describe('notifications for every event a party cares about', () => {
  it('a contract: the broker is told it is named; each step tells the other sides, never the actor', async () => {
    const d = await deal();
    const bureau = await bureauToken();
    const c = await json<ContractBody>(await call(createRoute, { token: d.broker.token, body: d.body }));
    const link = `/contracts/${c.id}`;
    // Drafted by the broker: the parties are told it was drafted; the broker (the actor) nothing.
    expect(await kindsOf(d.seller.org.id, link)).toEqual(['contract.create']);
    expect(await kindsOf(d.broker.org.id, link)).toEqual([]);
    await confirmAndSubmit(d, c.id);
    // The seller confirmed and submitted; the buyer confirmed.
    expect((await kindsOf(d.buyer.org.id, link)).sort()).toEqual(['contract.confirm.seller', 'contract.create', 'contract.submit']);
    expect((await kindsOf(d.seller.org.id, link)).sort()).toEqual(['contract.confirm.buyer', 'contract.create']);
    const returned = await call(returnRoute, { token: bureau, params: { id: c.id }, body: { reason: '附件缺少签章页' } });
    expect(returned.status).toBe(200);
    for (const org of [d.seller.org.id, d.buyer.org.id, d.broker.org.id]) expect(await kindsOf(org, link)).toContain('contract.return');
    const [n] = await getDb().select().from(notifications).where(and(eq(notifications.orgId, d.buyer.org.id), eq(notifications.kind, 'contract.return')));
    expect(n!.title).toContain('退回修改');
    expect(n!.body).toContain('附件缺少签章页');
  });

  it('a broker named on a contract someone else drafts is told so', async () => {
    const d = await deal();
    const c = await json<ContractBody>(await call(createRoute, { token: d.seller.token, body: d.body }));
    expect(await kindsOf(d.broker.org.id, `/contracts/${c.id}`)).toEqual(['contract.broker_named']);
  });

  it('a grant: computed, approved and paid are told to the recipient', async () => {
    const d = await deal();
    const bureau = await bureauToken();
    const c = await registered(d, bureau);
    expect(await kindsOf(d.seller.org.id, `/contracts/${c.id}`)).toContain('contract.register');
    await runOnce({ connectionString: env().DATABASE_URL!, taskList: { 'grants:recompute': grantsRecompute }, logger: quiet });
    const [a1] = (await json<{ items: Array<{ id: string; clause: string }> }>(await call(grantsRoute, { token: bureau, path: `/api/v1/grants?recipientOrgId=${d.seller.org.id}&year=2024&clause=A1` }))).items;
    const link = `/grants/${a1!.id}`;
    expect(await kindsOf(d.seller.org.id, link)).toEqual(['grant.computed']);
    expect((await call(stepRoute, { token: d.seller.token, params: { id: a1!.id, step: 'submit' }, body: { bankAccount: '6222 0216 1234 5678' } })).status).toBe(200);
    expect((await call(stepRoute, { token: bureau, params: { id: a1!.id, step: 'approve' }, body: { acknowledgeOverBudget: true } })).status).toBe(200);
    expect((await call(stepRoute, { token: await bureauToken(), params: { id: a1!.id, step: 'pay' }, body: { paymentReference: 'GK-N-001' } })).status).toBe(200);
    expect((await kindsOf(d.seller.org.id, link)).sort()).toEqual(['grant.approve', 'grant.computed', 'grant.pay']);
  });

  it('an organisation is told it was verified or rejected, with the reason', async () => {
    const bureau = await bureauToken();
    const a = await createOrg({ status: 'pending' });
    const b = await createOrg({ status: 'pending' });
    expect((await call(verifyRoute, { method: 'POST', token: bureau, params: { id: a.id } })).status).toBe(200);
    expect((await call(rejectRoute, { token: bureau, params: { id: b.id }, body: { reason: '营业执照模糊' } })).status).toBe(200);
    expect(await kindsOf(a.id)).toEqual(['org.verified']);
    const [n] = await getDb().select().from(notifications).where(eq(notifications.orgId, b.id));
    expect(n).toMatchObject({ kind: 'org.rejected', link: '/org' });
    expect(n!.body).toContain('营业执照模糊');
  });
});
