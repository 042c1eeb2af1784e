/**
 * Least privilege for the bureau's staff (issue 16): every bureau action probed through its real
 * route for every bureau role, four eyes with one user holding both reviewer and payer, and the
 * administrator's management of bureau users (roles, disabling, never the last administrator).
 */
import { randomUUID } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { Logger, runOnce } from 'graphile-worker';
import { describe, expect, it } from 'vitest';
import { env } from '#config/env.ts';
import { getDb } from '#db/client.ts';
import { apiTokens, auditEvents, grants, sessions, users } from '#db/schema.ts';
import { BUREAU_ACTIONS, BUREAU_ROLES, allowedActions, can, type BureauAction, type BureauRole } from '#domain/permissions.ts';
import { grantsRecompute } from '#jobs/tasks/grants-recompute.ts';
import { rootData } from '#app/lib/root.server.ts';
import { createBureauUser, setBureauRoles, setBureauUserActive } from '#app/services/bureau-users.server.ts';
import type { Viewer } from '#app/lib/auth.server.ts';
import * as verifyRoute from '#app/routes/api.v1.organizations.$id.verify.ts';
import * as registerRoute from '#app/routes/api.v1.contracts.$id.register.ts';
import * as filingRoute from '#app/routes/api.v1.agencies.$orgId.filings.ts';
import * as stepRoute from '#app/routes/api.v1.grants.$id.$step.ts';
import * as grantsRoute from '#app/routes/api.v1.grants._index.ts';
import * as budgetRoute from '#app/routes/api.v1.grants.budgets.$year.ts';
import * as policiesRoute from '#app/routes/api.v1.policies._index.ts';
import * as deadRoute from '#app/routes/api.v1.jobs.dead.ts';
import * as meRoute from '#app/routes/api.v1.auth.me.ts';
import * as mailPage from '#app/routes/bureau.mail._index.tsx';
import * as synonymsPage from '#app/routes/bureau.synonyms.tsx';
import * as usersPage from '#app/routes/bureau.users.tsx';
import * as grantsPage from '#app/routes/bureau.grants._index.tsx';
import { call, json } from './api.ts';
import { bureauWith, createUser, uniqueEmail } from './factories.ts';
import { deal, registered } from './contract-fixtures.ts';

const bureau = (...bureauRoles: BureauRole[]) => ({ role: 'bureau' as const, orgKind: null, orgStatus: null, bureauRoles });
const nobody = () => randomUUID();

/**
 * One request per bureau action through the route that performs it, aimed so that an allowed
 * caller gets past authorisation (a 2xx, or a 4xx other than 403 on a missing id or a bad body)
 * and changes nothing, while a refused caller gets 403.
 */
const PROBES: Record<BureauAction, (token: string) => Promise<Response>> = {
  'bureau.records.view': (token) => call(grantsRoute, { token, path: '/api/v1/grants?year=2024' }),
  'bureau.policy.view': (token) => call(policiesRoute, { token, path: '/api/v1/policies' }),
  'bureau.orgs.verify': (token) => call(verifyRoute, { token, method: 'POST', params: { id: nobody() } }),
  'bureau.contracts.register': (token) => call(registerRoute, { token, params: { id: nobody() }, body: { registeredOn: '2024-06-03' } }),
  'bureau.agencies.file': (token) => call(filingRoute, { token, params: { orgId: nobody() }, body: { level: 'municipal', filedOn: '2024-03-01' } }),
  'bureau.grants.review': (token) => call(stepRoute, { token, params: { id: nobody(), step: 'approve' }, body: {} }),
  'bureau.grants.pay': (token) => call(stepRoute, { token, params: { id: nobody(), step: 'pay' }, body: { paymentReference: 'X-1' } }),
  'bureau.budgets.edit': (token) => call(budgetRoute, { token, method: 'PUT', params: { year: '2031' }, body: { amount: 'not money' } }),
  'bureau.policy.edit': (token) => call(policiesRoute, { token, body: { id: 'incomplete' } }),
  'bureau.audit.view': (token) => call(mailPage, { token, path: '/bureau/mail' }),
  'bureau.search.edit': (token) => call(synonymsPage, { token, path: '/bureau/synonyms' }),
  'bureau.jobs.retry': (token) => call(deadRoute, { token, path: '/api/v1/jobs/dead' }),
  'bureau.users.manage': (token) => call(usersPage, { token, path: '/bureau/users' }),
};

