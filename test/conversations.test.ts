import { and, eq } from 'drizzle-orm';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { getDb } from '#db/client.ts';
import { auditEvents, conversations, demands, messages } from '#db/schema.ts';
import * as inquiriesRoute from '#app/routes/api.v1.inquiries.ts';
import * as listRoute from '#app/routes/api.v1.conversations._index.ts';
import * as reasonsRoute from '#app/routes/api.v1.conversations.close-reasons.ts';
import * as oneRoute from '#app/routes/api.v1.conversations.$id.ts';
import * as messagesRoute from '#app/routes/api.v1.conversations.$id.messages.ts';
import * as inviteRoute from '#app/routes/api.v1.conversations.$id.invite.ts';
import * as statusRoute from '#app/routes/api.v1.conversations.$id.status.ts';
import * as readRoute from '#app/routes/api.v1.conversations.$id.read.ts';
import * as pageRoute from '#app/routes/conversations.$id.tsx';
import * as contractNewPage from '#app/routes/contracts.new.tsx';
import * as resultCreateRoute from '#app/routes/api.v1.results._index.ts';
import * as publishRoute from '#app/routes/api.v1.results.$id.publish.ts';
import * as openapiRoute from '#app/routes/api.v1.openapi[.json].ts';
import { MessageThread } from '#app/components/message-thread.tsx';
import { I18nProvider } from '#app/components/i18n.tsx';
import { zh } from '#app/i18n/zh.ts';
import { call, json } from './api.ts';
import { bureauToken, type ErrorBody } from './contract-fixtures.ts';
import { createOrg, patentInput, tokenOf } from './factories.ts';

type Party = Awaited<ReturnType<typeof tokenOf>>;
type Detail = {
  id: string;
  status: string;
  created?: boolean;
  closeReason: string | null;
  contractId: string | null;
  ownerOrgId: string;
  initiatorOrgId: string;
  myRole: string;
  participants: Array<{ orgId: string; role: string }>;
  messages: Array<{ id: number; body: string; senderOrgId: string }>;
};

async function publishedResult(holder: Party) {
  const r = await json<{ id: string }>(await call(resultCreateRoute, { token: holder.token, body: patentInput() }));
  expect((await call(publishRoute, { token: holder.token, params: { id: r.id }, method: 'POST' })).status).toBe(200);
  return r.id;
}

/** A university's published patent and an enterprise that asks about it. */
async function inquiry(message = '您好，我公司对该专利的产业化很感兴趣，想了解许可费用和技术支持方式。') {
  const university = await tokenOf('university');
  const enterprise = await tokenOf('enterprise');
  const resultId = await publishedResult(university);
  const res = await call(inquiriesRoute, { token: enterprise.token, body: { resultId, message } });
  expect(res.status).toBe(201);
  const c = await json<Detail>(res);
  return { university, enterprise, resultId, c };
}

const get = (token: string, id: string) => call(oneRoute, { token, params: { id } });
const post = (token: string, id: string, body: string) => call(messagesRoute, { token, params: { id }, body: { body } });
const setStatus = (token: string, id: string, body: Record<string, unknown>) => call(statusRoute, { token, params: { id }, body });

