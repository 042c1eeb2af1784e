import Decimal from 'decimal.js';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import { env } from '#config/env.ts';
import { getDb } from '#db/client.ts';
import type { demands, Result } from '#db/schema.ts';
import { startWorker, type Worker } from '#jobs/worker.ts';
import { indexName, meili } from '#search/client.ts';
import { settled as taskSettled } from '#search/tasks.ts';
import { DEMANDS_INDEX, toDemandDocument } from '#search/indexes/demands.ts';
import { RESULTS_INDEX, toDocument } from '#search/indexes/results.ts';
import { applyDemandsSettings, applyResultsSettings } from '#search/setup.ts';
import * as loginRoute from '#app/routes/api.v1.auth.login.ts';
import { call, json } from './api.ts';
import { createOrg, createUser, loginBody, patentInput } from './factories.ts';
import { cityDate } from '#config/city.ts';

type Demand = typeof demands.$inferSelect;

/** Both indexes (results and demands) and the job worker, real and per test file. */
export function withDemandSearch(): void {
  let runner: Worker | undefined;
  beforeAll(async () => {
    await applyResultsSettings();
    await applyDemandsSettings();
    // A live index is never empty: its first document, and the first null of a filterable field, cost
    // Meilisearch a one-off second or more (measured: 3 s, then 1 s). Pay them here with whole documents.
    for (const [uid, docs] of [
      [indexName(RESULTS_INDEX), warmUpResults()],
      [indexName(DEMANDS_INDEX), warmUpDemands()],
    ] as const) {
      await taskSettled(meili().index(uid).addDocuments([...docs]), { timeout: 30_000, interval: 50 });
      await taskSettled(meili().index(uid).deleteDocuments(docs.map((d) => d.id)), { timeout: 30_000, interval: 50 });
    }
    runner = await startWorker({ connectionString: env().DATABASE_URL!, concurrency: 2 });
  });
  afterAll(async () => {
    await runner?.stop();
  });
}

function warmUpDemands() {
  const at = new Date();
  const row = { ...demandInput(), id: 'warm-up-1', ownerOrgId: 'warm-up', budget: new Decimal('100.00'), status: 'published', closedAt: null, takenByOrgId: null, version: 1, indexedVersion: 0, createdBy: null, publishedAt: at, createdAt: at, updatedAt: at } as unknown as Demand;
  const owner = { name: '预热企业', regionCode: '371502' };
  return [toDemandDocument(row, owner, 0.5), toDemandDocument({ ...row, id: 'warm-up-2', budget: null, deadline: null, maturityNeeded: null }, owner, null)];
}

function warmUpResults() {
  const at = new Date();
  const row = { ...patentInput(), id: 'warm-up-1', ownerOrgId: 'warm-up', holderOrgId: 'warm-up', titleEn: null, price: new Decimal('100.00'), status: 'published', publishedAt: at, withdrawnAt: null, version: 1, indexedVersion: 0, createdBy: null, createdAt: at, updatedAt: at } as unknown as Result;
  const holder = { name: '预热大学', regionCode: '371502' };
  return [toDocument(row, holder), toDocument({ ...row, id: 'warm-up-2', price: null, patentNo: null }, holder)];
}

/**
 * Waits until the job queue is empty and every demand's index version has caught up, so a
 * test can time one sync on its own rather than behind the burst the earlier tests made.
 */
export async function settled(ms = 30_000): Promise<void> {
  const t0 = performance.now();
  for (;;) {
    const [row] = await getDb().execute<{ jobs: number; lagging: number }>(sql`
      select (select count(*) from graphile_worker.jobs)::int as jobs,
             (select count(*) from demands where indexed_version < version)::int as lagging`);
    if (row && row.jobs === 0 && row.lagging === 0) return;
    if (performance.now() - t0 > ms) throw new Error(`the job queue did not settle within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A date `days` from today, in Beijing. */
export function inDays(days: number): string {
  return cityDate(new Date(Date.now() + days * 86_400_000));
}

export function demandInput(over: Record<string, unknown> = {}) {
  return {
    title: '动力电池高镍三元正极材料循环寿命提升',
    description: '公司生产动力电池正极材料，高镍产品循环衰减快、产气严重，寻求掺杂包覆改性等提升循环稳定性的成熟工艺。',
    field: 'new_materials',
    keywords: ['高镍三元', '正极材料', '锂离子电池'],
    indicators: ['1C 循环 1000 次容量保持率 ≥ 90%'],
    budget: '2000000.00',
    deadline: inDays(90),
    cooperationModes: ['transfer', 'license'],
    maturityNeeded: 'pilot_small',
    ...over,
  };
}

/** A signed-in user of a new organisation of the kind and region asked for, or of the bureau. */
export async function login(kind: 'university' | 'institute' | 'enterprise' | 'agency' | 'bureau', over: { regionCode?: string; status?: 'verified' | 'pending' } = {}) {
  const org = kind === 'bureau' ? null : await createOrg({ kind, regionCode: over.regionCode, status: over.status });
  const user = await createUser(kind === 'bureau' ? { role: 'bureau' } : { orgId: org!.id });
  const res = await call(loginRoute, { body: await loginBody(user.email) });
  return { token: (await json<{ token: string }>(res)).token, org, user };
}
