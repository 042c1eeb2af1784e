/**
 * The restore drill: data made through the services, `db:backup`, a restore into a second
 * embedded PostgreSQL on a fresh data directory, search rebuilt into a fresh index prefix,
 * and the same contracts, grants and audit chain on the other side.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { Logger, runOnce } from 'graphile-worker';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { env, resetEnv } from '#config/env.ts';
import { backupDatabase, restoreDatabase, sha256File } from '#db/backup.ts';
import { closeDb, getDb } from '#db/client.ts';
import { audit, verifyAuditChain } from '#db/queries/audit.ts';
import { grants } from '#db/schema.ts';
import { BUREAU_ROLES } from '#domain/permissions.ts';
import { grantsRecompute } from '#jobs/tasks/grants-recompute.ts';
import { resetMeili } from '#search/client.ts';
import { reindexDemands } from '#search/demands-sync.ts';
import { reindexResults } from '#search/reindex.ts';
import { ensureDatabase, startPostgres, type RunningPostgres } from '#scripts/services/postgres.ts';
import * as searchRoute from '#app/routes/api.v1.search.results.ts';
import { call, json } from './api.ts';
import { bureauWith } from './factories.ts';
import { deal, registered } from './contract-fixtures.ts';

const run = promisify(execFile);
const pool = process.env.VITEST_POOL_ID ?? '0';
const dir = path.resolve(process.env.TEST_DATA_DIR || '.data/test', `restore-drill-${pool}`);
let second: RunningPostgres | undefined;

afterAll(async () => {
  await closeDb();
  await second?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function rowsOf(url: string, query: string): Promise<Array<Record<string, unknown>>> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return [...(await sql.unsafe(query))];
  } finally {
    await sql.end();
  }
}

describe('backup and restore', () => {
  it('restores contracts, grants and the audit chain into a fresh PostgreSQL and rebuilds search', { timeout: 120_000 }, async () => {
    rmSync(dir, { recursive: true, force: true });
    const startingSecond = startPostgres({ dir, settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } });
    startingSecond.catch(() => {});

    // Data through the services: organisations, a published patent, a registered contract, its grant, audit rows.
    const d = await deal();
    const { token: bureau } = await bureauWith(...BUREAU_ROLES);
    const contract = await registered(d, bureau);
    await runOnce({ connectionString: env().DATABASE_URL!, taskList: { 'grants:recompute': grantsRecompute }, logger: new Logger(() => () => {}) });
    const [grant] = await getDb().select().from(grants).where(and(eq(grants.recipientOrgId, d.seller.org.id), eq(grants.clause, 'A1')));
    expect(grant).toBeDefined();
    const sourceUrl = env().DATABASE_URL!;
    const chain = await verifyAuditChain(getDb());
    expect(chain.broken).toBeUndefined();
    expect(chain.checked).toBeGreaterThan(5);

    const file = path.join(dir, 'backups', 'drill.backup.gz');
    const backup = await backupDatabase(sourceUrl, file);
    expect(readFileSync(`${file}.sha256`, 'utf8')).toBe(`${await sha256File(file)}  drill.backup.gz\n`);
    const manifest = JSON.parse(readFileSync(`${file}.manifest.json`, 'utf8')) as typeof backup.manifest;
    expect(manifest.auditChainHead).toEqual({ seq: chain.checked, hash: chain.headHash });
    expect(manifest.counts).toMatchObject({ contracts: 1, grants: expect.any(Number), audit_events: chain.checked });
    expect(Object.keys(manifest.counts).slice(0, 3)).toEqual(['organizations', 'users', 'results']);
    expect(manifest.serverVersion).toMatch(/^18/);

    // A tampered copy is refused before anything is touched.
    second = await startingSecond;
    await ensureDatabase(second.url('postgres'), 'techtransfer');
    const target = second.url('techtransfer');
    const tampered = path.join(dir, 'backups', 'tampered.backup.gz');
    const bytes = readFileSync(file);
    bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 0xff;
    writeFileSync(tampered, bytes);
    copyFileSync(`${file}.sha256`, `${tampered}.sha256`);
    await expect(restoreDatabase(tampered, target)).rejects.toThrow(/does not match its checksum/);
    const cli = await run(path.resolve('node_modules/.bin/tsx'), ['scripts/db-restore.ts', tampered, '--data-dir', path.join(dir, 'unused')], { env: { ...process.env, DATABASE_URL: target } }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('db:restore refused: tampered.backup.gz does not match its checksum');
    expect(existsSync(path.join(dir, 'unused'))).toBe(false);

    const restored = await restoreDatabase(file, target);
    expect(restored.rows).toBe(manifest.tables.reduce((n, t) => n + t.rows, 0));
    // A second restore into the now non-empty database is refused without --force.
    await expect(restoreDatabase(file, target)).rejects.toThrow(/not empty/);

    for (const q of ['select * from contracts order by id', 'select * from grants order by id', 'select * from organizations order by id', 'select * from audit_events order by seq', 'select * from audit_chain_head']) {
      expect(await rowsOf(target, q), q).toEqual(await rowsOf(sourceUrl, q));
    }

    // The restored platform: this process now serves the second database, with a fresh index prefix.
    process.env.DATABASE_URL = target;
    process.env.MEILI_INDEX_PREFIX = `r${pool}_`;
    resetEnv();
    resetMeili();
    await closeDb();
    const t0 = performance.now();
    await reindexResults();
    await reindexDemands();
    const reindexSeconds = (performance.now() - t0) / 1000;
    const after = await verifyAuditChain(getDb());
    expect(after.broken).toBeUndefined();
    expect(after.headHash).toBe(chain.headHash);
    expect(after.checked).toBe(chain.checked);
    const res = await call(searchRoute, { path: `/api/v1/search/results?q=${encodeURIComponent('高镍三元正极材料')}` });
    expect(res.status).toBe(200);
    expect((await json<{ items: Array<{ id: string }> }>(res)).items.map((i) => i.id)).toContain(d.resultId);
    // And it keeps working: sequences moved on, the chain goes on from the restored head.
    const [next] = await rowsOf(target, `select nextval('audit_events_id_seq')::int as id`);
    const [max] = await rowsOf(target, 'select max(id)::int as id from audit_events');
    expect(next!.id).toBeGreaterThan(max!.id as number);
    expect(contract.status).toBe('registered');
    await getDb().transaction((tx) => audit(tx, { action: 'test.after-restore', subjectType: 'test' }));
    const more = await verifyAuditChain(getDb());
    expect(more.broken).toBeUndefined();
    expect(more.checked).toBe(chain.checked + 1);

    const restoreSeconds = restored.timings.checksum + restored.timings.schema + restored.timings.load + restored.timings.migrate;
    console.log(
      `[restore drill] ${restored.rows} rows, ${(backup.bytes / 1024).toFixed(0)} KiB: backup ${backup.seconds.toFixed(2)} s, ` +
        `restore ${restoreSeconds.toFixed(2)} s (checksum ${restored.timings.checksum.toFixed(2)}, schema ${restored.timings.schema.toFixed(2)}, load ${restored.timings.load.toFixed(2)}, migrate ${restored.timings.migrate.toFixed(2)}), ` +
        `reindex ${reindexSeconds.toFixed(2)} s, verify ${after.seconds.toFixed(2)} s`,
    );
  });
});
