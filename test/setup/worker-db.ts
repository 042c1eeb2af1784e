/**
 * Before each test file: a fresh database cloned from the migrated template, and
 * an index prefix of its own in Meilisearch, so files in parallel never share data.
 */
import postgres from 'postgres';
import { afterAll, inject } from 'vitest';
import { resetEnv } from '#config/env.ts';
import { closeDb } from '#db/client.ts';

const pool = process.env.VITEST_POOL_ID ?? '0';
const name = `tt_w${pool}`;
const adminUrl = inject('pgAdminUrl');

const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists ${name} with (force)`);
await admin.unsafe(`create database ${name} template tt_template`);
await admin.end();

const url = new URL(adminUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();
process.env.MEILI_URL = inject('meiliUrl');
process.env.MEILI_MASTER_KEY = inject('meiliKey');
process.env.MEILI_INDEX_PREFIX = `t${pool}_`;
process.env.DATA_DIR = '.data/test';
process.env.MODEL_DIR = inject('modelDir');
process.env.SESSION_SECRET = 'test-session-secret-that-is-long-enough-0123456789';
process.env.NODE_ENV = 'test';
// Every call comes from one address: limits 1000 times the production ones (test/rate-limits.test.ts lowers them).
process.env.RATE_LIMIT_FACTOR = '1000';
resetEnv();

// A clean slate in Meilisearch too: drop this worker's indexes left by the previous file.
const meiliHeaders = { Authorization: `Bearer ${inject('meiliKey')}`, 'Content-Type': 'application/json' };
const listed = (await (await fetch(`${inject('meiliUrl')}/indexes?limit=1000`, { headers: meiliHeaders })).json()) as { results: Array<{ uid: string }> };
for (const { uid } of listed.results.filter((i) => i.uid.startsWith(`t${pool}_`))) {
  await fetch(`${inject('meiliUrl')}/indexes/${uid}`, { method: 'DELETE', headers: meiliHeaders });
}

afterAll(async () => {
  await closeDb();
});
