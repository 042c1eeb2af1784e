/**
 * `npm run db:backup [-- --out FILE]`: a consistent backup of the platform's database (the
 * embedded one, a running `npm start`'s, or DATABASE_URL) into FILE (default
 * DATA_DIR/backups/techtransfer-<time>.backup.gz), with FILE.sha256 and FILE.manifest.json.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { env } from '#config/env.ts';
import { backupDatabase, defaultBackupFile } from '#db/backup.ts';
import { migrateDatabase } from '#db/migrate.ts';
import { ensureServices } from './services/index.ts';

const { values } = parseArgs({ options: { out: { type: 'string' } }, strict: true });
const file = path.resolve(values.out ?? defaultBackupFile(env().DATA_DIR));
const services = await ensureServices({ log: () => {} });
try {
  await migrateDatabase(services.databaseUrl);
  const r = await backupDatabase(services.databaseUrl, file);
  const m = r.manifest;
  console.log(`backup of ${m.database} (PostgreSQL ${m.serverVersion}) in ${r.seconds.toFixed(2)} s`);
  console.log(`  file      ${file} (${(r.bytes / 1024).toFixed(0)} KiB)`);
  console.log(`  sha256    ${r.sha256}  (${path.basename(file)}.sha256)`);
  console.log(`  manifest  ${path.basename(file)}.manifest.json`);
  console.log(`  rows      ${Object.entries(m.counts).slice(0, 7).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  console.log(`  audit     chain head seq ${m.auditChainHead.seq}, ${m.auditChainHead.hash ?? '(empty)'}`);
} finally {
  await services.stop();
}
