import { describe, expect, it } from 'vitest';
import { allowedActions, can, decide } from './permissions.ts';

describe('permissions', () => {
  it('lets a verified university list results but not post demands', () => {
    const s = { role: 'org_member', orgKind: 'university', orgStatus: 'verified' } as const;
    expect(can(s, 'result.list')).toBe(true);
    expect(decide(s, 'demand.post')).toEqual({ ok: false, reason: 'kind' });
  });

  it('refuses marketplace actions to an unverified organisation', () => {
    const s = { role: 'org_admin', orgKind: 'enterprise', orgStatus: 'pending' } as const;
    expect(decide(s, 'result.list')).toEqual({ ok: false, reason: 'unverified' });
    expect(can(s, 'org.edit')).toBe(true);
  });

  it('keeps bureau actions to the bureau and org actions to organisations', () => {
    const bureau = { role: 'bureau', orgKind: null, orgStatus: null } as const;
    expect(can(bureau, 'bureau.orgs.verify')).toBe(true);
    expect(decide(bureau, 'result.list')).toEqual({ ok: false, reason: 'role' });
    const admin = { role: 'org_admin', orgKind: 'agency', orgStatus: 'verified' } as const;
    expect(can(admin, 'bureau.orgs.verify')).toBe(false);
    expect(can(admin, 'commission.view')).toBe(true);
  });

  it('only admins invite colleagues', () => {
    expect(can({ role: 'org_member', orgKind: 'agency', orgStatus: 'verified' }, 'org.invite')).toBe(false);
    expect(allowedActions({ role: 'org_admin', orgKind: 'agency', orgStatus: 'verified' })).toContain('org.invite');
  });
});
