import Decimal from 'decimal.js';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '#db/client.ts';
import { organizations } from '#db/schema.ts';
import { createOrg } from '#test/factories.ts';

describe('money columns', () => {
  it('come back as Decimal, never as a JS number, and keep every fen', async () => {
    const org = await createOrg();
    const amount = new Decimal('123456789012.34').plus('0.01');
    await getDb().update(organizations).set({ registeredCapital: amount }).where(eq(organizations.id, org.id));
    const [row] = await getDb().select({ c: organizations.registeredCapital }).from(organizations).where(eq(organizations.id, org.id));
    expect(row!.c).toBeInstanceOf(Decimal);
    expect(typeof row!.c).not.toBe('number');
    expect(row!.c!.toFixed(2)).toBe('123456789012.35');
    expect(row!.c!.plus('0.1').plus('0.2').toFixed(2)).toBe('123456789012.65');
  });

  it('refuses a negative amount at the database', async () => {
    const org = await createOrg();
    await expect(
      getDb().update(organizations).set({ registeredCapital: new Decimal('-1') }).where(eq(organizations.id, org.id)),
    ).rejects.toThrow();
  });
});
