import { existsSync, readFileSync } from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '#db/client.ts';
import { demands, emails, notifications, savedSearches } from '#db/schema.ts';
import { applyDemandsSettings, applyResultsSettings } from '#search/setup.ts';
import { syncResult } from '#search/sync.ts';
import { syncDemand } from '#search/demands-sync.ts';
import { matchesForDemand } from '#app/services/matching.server.ts';
import * as inquiriesRoute from '#app/routes/api.v1.inquiries.ts';
import * as messagesRoute from '#app/routes/api.v1.conversations.$id.messages.ts';
import * as inviteRoute from '#app/routes/api.v1.conversations.$id.invite.ts';
import * as listRoute from '#app/routes/api.v1.notifications._index.ts';
import * as readRoute from '#app/routes/api.v1.notifications.read.ts';
import * as savedRoute from '#app/routes/api.v1.saved-searches._index.ts';
import * as savedOneRoute from '#app/routes/api.v1.saved-searches.$id.ts';
import * as resultCreateRoute from '#app/routes/api.v1.results._index.ts';
import * as publishRoute from '#app/routes/api.v1.results.$id.publish.ts';
import * as mailPage from '#app/routes/bureau.mail._index.tsx';
import * as mailOnePage from '#app/routes/bureau.mail.$id.tsx';
import * as rootModule from '#app/root.tsx';
import { sendNotificationMail } from '#app/services/mail.server.ts';
import { runAlerts } from '#app/services/alerts.server.ts';
import { call, json } from './api.ts';
import { bureauToken, type ErrorBody } from './contract-fixtures.ts';
import { createUser, patentInput, PASSWORD, tokenOf } from './factories.ts';
import * as loginRoute from '#app/routes/api.v1.auth.login.ts';

type Party = Awaited<ReturnType<typeof tokenOf>>;
type NotificationList = { items: Array<{ id: string; kind: string; title: string; body: string; link: string | null; readAt: string | null }>; total: number; unread: number };

const list = async (token: string, query = '') => json<NotificationList>(await call(listRoute, { token, path: `/api/v1/notifications${query}` }));

async function publishedResult(holder: Party, over: Record<string, unknown> = {}) {
  const r = await json<{ id: string }>(await call(resultCreateRoute, { token: holder.token, body: patentInput(over) }));
  expect((await call(publishRoute, { token: holder.token, params: { id: r.id }, method: 'POST' })).status).toBe(200);
  return r.id;
}

async function conversation() {
  const university = await tokenOf('university');
  const enterprise = await tokenOf('enterprise');
  const resultId = await publishedResult(university);
  const c = await json<{ id: string }>(await call(inquiriesRoute, { token: enterprise.token, body: { resultId, message: '请问该专利是否支持独占许可？' } }));
  return { university, enterprise, c };
}

async function loginAs(email: string) {
  return (await json<{ token: string }>(await call(loginRoute, { body: { email, password: PASSWORD } }))).token;
}

/** The mail:send jobs waiting in the queue for these notifications. */
async function mailJobs(ids: string[]) {
  const rows = await getDb().execute<{ payload: { notificationId: string } }>(
    sql`select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'mail:send'`
  );
  return rows.filter((r) => ids.includes(r.payload.notificationId));
}