describe('every bureau action × every bureau role, through the routes', () => {
  it('has a probe for every bureau action', () => {
    expect(Object.keys(PROBES).sort()).toEqual([...BUREAU_ACTIONS].sort());
  });

  for (const role of BUREAU_ROLES) {
    it(`${role}: allowed exactly what the permission map allows, refused (403) the rest`, async () => {
      const { token } = await bureauWith(role);
      const seen: Record<string, number> = {};
      for (const action of BUREAU_ACTIONS) seen[action] = (await PROBES[action](token)).status;
      const expected = Object.fromEntries(BUREAU_ACTIONS.map((a) => [a, can(bureau(role), a) ? 'allowed' : 403]));
      const got = Object.fromEntries(BUREAU_ACTIONS.map((a) => [a, seen[a] === 403 ? 403 : seen[a]! < 500 ? 'allowed' : seen[a]]));
      expect(got).toEqual(expected);
    });
  }

  it('an organisation user is refused every bureau action', async () => {
    const d = await deal();
    for (const action of BUREAU_ACTIONS) {
      const status = (await PROBES[action](d.seller.token)).status;
      // Reads widen to everyone's only for the bureau: an organisation still lists its own grants.
      if (action === 'bureau.records.view') expect(status, action).toBe(200);
      else expect(status, action).toBe(403);
    }
  });

  it('the page shell and /auth/me carry each role’s permissions for the UI', async () => {
    for (const role of BUREAU_ROLES) {
      const { token } = await bureauWith(role);
      const root = await rootData(new Request('http://localhost/', { headers: { authorization: `Bearer ${token}` } }));
      expect(root.permissions).toEqual(allowedActions(bureau(role)));
      const me = await json<{ user: { bureauRoles: string[] }; permissions: string[] }>(await call(meRoute, { token }));
      expect(me.user.bureauRoles).toEqual([role]);
      expect(me.permissions).toEqual(allowedActions(bureau(role)));
    }
  });

  it('the grant queue shows a payer the list but neither the batch approval nor the budget form; its action refuses them', async () => {
    const { token } = await bureauWith('payer');
    expect((await call(grantsPage, { token, path: '/bureau/grants?year=2024' })).status).toBe(200);
    const batch = await call(grantsPage, { token, path: '/bureau/grants', form: { intent: 'approve-batch', ids: randomUUID() } });
    expect(batch.status).toBe(403);
    const budget = await call(grantsPage, { token, path: '/bureau/grants', form: { intent: 'budget', year: '2031', amount: '100.00' } });
    expect(budget.status).toBe(403);
  });
});

const quiet = new Logger(() => () => {});
const step = (token: string, id: string, s: string, body: unknown = {}) => call(stepRoute, { token, params: { id, step: s }, body });

