/**
 * The chaos run, small: contracts registered and revoked through the real services while a
 * separate worker process is SIGKILLed and restarted; afterwards every grant row must equal
 * the engine's figure computed from scratch.
 */
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '#db/client.ts';
import { grants } from '#db/schema.ts';
import { recomputeYear } from '#app/services/grants/recompute.server.ts';
import { compareGrants, runChaos } from '#scripts/chaos-grants.ts';

describe('grants under SIGKILL', () => {
  it('loses nothing and counts nothing twice when the worker is killed 4 times', { timeout: 60_000 }, async () => {
    const f = await runChaos({ contracts: 60, kills: 4, seed: 7, databaseUrl: process.env.DATABASE_URL!, log: () => {} });

    expect(f.contractsRegistered).toBe(60);
    expect(f.kills).toBe(4);
    expect(f.failedJobs).toEqual([]);
    expect(f.grantsCompared).toBeGreaterThan(10);
    expect({ lost: f.lost, doubleCounted: f.doubleCounted, mismatched: f.mismatched, examples: f.examples }).toEqual({ lost: 0, doubleCounted: 0, mismatched: 0, examples: [] });

    // The repair tool agrees with what the jobs wrote, and rebuilds a year from nothing.
    for (const year of f.years) expect(await recomputeYear(year)).toMatchObject({ inserted: 0, updated: 0, adjusted: 0 });
    const year = f.years[1]!;
    await getDb().delete(grants).where(eq(grants.year, year));
    expect((await recomputeYear(year)).inserted).toBeGreaterThan(0);
    expect(await compareGrants()).toMatchObject({ lost: 0, doubleCounted: 0, mismatched: 0 });

    // The check itself sees a lost figure and a contract counted twice.
    const [victim] = await getDb()
      .select({ id: grants.id, contracts: grants.contracts })
      .from(grants)
      .where(and(eq(grants.clause, 'A1'), sql`${grants.amount} > 0`, sql`jsonb_array_length(${grants.contracts}) > 0`))
      .limit(1);
    const list = victim!.contracts as unknown[];
    await getDb()
      .update(grants)
      .set({ contracts: [...list, list[0]] })
      .where(eq(grants.id, victim!.id));
    const [other] = await getDb().select({ id: grants.id }).from(grants).where(and(eq(grants.clause, 'A2'), sql`${grants.amount} > 0`)).limit(1);
    await getDb().delete(grants).where(eq(grants.id, other!.id));
    const tampered = await compareGrants();
    expect(tampered.lost).toBe(1);
    expect(tampered.doubleCounted).toBe(1);
    expect(tampered.mismatched).toBe(2);
  });
});