describe('POST /api/v1/inquiries', () => {
  it('opens a conversation between the enterprise and the result holder, and returns the open one on a second request', async () => {
    const { university, enterprise, resultId, c } = await inquiry();
    expect(c).toMatchObject({ status: 'open', created: true, ownerOrgId: university.org.id, initiatorOrgId: enterprise.org.id, myRole: 'initiator' });
    expect(c.participants.map((p) => [p.orgId, p.role])).toEqual([
      [enterprise.org.id, 'initiator'],
      [university.org.id, 'counterpart'],
    ]);
    expect(c.messages).toHaveLength(1);

    const again = await call(inquiriesRoute, { token: enterprise.token, body: { resultId, message: '再问一次' } });
    expect(again.status).toBe(200);
    const same = await json<Detail>(again);
    expect(same).toMatchObject({ id: c.id, created: false });
    expect(same.messages).toHaveLength(1);

    // Once closed, a new one may be started.
    expect((await setStatus(enterprise.token, c.id, { status: 'closed', closeReason: 'price' })).status).toBe(200);
    const fresh = await call(inquiriesRoute, { token: enterprise.token, body: { resultId, message: '价格可以再谈' } });
    expect(fresh.status).toBe(201);
    expect((await json<Detail>(fresh)).id).not.toBe(c.id);
  });

  it('opens one conversation only, even when two requests race', async () => {
    const university = await tokenOf('university');
    const enterprise = await tokenOf('enterprise');
    const resultId = await publishedResult(university);
    const answers = await Promise.all([1, 2, 3].map((n) => call(inquiriesRoute, { token: enterprise.token, body: { resultId, message: `第 ${n} 次` } })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
    expect(await getDb().$count(conversations, eq(conversations.resultId, resultId))).toBe(1);
  });

  it('is for enterprises on results, and universities or institutes on demands', async () => {
    const university = await tokenOf('university');
    const other = await tokenOf('university');
    const resultId = await publishedResult(university);
    const refused = await call(inquiriesRoute, { token: other.token, body: { resultId, message: '你好' } });
    expect(refused.status).toBe(403);

    // An enterprise cannot ask about its own result; a draft is not there for anyone else.
    const enterprise = await tokenOf('enterprise');
    const own = await publishedResult(enterprise);
    expect((await call(inquiriesRoute, { token: enterprise.token, body: { resultId: own, message: '你好' } })).status).toBe(422);
    const draft = await json<{ id: string }>(await call(resultCreateRoute, { token: university.token, body: patentInput() }));
    expect((await call(inquiriesRoute, { token: enterprise.token, body: { resultId: draft.id, message: '你好' } })).status).toBe(404);

    // A demand: the university answers, the enterprise is the owner.
    const [d] = await getDb()
      .insert(demands)
      .values({ ownerOrgId: enterprise.org.id, title: '高速轴承保持架减磨材料', description: '需要一种耐高温、低摩擦的保持架材料。', field: 'new_materials', cooperationModes: ['joint_development'] })
      .returning();
    const onDemand = await call(inquiriesRoute, { token: university.token, body: { demandId: d!.id, message: '我校在自润滑复合材料方面有成熟成果。' } });
    expect(onDemand.status).toBe(201);
    expect(await json<Detail>(onDemand)).toMatchObject({ ownerOrgId: enterprise.org.id, initiatorOrgId: university.org.id });
    const another = await tokenOf('enterprise');
    expect((await call(inquiriesRoute, { token: another.token, body: { demandId: d!.id, message: '你好' } })).status).toBe(403);
  });

  it('answers 400 to a body naming both or neither listing, or without a message', async () => {
    const enterprise = await tokenOf('enterprise');
    const id = crypto.randomUUID();
    for (const body of [{ message: '你好' }, { resultId: id, demandId: id, message: '你好' }, { resultId: id, message: '   ' }]) {
      const res = await call(inquiriesRoute, { token: enterprise.token, body });
      expect(res.status).toBe(400);
      expect((await json<ErrorBody>(res)).error.code).toBe('validation_failed');
    }
    expect((await call(inquiriesRoute, { body: { resultId: id, message: '你好' } })).status).toBe(401);
  });
});

describe('privacy', () => {
  it('answers 404 to every non-participant: another enterprise, an uninvited agency, the bureau', async () => {
    const { c } = await inquiry();
    const outsiders = [(await tokenOf('enterprise')).token, (await tokenOf('agency')).token, (await tokenOf('university')).token, await bureauToken()];
    for (const token of outsiders) {
      expect((await get(token, c.id)).status).toBe(404);
      expect((await post(token, c.id, '我也想看看')).status).toBe(404);
      expect((await call(inviteRoute, { token, params: { id: c.id }, body: { agencyOrgId: (await createOrg({ kind: 'agency' })).id } })).status).toBe(404);
      expect((await setStatus(token, c.id, { status: 'closed', closeReason: 'other' })).status).toBe(404);
      expect((await call(readRoute, { token, params: { id: c.id }, method: 'POST' })).status).toBe(404);
      const list = await json<{ items: Array<{ id: string }> }>(await call(listRoute, { token, path: '/api/v1/conversations' }));
      expect(list.items.map((i) => i.id)).not.toContain(c.id);
    }
    // The page too.
    const page = await call(pageRoute, { token: outsiders[0], params: { id: c.id }, path: `/conversations/${c.id}` });
    expect(page.status).toBe(404);
  });
});

describe('messages', () => {
  it('takes 1 to 4000 characters (counted as characters, not bytes) and refuses more or none with 400', async () => {
    const { university, c } = await inquiry();
    expect((await post(university.token, c.id, '好'.repeat(4000))).status).toBe(201);
    expect((await post(university.token, c.id, '😀'.repeat(4000))).status).toBe(201);
    const long = await post(university.token, c.id, 'a'.repeat(4001));
    expect(long.status).toBe(400);
    expect((await json<ErrorBody>(long)).error.fields?.body).toBeTruthy();
    expect((await post(university.token, c.id, '')).status).toBe(400);
    expect((await post(university.token, c.id, ' \n\t ')).status).toBe(400);
    expect(await getDb().$count(messages, eq(messages.conversationId, c.id))).toBe(3);
  });

  it('stores HTML as plain text and renders it inert', async () => {
    const { university, enterprise, c } = await inquiry();
    const script = '<script>alert(1)</script>';
    const img = '<img src=x onerror="alert(document.cookie)">';
    expect((await post(university.token, c.id, script)).status).toBe(201);
    expect((await post(enterprise.token, c.id, `${img}\n第二行`)).status).toBe(201);
    const thread = await json<Detail>(await get(enterprise.token, c.id));
    expect(thread.messages.map((m) => m.body).slice(1)).toEqual([script, `${img}\n第二行`]);

    // The page's loader hands the text on unchanged; the component renders it as text.
    const page = await call(pageRoute, { token: enterprise.token, params: { id: c.id }, path: `/conversations/${c.id}` });
    type PageData = { c: { messages: Parameters<typeof MessageThread>[0]['messages']; myOrgId: string; lastReadAt: string | null } };
    const data = await json<PageData>(page);
    const html = renderToString(
      createElement(I18nProvider, { locale: 'zh', messages: zh, children: createElement(MessageThread, { messages: data.c.messages, myOrgId: data.c.myOrgId, lastReadAt: data.c.lastReadAt }) })
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(document.cookie)&quot;&gt;');
    expect(html).toContain('第二行');
  });

  it('counts what the other side has not read, until it reads', async () => {
    const { university, enterprise, c } = await inquiry();
    type List = { items: Array<{ id: string; unread: number; lastMessage: string | null; status: string }> };
    const mine = async (token: string) => (await json<List>(await call(listRoute, { token, path: '/api/v1/conversations' }))).items.find((i) => i.id === c.id)!;
    expect((await mine(university.token)).unread).toBe(1);
    expect((await mine(enterprise.token)).unread).toBe(0);
    expect((await call(readRoute, { token: university.token, params: { id: c.id }, method: 'POST' })).status).toBe(204);
    expect((await mine(university.token)).unread).toBe(0);
    await post(university.token, c.id, '可以，欢迎来校实地考察。');
    expect(await mine(enterprise.token)).toMatchObject({ unread: 1, lastMessage: '可以，欢迎来校实地考察。', status: 'negotiating' });
  });
});

describe('states', () => {
  it('goes open → negotiating on the owner’s reply → contract_drafted → closed with a reason, audited', async () => {
    const { university, enterprise, c } = await inquiry();
    // The initiator writing again changes nothing; the owner's reply starts the negotiation.
    await post(enterprise.token, c.id, '补充一下：我们年产约 50 万套轴承。');
    expect((await json<Detail>(await get(enterprise.token, c.id))).status).toBe('open');
    await post(university.token, c.id, '收到，我们安排课题组对接。');
    expect((await json<Detail>(await get(enterprise.token, c.id))).status).toBe('negotiating');

    const drafted = await setStatus(enterprise.token, c.id, { status: 'contract_drafted' });
    expect(drafted.status).toBe(200);
    expect(await json<{ next: string; conversation: { status: string } }>(drafted)).toMatchObject({ next: `/contracts/new?conversationId=${c.id}`, conversation: { status: 'contract_drafted' } });

    // A reason is required to close, and only when closing.
    expect((await setStatus(enterprise.token, c.id, { status: 'closed' })).status).toBe(400);
    expect((await setStatus(enterprise.token, c.id, { status: 'closed', closeReason: 'cheap' })).status).toBe(400);
    expect((await setStatus(enterprise.token, c.id, { status: 'negotiating', closeReason: 'price' })).status).toBe(400);
    expect((await setStatus(enterprise.token, c.id, { status: 'open' })).status).toBe(400);
    const closed = await setStatus(university.token, c.id, { status: 'closed', closeReason: 'benefit_unclear', closeNote: '企业测算的投资回收期过长' });
    expect(closed.status).toBe(200);
    const after = await json<Detail & { closeNote: string }>(await get(enterprise.token, c.id));
    expect(after).toMatchObject({ status: 'closed', closeReason: 'benefit_unclear', closeNote: '企业测算的投资回收期过长' });

    // Closed is final.
    expect((await post(enterprise.token, c.id, '还能再谈吗？')).status).toBe(409);
    expect((await setStatus(enterprise.token, c.id, { status: 'negotiating' })).status).toBe(409);

    const trail = await getDb()
      .select({ action: auditEvents.action, after: auditEvents.after })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectType, 'conversation'), eq(auditEvents.subjectId, c.id)))
      .orderBy(auditEvents.id);
    expect(trail.map((e) => [e.action, (e.after as { status: string }).status])).toEqual([
      ['conversation.open', 'open'],
      ['conversation.status', 'negotiating'],
      ['conversation.status', 'contract_drafted'],
      ['conversation.status', 'closed'],
    ]);
  });

  it('sums the owner’s close reasons over its listings, and shows them to no one else', async () => {
    const university = await tokenOf('university');
    const results = [await publishedResult(university), await publishedResult(university)];
    const reasons = ['price', 'price', 'too_early', 'route_unclear', 'other'];
    for (const [i, reason] of reasons.entries()) {
      const e = await tokenOf('enterprise');
      const c = await json<Detail>(await call(inquiriesRoute, { token: e.token, body: { resultId: results[i % 2], message: '想了解一下。' } }));
      expect((await setStatus(i % 2 ? university.token : e.token, c.id, { status: 'closed', closeReason: reason })).status).toBe(200);
    }
    // One still open does not count.
    await call(inquiriesRoute, { token: (await tokenOf('enterprise')).token, body: { resultId: results[0], message: '你好' } });
    type Summary = { total: number; reasons: Record<string, number>; listings: Array<{ id: string; total: number; reasons: Record<string, number> }> };
    const s = await json<Summary>(await call(reasonsRoute, { token: university.token, path: '/api/v1/conversations/close-reasons' }));
    expect(s.total).toBe(5);
    expect(s.reasons).toEqual({ too_early: 1, price: 2, benefit_unclear: 0, route_unclear: 1, other: 1 });
    expect(s.listings.find((l) => l.id === results[0])).toMatchObject({ total: 3, reasons: { price: 1, too_early: 1, other: 1 } });
    const other = await json<Summary>(await call(reasonsRoute, { token: (await tokenOf('university')).token, path: '/api/v1/conversations/close-reasons' }));
    expect(other.total).toBe(0);
  });
});