describe('four eyes with roles combined', () => {
  it('a user holding reviewer and payer approves a grant but may not pay it; another payer may', async () => {
    const d = await deal();
    const registrar = await bureauWith('registrar');
    await registered(d, registrar.token);
    await runOnce({ connectionString: env().DATABASE_URL!, taskList: { 'grants:recompute': grantsRecompute }, logger: quiet });
    const [a1] = await getDb().select().from(grants).where(and(eq(grants.recipientOrgId, d.seller.org.id), eq(grants.clause, 'A1')));
    expect(a1).toBeTruthy();
    expect((await step(d.seller.token, a1!.id, 'submit', { bankAccount: '622202161234567890' })).status).toBe(200);

    // A registrar registers but may not decide grants.
    expect((await step(registrar.token, a1!.id, 'approve')).status).toBe(403);
    const both = await bureauWith('reviewer', 'payer');
    expect((await step(both.token, a1!.id, 'approve')).status).toBe(200);
    const self = await step(both.token, a1!.id, 'pay', { paymentReference: 'GK-ROLES-1' });
    expect(self.status).toBe(403);
    expect((await json<{ error: { message: string } }>(self)).error.message).toContain('双人复核');
    const [still] = await getDb().select({ status: grants.status }).from(grants).where(eq(grants.id, a1!.id));
    expect(still!.status).toBe('approved');
    // A reviewer without the payer role may not pay either, for want of the role.
    expect((await step((await bureauWith('reviewer')).token, a1!.id, 'pay', { paymentReference: 'GK-ROLES-2' })).status).toBe(403);
    const payer = await bureauWith('payer');
    const paid = await step(payer.token, a1!.id, 'pay', { paymentReference: 'GK-ROLES-3' });
    expect(paid.status).toBe(200);
    const trail = await getDb().select({ action: auditEvents.action, actor: auditEvents.actorUserId }).from(auditEvents).where(eq(auditEvents.subjectId, a1!.id)).orderBy(auditEvents.id);
    expect(trail.filter((e) => e.action !== 'grant.apply')).toEqual([
      { action: 'grant.approve', actor: both.user.id },
      { action: 'grant.pay', actor: payer.user.id },
    ]);
  });
});

const viewerOf = (u: { id: string; email: string }, roles: BureauRole[]): Viewer => ({ user: { id: u.id, email: u.email, name: '', role: 'bureau', orgId: null, bureauRoles: roles }, org: null, via: { kind: 'token', tokenId: 'test' } });
const meta = { ip: '127.0.0.1' };

async function rolesOf(id: string) {
  const [u] = await getDb().select({ roles: users.bureauRoles, disabledAt: users.disabledAt }).from(users).where(eq(users.id, id));
  return u!;
}

