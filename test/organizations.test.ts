import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '#db/client.ts';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { auditEvents, emails } from '#db/schema.ts';
import { sendInvitationMail } from '#app/services/mail.server.ts';
import * as loginRoute from '#app/routes/api.v1.auth.login.ts';
import * as orgRoute from '#app/routes/api.v1.organizations.$id.ts';
import * as verifyRoute from '#app/routes/api.v1.organizations.$id.verify.ts';
import * as rejectRoute from '#app/routes/api.v1.organizations.$id.reject.ts';
import * as listRoute from '#app/routes/api.v1.organizations._index.ts';
import * as invitationsRoute from '#app/routes/api.v1.organizations.$id.invitations.ts';
import * as acceptRoute from '#app/routes/api.v1.invitations.accept.ts';
import * as meRoute from '#app/routes/api.v1.auth.me.ts';
import { call, json } from './api.ts';
import { createOrg, createUser, loginBody, orgById, PASSWORD, uniqueEmail } from './factories.ts';

async function tokenFor(email: string, password = PASSWORD): Promise<string> {
  const res = await call(loginRoute, { body: await loginBody(email, password) });
  expect(res.status).toBe(200);
  return (await json<{ token: string }>(res)).token;
}

describe('verification by the bureau', () => {
  it('verifies a pending organisation once; a second time is 409 and changes nothing', async () => {
    const org = await createOrg({ status: 'pending' });
    const bureau = await createUser({ role: 'bureau' });
    const token = await tokenFor(bureau.email);
    const res = await call(verifyRoute, { method: 'POST', token, params: { id: org.id } });
    expect(res.status).toBe(200);
    expect((await json<{ status: string }>(res)).status).toBe('verified');
    const verifiedAt = (await orgById(org.id))!.verifiedAt;
    const again = await call(verifyRoute, { method: 'POST', token, params: { id: org.id } });
    expect(again.status).toBe(409);
    expect((await orgById(org.id))!.verifiedAt).toEqual(verifiedAt);
    const events = await getDb().select().from(auditEvents).where(eq(auditEvents.subjectId, org.id));
    expect(events.filter((e) => e.action === 'org.verify')).toHaveLength(1);
    expect(events.find((e) => e.action === 'org.verify')).toMatchObject({ actorUserId: bureau.id, before: { status: 'pending' }, after: { status: 'verified' } });
  });

  it('refuses organisation users (403), anonymous callers (401) and unknown ids (404)', async () => {
    const org = await createOrg({ status: 'pending' });
    const member = await createUser();
    expect((await call(verifyRoute, { method: 'POST', token: await tokenFor(member.email), params: { id: org.id } })).status).toBe(403);
    expect((await call(verifyRoute, { method: 'POST', params: { id: org.id } })).status).toBe(401);
    const bureau = await tokenFor((await createUser({ role: 'bureau' })).email);
    expect((await call(verifyRoute, { method: 'POST', token: bureau, params: { id: '00000000-0000-4000-8000-000000000000' } })).status).toBe(404);
    expect((await call(verifyRoute, { method: 'POST', token: bureau, params: { id: 'not-a-uuid' } })).status).toBe(404);
    expect((await orgById(org.id))!.status).toBe('pending');
  });

  it('rejects with a reason, and needs one', async () => {
    const org = await createOrg({ status: 'pending' });
    const token = await tokenFor((await createUser({ role: 'bureau' })).email);
    expect((await call(rejectRoute, { token, params: { id: org.id }, body: {} })).status).toBe(400);
    const res = await call(rejectRoute, { token, params: { id: org.id }, body: { reason: '信用代码与营业执照不符' } });
    expect(res.status).toBe(200);
    expect(await orgById(org.id)).toMatchObject({ status: 'rejected', statusReason: '信用代码与营业执照不符' });
  });

  it('lists the queue oldest first, paginated, with 400 on absurd page sizes', async () => {
    const token = await tokenFor((await createUser({ role: 'bureau' })).email);
    const a = await createOrg({ status: 'pending' });
    const b = await createOrg({ status: 'pending' });
    const res = await call(listRoute, { token, path: '/api/v1/organizations?status=pending&pageSize=100' });
    expect(res.status).toBe(200);
    const body = await json<{ items: Array<{ id: string }>; total: number }>(res);
    const ids = body.items.map((i) => i.id);
    expect(ids.indexOf(a.id)).toBeLessThan(ids.indexOf(b.id));
    expect(body.total).toBeGreaterThanOrEqual(2);
    expect((await call(listRoute, { token, path: '/api/v1/organizations?pageSize=10000' })).status).toBe(400);
    expect((await call(listRoute, { token, path: '/api/v1/organizations?status=x%20OR%201=1' })).status).toBe(400);
  });
});

