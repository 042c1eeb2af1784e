/**
 * What `npm start` says about the demo logins: the accounts, their shared password and the
 * bureau's TOTP key, only when those accounts exist in the database. With SEED_DEMO=false
 * on a fresh database there are none, and printing them would advertise logins that fail.
 */
import { and, inArray, isNull } from 'drizzle-orm';
import { getDb, type DbOrTx } from '#db/client.ts';
import { users } from '#db/schema.ts';
import { DEMO_TOTP_SECRET } from '#db/seed/mfa.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '#db/seed/organizations.ts';

/** The demo accounts that exist and are not disabled, in DEMO_USERS order. */
export async function demoAccounts(db: DbOrTx = getDb()): Promise<typeof DEMO_USERS> {
  const emails = DEMO_USERS.map((u) => u.email);
  const rows = await db.select({ email: users.email }).from(users).where(and(inArray(users.email, emails), isNull(users.disabledAt)));
  const present = new Set(rows.map((r) => r.email));
  return DEMO_USERS.filter((u) => present.has(u.email));
}

/** The lines `npm start` prints about demo logins. */
export function demoLoginsText(accounts: typeof DEMO_USERS): string {
  if (accounts.length === 0) {
    return `  No demo accounts in this database (SEED_DEMO=false). Create a bureau user with
    npm run cli -- user:create --role bureau --email … --password …`;
  }
  const bureau = accounts.some((u) => u.role === 'bureau');
  return [
    `  Demo logins (password for all: ${DEMO_PASSWORD}):`,
    ...accounts.map((u) => `    ${u.label.padEnd(22)} ${u.email}`),
    ...(bureau
      ? [`  Bureau logins also ask for a TOTP code: add the demo key ${DEMO_TOTP_SECRET}`, '  to an authenticator app (time-based, 6 digits, 30 s; demo data only).']
      : []),
  ].join('\n');
}