describe('agencies', () => {
  it('joins when the owner or the initiator invites it: it reads, writes and may not close or invite', async () => {
    const { university, enterprise, c } = await inquiry();
    const agency = await tokenOf('agency');
    expect((await get(agency.token, c.id)).status).toBe(404);

    // Only a verified agency.
    const notAgency = await createOrg({ kind: 'enterprise' });
    const pending = await createOrg({ kind: 'agency', status: 'pending' });
    for (const agencyOrgId of [notAgency.id, pending.id]) {
      const r = await call(inviteRoute, { token: university.token, params: { id: c.id }, body: { agencyOrgId } });
      expect(r.status).toBe(422);
      expect((await json<ErrorBody>(r)).error.fields?.agencyOrgId).toBeTruthy();
    }

    const invited = await call(inviteRoute, { token: university.token, params: { id: c.id }, body: { agencyOrgId: agency.org.id } });
    expect(invited.status).toBe(200);
    const seen = await json<Detail>(await get(agency.token, c.id));
    expect(seen.myRole).toBe('agency');
    expect(seen.messages).toHaveLength(1);
    expect((await post(agency.token, c.id, '我中心可协助评估与合同起草。')).status).toBe(201);

    const second = await tokenOf('agency');
    expect((await call(inviteRoute, { token: enterprise.token, params: { id: c.id }, body: { agencyOrgId: second.org.id } })).status).toBe(409);
    expect((await call(inviteRoute, { token: agency.token, params: { id: c.id }, body: { agencyOrgId: second.org.id } })).status).toBe(403);
    expect((await setStatus(agency.token, c.id, { status: 'closed', closeReason: 'other' })).status).toBe(403);
    expect((await setStatus(agency.token, c.id, { status: 'negotiating' })).status).toBe(200);
  });
});

