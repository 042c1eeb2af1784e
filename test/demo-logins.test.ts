/** `npm start` names the demo logins only when they exist (SEED_DEMO=false seeds none). */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '#db/client.ts';
import { users } from '#db/schema.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '#db/seed/organizations.ts';
import { DEMO_TOTP_SECRET } from '#db/seed/mfa.ts';
import { demoAccounts, demoLoginsText } from '#scripts/demo-logins.ts';
import { createUser } from './factories.ts';

describe('the demo logins npm start prints', () => {
  it('none on a database without demo data: no demo address, password or TOTP key', async () => {
    const accounts = await demoAccounts();
    expect(accounts).toEqual([]);
    const text = demoLoginsText(accounts);
    expect(text).not.toContain('@demo.lc.test');
    expect(text).not.toContain(DEMO_PASSWORD);
    expect(text).not.toContain(DEMO_TOTP_SECRET);
    expect(text).toContain('SEED_DEMO=false');
  });

  it('the seeded ones, with the password, and the TOTP key once a bureau account is among them', async () => {
    const enterprise = DEMO_USERS.find((u) => u.role !== 'bureau')!;
    await createUser({ email: enterprise.email });
    let text = demoLoginsText(await demoAccounts());
    expect(text).toContain(enterprise.email);
    expect(text).toContain(DEMO_PASSWORD);
    expect(text).not.toContain(DEMO_TOTP_SECRET);

    const bureau = DEMO_USERS.find((u) => u.role === 'bureau')!;
    const b = await createUser({ email: bureau.email, role: 'bureau' });
    text = demoLoginsText(await demoAccounts());
    expect(text).toContain(bureau.email);
    expect(text).toContain(DEMO_TOTP_SECRET);

    await getDb().update(users).set({ disabledAt: new Date() }).where(eq(users.id, b.id));
    expect((await demoAccounts()).map((u) => u.email)).toEqual([enterprise.email]);
  });
});
