/**
 * Migration 0007 inserts the policy lc-2020-15 as a JSON copy of domain/grants/policy.ts
 * (migrations are never edited after they land, so the copy stays). This test keeps the
 * two the same: the row of a freshly migrated database against serializePolicy(LC_2020_15).
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '#db/client.ts';
import { policies } from '#db/schema.ts';
import { LC_2020_15, parsePolicy, serializePolicy } from '#domain/grants/policy.ts';

describe('the stored policy lc-2020-15', () => {
  it('is the policy in domain/grants/policy.ts, field for field', async () => {
    const [row] = await getDb().select().from(policies).where(eq(policies.id, LC_2020_15.id));
    expect(row).toBeDefined();
    // Compared as JSON text values (rates and caps as the strings they are stored as), not as numbers.
    expect(row!.body).toEqual(serializePolicy(LC_2020_15));
    expect({ title: row!.title, effectiveFrom: row!.effectiveFrom, withdrawnOn: row!.withdrawnOn }).toEqual({
      title: LC_2020_15.title,
      effectiveFrom: LC_2020_15.effectiveFrom,
      withdrawnOn: LC_2020_15.withdrawnOn,
    });
    expect(serializePolicy(parsePolicy(row!.body))).toEqual(serializePolicy(LC_2020_15));
  });
});
