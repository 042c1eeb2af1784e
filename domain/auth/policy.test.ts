import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { LOGIN_THROTTLE, loginDelayMs, mfaRequired, needsReauth, reauthFresh, REAUTH_POLICY, sessionExpiry, sessionVerdict, shouldTouch, throttle } from './policy.ts';

const t0 = new Date('2026-12-04T08:00:00Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

describe('who needs a second factor', () => {
  it('is every bureau user, and no organisation user', () => {
    expect(mfaRequired({ role: 'bureau' })).toBe(true);
    expect(mfaRequired({ role: 'org_admin' })).toBe(false);
    expect(mfaRequired({ role: 'org_member' })).toBe(false);
  });
});

describe('session lifetimes', () => {
  const bureau = (lastSeen: Date, expiresAt = sessionExpiry({ role: 'bureau' }, t0)) => ({ role: 'bureau', createdAt: t0, lastSeenAt: lastSeen, expiresAt });

  it('ends a bureau session after 30 idle minutes', () => {
    expect(sessionVerdict(bureau(t0), minutes(29))).toBe('ok');
    expect(sessionVerdict(bureau(t0), minutes(30))).toBe('idle');
    expect(sessionVerdict(bureau(minutes(20)), minutes(49))).toBe('ok');
  });

  it('ends a bureau session 12 hours after it began, however busy', () => {
    expect(sessionExpiry({ role: 'bureau' }, t0)).toEqual(minutes(12 * 60));
    expect(sessionVerdict(bureau(minutes(11 * 60 + 59)), minutes(11 * 60 + 59))).toBe('ok');
    expect(sessionVerdict(bureau(minutes(12 * 60 - 1)), minutes(12 * 60))).toBe('expired');
    // Even a row whose expiry was set later is held to 12 hours.
    expect(sessionVerdict(bureau(minutes(12 * 60), minutes(7 * 24 * 60)), minutes(12 * 60 + 1))).toBe('expired');
  });

  it('keeps organisation sessions for 7 days without an idle limit', () => {
    const expiresAt = sessionExpiry({ role: 'org_admin' }, t0);
    expect(expiresAt).toEqual(minutes(7 * 24 * 60));
    expect(sessionVerdict({ role: 'org_admin', createdAt: t0, lastSeenAt: t0, expiresAt }, minutes(3 * 24 * 60))).toBe('ok');
    expect(sessionVerdict({ role: 'org_admin', createdAt: t0, lastSeenAt: t0, expiresAt }, expiresAt)).toBe('expired');
  });

  it('writes last_seen_at at most once a minute', () => {
    expect(shouldTouch(t0, new Date(t0.getTime() + 59_000))).toBe(false);
    expect(shouldTouch(t0, minutes(1))).toBe(true);
  });
});

describe('re-authentication for large decisions', () => {
  it('is needed strictly over ¥100,000', () => {
    expect(needsReauth(new Decimal('100000.00'))).toBe(false);
    expect(needsReauth(new Decimal('100000.01'))).toBe(true);
    expect(needsReauth(new Decimal('99999.99'))).toBe(false);
  });

  it('holds for 10 minutes', () => {
    expect(reauthFresh(null, t0)).toBe(false);
    expect(reauthFresh(t0, minutes(REAUTH_POLICY.freshMinutes))).toBe(true);
    expect(reauthFresh(t0, minutes(REAUTH_POLICY.freshMinutes + 0.1))).toBe(false);
  });
});

describe('login throttle', () => {
  const none = { accountAndIp: 0, ip: 0, account: 0 };

  it('never refuses the owner because of failures from other addresses', () => {
    expect(throttle({ ...none, account: 5 })).toEqual({ kind: 'allow', delayMs: 0 });
    expect(throttle({ ...none, account: 500 })).toEqual({ kind: 'allow', delayMs: LOGIN_THROTTLE.maxDelayMs });
  });

  it('refuses an address after 5 failures for one account, or 30 overall', () => {
    expect(throttle({ ...none, accountAndIp: 4, account: 4 }).kind).toBe('allow');
    expect(throttle({ ...none, accountAndIp: 5, account: 5 })).toEqual({ kind: 'refuse', retryAfterSeconds: 15 * 60 });
    expect(throttle({ ...none, ip: 30 }).kind).toBe('refuse');
  });

  it('slows an account down progressively from 10 failures, up to 8 s', () => {
    expect([9, 10, 11, 12, 13, 14, 15, 16, 40].map(loginDelayMs)).toEqual([0, 250, 500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });
});