describe('notifications', () => {
  it('tell the other participants of a new message, and never reach another organisation', async () => {
    const { university, enterprise, c } = await conversation();
    const agency = await tokenOf('agency');
    await call(inviteRoute, { token: university.token, params: { id: c.id }, body: { agencyOrgId: agency.org.id } });

    // Opening told the holder; inviting told the agency.
    const uni = await list(university.token);
    expect(uni.items.map((n) => n.kind)).toEqual(['conversation.opened']);
    expect((await list(agency.token)).items.map((n) => n.kind)).toEqual(['conversation.invited']);
    expect((await list(enterprise.token)).total).toBe(0);

    await call(messagesRoute, { token: enterprise.token, params: { id: c.id }, body: { body: '我们希望下周到贵校实验室参观。' } });
    const after = await list(university.token);
    expect(after.unread).toBe(2);
    expect(after.items[0]).toMatchObject({ kind: 'conversation.message', body: '我们希望下周到贵校实验室参观。', link: `/conversations/${c.id}` });
    expect((await list(agency.token)).items.map((n) => n.kind)).toEqual(['conversation.message', 'conversation.invited']);
    expect((await list(enterprise.token)).total).toBe(0);

    // While unread, further messages refresh the same notification rather than pile up.
    await call(messagesRoute, { token: enterprise.token, params: { id: c.id }, body: { body: '时间可以是周三上午。' } });
    const again = await list(university.token);
    expect(again.total).toBe(2);
    expect(again.items[0]!.body).toBe('时间可以是周三上午。');

    // Another organisation sees none of them and cannot mark them read.
    const stranger = await tokenOf('enterprise');
    expect((await list(stranger.token)).total).toBe(0);
    const ids = after.items.map((n) => n.id);
    const tried = await call(readRoute, { token: stranger.token, body: { ids } });
    expect(await json(tried)).toEqual({ updated: 0, unread: 0 });
    expect((await call(readRoute, { token: stranger.token, body: { all: true } })).status).toBe(200);
    expect((await list(university.token)).unread).toBe(2);

    // A colleague in the holder's organisation sees them; reading marks them for the organisation.
    const colleague = await createUser({ orgId: university.org.id, role: 'org_member' });
    const colleagueToken = await loginAs(colleague.email);
    expect((await list(colleagueToken)).unread).toBe(2);
    const marked = await json<{ updated: number; unread: number }>(await call(readRoute, { token: colleagueToken, body: { ids: [ids[0]] } }));
    expect(marked).toEqual({ updated: 1, unread: 1 });
    expect((await list(university.token, '?unread=true')).items.map((n) => n.id)).toEqual([ids[1]]);
    expect(await json(await call(readRoute, { token: university.token, body: { all: true } }))).toEqual({ updated: 1, unread: 0 });

    // The header's bell counts them.
    await call(messagesRoute, { token: enterprise.token, params: { id: c.id }, body: { body: '盼复。' } });
    const root = await json<{ unreadNotifications: number }>(await call(rootModule as never, { token: university.token, path: '/' }));
    expect(root.unreadNotifications).toBe(1);
  });

  it('answers 400 to a read request naming neither or both of ids and all', async () => {
    const { token } = await tokenOf('enterprise');
    for (const body of [{}, { ids: [], all: true }, { ids: ['not-a-uuid'] }, { all: false }]) {
      const res = await call(readRoute, { token, body });
      expect(res.status).toBe(400);
      expect((await json<ErrorBody>(res)).error.code).toBe('validation_failed');
    }
  });
});

describe('e-mail', () => {
  it('enqueues a mail:send job with each notification; the job writes an .eml file per user and records it once', async () => {
    const { university, c } = await conversation();
    const colleague = await createUser({ orgId: university.org.id, role: 'org_member' });
    const [n] = await getDb().select().from(notifications).where(eq(notifications.orgId, university.org.id));
    expect(await mailJobs([n!.id])).toHaveLength(1);

    expect(await sendNotificationMail(n!.id)).toBe(2);
    const sent = await getDb()
      .select()
      .from(emails)
      .where(sql`${emails.messageId} like ${`<n-${n!.id}-%`}`);
    expect(sent.map((e) => e.to).sort()).toEqual([university.user.email, colleague.email].sort());
    for (const e of sent) {
      expect(e.subject).toBe(n!.title);
      expect(e.text).toContain(`/conversations/${c.id}`);
      expect(e.file).toMatch(/\.data\/test\/mail\/.+\.eml$/);
      expect(existsSync(e.file!)).toBe(true);
      // Long headers are folded onto continuation lines; unfold them to read.
      const eml = readFileSync(e.file!, 'utf8').replace(/\n[ \t]+/g, ' ');
      expect(eml).toContain(`To: ${e.to}`);
      expect(eml).toContain(`Message-ID: ${e.messageId}`);
      expect(eml).toMatch(/Subject: =\?UTF-8\?/);
    }

    // A retry sends nothing twice.
    await sendNotificationMail(n!.id);
    expect(await getDb().$count(emails, sql`${emails.messageId} like ${`<n-${n!.id}-%`}`)).toBe(2);

    // The bureau's outbox lists and shows them; nobody else sees it.
    const bureau = await bureauToken();
    const outbox = await json<{ items: Array<{ id: string; to: string }> }>(await call(mailPage, { token: bureau, path: '/bureau/mail' }));
    const mine = outbox.items.find((i) => i.to === university.user.email)!;
    expect(mine).toBeTruthy();
    const one = await json<{ email: { text: string; file: string } }>(await call(mailOnePage, { token: bureau, params: { id: mine.id }, path: `/bureau/mail/${mine.id}` }));
    expect(one.email.text).toContain('请问该专利是否支持独占许可？');
    expect((await call(mailPage, { token: university.token, path: '/bureau/mail' })).status).toBe(403);
  });
});