describe('from conversation to contract', () => {
  it('opens the wizard prefilled with seller, buyer, broker and result, and links the contract it creates', async () => {
    const { university, enterprise, resultId, c } = await inquiry();
    const agency = await tokenOf('agency');
    await call(inviteRoute, { token: enterprise.token, params: { id: c.id }, body: { agencyOrgId: agency.org.id } });
    const path = `/contracts/new?conversationId=${c.id}`;
    type Wizard = { result: { id: string } | null; fromConversation: { sellerOrgId: string; buyerOrgId: string; brokerOrgId: string | null; title: string } | null };
    const wizard = await json<Wizard>(await call(contractNewPage, { token: agency.token, path }));
    expect(wizard.fromConversation).toMatchObject({ sellerOrgId: university.org.id, buyerOrgId: enterprise.org.id, brokerOrgId: agency.org.id });
    expect(wizard.result?.id).toBe(resultId);
    // Someone outside the conversation gets the blank wizard.
    expect((await json<Wizard>(await call(contractNewPage, { token: (await tokenOf('enterprise')).token, path }))).fromConversation).toBeNull();

    const created = await call(contractNewPage, {
      token: enterprise.token,
      path,
      form: {
        kind: 'transfer',
        title: wizard.fromConversation!.title,
        sellerOrgId: university.org.id,
        buyerOrgId: enterprise.org.id,
        brokerOrgId: agency.org.id,
        resultId,
        amount: '880000',
        signedOn: '2025-06-01',
      },
    });
    expect(created.status).toBe(302);
    const contractId = created.headers.get('location')!.split('/').pop();
    const after = await json<Detail>(await get(university.token, c.id));
    expect(after).toMatchObject({ contractId, status: 'contract_drafted' });
  });
});

describe('OpenAPI', () => {
  it('documents the conversation, notification and saved-search endpoints from their schemas', async () => {
    type Doc = { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[]; properties?: Record<string, { enum?: string[] }> } }> } }>> };
    const doc = await json<Doc>(await call(openapiRoute, { path: '/api/v1/openapi.json' }));
    for (const p of ['/inquiries', '/conversations', '/conversations/close-reasons', '/conversations/{id}', '/conversations/{id}/messages', '/conversations/{id}/invite', '/conversations/{id}/status', '/notifications', '/notifications/read', '/saved-searches', '/saved-searches/{id}']) {
      expect(doc.paths).toHaveProperty([p]);
    }
    const status = doc.paths['/conversations/{id}/status']!.post!.requestBody!.content['application/json']!.schema;
    expect(status.properties?.closeReason?.enum).toEqual(['too_early', 'price', 'benefit_unclear', 'route_unclear', 'other']);
    expect(doc.paths['/conversations/{id}/messages']!.post!.requestBody!.content['application/json']!.schema.required).toEqual(['body']);
  });
});
