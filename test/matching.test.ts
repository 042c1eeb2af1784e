import { describe, expect, it } from 'vitest';
import { UNMATCHED_THRESHOLD } from '#domain/matching/score.ts';
import { indexName, meili } from '#search/client.ts';
import { DEMANDS_INDEX, type DemandDocument } from '#search/indexes/demands.ts';
import { matchesForDemand, matchesForResult } from '#app/services/matching.server.ts';
import * as demandsRoute from '#app/routes/api.v1.demands._index.ts';
import * as demandMatchesRoute from '#app/routes/api.v1.demands.$id.matches.ts';
import * as resultMatchesRoute from '#app/routes/api.v1.results.$id.matches.ts';
import * as createResultRoute from '#app/routes/api.v1.results._index.ts';
import * as publishRoute from '#app/routes/api.v1.results.$id.publish.ts';
import * as searchResultsRoute from '#app/routes/api.v1.search.results.ts';
import * as unmatchedPage from '#app/routes/bureau.demands.unmatched.tsx';
import * as resultPage from '#app/routes/r.$id.tsx';
import { call, json } from './api.ts';
import { demandInput, login, withDemandSearch } from './demands-harness.ts';
import { patentInput } from './factories.ts';
import { within } from './search-harness.ts';

withDemandSearch();

type Reason = { kind: string; text: string; detail?: { met: boolean } };
type ResultMatchBody = { items: Array<{ id: string; title: string; institution: string; score: number; reasons: Reason[] }>; terms: string[] };
type DemandMatchBody = { items: Array<{ id: string; title: string; enterprise: string; score: number; reasons: Reason[] }> };

async function publishResult(token: string, over: Record<string, unknown>) {
  const created = await json<{ id: string }>(await call(createResultRoute, { token, body: patentInput(over) }));
  expect((await call(publishRoute, { token, params: { id: created.id }, method: 'POST' })).status).toBe(200);
  return created.id;
}

async function searchable(id: string, q: string) {
  await within(20_000, async () => {
    const res = await call(searchResultsRoute, { path: `/api/v1/search/results?q=${encodeURIComponent(q)}` });
    return (await json<{ items: Array<{ id: string }> }>(res)).items.some((i) => i.id === id);
  });
}

async function demandDoc(id: string): Promise<DemandDocument | undefined> {
  return meili()
    .index<DemandDocument>(indexName(DEMANDS_INDEX))
    .getDocument(id)
    .catch(() => undefined);
}

/** A small market: three results on the cathode topic (one local, one far away, one off-topic), and an enterprise's demand. */
async function market() {
  const local = await login('university', { regionCode: '371502' });
  const far = await login('institute', { regionCode: '110108' });
  const onTopic = await publishResult(local.token, {
    title: '一种高镍三元锂离子电池正极材料的制备方法',
    abstract: '本发明公开了一种高镍三元正极材料的制备方法，通过共沉淀与铝锆共掺杂、硼酸锂包覆提高材料的循环稳定性，1C循环1000次容量保持率大于92%，适用于动力电池。',
    keywords: ['高镍三元', '正极材料', '锂离子电池', '循环寿命'],
    field: 'new_materials',
    maturity: 'pilot',
    price: '1500000.00',
    transferModes: ['transfer', 'license'],
  });
  const farAway = await publishResult(far.token, {
    title: '一种高镍正极材料表面包覆改性方法',
    abstract: '本发明涉及锂离子电池正极材料领域，通过快离子导体包覆抑制高镍正极材料的界面副反应，提升循环性能。',
    keywords: ['正极材料', '包覆改性', '锂离子电池'],
    field: 'new_materials',
    maturity: 'lab',
    price: '5000000.00',
    transferModes: ['equity'],
  });
  const offTopic = await publishResult(local.token, {
    title: '一种阿胶速溶颗粒及其制备方法',
    abstract: '本发明公开了一种阿胶速溶颗粒，以阿胶粉为原料经流化床制粒，溶解迅速、口感好，服用方便，适合作为功能食品推广。',
    keywords: ['阿胶', '速溶颗粒', '功能食品'],
    field: 'biomedicine',
    maturity: 'industrial',
    price: '300000.00',
    transferModes: ['transfer'],
  });
  for (const id of [onTopic, farAway]) await searchable(id, '正极材料');
  await searchable(offTopic, '阿胶');
  const owner = await login('enterprise', { regionCode: '371503' });
  const demand = await json<{ id: string }>(await call(demandsRoute, { token: owner.token, body: demandInput() }));
  await within(20_000, async () => (await demandDoc(demand.id))?.bestMatchScore != null);
  return { local, far, owner, onTopic, farAway, offTopic, demandId: demand.id };
}

