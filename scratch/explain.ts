import path from 'node:path';
import { sql } from 'drizzle-orm';
import { resetEnv } from '#config/env.ts';
import { closeDb, getDb, getSql } from '#db/client.ts';
import { ensureServices } from '../scripts/services/index.ts';
import { contracts } from '#db/schema.ts';
process.env.DATA_DIR = path.resolve('.data/bench-grants');
for (const v of ['DATABASE_URL', 'MEILI_URL']) delete process.env[v];
resetEnv();
const services = await ensureServices({ log: () => {} });
process.env.DATABASE_URL = services.databaseUrl; resetEnv();
try {
  const raw = getSql();
  const [c] = await raw`select seller_org_id, broker_org_id from contracts where status='registered' and registered_on >= '2025-07-01' and broker_org_id is not null limit 1`;
  const recips = [c!.seller_org_id, c!.broker_org_id];
  const q = process.argv[2]!;
  const res = await raw.unsafe(`explain (analyze, buffers) ${q}`, [recips] as never);
  for (const r of res) console.log(r['QUERY PLAN']);
} finally { await closeDb(); await services.stop(); }
