/**
 * Once per test run: real PostgreSQL and Meilisearch (embedded, under .data/test, or
 * TEST_DATA_DIR for a second run at the same time), and a migrated template database
 * that each test file clones.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { migrateDatabase } from '#db/migrate.ts';
import { startMeilisearch } from '#scripts/services/meilisearch.ts';
import { startPostgres } from '#scripts/services/postgres.ts';
import { ensureModel } from '#scripts/services/model.ts';

export const TEMPLATE_DB = 'tt_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    meiliUrl: string;
    meiliKey: string;
    modelDir: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = path.resolve(process.env.TEST_DATA_DIR || '.data/test');
  rmSync(path.join(dir, 'meili'), { recursive: true, force: true });
  // The embedding model, once for the whole run (the same copy `npm start` uses, unless MODEL_DIR says otherwise).
  const modelDir = path.resolve(process.env.MODEL_DIR || '.data/models');
  const modelProblem = await ensureModel(modelDir, (l) => console.log(l));
  if (modelProblem) console.warn(`[test] ${modelProblem}: the tests that need the embedding model will fail`);
  const [pg, meili] = await Promise.all([
    startPostgres({ dir, settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } }),
    startMeilisearch({ dir }),
  ]);
  const admin = postgres(pg.url('postgres'), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await admin.unsafe(`create database ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  await migrateDatabase(pg.url(TEMPLATE_DB));

  // Meilisearch loads its Chinese segmenter on first use (2–3 s here); pay that once, not in a test's timing.
  const headers = { Authorization: `Bearer ${meili.masterKey}`, 'Content-Type': 'application/json' };
  const add = await fetch(`${meili.url}/indexes/warmup/documents`, { method: 'POST', headers, body: JSON.stringify([{ id: 1, t: '传统中药制剂新剂型开发' }]) });
  const { taskUid } = (await add.json()) as { taskUid: number };
  for (let status = ''; status !== 'succeeded' && status !== 'failed'; ) {
    await new Promise((r) => setTimeout(r, 50));
    status = ((await (await fetch(`${meili.url}/tasks/${taskUid}`, { headers })).json()) as { status: string }).status;
  }
  await fetch(`${meili.url}/indexes/warmup`, { method: 'DELETE', headers });

  project.provide('pgAdminUrl', pg.url('postgres'));
  project.provide('meiliUrl', meili.url);
  project.provide('meiliKey', meili.masterKey);
  project.provide('modelDir', modelDir);

  return async () => {
    await Promise.all([pg.stop(), meili.stop()]);
  };
}
