import { beforeAll, describe, expect, it } from 'vitest';
import { applyDemandsSettings } from '#search/setup.ts';
import * as homeRoute from '#app/routes/_index.tsx';
import * as createContractRoute from '#app/routes/api.v1.contracts._index.ts';
import * as confirmRoute from '#app/routes/api.v1.contracts.$id.confirm.ts';
import * as registerRoute from '#app/routes/api.v1.contracts.$id.register.ts';
import * as returnRoute from '#app/routes/api.v1.contracts.$id.return.ts';
import * as submitRoute from '#app/routes/api.v1.contracts.$id.submit.ts';
import * as createDemandRoute from '#app/routes/api.v1.demands._index.ts';
import type { WorkItem, WorkItemKey } from '#app/services/workspace.server.ts';
import { call, json } from './api.ts';
import { bureauToken, deal, submitted, type ContractBody } from './contract-fixtures.ts';
import { demandInput, inDays } from './demands-harness.ts';
import { tokenOf } from './factories.ts';

type Home = { workspace: WorkItem[] | null };

/** The home page's workspace as the holder of `token` sees it: count by item. */
async function workspace(token: string): Promise<Partial<Record<WorkItemKey, number | null>>> {
  const res = await call(homeRoute, { token });
  expect(res.status).toBe(200);
  const { workspace } = await json<Home>(res);
  expect(workspace).not.toBeNull();
  return Object.fromEntries(workspace!.map((i) => [i.key, i.count]));
}

const CONTRACT_ITEMS: WorkItemKey[] = ['contractsToConfirm', 'contractsReturned', 'instalmentsToPay'];

describe('the home page workspace (工作台)', () => {
  // The bureau's 待匹配需求 is the unmatched page's own total, read from the demands index.
  beforeAll(() => applyDemandsSettings());

  it('is absent for an anonymous visitor', async () => {
    const { workspace } = await json<Home>(await call(homeRoute));
    expect(workspace).toBeNull();
  });

  it('counts a submitted contract for the bureau, the parties for themselves, and nothing for anyone else', async () => {
    const d = await deal();
    const bureau = await bureauToken();
    const other = await tokenOf('enterprise');
    const before = await workspace(bureau);
    expect(Object.keys(before).sort()).toEqual(['contractsToRegister', 'demandsUnmatched', 'grantsToPay', 'grantsToReview', 'orgsToVerify']);
    expect(before.demandsUnmatched).toEqual(expect.any(Number));

    // A: drafted by the broker, confirmed by both, submitted: one more to register.
    const a = await submitted(d);
    expect((await workspace(bureau)).contractsToRegister).toBe(before.contractsToRegister! + 1);
    const buyerAfterSubmit = await workspace(d.buyer.token);
    expect(buyerAfterSubmit).toMatchObject({ contractsToConfirm: 0, contractsReturned: 0, instalmentsToPay: 0 });

    // B: a consulting draft nobody has confirmed waits for each side until that side confirms.
    const b = await json<ContractBody>(
      await call(createContractRoute, {
        token: d.broker.token,
        body: { ...d.body, kind: 'consulting', resultId: null, title: '正极材料工艺咨询合同', amount: '50000.00', technologyAmount: null, commission: null, instalments: [] },
      }),
    );
    expect((await workspace(d.buyer.token)).contractsToConfirm).toBe(1);
    expect((await workspace(d.seller.token)).contractsToConfirm).toBe(1);
    expect((await call(confirmRoute, { token: d.buyer.token, params: { id: b.id }, method: 'POST' })).status).toBe(200);
    expect((await workspace(d.buyer.token)).contractsToConfirm).toBe(0);
    expect((await workspace(d.seller.token)).contractsToConfirm).toBe(1);

    // B submitted and returned by the bureau: every party has one to fix, and the bureau one fewer to register.
    expect((await call(confirmRoute, { token: d.seller.token, params: { id: b.id }, method: 'POST' })).status).toBe(200);
    expect((await call(submitRoute, { token: d.seller.token, params: { id: b.id }, method: 'POST' })).status).toBe(200);
    expect((await workspace(bureau)).contractsToRegister).toBe(before.contractsToRegister! + 2);
    expect((await call(returnRoute, { token: bureau, params: { id: b.id }, body: { reason: '请补充咨询范围说明' } })).status).toBe(200);
    for (const party of [d.buyer, d.seller, d.broker]) expect((await workspace(party.token)).contractsReturned).toBe(1);

    // A registered: its two instalments are the buyer's to pay, the commission the broker's to invoice.
    expect((await call(registerRoute, { token: bureau, params: { id: a }, body: { registeredOn: '2024-06-03' } })).status).toBe(200);
    expect((await workspace(bureau)).contractsToRegister).toBe(before.contractsToRegister);
    const buyer = await workspace(d.buyer.token);
    expect(buyer).toMatchObject({ instalmentsToPay: 2, contractsReturned: 1, contractsToConfirm: 0 });
    expect((await workspace(d.seller.token)).instalmentsToPay).toBe(0);
    expect((await workspace(d.broker.token)).commissionsOpen).toBe(1);

    // An organisation in none of it sees zeros, and none of the bureau's queues.
    const outsider = await workspace(other.token);
    for (const k of CONTRACT_ITEMS) expect(outsider[k]).toBe(0);
    expect(outsider).not.toHaveProperty('contractsToRegister');
    expect(outsider).not.toHaveProperty('orgsToVerify');
  });

  it("counts only the organisation's own demands that expire within 30 days", async () => {
    const owner = await tokenOf('enterprise');
    const other = await tokenOf('enterprise');
    for (const days of [10, 60]) {
      expect((await call(createDemandRoute, { token: owner.token, body: demandInput({ deadline: inDays(days) }) })).status).toBe(201);
    }
    expect((await workspace(owner.token)).demandsExpiring).toBe(1);
    expect((await workspace(other.token)).demandsExpiring).toBe(0);
  });

  it('shows an unverified organisation only what it may open', async () => {
    const pending = await tokenOf('enterprise', 'pending');
    const items = await workspace(pending.token);
    // No contracts, messages or demands before verification: its notifications, and its grants (none).
    expect(items).toEqual({ unreadNotifications: 0, grantsToAct: 0 });
  });
});
