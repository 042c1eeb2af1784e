import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  BUREAU_ACTIONS,
  BUREAU_ROLES,
  ORG_ACTIONS,
  ORG_KINDS,
  allowedActions,
  can,
  decide,
  leavesAnAdministrator,
  normalizeBureauRoles,
  rolesFor,
  type Action,
  type BureauRole,
  type Subject,
} from './permissions.ts';

const bureau = (...bureauRoles: BureauRole[]): Subject => ({ role: 'bureau', orgKind: null, orgStatus: null, bureauRoles });

/**
 * The matrix of docs/bureau-roles.md, written out again by hand: R registrar, V reviewer,
 * P payer, A admin. A new action fails the test below until it gets a row here.
 */
const MATRIX: Record<Action, string> = {
  'org.view': '',
  'org.edit': '',
  'org.invite': '',
  'result.list': '',
  'demand.post': '',
  'inquiry.open': '',
  'contract.draft': '',
  'commission.view': '',
  'grant.viewOwn': '',
  'grant.apply': '',
  'bureau.records.view': 'RVPA',
  'bureau.policy.view': 'RVPA',
  'bureau.orgs.verify': 'R',
  'bureau.contracts.register': 'R',
  'bureau.agencies.file': 'R',
  'bureau.grants.review': 'V',
  'bureau.grants.pay': 'P',
  'bureau.budgets.edit': 'A',
  'bureau.policy.edit': 'A',
  'bureau.audit.view': 'A',
  'bureau.search.edit': 'A',
  'bureau.jobs.retry': 'A',
  'bureau.users.manage': 'A',
};
const LETTER: Record<BureauRole, string> = { registrar: 'R', reviewer: 'V', payer: 'P', admin: 'A' };

describe('bureau roles × every action', () => {
  it('the matrix names every action there is, and nothing else', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...ACTIONS].sort());
  });

  for (const role of BUREAU_ROLES) {
    for (const action of ACTIONS) {
      const expected = MATRIX[action].includes(LETTER[role]);
      it(`${role} ${expected ? 'may' : 'may not'} ${action}`, () => {
        expect(can(bureau(role), action)).toBe(expected);
        if (!expected) expect(decide(bureau(role), action)).toEqual({ ok: false, reason: 'role' });
      });
    }
  }

  it('a user holding several roles may do what each of them may, and no more', () => {
    const both = bureau('reviewer', 'payer');
    for (const action of ACTIONS) expect(can(both, action), action).toBe(can(bureau('reviewer'), action) || can(bureau('payer'), action));
    expect(can(both, 'bureau.grants.review') && can(both, 'bureau.grants.pay')).toBe(true);
    expect(can(both, 'bureau.users.manage')).toBe(false);
  });

  it('all four roles together may do every bureau action and no organisation action', () => {
    const all = bureau(...BUREAU_ROLES);
    expect(allowedActions(all).sort()).toEqual([...BUREAU_ACTIONS].sort());
  });

  it('a bureau account with no role may do nothing', () => {
    expect(allowedActions(bureau())).toEqual([]);
  });

  it('rolesFor names the roles of each cell', () => {
    for (const action of ACTIONS) expect(rolesFor(action).map((r) => LETTER[r]).join('')).toBe(MATRIX[action]);
  });
});

describe('organisations × every action', () => {
  for (const kind of ORG_KINDS) {
    for (const role of ['org_admin', 'org_member'] as const) {
      it(`a ${role} of a ${kind} is never granted a bureau action, even with bureau roles in its subject`, () => {
        const s: Subject = { role, orgKind: kind, orgStatus: 'verified', bureauRoles: [...BUREAU_ROLES] };
        for (const action of BUREAU_ACTIONS) expect(can(s, action), action).toBe(false);
        expect(allowedActions(s).every((a) => (ORG_ACTIONS as readonly string[]).includes(a))).toBe(true);
      });
    }
  }

  it('lets a verified university list results but not post demands', () => {
    const s: Subject = { role: 'org_member', orgKind: 'university', orgStatus: 'verified', bureauRoles: [] };
    expect(can(s, 'result.list')).toBe(true);
    expect(decide(s, 'demand.post')).toEqual({ ok: false, reason: 'kind' });
  });

  it('refuses marketplace actions to an unverified organisation', () => {
    const s: Subject = { role: 'org_admin', orgKind: 'enterprise', orgStatus: 'pending', bureauRoles: [] };
    expect(decide(s, 'result.list')).toEqual({ ok: false, reason: 'unverified' });
    expect(can(s, 'org.edit')).toBe(true);
  });

  it('keeps org actions to organisations', () => {
    expect(decide(bureau(...BUREAU_ROLES), 'result.list')).toEqual({ ok: false, reason: 'role' });
    const admin: Subject = { role: 'org_admin', orgKind: 'agency', orgStatus: 'verified', bureauRoles: [] };
    expect(can(admin, 'bureau.orgs.verify')).toBe(false);
    expect(can(admin, 'commission.view')).toBe(true);
  });

  it('only admins invite colleagues', () => {
    expect(can({ role: 'org_member', orgKind: 'agency', orgStatus: 'verified', bureauRoles: [] }, 'org.invite')).toBe(false);
    expect(allowedActions({ role: 'org_admin', orgKind: 'agency', orgStatus: 'verified', bureauRoles: [] })).toContain('org.invite');
  });
});

describe('role sets', () => {
  it('normalises to known roles, once each, in the canonical order', () => {
    expect(normalizeBureauRoles(['payer', 'admin', 'payer', 'root'])).toEqual(['payer', 'admin']);
  });

  it('never leaves the bureau without an active administrator', () => {
    expect(leavesAnAdministrator(['a'], { userId: 'a', roles: ['reviewer'], active: true })).toBe(false);
    expect(leavesAnAdministrator(['a'], { userId: 'a', roles: ['admin'], active: false })).toBe(false);
    expect(leavesAnAdministrator(['a'], { userId: 'a', roles: ['admin', 'payer'], active: true })).toBe(true);
    expect(leavesAnAdministrator(['a', 'b'], { userId: 'a', roles: [], active: false })).toBe(true);
    expect(leavesAnAdministrator([], { userId: 'c', roles: ['admin'], active: true })).toBe(true);
    expect(leavesAnAdministrator(['a'], { userId: 'c', roles: ['payer'], active: true })).toBe(true);
  });
});