describe('alerts', () => {
  beforeAll(async () => {
    await applyResultsSettings();
    await applyDemandsSettings();
  });

  async function publishedDemand(owner: Party, over: Partial<typeof demands.$inferInsert> = {}) {
    const [d] = await getDb()
      .insert(demands)
      .values({
        ownerOrgId: owner.org.id,
        title: '风电齿轮箱轴承润滑状态在线监测',
        description: '我公司生产风电齿轮箱轴承，需要一套在线监测润滑状态、提前预警磨损的技术方案，可在现场安装调试。',
        field: 'optomechatronics',
        keywords: ['齿轮箱', '润滑', '在线监测'],
        cooperationModes: ['license', 'joint_development'],
        ...over,
      })
      .returning();
    expect(await syncDemand(d!.id)).toBe('indexed');
    return d!.id;
  }
  const alertsOf = async (token: string) => (await list(token)).items.filter((n) => n.kind === 'alert.matches');

  // No worker here: index the result now (syncResult waits for Meilisearch's task).
  const searchable = async (id: string) => expect(await syncResult(id)).toBe('indexed');

  it('report each new result of a saved search once: a rerun adds nothing', async () => {
    const holder = await tokenOf('university');
    const watcher = await tokenOf('enterprise');
    const before = await publishedResult(holder, { title: '一种风电齿轮箱轴承的润滑状态监测方法', field: 'optomechatronics' });
    await searchable(before);

    const res = await call(savedRoute, { token: watcher.token, body: { kind: 'results', query: { q: '齿轮箱', field: ['optomechatronics'] } } });
    expect(res.status).toBe(201);
    const saved = await json<{ id: string; name: string; link: string }>(res);
    expect(saved).toMatchObject({ name: '齿轮箱', link: '/search?q=%E9%BD%BF%E8%BD%AE%E7%AE%B1&field=optomechatronics' });
    // Saving the same search again returns it.
    expect((await call(savedRoute, { token: watcher.token, body: { kind: 'results', query: { q: '齿轮箱', field: ['optomechatronics'] } } })).status).toBe(200);

    // What existed when it was saved is not news.
    await runAlerts();
    expect((await list(watcher.token)).total).toBe(0);

    const fresh = await publishedResult(holder, { title: '大型齿轮箱行星轮系故障诊断系统', field: 'optomechatronics' });
    await searchable(fresh);
    const first = await runAlerts();
    expect(first.failed).toBe(0);
    const got = await list(watcher.token);
    expect(got.items).toHaveLength(1);
    expect(got.items[0]).toMatchObject({ kind: 'alert.matches', title: '「齿轮箱」有 1 条新成果', body: '· 大型齿轮箱行星轮系故障诊断系统' });
    const [row] = await getDb().select().from(savedSearches).where(eq(savedSearches.id, saved.id));
    expect(row!.seenIds).toEqual(expect.arrayContaining([before, fresh]));

    // Idempotent: running again (or twice at once) tells nothing new.
    await Promise.all([runAlerts(), runAlerts()]);
    expect((await list(watcher.token)).total).toBe(1);
    expect(await getDb().$count(notifications, and(eq(notifications.orgId, watcher.org.id), eq(notifications.kind, 'alert.matches')))).toBe(1);

    // The alert is addressed to the user who saved it, not to colleagues.
    const colleague = await createUser({ orgId: watcher.org.id, role: 'org_member' });
    expect((await list(await loginAs(colleague.email))).total).toBe(0);
    // Only its owner deletes it.
    expect((await call(savedOneRoute, { token: (await tokenOf('enterprise')).token, params: { id: saved.id }, method: 'DELETE' })).status).toBe(404);
    expect((await call(savedOneRoute, { token: watcher.token, params: { id: saved.id }, method: 'DELETE' })).status).toBe(204);
    const listed = await json<{ items: unknown[] }>(await call(savedRoute, { token: watcher.token, path: '/api/v1/saved-searches' }));
    expect(listed.items).toHaveLength(0);
  });

  it('report each new demand of a saved demand search once', async () => {
    const university = await tokenOf('university');
    const enterprise = await tokenOf('enterprise');
    await publishedDemand(enterprise);
    const res = await call(savedRoute, { token: university.token, body: { kind: 'demands', query: { q: '齿轮箱' } } });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ kind: 'demands', link: '/demands?q=%E9%BD%BF%E8%BD%AE%E7%AE%B1' });
    await runAlerts();
    expect(await alertsOf(university.token)).toHaveLength(0);
    await publishedDemand(enterprise, { title: '矿用减速机齿轮箱故障预警系统', keywords: ['齿轮箱', '故障预警'] });
    await runAlerts();
    await runAlerts();
    const got = await alertsOf(university.token);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ title: '「齿轮箱」有 1 条新需求', body: '· 矿用减速机齿轮箱故障预警系统' });
  });

  it('tell the watcher of a demand about each new matching result once', async () => {
    const enterprise = await tokenOf('enterprise');
    const university = await tokenOf('university');
    const demandId = await publishedDemand(enterprise, { title: '高速列车轴箱轴承温升在线监测', keywords: ['轴箱轴承', '温升', '在线监测'] });
    const res = await call(savedRoute, { token: enterprise.token, body: { kind: 'demand_matches', subjectId: demandId } });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ name: '需求匹配：高速列车轴箱轴承温升在线监测', link: `/demands/${demandId}` });
    const resultId = await publishedResult(university, {
      title: '高速列车轴箱轴承温升在线监测装置',
      abstract: '本发明公开了一种高速列车轴箱轴承温升在线监测装置，通过无线测温与边缘计算实时预警轴承温升异常，适用于动车组轴箱轴承状态监测。',
      field: 'optomechatronics',
      keywords: ['轴箱轴承', '温升', '在线监测'],
      transferModes: ['license'],
    });
    expect(await syncResult(resultId)).toBe('indexed');
    const found = (await matchesForDemand(demandId, { limit: 5 })).items.find((m) => m.id === resultId);
    expect(found?.score).toBeGreaterThanOrEqual(0.45);
    await runAlerts();
    await runAlerts();
    const got = await alertsOf(enterprise.token);
    expect(got).toHaveLength(1);
    expect(got[0]!.title).toBe('「需求匹配：高速列车轴箱轴承温升在线监测」有 1 个新匹配');
    expect(got[0]!.body).toContain('高速列车轴箱轴承温升在线监测装置');
  });

  it('refuses unknown kinds and unknown subjects', async () => {
    const { token } = await tokenOf('enterprise');
    expect((await call(savedRoute, { token, body: { kind: 'everything', query: {} } })).status).toBe(400);
    expect((await call(savedRoute, { token, body: { kind: 'results', query: { field: ['astrology'] } } })).status).toBe(400);
    expect((await call(savedRoute, { token, body: { kind: 'demand_matches', subjectId: crypto.randomUUID() } })).status).toBe(404);
    expect((await call(savedRoute, { token: await bureauToken(), body: { kind: 'results', query: { q: '轴承' } } })).status).toBe(403);
  });
});
