/**
 * The grant services authorise on their own, whoever calls them (issue 11, item 4): every exported
 * function of app/services/grants/ that serves a person is called here directly, as a viewer who
 * lacks the permission (refused: AppError forbidden, nothing changes) and as one who holds it (it
 * does its work). Between them the cases cover every grant-related permission, and a new exported
 * function without a case fails the first test.
 */
import { randomUUID } from 'node:crypto';
import Decimal from 'decimal.js';
import { and, eq } from 'drizzle-orm';
import { Logger, runOnce } from 'graphile-worker';
import { describe, expect, it } from 'vitest';
import { env } from '#config/env.ts';
import { getDb } from '#db/client.ts';
import { agencyFilings, grantBudgets, grants, policies } from '#db/schema.ts';
import { AppError } from '#domain/errors.ts';
import type { Action } from '#domain/permissions.ts';
import { grantsRecompute } from '#jobs/tasks/grants-recompute.ts';
import { getViewer, type Viewer } from '#app/lib/auth.server.ts';
import * as agencies from '#app/services/grants/agencies.server.ts';
import * as budgets from '#app/services/grants/budgets.server.ts';
import * as exportsService from '#app/services/grants/exports.server.ts';
import * as policiesService from '#app/services/grants/policies.server.ts';
import * as review from '#app/services/grants/review.server.ts';
import { bureauToken, deal, registered, type Deal } from './contract-fixtures.ts';
import { bureauWith, createOrg, tokenOf } from './factories.ts';

const meta = { ip: '127.0.0.1' };
const quiet = new Logger(() => () => {});
const drain = () => runOnce({ connectionString: env().DATABASE_URL!, taskList: { 'grants:recompute': grantsRecompute }, logger: quiet });

async function viewerOf(token: string): Promise<Viewer> {
  const v = await getViewer(new Request('http://localhost/', { headers: { authorization: `Bearer ${token}` } }));
  if (!v) throw new Error('no viewer for the token');
  return v;
}

/**
 * A bureau viewer holding no role, so no permission, not even to read. The database refuses such an
 * account (users_bureau_roles_check), so it is a real viewer with its roles taken away: the
 * services must refuse it all the same.
 */
async function roleless(): Promise<Viewer> {
  const v = await viewerOf((await bureauWith('payer')).token);
  return { ...v, user: { ...v.user, bureauRoles: [] } };
}

async function refusedWith(p: Promise<unknown>, code: 'forbidden' | 'not_found') {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
}
const refused = (p: Promise<unknown>) => refusedWith(p, 'forbidden');

/** A registered 1,200,000 transfer: its seller's A1 grant (18,000.00, computed). */
async function grantOf(d: Deal, bureau: string) {
  await registered(d, bureau);
  await drain();
  const [g] = await getDb()
    .select()
    .from(grants)
    .where(and(eq(grants.recipientOrgId, d.seller.org.id), eq(grants.clause, 'A1')));
  return g!;
}

/** The permissions each exported service function checks (either one, where two are named). */
const CHECKS: Record<string, Action[]> = {
  'review.listGrants': ['bureau.records.view', 'grant.viewOwn'],
  'review.getGrant': ['bureau.records.view', 'grant.viewOwn'],
  'review.grantTimeline': ['bureau.records.view', 'grant.viewOwn'],
  'review.countyOptions': ['bureau.records.view'],
  'review.applyForGrant': ['grant.apply'],
  'review.approveGrant': ['bureau.grants.review'],
  'review.approveGrants': ['bureau.grants.review'],
  'review.rejectGrant': ['bureau.grants.review'],
  'review.payGrant': ['bureau.grants.pay'],
  'budgets.budgetStatus': ['bureau.records.view'],
  'budgets.setBudget': ['bureau.budgets.edit'],
  'exports.grantsForExport': ['bureau.records.view'],
  'policies.listPolicies': ['bureau.policy.view'],
  'policies.policyTitles': ['bureau.policy.view', 'grant.viewOwn'],
  'policies.createPolicyVersion': ['bureau.policy.edit'],
  'policies.withdrawPolicy': ['bureau.policy.edit'],
  'agencies.fileAgency': ['bureau.agencies.file'],
};

const GRANT_PERMISSIONS: Action[] = [
  'grant.viewOwn',
  'grant.apply',
  'bureau.records.view',
  'bureau.policy.view',
  'bureau.policy.edit',
  'bureau.budgets.edit',
  'bureau.grants.review',
  'bureau.grants.pay',
  'bureau.agencies.file',
];

