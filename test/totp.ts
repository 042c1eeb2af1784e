/**
 * TOTP codes for tests, computed with the same library and parameters as the server. A code is
 * accepted once per account and 30-second step, so each login takes the next step not yet used
 * for that account (the server accepts one step ahead), waiting only when two are used up.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Secret, TOTP } from 'otpauth';
import { TOTP_PARAMS } from '#domain/auth/policy.ts';

/** Every bureau user the factories create has this secret (test data only). */
export const TEST_TOTP_SECRET = 'T3ISD5VQHDTVFWUYFNZMVMCD5DXFZEQZ';

const periodMs = TOTP_PARAMS.period * 1000;
/**
 * The steps used, per account. Playwright starts a new worker process after a failed test, and a
 * fresh map would hand out a code the server has already seen: with TOTP_STEPS_FILE set (the e2e
 * config sets it) the record outlives the process.
 */
const stepsFile = process.env.TOTP_STEPS_FILE;
const lastStep = new Map<string, number>(stepsFile && existsSync(stepsFile) ? Object.entries(JSON.parse(readFileSync(stepsFile, 'utf8')) as Record<string, number>) : []);

export function totpAt(secret: string, at: Date): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at.getTime(), ...TOTP_PARAMS });
}

/** A code for `account` that the server has not seen yet. */
export async function freshTotp(account: string, secret = TEST_TOTP_SECRET): Promise<string> {
  const key = `${secret}:${account.toLowerCase()}`;
  for (;;) {
    const now = Date.now();
    const current = Math.floor(now / periodMs);
    const step = Math.max(current, (lastStep.get(key) ?? -Infinity) + 1);
    if (step <= current + 1) {
      lastStep.set(key, step);
      if (stepsFile) writeFileSync(stepsFile, JSON.stringify(Object.fromEntries(lastStep)));
      return totpAt(secret, new Date(step * periodMs));
    }
    await new Promise((resolve) => setTimeout(resolve, (step - 1) * periodMs - now + 100));
  }
}