describe('bureau users, managed by the administrator on /bureau/users', () => {
  it('creates a user with roles and an initial password shown once; audited', async () => {
    const admin = await bureauWith('admin');
    const email = uniqueEmail('registrar');
    const res = await call(usersPage, { token: admin.token, path: '/bureau/users', form: { intent: 'create', email, name: '新登记员', roles: 'registrar' } });
    expect(res.status).toBe(200);
    const body = await json<{ created: { email: string; initialPassword: string } }>(res);
    expect(body.created.email).toBe(email);
    const [u] = await getDb().select().from(users).where(eq(users.email, email));
    expect(u).toMatchObject({ role: 'bureau', orgId: null, bureauRoles: ['registrar'], name: '新登记员' });
    expect(await verify(u!.passwordHash, body.created.initialPassword)).toBe(true);
    const [e] = await getDb().select().from(auditEvents).where(and(eq(auditEvents.action, 'auth.bureau_user.create'), eq(auditEvents.subjectId, u!.id)));
    expect(e).toMatchObject({ actorUserId: admin.user.id, after: { email, name: '新登记员', roles: ['registrar'] } });
    // The password is never in the audit log.
    expect(JSON.stringify(e)).not.toContain(body.created.initialPassword);

    // Several roles at once, in any order, stored once each in the canonical order.
    const two = await call(usersPage, { token: admin.token, path: '/bureau/users', form: { intent: 'create', email: uniqueEmail('rp'), name: '兼职', roles: 'payer' } });
    expect(two.status).toBe(200);
  });

  it('refuses bad input with a message per field and creates nothing', async () => {
    const admin = await bureauWith('admin');
    const before = await getDb().$count(users);
    const cases: Array<[Record<string, string>, string]> = [
      [{ intent: 'create', email: 'not-an-email', name: '某', roles: 'payer' }, 'email'],
      [{ intent: 'create', email: uniqueEmail(), name: '某' }, 'roles'],
      [{ intent: 'create', email: uniqueEmail(), name: '某', roles: 'superuser' }, 'roles.0'],
      [{ intent: 'create', email: uniqueEmail(), roles: 'payer' }, 'name'],
    ];
    for (const [form, field] of cases) {
      const res = await call(usersPage, { token: admin.token, path: '/bureau/users', form });
      expect(res.status, JSON.stringify(form)).toBe(400);
      expect(Object.keys((await json<{ fields: Record<string, unknown> }>(res)).fields), JSON.stringify(form)).toContain(field);
    }
    const taken = await call(usersPage, { token: admin.token, path: '/bureau/users', form: { intent: 'create', email: admin.user.email.toUpperCase(), name: '重名', roles: 'payer' } });
    expect(taken.status).toBe(409);
    expect(await getDb().$count(users)).toBe(before);
    const roles = await call(usersPage, { token: admin.token, path: '/bureau/users', form: { intent: 'roles', id: admin.user.id } });
    expect(roles.status).toBe(400);
    expect((await rolesOf(admin.user.id)).roles).toEqual(['admin']);
  });

  it('changes roles (audited; in force on the next request, even for a token issued before)', async () => {
    const admin = await bureauWith('admin');
    const staff = await bureauWith('reviewer');
    expect((await PROBES['bureau.grants.pay'](staff.token)).status).toBe(403);
    // Checkboxes send the field once per ticked role (URLSearchParams takes the pairs as they are).
    const pairs = [['intent', 'roles'], ['id', staff.user.id], ['roles', 'payer'], ['roles', 'reviewer']];
    const res = await call(usersPage, { token: admin.token, path: '/bureau/users', form: pairs as unknown as Record<string, string> });
    expect(res.status).toBe(200);
    expect((await rolesOf(staff.user.id)).roles).toEqual(['reviewer', 'payer']);
    expect((await PROBES['bureau.grants.pay'](staff.token)).status).toBe(404);
    await setBureauRoles(viewerOf(admin.user, ['admin']), staff.user.id, ['registrar'], meta);
    expect((await PROBES['bureau.grants.pay'](staff.token)).status).toBe(403);
    // The same roles again change nothing and add no audit row.
    await setBureauRoles(viewerOf(admin.user, ['admin']), staff.user.id, ['registrar'], meta);
    const trail = await getDb()
      .select({ before: auditEvents.before, after: auditEvents.after, actor: auditEvents.actorUserId })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'auth.bureau_user.roles'), eq(auditEvents.subjectId, staff.user.id)))
      .orderBy(auditEvents.id);
    expect(trail).toEqual([
      { before: { roles: ['reviewer'] }, after: { roles: ['reviewer', 'payer'] }, actor: admin.user.id },
      { before: { roles: ['reviewer', 'payer'] }, after: { roles: ['registrar'] }, actor: admin.user.id },
    ]);
    // Someone without the administrator role may not change roles.
    const other = await bureauWith('reviewer', 'payer', 'registrar');
    expect((await call(usersPage, { token: other.token, path: '/bureau/users', form: { intent: 'roles', id: other.user.id, roles: 'admin' } })).status).toBe(403);
    expect((await rolesOf(other.user.id)).roles).toEqual(['registrar', 'reviewer', 'payer']);
  });

  it('disables a user: their sessions and tokens end, the change is audited; enabling lets them sign in again', async () => {
    const admin = await bureauWith('admin');
    const staff = await bureauWith('payer');
    await getDb().insert(sessions).values({ id: `s-${randomUUID()}`, userId: staff.user.id, expiresAt: new Date(Date.now() + 3600_000) });
    const res = await call(usersPage, { token: admin.token, path: '/bureau/users', form: { intent: 'disable', id: staff.user.id } });
    expect(res.status).toBe(200);
    expect((await rolesOf(staff.user.id)).disabledAt).not.toBeNull();
    expect((await call(meRoute, { token: staff.token })).status).toBe(401);
    const open = await getDb().select().from(sessions).where(and(eq(sessions.userId, staff.user.id), sql`${sessions.revokedAt} is null`));
    expect(open).toEqual([]);
    const tokens = await getDb().select().from(apiTokens).where(and(eq(apiTokens.userId, staff.user.id), sql`${apiTokens.revokedAt} is null`));
    expect(tokens).toEqual([]);
    expect((await call(usersPage, { token: admin.token, path: '/bureau/users', form: { intent: 'enable', id: staff.user.id } })).status).toBe(200);
    expect((await rolesOf(staff.user.id)).disabledAt).toBeNull();
    const actions = (await getDb().select({ a: auditEvents.action }).from(auditEvents).where(eq(auditEvents.subjectId, staff.user.id)).orderBy(auditEvents.id)).map((r) => r.a);
    expect(actions).toEqual(['auth.bureau_user.disable', 'auth.bureau_user.enable']);
    // Not a bureau user, or no such user: 404.
    const org = await createUser();
    expect((await call(usersPage, { token: admin.token, path: '/bureau/users', form: { intent: 'disable', id: org.id } })).status).toBe(404);
    expect((await rolesOf(org.id)).disabledAt).toBeNull();
  });

  it('never removes the last active administrator, by role change or by disabling, even two at once', async () => {
    // This file's database: retire every administrator the tests above made.
    await getDb().update(users).set({ disabledAt: new Date() }).where(and(eq(users.role, 'bureau'), sql`'admin' = any(${users.bureauRoles})`));
    const a = await bureauWith('admin', 'reviewer');
    const va = viewerOf(a.user, ['admin', 'reviewer']);
    await expect(setBureauRoles(va, a.user.id, ['reviewer'], meta)).rejects.toMatchObject({ status: 409 });
    const own = await call(usersPage, { token: a.token, path: '/bureau/users', form: { intent: 'disable', id: a.user.id } });
    expect(own.status).toBe(409);
    expect((await json<{ formError: { zh: string } }>(own)).formError.zh).toContain('最后一位管理员');
    expect(await rolesOf(a.user.id)).toEqual({ roles: ['reviewer', 'admin'], disabledAt: null });

    // With a second administrator, each tries to demote the other at the same moment: one wins.
    const b = await bureauWith('admin');
    const vb = viewerOf(b.user, ['admin']);
    const outcomes = await Promise.allSettled([setBureauRoles(va, b.user.id, ['payer'], meta), setBureauRoles(vb, a.user.id, ['reviewer'], meta)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason.status)).toEqual([409]);
    const admins = await getDb().select({ id: users.id }).from(users).where(and(inArray(users.id, [a.user.id, b.user.id]), sql`'admin' = any(${users.bureauRoles})`, sql`${users.disabledAt} is null`));
    expect(admins).toHaveLength(1);

    // Disabling the other one, concurrently with it disabling us: one stays.
    const c = await bureauWith('admin');
    const vc = viewerOf(c.user, ['admin']);
    const survivor = admins[0]!.id === a.user.id ? va : vb;
    const both = await Promise.allSettled([setBureauUserActive(survivor, c.user.id, false, meta), setBureauUserActive(vc, survivor.user.id, false, meta)]);
    expect(both.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const left = await getDb().select({ id: users.id }).from(users).where(and(eq(users.role, 'bureau'), sql`'admin' = any(${users.bureauRoles})`, sql`${users.disabledAt} is null`));
    expect(left).toHaveLength(1);
  });

  it('the command line creates the first administrator (no actor) and refuses a user without roles', async () => {
    const email = uniqueEmail('first-admin');
    const { user, initialPassword } = await createBureauUser(null, { email, name: '首位管理员', roles: ['admin'], password: 'Lc-first-admin-2026' }, { ip: 'cli' });
    expect(initialPassword).toBeNull();
    expect(user.bureauRoles).toEqual(['admin']);
    const [e] = await getDb().select().from(auditEvents).where(and(eq(auditEvents.action, 'auth.bureau_user.create'), eq(auditEvents.subjectId, user.id)));
    expect(e).toMatchObject({ actorUserId: null, ip: 'cli' });
    await expect(createBureauUser(null, { email: uniqueEmail(), name: 'x', roles: [] }, { ip: 'cli' })).rejects.toMatchObject({ status: 409 });
    // The database holds the line too: a bureau user has at least one known role, an organisation user none.
    await expect(getDb().insert(users).values({ email: uniqueEmail(), passwordHash: '!', role: 'bureau' })).rejects.toThrow();
    await expect(getDb().execute(sql`insert into users (email, password_hash, role, bureau_roles) values (${uniqueEmail()}, '!', 'bureau', '{root}')`)).rejects.toThrow();
  });
});
