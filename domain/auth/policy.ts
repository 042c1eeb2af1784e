/**
 * The rules of signing in, as data and pure functions: who needs a second factor, how long a
 * session lives, when a money decision needs a fresh password + TOTP check, and how failed
 * logins are throttled. No I/O: app/lib/session.server.ts and app/services/* apply them.
 */
import Decimal from 'decimal.js';

/** TOTP as every authenticator app reads it (RFC 6238 defaults; Google Authenticator ignores others). */
export const TOTP_PARAMS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
/** Codes one step either side of now are accepted (clock drift up to 30 s). */
export const TOTP_WINDOW = 1;

export const SESSION_POLICY = {
  /** Organisation users: the cookie and the row last this long. */
  orgSessionDays: 7,
  /** Bureau sessions end after this long without a request… */
  bureauIdleMinutes: 30,
  /** …and this long after the password step, whatever happens. */
  bureauAbsoluteHours: 12,
  /** The password step is good for this long while the second factor is owed. */
  pendingMinutes: 10,
  /** Wrong codes a pending login may try before the password is asked for again. */
  pendingMaxFailures: 5,
  /** last_seen_at is written at most this often (fewer writes, idle time still exact to a minute). */
  touchEverySeconds: 60,
} as const;

export const REAUTH_POLICY = {
  /** Approving or paying a grant over this amount (CNY) needs a recent password + TOTP check. */
  threshold: new Decimal('100000'),
  /** "Recent": within this many minutes. */
  freshMinutes: 10,
} as const;

export const LOGIN_THROTTLE = {
  windowMinutes: 15,
  /** Failures for one account from one address before that address is refused for the account. */
  perAccountAndIp: 5,
  /** Failures from one address over all accounts before it is refused. */
  perIp: 30,
  /** Failures for one account from anywhere before every further attempt on it is slowed down. */
  slowAfter: 10,
  /** The slow-down doubles with each further failure, up to this. */
  maxDelayMs: 8_000,
  /** The owner is told by e-mail when the account reaches this many failures in a window. */
  alertAfter: 5,
} as const;

export const PASSWORD_RESET_POLICY = {
  /** A reset link works once, within this long. */
  ttlMinutes: 30,
} as const;

/** Every bureau role signs in with a second factor (TOTP or a recovery code). */
export function mfaRequired(user: { role: string }): boolean {
  return user.role === 'bureau';
}

export type SessionVerdict = 'ok' | 'idle' | 'expired';

/**
 * Whether a signed-in session still stands at `now`. Bureau sessions also end after 30 idle minutes
 * and 12 hours after they began; every session ends at its `expiresAt`.
 */
export function sessionVerdict(s: { role: string; createdAt: Date; lastSeenAt: Date; expiresAt: Date }, now: Date): SessionVerdict {
  if (now.getTime() >= s.expiresAt.getTime()) return 'expired';
  if (!mfaRequired(s)) return 'ok';
  if (now.getTime() - s.createdAt.getTime() >= SESSION_POLICY.bureauAbsoluteHours * 3_600_000) return 'expired';
  if (now.getTime() - s.lastSeenAt.getTime() >= SESSION_POLICY.bureauIdleMinutes * 60_000) return 'idle';
  return 'ok';
}

/** When a new signed-in session (or API token) of this user expires at the latest. */
export function sessionExpiry(user: { role: string }, startedAt: Date): Date {
  const ms = mfaRequired(user) ? SESSION_POLICY.bureauAbsoluteHours * 3_600_000 : SESSION_POLICY.orgSessionDays * 86_400_000;
  return new Date(startedAt.getTime() + ms);
}

/** Whether last_seen_at is old enough to be worth writing again. */
export function shouldTouch(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= SESSION_POLICY.touchEverySeconds * 1000;
}

/** Over ¥100,000 (strictly) a decision needs a fresh re-authentication. */
export function needsReauth(amount: Decimal): boolean {
  return amount.gt(REAUTH_POLICY.threshold);
}

export function reauthFresh(reauthenticatedAt: Date | null, now: Date): boolean {
  if (!reauthenticatedAt) return false;
  const age = now.getTime() - reauthenticatedAt.getTime();
  return age >= -60_000 && age <= REAUTH_POLICY.freshMinutes * 60_000;
}

export type ThrottleCounts = {
  /** Failures for this account from this address in the window. */
  accountAndIp: number;
  /** Failures from this address in the window, any account. */
  ip: number;
  /** Failures for this account from any address in the window. */
  account: number;
};

export type ThrottleDecision = { kind: 'allow'; delayMs: number } | { kind: 'refuse'; retryAfterSeconds: number };

/**
 * Failed logins slow an account down but never lock its owner out: only the address that failed
 * (for that account, or for too many accounts) is refused. Failures from other addresses only
 * add a delay, doubling from `slowAfter` up to `maxDelayMs`; bureau accounts also need the TOTP.
 */
export function throttle(c: ThrottleCounts): ThrottleDecision {
  if (c.accountAndIp >= LOGIN_THROTTLE.perAccountAndIp || c.ip >= LOGIN_THROTTLE.perIp) {
    return { kind: 'refuse', retryAfterSeconds: LOGIN_THROTTLE.windowMinutes * 60 };
  }
  return { kind: 'allow', delayMs: loginDelayMs(c.account) };
}

export function loginDelayMs(accountFailures: number): number {
  if (accountFailures < LOGIN_THROTTLE.slowAfter) return 0;
  const exp = Math.min(accountFailures - LOGIN_THROTTLE.slowAfter, 16);
  return Math.min(250 * 2 ** exp, LOGIN_THROTTLE.maxDelayMs);
}
