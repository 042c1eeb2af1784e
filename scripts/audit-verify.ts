/**
 * `npm run audit:verify`: recomputes every hash of the audit chain from the rows (domain/audit/chain.ts)
 * and names the first row that breaks it. Exit 0 when the chain is whole, 1 when it is not.
 */
import { closeDb, getDb } from '#db/client.ts';
import { migrateDatabase } from '#db/migrate.ts';
import { verifyAuditChain } from '#db/queries/audit.ts';
import type { ChainBreak } from '#domain/audit/chain.ts';
import { ensureServices } from './services/index.ts';

const PROBLEMS: Record<ChainBreak['problem'], string> = {
  unsealed: 'has no hash (it escaped the sealing trigger)',
  gap: 'does not follow the row before it (a row is missing or was inserted out of order)',
  prev_hash: 'does not carry the hash of the row before it (that row, or this link, was rewritten)',
  hash: 'does not match its hash (the row was changed after it was written)',
  head: 'is the chain head the database recorded, but the last row does not match it (rows were removed from the end)',
};

const services = await ensureServices({ log: () => {} });
let code = 0;
try {
  await migrateDatabase(services.databaseUrl);
  const r = await verifyAuditChain(getDb());
  if (r.broken) {
    const b = r.broken;
    console.error(`audit chain BROKEN at seq ${b.seq}${b.id ? ` (audit_events.id ${b.id})` : ''}: it ${PROBLEMS[b.problem]}`);
    console.error(`${r.checked} rows checked in ${r.seconds.toFixed(2)} s`);
    code = 1;
  } else {
    console.log(`audit chain OK: ${r.checked} rows checked in ${r.seconds.toFixed(2)} s, head ${r.headHash ?? '(empty)'}`);
  }
} finally {
  await closeDb();
  await services.stop();
}
process.exit(code);