describe('matches for a demand', () => {
  it('ranks results on the search engine, best first, each with a score 0–1 and readable reasons', async () => {
    const m = await market();
    const res = await call(demandMatchesRoute, { token: m.owner.token, params: { id: m.demandId } });
    expect(res.status).toBe(200);
    const body = await json<ResultMatchBody>(res);
    const ids = body.items.map((i) => i.id);
    expect(ids[0]).toBe(m.onTopic);
    expect(ids).toContain(m.farAway);
    expect(ids.indexOf(m.farAway)).toBeGreaterThan(ids.indexOf(m.onTopic));
    if (ids.includes(m.offTopic)) expect(body.items.find((i) => i.id === m.offTopic)!.score).toBeLessThan(0.2);
    const scores = body.items.map((i) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const s of scores) expect(s >= 0 && s <= 1).toBe(true);
    expect(body.terms).toEqual(expect.arrayContaining(['高镍', '正极材料']));

    const best = body.items[0]!;
    expect(best.score).toBeGreaterThan(UNMATCHED_THRESHOLD);
    expect(best.institution).toBe(m.local.org!.name);
    const byKind = Object.fromEntries(best.reasons.map((r) => [r.kind, r]));
    expect(byKind.terms!.text).toMatch(/^共同技术词：.*正极材料/);
    expect(byKind.field!.text).toBe('同属新材料领域');
    expect(byKind.maturity!.text).toBe('成熟度为中试，满足“小试及以上”的要求');
    expect(byKind.price!.text).toBe('报价150万元，在预算200万元以内');
    expect(byKind.mode!.text).toBe('合作方式一致：转让、许可');
    expect(byKind.region!.text).toBe('位于聊城本地（东昌府区）');

    const far = body.items.find((i) => i.id === m.farAway)!;
    const farKinds = Object.fromEntries(far.reasons.map((r) => [r.kind, r]));
    expect(farKinds.price).toMatchObject({ text: '报价500万元，超出预算200万元', detail: { met: false } });
    expect(farKinds.maturity!.detail!.met).toBe(false);
    expect(farKinds.mode!.detail!.met).toBe(false);
    expect(farKinds.region).toBeUndefined();
  });

  it('keeps the shape other code relies on, and never offers an enterprise its own results', async () => {
    const m = await market();
    const own = await publishResult(m.owner.token, { title: '高镍三元正极材料循环寿命提升的掺杂方法', keywords: ['高镍三元', '正极材料'], field: 'new_materials' });
    await searchable(own, '高镍三元');
    const direct = await matchesForDemand(m.demandId, { limit: 2 });
    expect(direct.items).toHaveLength(2);
    expect(Object.keys(direct.items[0]!)).toEqual(expect.arrayContaining(['id', 'title', 'institution', 'score', 'reasons']));
    expect((await matchesForDemand(m.demandId)).items.map((i) => i.id)).not.toContain(own);
  });

  it('shows matches to the enterprise, agencies and the bureau only', async () => {
    const m = await market();
    for (const who of [await login('agency'), await login('bureau')]) expect((await call(demandMatchesRoute, { token: who.token, params: { id: m.demandId } })).status).toBe(200);
    expect((await call(demandMatchesRoute, { token: m.local.token, params: { id: m.demandId } })).status).toBe(403);
    expect((await call(demandMatchesRoute, { params: { id: m.demandId } })).status).toBe(401);
    expect((await call(demandMatchesRoute, { token: m.owner.token, params: { id: '00000000-0000-4000-8000-000000000000' } })).status).toBe(404);
    expect((await call(demandMatchesRoute, { token: m.owner.token, params: { id: m.demandId }, path: `/api/v1/demands/${m.demandId}/matches?limit=500` })).status).toBe(400);
  });
});

