import { describe, expect, it } from 'vitest';
import { isLocal, isValidRegionCode, LIAOCHENG_DISTRICTS } from '#domain/codes/region.ts';
import { validateUscc } from '#domain/codes/uscc.ts';
import { ORG_KINDS } from '#domain/permissions.ts';
import { parseMoney } from '#domain/money.ts';
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD, DEMO_USERS, demoCreditCode, organizationCodeCheckChar } from './organizations.ts';
import { BUREAU_ROLES } from '#domain/permissions.ts';

describe('demo organisations', () => {
  it('are at least 34, with unique names and credit codes', () => {
    expect(DEMO_ORGANIZATIONS.length).toBeGreaterThanOrEqual(34);
    expect(new Set(DEMO_ORGANIZATIONS.map((o) => o.name)).size).toBe(DEMO_ORGANIZATIONS.length);
    expect(new Set(DEMO_ORGANIZATIONS.map((o) => o.nameEn)).size).toBe(DEMO_ORGANIZATIONS.length);
    expect(new Set(DEMO_ORGANIZATIONS.map((o) => o.creditCode)).size).toBe(DEMO_ORGANIZATIONS.length);
  });

  it('have valid credit codes, registered in their own region', () => {
    for (const o of DEMO_ORGANIZATIONS) {
      expect(validateUscc(o.creditCode), o.name).toEqual({ ok: true, value: o.creditCode });
      expect(o.creditCode.slice(2, 8), o.name).toBe(o.regionCode);
      // The organisation-code part carries its own GB 11714 check character, as real codes do.
      expect(organizationCodeCheckChar(o.creditCode.slice(8, 16)), o.name).toBe(o.creditCode.charAt(16));
      // Companies register as 91; universities, institutes and agencies as 12 or 52 unless they are companies.
      const registrar = o.creditCode.slice(0, 2);
      expect(registrar === '91', o.name).toBe(o.kind === 'enterprise' || o.name.endsWith('有限公司'));
    }
  });

  it('make the same credit code from the same name, whatever the order of the rows', () => {
    const lcu = DEMO_ORGANIZATIONS.find((o) => o.name === '聊城大学');
    expect(demoCreditCode('聊城大学', '12', '371502')).toBe(lcu?.creditCode);
    expect(demoCreditCode('聊城大学', '12', '371502')).not.toBe(demoCreditCode('聊城大学。', '12', '371502'));
  });

  it('compute the organisation-code check character like published codes', () => {
    // From the credit codes of 华为技术有限公司 (…19220382·1…) and 腾讯科技（深圳）有限公司 (…71526726·X…).
    expect(organizationCodeCheckChar('19220382')).toBe('1');
    expect(organizationCodeCheckChar('71526726')).toBe('X');
  });

  it('have valid county-level region codes covering all eight of Liaocheng’s, and about five places elsewhere', () => {
    for (const o of DEMO_ORGANIZATIONS) {
      expect(isValidRegionCode(o.regionCode), o.name).toBe(true);
      expect(o.regionCode.endsWith('00'), `${o.name}: a county, not a city or province`).toBe(false);
    }
    const local = new Set(DEMO_ORGANIZATIONS.filter((o) => isLocal(o.regionCode)).map((o) => o.regionCode));
    expect([...local].sort()).toEqual(LIAOCHENG_DISTRICTS.map((d) => d.code));
    const elsewhere = DEMO_ORGANIZATIONS.filter((o) => !isLocal(o.regionCode));
    expect(elsewhere.length).toBeGreaterThanOrEqual(5);
    expect(elsewhere.length).toBeLessThanOrEqual(7);
    expect(new Set(elsewhere.map((o) => o.regionCode))).toEqual(new Set(['370102', '370112', '370212', '370902', '110108', '310115']));
  });

  it('include every kind, in Liaocheng as well as elsewhere', () => {
    for (const kind of ORG_KINDS) {
      expect(DEMO_ORGANIZATIONS.filter((o) => o.kind === kind && isLocal(o.regionCode)).length, kind).toBeGreaterThanOrEqual(2);
    }
    expect(new Set(DEMO_ORGANIZATIONS.filter((o) => !isLocal(o.regionCode)).map((o) => o.kind))).toEqual(new Set(ORG_KINDS));
    expect(DEMO_ORGANIZATIONS.filter((o) => o.kind === 'enterprise').length).toBeGreaterThanOrEqual(12);
  });

  it('give registered capital to enterprises only, as an exact money string', () => {
    for (const o of DEMO_ORGANIZATIONS) {
      if (o.kind !== 'enterprise') {
        expect(o.registeredCapital, o.name).toBeNull();
        continue;
      }
      expect(o.registeredCapital, o.name).toMatch(/^\d+\.\d{2}$/);
      expect(parseMoney(o.registeredCapital ?? '')?.greaterThan(0), o.name).toBe(true);
    }
  });

  it('describe and locate every organisation, and link only to https/http sites', () => {
    for (const o of DEMO_ORGANIZATIONS) {
      expect(o.description.length, o.name).toBeGreaterThanOrEqual(10);
      expect(o.description, o.name).toMatch(/。$/);
      expect(o.address.length, o.name).toBeGreaterThanOrEqual(4);
      expect(o.nameEn, o.name).toMatch(/^[\x20-\x7e’]+$/);
      if (o.website !== undefined) expect(o.website, o.name).toMatch(/^https?:\/\/[a-z0-9.-]+\.[a-z]+$/);
    }
  });

  it('leave exactly three pending for the bureau’s queue, of different kinds', () => {
    const pending = DEMO_ORGANIZATIONS.filter((o) => o.status === 'pending');
    expect(pending).toHaveLength(3);
    expect(new Set(pending.map((o) => o.kind)).size).toBe(3);
  });
});

describe('demo users', () => {
  it('are a bureau user with every role, one per bureau role, and one org_admin per organisation kind, on demo.lc.test', () => {
    expect(DEMO_USERS.map((u) => u.email)).toEqual([
      'bureau@demo.lc.test',
      'registrar@demo.lc.test',
      'reviewer@demo.lc.test',
      'payer@demo.lc.test',
      'admin@demo.lc.test',
      'university@demo.lc.test',
      'institute@demo.lc.test',
      'enterprise@demo.lc.test',
      'agency@demo.lc.test',
    ]);
    const bureau = DEMO_USERS.filter((u) => u.role === 'bureau');
    expect(bureau.every((u) => u.orgName === null)).toBe(true);
    expect(bureau[0]?.bureauRoles).toEqual([...BUREAU_ROLES]);
    for (const role of BUREAU_ROLES) expect(bureau.find((u) => u.email === `${role}@demo.lc.test`)?.bureauRoles).toEqual([role]);
    expect(DEMO_USERS.filter((u) => u.role !== 'bureau').every((u) => u.bureauRoles.length === 0)).toBe(true);
  });

  it('each belong to a verified organisation of the kind in their address; the university one to 聊城大学', () => {
    for (const u of DEMO_USERS.filter((x) => x.role === 'org_admin')) {
      const org = DEMO_ORGANIZATIONS.find((o) => o.name === u.orgName);
      expect(org?.status, u.email).toBe('verified');
      expect(u.email, u.email).toBe(`${org?.kind}@demo.lc.test`);
      expect(isLocal(org?.regionCode ?? ''), u.email).toBe(true);
    }
    expect(DEMO_USERS.find((u) => u.email === 'university@demo.lc.test')?.orgName).toBe('聊城大学');
  });

  it('share the documented demo password', () => {
    expect(DEMO_PASSWORD).toBe('Demo-2026-lc!');
  });
});
