import { sql } from 'drizzle-orm';
import { env } from '#config/env.ts';
import { getDb } from '#db/client.ts';
import { AppError } from '#domain/errors.ts';

type Limit = { windowSeconds: number; perIp: number; perAccount: number };

/**
 * Every rate limit of the platform: how many requests of a kind one client address, and one
 * account, may make per fixed window. The account is the signed-in user, or for signup and
 * password reset the e-mail address the request names. RATE_LIMIT_FACTOR scales them all.
 * Login keeps its own failure-based throttle (checkCredentials).
 */
export const RATE_LIMITS = {
  /** Organisation signups (each hashes a password and sends an e-mail). */
  signup: { windowSeconds: 3600, perIp: 10, perAccount: 3 },
  /** Password-reset requests (each sends an e-mail). */
  password_reset: { windowSeconds: 3600, perIp: 10, perAccount: 3 },
  /** Full-text and semantic searches of results and demands (API and search pages). */
  search: { windowSeconds: 60, perIp: 120, perAccount: 120 },
  /** Matches of a demand or a result (one multi-search plus scoring each), and match watches. */
  matching: { windowSeconds: 60, perIp: 60, perAccount: 30 },
  /** CSV and .xlsx exports (grants, contracts, commissions). */
  export: { windowSeconds: 600, perIp: 20, perAccount: 10 },
} as const satisfies Record<string, Limit>;

export type RateLimitBucket = keyof typeof RATE_LIMITS;

/** The limit in force: the named constant times RATE_LIMIT_FACTOR, at least 1. */
export function limitOf(bucket: RateLimitBucket, per: 'perIp' | 'perAccount'): number {
  return Math.max(1, Math.floor(RATE_LIMITS[bucket][per] * env().RATE_LIMIT_FACTOR));
}

export type RateLimitKeys = {
  /** The client's address (Remix `context.ip`: the socket's, or X-Forwarded-For's with TRUST_PROXY). */
  ip?: string | null;
  /** The account: a user id, or a lower-cased e-mail address for signup and password reset. */
  account?: string | null;
};

function waitText(seconds: number) {
  if (seconds < 120) return { zh: `${seconds} 秒`, en: `${seconds} s` };
  const minutes = Math.ceil(seconds / 60);
  return { zh: `${minutes} 分钟`, en: `${minutes} min` };
}

/**
 * Counts one request against the bucket for each key given, and throws a 429 `rate_limited`
 * AppError (with `retryAfterSeconds`, sent as Retry-After) when any key is over its limit.
 * Counters are rows in PostgreSQL (one per bucket, key and window, upserted), so the limit holds
 * across every web process; the first request of a new window deletes the bucket's old windows.
 */
export async function assertWithinLimit(bucket: RateLimitBucket, keys: RateLimitKeys): Promise<void> {
  const wanted = [
    ...(keys.ip ? [{ key: `ip:${keys.ip}`, limit: limitOf(bucket, 'perIp') }] : []),
    ...(keys.account ? [{ key: `account:${keys.account}`, limit: limitOf(bucket, 'perAccount') }] : []),
  ];
  if (wanted.length === 0) return;
  const w = RATE_LIMITS[bucket].windowSeconds;
  const db = getDb();
  const rows = (await db.execute(sql`
    with w as (select to_timestamp(floor(extract(epoch from now()) / ${w}) * ${w}) as start)
    insert into rate_limit_counters (bucket, key, window_start, hits)
    select ${bucket}, k.key, w.start, 1 from w cross join (values ${sql.join(
      wanted.map((x) => sql`(${x.key})`),
      sql`, `,
    )}) as k(key)
    on conflict (bucket, key, window_start) do update set hits = rate_limit_counters.hits + 1
    returning key, hits, window_start, greatest(1, ceil(extract(epoch from (window_start + make_interval(secs => ${w}) - now()))))::int as retry_after
  `)) as unknown as Array<{ key: string; hits: number; window_start: Date | string; retry_after: number }>;
  if (rows.some((r) => r.hits === 1)) {
    await db.execute(sql`delete from rate_limit_counters where bucket = ${bucket} and window_start < ${new Date(rows[0]!.window_start).toISOString()}::timestamptz`);
  }
  const over = rows.filter((r) => r.hits > (wanted.find((x) => x.key === r.key)?.limit ?? Infinity));
  if (over.length === 0) return;
  const retryAfter = Math.max(...over.map((r) => r.retry_after));
  const wait = waitText(retryAfter);
  throw new AppError('rate_limited', { zh: `请求过于频繁，请 ${wait.zh}后再试`, en: `Too many requests; try again in ${wait.en}` }, {}, retryAfter);
}

/** The same, for a route: the address from Remix's context and the signed-in user as the account. */
export function limitRequest(bucket: RateLimitBucket, context: { ip?: string } | undefined, account?: string | null): Promise<void> {
  return assertWithinLimit(bucket, { ip: context?.ip ?? null, account: account ?? null });
}