describe('matches for a result', () => {
  it('ranks published demands for a result’s holder, agencies and the bureau, with reasons', async () => {
    const m = await market();
    const res = await call(resultMatchesRoute, { token: m.local.token, params: { id: m.onTopic } });
    expect(res.status).toBe(200);
    const body = await json<DemandMatchBody>(res);
    // Earlier tests posted the same demand from other enterprises: this one ties for first place.
    const mine = body.items.find((i) => i.id === m.demandId)!;
    expect(mine.score).toBe(body.items[0]!.score);
    expect(mine.enterprise).toBe(m.owner.org!.name);
    expect(mine.reasons.map((r) => r.kind)).toEqual(expect.arrayContaining(['terms', 'field', 'maturity', 'price', 'mode', 'region']));
    expect(mine.reasons.find((r) => r.kind === 'region')!.text).toBe('位于聊城本地（茌平区）');
    expect((await matchesForResult(m.offTopic)).items.map((i) => i.id)).not.toContain(m.demandId);

    expect((await call(resultMatchesRoute, { token: m.far.token, params: { id: m.onTopic } })).status).toBe(403);
    expect((await call(resultMatchesRoute, { token: m.owner.token, params: { id: m.onTopic } })).status).toBe(403);
    for (const who of [await login('agency'), await login('bureau')]) expect((await call(resultMatchesRoute, { token: who.token, params: { id: m.onTopic } })).status).toBe(200);

    // The result page shows 匹配的需求 to its holder, and not to the public.
    type Page = { demandMatches: { items: Array<{ id: string }> | null } | null };
    const holderView = await json<Page>(await call(resultPage, { token: m.local.token, params: { id: m.onTopic }, path: `/r/${m.onTopic}` }));
    expect(holderView.demandMatches?.items?.map((i) => i.id)).toContain(m.demandId);
    expect((await json<Page>(await call(resultPage, { params: { id: m.onTopic }, path: `/r/${m.onTopic}` }))).demandMatches).toBeNull();
  });
});

describe('unmatched demands', () => {
  it('lists, for the bureau and agencies, open demands whose best match is under the threshold', async () => {
    const m = await market();
    const lonely = await json<{ id: string }>(
      await call(demandsRoute, {
        token: m.owner.token,
        body: demandInput({ title: '高端钢琴击弦机零件精密加工工艺', description: '乐器企业需要钢琴击弦机零件加工与装配工艺，以及音板木材干燥技术。', field: 'optomechatronics', keywords: ['钢琴', '击弦机', '乐器制造'], indicators: [] }),
      }),
    );
    await within(20_000, async () => (await demandDoc(lonely.id))?.bestMatchScore != null);
    expect((await demandDoc(lonely.id))!.bestMatchScore!).toBeLessThan(UNMATCHED_THRESHOLD);
    expect((await demandDoc(m.demandId))!.bestMatchScore!).toBeGreaterThanOrEqual(UNMATCHED_THRESHOLD);

    const bureau = await login('bureau');
    const page = await call(unmatchedPage, { token: bureau.token, path: '/bureau/demands/unmatched' });
    expect(page.status).toBe(200);
    const data = await json<{ items: Array<{ id: string; bestMatchScore: number | null }> }>(page);
    const ids = data.items.map((i) => i.id);
    expect(ids).toContain(lonely.id);
    expect(ids).not.toContain(m.demandId);
    expect((await call(unmatchedPage, { token: m.owner.token, path: '/bureau/demands/unmatched' })).status).toBe(403);
    const agency = await login('agency');
    expect((await call(unmatchedPage, { token: agency.token, path: '/bureau/demands/unmatched' })).status).toBe(200);
    const took = await call(unmatchedPage, { token: agency.token, path: '/bureau/demands/unmatched', form: { intent: 'take', id: lonely.id } });
    expect(took.status).toBe(200);
  });
});