describe('public profile', () => {
  it('shows an organisation to anyone, without its private fields', async () => {
    const org = await createOrg({ kind: 'university', regionCode: '371502' });
    const res = await call(orgRoute, { params: { id: org.id } });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ id: org.id, kind: 'university', regionCode: '371502' });
    expect(body.regionName).toMatch(/东昌府区/);
    expect(body).not.toHaveProperty('creditCode');
    expect(body).not.toHaveProperty('contactPhone');
  });

  it('lets only its own admin edit it', async () => {
    const admin = await createUser();
    const other = await createUser();
    const token = await tokenFor(admin.email);
    const ok = await call(orgRoute, { method: 'PATCH', token, params: { id: admin.orgId! }, body: { description: '专注新材料研发' } });
    expect(ok.status).toBe(200);
    const theirs = await call(orgRoute, { method: 'PATCH', token, params: { id: other.orgId! }, body: { description: 'x' } });
    expect(theirs.status).toBe(404);
    const bad = await call(orgRoute, { method: 'PATCH', token, params: { id: admin.orgId! }, body: { website: 'javascript:alert(1)' } });
    expect(bad.status).toBe(400);
  });
});

describe('invitations', () => {
  it('lets an admin invite a colleague who then joins and logs in; the link works once', async () => {
    const admin = await createUser();
    const token = await tokenFor(admin.email);
    const email = uniqueEmail('colleague');
    const res = await call(invitationsRoute, { token, params: { id: admin.orgId! }, body: { email, role: 'org_member' } });
    expect(res.status).toBe(201);
    const { url } = await json<{ url: string }>(res);
    const inviteToken = url.split('/').pop()!;
    const accepted = await call(acceptRoute, { body: { token: inviteToken, name: '李老师', password: 'Colleague-pass-1' } });
    expect(accepted.status).toBe(201);
    const colleague = await tokenFor(email, 'Colleague-pass-1');
    const me = await json<{ user: { orgId: string; role: string }; permissions: string[] }>(await call(meRoute, { token: colleague }));
    expect(me.user).toMatchObject({ orgId: admin.orgId, role: 'org_member' });
    expect(me.permissions).not.toContain('org.invite');
    const twice = await call(acceptRoute, { body: { token: inviteToken, name: 'x', password: 'Colleague-pass-1' } });
    expect(twice.status).toBe(404);
  });

  it('e-mails the invitation its one-time link, once, and keeps the link out of the outbox', async () => {
    const admin = await createUser();
    const token = await tokenFor(admin.email);
    const email = uniqueEmail('invitee');
    const res = await call(invitationsRoute, { token, params: { id: admin.orgId! }, body: { email, role: 'org_member' } });
    expect(res.status).toBe(201);
    const { id, url } = await json<{ id: string; url: string }>(res);
    // The job was enqueued with the invitation, in its transaction; run it as the worker does.
    const [job] = (await getDb().execute(sql`select payload from graphile_worker._private_jobs where key = ${`mail:invitation:${id}`}`)) as unknown as Array<{ payload: { invitationId: string; link: string } }>;
    expect(job?.payload).toEqual({ invitationId: id, link: url });
    expect(await sendInvitationMail(job!.payload.invitationId, job!.payload.link)).toBe(true);
    expect(await sendInvitationMail(job!.payload.invitationId, job!.payload.link)).toBe(true);
    const sent = await getDb().select().from(emails).where(eq(emails.to, email));
    expect(sent).toHaveLength(1);
    const org = await orgById(admin.orgId!);
    expect(sent[0]!.subject).toContain(org!.name);
    const secret = url.split('/').pop()!;
    expect(sent[0]!.text).not.toContain(secret);
    // The e-mail itself carries it (its body is base64 or quoted-printable).
    const eml = readFileSync(sent[0]!.file!, 'utf8');
    const [head, ...rest] = eml.split(/\r?\n\r?\n/);
    const body = rest.join('\n');
    const decoded = /base64/i.test(head!) ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body.replace(/=\r?\n/g, '');
    expect(decoded).toContain(url);
  });

  it('refuses invitations from members, and to another organisation', async () => {
    const admin = await createUser();
    const member = await createUser({ role: 'org_member', orgId: admin.orgId });
    const memberToken = await tokenFor(member.email);
    expect((await call(invitationsRoute, { token: memberToken, params: { id: admin.orgId! }, body: { email: uniqueEmail() } })).status).toBe(403);
    const other = await createOrg();
    const adminToken = await tokenFor(admin.email);
    expect((await call(invitationsRoute, { token: adminToken, params: { id: other.id }, body: { email: uniqueEmail() } })).status).toBe(404);
  });
});
