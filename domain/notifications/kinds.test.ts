import { describe, expect, it } from 'vitest';
import { ALWAYS_EMAILED, NOTIFICATION_GROUPS, NOTIFICATION_KINDS, SWITCHABLE_KINDS, emailByDefault, isNotificationKind, isSwitchable, preferencesFrom, sendsEmail } from './kinds.ts';

describe('the notification kinds list', () => {
  it('names each kind once, in a known group, with Chinese and English words', () => {
    const kinds = NOTIFICATION_KINDS.map((k) => k.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const k of NOTIFICATION_KINDS) {
      expect(Object.keys(NOTIFICATION_GROUPS), k.kind).toContain(k.group);
      expect(k.zh, k.kind).toMatch(/\p{Script=Han}/u);
      expect(k.en, k.kind).toMatch(/^[A-Z]/);
    }
  });

  it('keeps what was mailed before preferences as the default: every switchable kind is e-mailed', () => {
    for (const kind of SWITCHABLE_KINDS) expect(emailByDefault(kind), kind).toBe(true);
  });

  it('does not offer invitations, password resets and security notices as a choice', () => {
    expect(ALWAYS_EMAILED.map((k) => k.kind).sort()).toEqual(['account.invitation', 'account.password_reset', 'account.security']);
    for (const { kind } of ALWAYS_EMAILED) {
      expect(isSwitchable(kind)).toBe(false);
      expect(SWITCHABLE_KINDS).not.toContain(kind);
      // Even a stored "in-app only" (a stale or forged row) does not stop them.
      expect(sendsEmail(kind, false)).toBe(true);
    }
  });
});

describe('whether a notification is e-mailed to a user', () => {
  it('follows the user’s choice for a switchable kind, else the default', () => {
    expect(sendsEmail('contract.update', false)).toBe(false);
    expect(sendsEmail('contract.update', true)).toBe(true);
    expect(sendsEmail('contract.update', null)).toBe(true);
    expect(sendsEmail('contract.update', undefined)).toBe(true);
  });

  it('mails a kind the list does not know, as every notification was mailed before', () => {
    expect(isNotificationKind('legacy.kind')).toBe(false);
    expect(sendsEmail('legacy.kind', false)).toBe(true);
  });

  it('lists every switchable kind with the choice made or the default, in the list’s order', () => {
    const rows = preferencesFrom(new Map([['grant.pay', false], ['account.security', false], ['unknown', false]]));
    expect(rows.map((r) => r.kind)).toEqual(SWITCHABLE_KINDS);
    expect(rows.find((r) => r.kind === 'grant.pay')).toMatchObject({ email: false, defaultEmail: true, group: 'grant', label: { zh: '补助已支付', en: 'A grant paid' } });
    expect(rows.filter((r) => !r.email).map((r) => r.kind)).toEqual(['grant.pay']);
  });
});
