/**
 * `npm run db:restore -- FILE [--data-dir DIR] [--force]`: restores a `db:backup` file.
 * Checks FILE.sha256 first; into DATABASE_URL if set, else into the embedded PostgreSQL under
 * DIR (default DATA_DIR, i.e. `.data`), initialised there if new. A non-empty target is
 * refused unless --force. Then rebuilds the search indexes from PostgreSQL and verifies the
 * audit chain against the backup's head. Stop `npm start` first.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { env, resetEnv } from '#config/env.ts';
import { BackupRefused, restoreDatabase, verifyChecksum } from '#db/backup.ts';
import { closeDb, getDb } from '#db/client.ts';
import { verifyAuditChain } from '#db/queries/audit.ts';
import { reindexDemands } from '#search/demands-sync.ts';
import { reindexResults } from '#search/reindex.ts';
import { isAlive } from './services/process.ts';
import { ensureServices } from './services/index.ts';

const USAGE = 'Usage: npm run db:restore -- FILE [--data-dir DIR] [--force]';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ options: { 'data-dir': { type: 'string' }, force: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
  const file = positionals[0] ? path.resolve(positionals[0]) : undefined;
  if (!file || positionals.length > 1) throw new BackupRefused(USAGE);
  if (!existsSync(file)) throw new BackupRefused(`${file} does not exist`);
  if (values['data-dir']) {
    process.env.DATA_DIR = path.resolve(values['data-dir']);
    resetEnv();
  }
  const timings: Array<[string, number]> = [];
  const timed = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const r = await f();
    timings.push([name, (performance.now() - t0) / 1000]);
    return r;
  };

  await timed('checksum', () => verifyChecksum(file));
  console.log(`${path.basename(file)}: checksum OK`);
  const runtime = path.resolve(env().DATA_DIR, 'runtime.json');
  if (!env().DATABASE_URL && existsSync(runtime) && isAlive((JSON.parse(readFileSync(runtime, 'utf8')) as { ownerPid: number }).ownerPid)) {
    throw new BackupRefused(`a running \`npm start\` owns ${env().DATA_DIR}: stop it before restoring into it`);
  }
  const services = await timed('start services', () => ensureServices({ log: (l) => console.log(l) }));
  try {
    const r = await restoreDatabase(file, services.databaseUrl, { force: values.force, checksumVerified: true, log: (l) => console.log(l) });
    timings.push(['schema (migrations to the backup’s level)', r.timings.schema], ['load rows', r.timings.load], ['newer migrations', r.timings.migrate]);
    console.log(`restored ${r.rows} rows in ${r.manifest.tables.length} tables`);

    await closeDb();
    const results = await timed('reindex results', () => reindexResults());
    const demands = await timed('reindex demands', () => reindexDemands());
    console.log(`search indexes rebuilt: ${results.documents} results, ${demands.documents} demands`);

    const chain = await timed('audit verify', () => verifyAuditChain(getDb()));
    if (chain.broken) throw new BackupRefused(`audit chain BROKEN at seq ${chain.broken.seq} (${chain.broken.problem}) after the restore`);
    if (chain.headHash !== r.manifest.auditChainHead.hash) throw new BackupRefused(`audit chain head ${chain.headHash} is not the backup's ${r.manifest.auditChainHead.hash}`);
    console.log(`audit chain OK: ${chain.checked} rows, head ${chain.headHash ?? '(empty)'} = the backup's`);
  } finally {
    await closeDb();
    await services.stop();
  }
  const total = timings.reduce((s, [, x]) => s + x, 0);
  console.log('timings:');
  for (const [name, s] of timings) console.log(`  ${name.padEnd(44)} ${s.toFixed(2)} s`);
  console.log(`  ${'total'.padEnd(44)} ${total.toFixed(2)} s`);
  return 0;
}

try {
  process.exitCode = await main();
} catch (e) {
  if (!(e instanceof BackupRefused)) throw e;
  console.error(`db:restore refused: ${e.message}`);
  process.exitCode = 1;
}