describe('the grant services authorise every call', () => {
  it('has a case for every exported function, and the cases cover every grant permission', () => {
    const modules = { review, budgets, exports: exportsService, policies: policiesService, agencies };
    const exported = Object.entries(modules).flatMap(([m, mod]) =>
      Object.entries(mod)
        .filter(([, f]) => typeof f === 'function')
        .map(([name]) => `${m}.${name}`),
    );
    expect(exported.sort()).toEqual(Object.keys(CHECKS).sort());
    expect([...new Set(Object.values(CHECKS).flat())].sort()).toEqual([...GRANT_PERMISSIONS].sort());
  });

  it('reads: refused without the permission, answered with it', async () => {
    const bureau = await bureauToken();
    const d = await deal();
    const g = await grantOf(d, bureau);
    const nobody = await roleless();
    const enterprise = await viewerOf((await tokenOf('enterprise')).token);
    const seller = await viewerOf(d.seller.token);
    const registrar = await viewerOf((await bureauWith('registrar')).token);
    const payer = await viewerOf((await bureauWith('payer')).token);
    await review.applyForGrant(seller, g.id, { bankAccount: '6222020200112233' }, meta);

    // bureau.records.view or grant.viewOwn: the list, one grant, its history.
    await refused(review.listGrants(nobody, { page: 1, pageSize: 10 }));
    expect((await review.listGrants(registrar, { year: 2024, page: 1, pageSize: 50 })).items.map((x) => x.id)).toContain(g.id);
    expect((await review.listGrants(seller, { page: 1, pageSize: 50 })).items.every((x) => x.recipientOrgId === d.seller.org.id)).toBe(true);
    expect((await review.listGrants(enterprise, { page: 1, pageSize: 50 })).items).toEqual([]);
    await refused(review.getGrant(nobody, g.id));
    await refusedWith(review.getGrant(enterprise, g.id), 'not_found');
    expect((await review.getGrant(seller, g.id)).amount).toBe('18000.00');
    expect((await review.getGrant(payer, g.id)).id).toBe(g.id);
    await refused(review.grantTimeline(nobody, g.id));
    await refusedWith(review.grantTimeline(enterprise, g.id), 'not_found');
    expect((await review.grantTimeline(seller, g.id)).map((e) => e.action)).toEqual(['grant.apply']);
    expect((await review.grantTimeline(registrar, g.id)).map((e) => e.action)).toEqual(['grant.apply']);

    // bureau.records.view only: counties, the budget, the export.
    await refused(review.countyOptions(seller));
    expect(await review.countyOptions(payer)).toContain(d.seller.org.regionCode);
    await refused(budgets.budgetStatus(enterprise, 2024));
    expect((await budgets.budgetStatus(payer, 2024)).pendingReview).not.toBe('0.00');
    await refused(exportsService.grantsForExport(seller, 2024));
    expect((await exportsService.grantsForExport(registrar, 2024)).map((r) => r.recipient)).toContain(d.seller.org.name);

    // bureau.policy.view: the versions; their titles also to whoever sees its own grants.
    await refused(policiesService.listPolicies(enterprise));
    expect((await policiesService.listPolicies(payer)).map((p) => p.id)).toContain('lc-2020-15');
    await refused(policiesService.policyTitles(nobody, ['lc-2020-15']));
    expect((await policiesService.policyTitles(seller, ['lc-2020-15']))['lc-2020-15']).toContain('聊政字');
    expect((await policiesService.policyTitles(registrar, ['lc-2020-15']))['lc-2020-15']).toContain('聊政字');
  });

  it('decisions: apply, approve, approve a batch, reject and pay, each only by its role', async () => {
    const bureau = await bureauToken();
    const [d1, d2, d3] = [await deal(), await deal(), await deal()];
    const [g1, g2, g3] = [await grantOf(d1, bureau), await grantOf(d2, bureau), await grantOf(d3, bureau)];
    const reviewer = await viewerOf((await bureauWith('reviewer')).token);
    const payer = await viewerOf((await bureauWith('payer')).token);
    const unverified = await viewerOf((await tokenOf('university', 'pending')).token);
    const status = async (id: string) => (await getDb().select({ s: grants.status }).from(grants).where(eq(grants.id, id)))[0]!.s;

    // grant.apply: a bureau user and an unverified organisation are refused; the recipient applies.
    await refused(review.applyForGrant(reviewer, g1.id, { bankAccount: '6222020200112233' }, meta));
    await refused(review.applyForGrant(unverified, g1.id, { bankAccount: '6222020200112233' }, meta));
    expect(await status(g1.id)).toBe('computed');
    for (const [d, g] of [
      [d1, g1],
      [d3, g3],
    ] as const)
      expect((await review.applyForGrant(await viewerOf(d.seller.token), g.id, { bankAccount: '6222020200112233' }, meta)).status).toBe('submitted');

    // bureau.grants.review: the payer and the recipient are refused; the reviewer decides.
    await refused(review.approveGrant(payer, g1.id, {}, meta));
    await refused(review.approveGrant(await viewerOf(d1.seller.token), g1.id, {}, meta));
    await refused(review.approveGrants(payer, [g3.id], {}, meta));
    await refused(review.rejectGrant(payer, g2.id, '材料不全', meta));
    expect([await status(g1.id), await status(g2.id), await status(g3.id)]).toEqual(['submitted', 'computed', 'submitted']);
    expect((await review.approveGrant(reviewer, g1.id, {}, meta)).status).toBe('approved');
    expect((await review.approveGrants(reviewer, [g3.id], {}, meta)).map((g) => g.status)).toEqual(['approved']);
    expect((await review.rejectGrant(reviewer, g2.id, '材料不全', meta)).status).toBe('rejected');

    // bureau.grants.pay: the reviewer is refused; the payer pays.
    await refused(review.payGrant(reviewer, g1.id, 'PAY-1', meta));
    expect(await status(g1.id)).toBe('approved');
    expect((await review.payGrant(payer, g1.id, 'PAY-1', meta)).status).toBe('paid');
  });

  it('the bureau’s writes: budgets, policy versions, agency filings, each only by its role', async () => {
    const admin = await viewerOf((await bureauWith('admin')).token);
    const reviewer = await viewerOf((await bureauWith('reviewer')).token);
    const registrar = await viewerOf((await bureauWith('registrar')).token);
    const enterprise = await viewerOf((await tokenOf('enterprise')).token);

    // bureau.budgets.edit
    await refused(budgets.setBudget(reviewer, 2090, new Decimal('1000000.00'), meta));
    await refused(budgets.setBudget(enterprise, 2090, new Decimal('1000000.00'), meta));
    expect(await getDb().select().from(grantBudgets).where(eq(grantBudgets.year, 2090))).toEqual([]);
    await budgets.setBudget(admin, 2090, new Decimal('1000000.00'), meta);
    expect((await budgets.budgetStatus(admin, 2090)).budget).toBe('1000000.00');

    // bureau.policy.edit: a far-future version (it governs no year with grants), then its withdrawal.
    const [current] = (await policiesService.listPolicies(admin)).filter((p) => p.id === 'lc-2020-15');
    const { createdAt: _createdAt, ...body } = current!;
    const next = { ...body, id: `test-${randomUUID().slice(0, 8)}`, effectiveFrom: '2090-01-01', withdrawnOn: null };
    await refused(policiesService.createPolicyVersion(reviewer, next, meta));
    await refused(policiesService.createPolicyVersion(registrar, next, meta));
    expect(await getDb().select().from(policies).where(eq(policies.id, next.id))).toEqual([]);
    expect((await policiesService.createPolicyVersion(admin, next, meta)).id).toBe(next.id);
    await refused(policiesService.withdrawPolicy(reviewer, next.id, '2091-01-01', meta));
    expect((await getDb().select({ w: policies.withdrawnOn }).from(policies).where(eq(policies.id, next.id)))[0]!.w).toBeNull();
    await policiesService.withdrawPolicy(admin, next.id, '2091-01-01', meta);
    expect((await getDb().select({ w: policies.withdrawnOn }).from(policies).where(eq(policies.id, next.id)))[0]!.w).toBe('2091-01-01');

    // bureau.agencies.file: the administrator and the reviewer are refused; the registrar files.
    const agency = await createOrg({ kind: 'agency' });
    const filing = { level: 'municipal' as const, filedOn: '2024-03-01', newlyRecognized: true };
    await refused(agencies.fileAgency(admin, agency.id, filing, meta));
    await refused(agencies.fileAgency(reviewer, agency.id, filing, meta));
    expect(await getDb().select().from(agencyFilings).where(eq(agencyFilings.agencyOrgId, agency.id))).toEqual([]);
    expect((await agencies.fileAgency(registrar, agency.id, filing, meta)).agencyOrgId).toBe(agency.id);
  });
});
