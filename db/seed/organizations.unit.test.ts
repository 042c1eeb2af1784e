import { describe, expect, it } from 'vitest';
import { isValidRegionCode } from '#domain/codes/region.ts';
import { validateUscc } from '#domain/codes/uscc.ts';
import { DEMO_ORGANIZATIONS, DEMO_USERS } from './organizations.ts';

describe('demo organisations', () => {
  it('are at least 30, of all four kinds, valid and unique', () => {
    expect(DEMO_ORGANIZATIONS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(DEMO_ORGANIZATIONS.map((o) => o.kind))).toEqual(new Set(['university', 'institute', 'enterprise', 'agency']));
    for (const o of DEMO_ORGANIZATIONS) {
      expect(validateUscc(o.creditCode), o.name).toEqual({ ok: true, value: o.creditCode });
      expect(isValidRegionCode(o.regionCode), o.name).toBe(true);
    }
    expect(new Set(DEMO_ORGANIZATIONS.map((o) => o.name)).size).toBe(DEMO_ORGANIZATIONS.length);
    expect(new Set(DEMO_ORGANIZATIONS.map((o) => o.creditCode)).size).toBe(DEMO_ORGANIZATIONS.length);
  });

  it('cover every district and county of Liaocheng, and some places elsewhere', () => {
    const local = new Set(DEMO_ORGANIZATIONS.filter((o) => o.regionCode.startsWith('3715')).map((o) => o.regionCode));
    expect([...local].sort()).toEqual(['371502', '371503', '371521', '371522', '371524', '371525', '371526', '371581']);
    expect(DEMO_ORGANIZATIONS.filter((o) => !o.regionCode.startsWith('3715')).length).toBeGreaterThanOrEqual(5);
    expect(DEMO_ORGANIZATIONS.some((o) => o.status === 'pending')).toBe(true);
  });

  it('give each demo user a verified organisation of the right kind', () => {
    for (const u of DEMO_USERS.filter((x) => x.orgName)) {
      const org = DEMO_ORGANIZATIONS.find((o) => o.name === u.orgName);
      expect(org?.status, u.email).toBe('verified');
      expect(u.email.startsWith(org!.kind)).toBe(true);
    }
  });
});
