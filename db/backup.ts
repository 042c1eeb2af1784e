/**
 * Logical backup and restore of the platform's PostgreSQL database, with no client tools:
 * the embedded PostgreSQL package ships only initdb, pg_ctl and postgres (no pg_dump), and
 * a system pg_dump is absent or older than the server. See docs/decisions/020-audit-chain-and-backups.md.
 *
 * A backup is one gzip file: a header line, the manifest (JSON), then each table as
 * `COPY … FROM stdin` text data ending in `\.` — all read in one REPEATABLE READ snapshot,
 * so it is consistent. The schema is not in the file: a restore rebuilds it by running our
 * migrations up to the backup's level, loads the rows, then runs any newer migrations.
 */
import { createHash } from 'node:crypto';
import { cpSync, createReadStream, createWriteStream, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGunzip, createGzip } from 'node:zlib';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { runMigrations } from 'graphile-worker';
import postgres from 'postgres';
import { jobLogger } from '#jobs/logger.ts';
import { migrateDatabase } from './migrate.ts';

const MAGIC = 'TECHTRANSFER-BACKUP 1';
const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
/** Our schemas. The job queue's own migration table is rebuilt by its migrator, not copied. */
const SCHEMAS = ['public', 'drizzle', 'graphile_worker'] as const;
const SKIP = new Set(['graphile_worker.migrations']);
/** Shown first in the manifest's counts. */
export const KEY_TABLES = ['organizations', 'users', 'results', 'contracts', 'grants', 'demands', 'audit_events'] as const;

export type TableEntry = { schema: string; name: string; columns: string[]; rows: number };
export type BackupManifest = {
  format: typeof MAGIC;
  createdAt: string;
  database: string;
  serverVersion: string;
  migrations: Array<{ hash: string; createdAt: number }>;
  tables: TableEntry[];
  counts: Record<string, number>;
  sequences: Array<{ schema: string; name: string; lastValue: string | null }>;
  auditChainHead: { seq: number; hash: string | null };
};

const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;
const qualified = (t: { schema: string; name: string }) => `${ident(t.schema)}.${ident(t.name)}`;
type Connection = postgres.Sql & { afterCopyOut: () => void };

/**
 * One connection on a socket of our own: Nagle off (each COPY ends in a small CopyDone that
 * would otherwise wait ~40 ms for a delayed ACK), and a handle to resume it after a COPY TO:
 * postgres.js pauses the socket when a COPY stream's buffer fills, and if CopyDone arrives in
 * that same chunk nothing resumes it, so the next query hangs (porsager/postgres#499, fix in
 * the unmerged #1016).
 */
function connect(url: string): Connection {
  const u = new URL(url);
  let current: net.Socket | undefined;
  const socket = () =>
    new Promise<net.Socket>((resolve, reject) => {
      const s = net.connect({ host: u.hostname, port: Number(u.port || 5432), noDelay: true });
      s.once('connect', () => resolve((current = s)));
      s.once('error', reject);
    });
  const own = u.hostname !== '' && !u.searchParams.has('host');
  const sql = postgres(url, { max: 1, onnotice: () => {}, ...(own ? { socket } : {}) });
  return Object.assign(sql, { afterCopyOut: () => void current?.resume() });
}

/** `<hex>  <file name>`, as sha256sum writes and checks it. */
export function checksumLine(hex: string, file: string): string {
  return `${hex}  ${path.basename(file)}\n`;
}

export async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

export function defaultBackupFile(dataDir: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return path.resolve(dataDir, 'backups', `techtransfer-${stamp}.backup.gz`);
}

type Sql = postgres.Sql | postgres.TransactionSql;

async function listTables(sql: Sql): Promise<Array<{ schema: string; name: string; columns: string[] }>> {
  const rows = await sql<Array<{ schema: string; name: string; columns: string[] }>>`
    select n.nspname as schema, c.relname as name,
      array_agg(a.attname::text order by a.attnum) as columns
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
    where c.relkind = 'r' and n.nspname in ${sql(SCHEMAS)}
    group by n.nspname, c.relname
    order by n.nspname, c.relname`;
  return rows.filter((t) => !SKIP.has(`${t.schema}.${t.name}`));
}

/**
 * Writes a consistent backup of the database at `url` to `file`, then `file.sha256` and
 * `file.manifest.json`. Returns the manifest.
 */
export async function backupDatabase(url: string, file: string): Promise<{ manifest: BackupManifest; sha256: string; bytes: number; seconds: number }> {
  const t0 = performance.now();
  mkdirSync(path.dirname(file), { recursive: true });
  const sql = connect(url);
  const hash = createHash('sha256');
  let bytes = 0;
  const tmp = `${file}.partial`;
  try {
    const manifest = await sql.begin('isolation level repeatable read read only', async (tx) => {
      const tables = await listTables(tx);
      const entries: TableEntry[] = [];
      for (const t of tables) {
        const [{ n }] = (await tx.unsafe(`select count(*)::int as n from ${qualified(t)}`)) as unknown as [{ n: number }];
        entries.push({ ...t, rows: n });
      }
      const [{ server_version: serverVersion, db }] = (await tx`select current_setting('server_version') as server_version, current_database() as db`) as unknown as [
        { server_version: string; db: string },
      ];
      const migrations = entries.some((t) => t.schema === 'drizzle' && t.name === '__drizzle_migrations')
        ? (await tx`select hash, created_at::text as created_at from drizzle.__drizzle_migrations order by created_at`).map((r) => ({ hash: r.hash as string, createdAt: Number(r.created_at) }))
        : [];
      const sequences = (await tx`select schemaname as schema, sequencename as name, last_value::text as last_value from pg_sequences where schemaname in ${tx(SCHEMAS)} order by 1, 2`).map(
        (r) => ({ schema: r.schema as string, name: r.name as string, lastValue: (r.last_value as string | null) ?? null }),
      );
      const [head] = await tx`select last_seq::int as seq, last_hash as hash from audit_chain_head`;
      const counts = Object.fromEntries(
        [...KEY_TABLES.map((k) => entries.find((e) => e.schema === 'public' && e.name === k)), ...entries.filter((e) => !KEY_TABLES.includes(e.name as never) || e.schema !== 'public')]
          .filter((e): e is TableEntry => !!e)
          .map((e) => [e.schema === 'public' ? e.name : `${e.schema}.${e.name}`, e.rows]),
      );
      const m: BackupManifest = {
        format: MAGIC,
        createdAt: new Date().toISOString(),
        database: db,
        serverVersion,
        migrations,
        tables: entries,
        counts,
        sequences,
        auditChainHead: { seq: (head?.seq as number | undefined) ?? 0, hash: (head?.hash as string | null | undefined) ?? null },
      };

      async function* sections(): AsyncGenerator<Buffer | string> {
        yield `${MAGIC}\n${JSON.stringify(m)}\n`;
        for (const t of entries) {
          yield `COPY ${qualified(t)} (${t.columns.map(ident).join(', ')}) FROM stdin;\n`;
          const readable = await tx.unsafe(`copy ${qualified(t)} (${t.columns.map(ident).join(', ')}) to stdout`).readable();
          for await (const chunk of readable) yield chunk as Buffer;
          sql.afterCopyOut();
          yield '\\.\n';
        }
      }
      const tee = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          bytes += chunk.length;
          done(null, chunk);
        },
      });
      await pipeline(Readable.from(sections()), createGzip({ level: 6 }), tee, createWriteStream(tmp));
      return m;
    });
    renameSync(tmp, file);
    const sha256 = hash.digest('hex');
    writeFileSync(`${file}.sha256`, checksumLine(sha256, file));
    writeFileSync(`${file}.manifest.json`, JSON.stringify({ ...manifest, file: path.basename(file), bytes, sha256 }, null, 2) + '\n');
    return { manifest, sha256, bytes, seconds: (performance.now() - t0) / 1000 };
  } finally {
    rmSync(tmp, { force: true });
    await sql.end();
  }
}

export class BackupRefused extends Error {}

/** Checks `file` against `file.sha256`; throws BackupRefused when it is missing or differs. */
export async function verifyChecksum(file: string): Promise<string> {
  let line: string;
  try {
    line = readFileSync(`${file}.sha256`, 'utf8');
  } catch {
    throw new BackupRefused(`${file}.sha256 is missing: a backup is restored only with its checksum`);
  }
  const expected = line.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  const actual = await sha256File(file);
  if (expected !== actual) throw new BackupRefused(`${path.basename(file)} does not match its checksum (expected ${expected}, got ${actual}): refusing to restore a damaged or altered backup`);
  return actual;
}

/** Yields the file's lines (COPY text never holds a raw newline or carriage return). */
function lines(file: string): AsyncIterableIterator<string> {
  const input = createReadStream(file).pipe(createGunzip());
  return createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
}

export async function readManifest(file: string): Promise<BackupManifest> {
  const it = lines(file);
  try {
    const magic = await it.next();
    if (magic.value !== MAGIC) throw new BackupRefused(`${path.basename(file)} is not a platform backup (no "${MAGIC}" header)`);
    return JSON.parse((await it.next()).value as string) as BackupManifest;
  } finally {
    await it.return?.();
  }
}

type Journal = { entries: Array<{ idx: number; when: number; tag: string }> } & Record<string, unknown>;

/** A copy of the migrations folder holding only those the backup had applied. */
function migrationsUpTo(manifest: BackupManifest): string {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as Journal;
  const known = new Set(journal.entries.map((e) => e.when));
  const unknown = manifest.migrations.filter((m) => !known.has(m.createdAt));
  if (unknown.length > 0) throw new BackupRefused(`the backup has ${unknown.length} migration(s) this version does not know: restore it with the version that made it`);
  const last = Math.max(0, ...manifest.migrations.map((m) => m.createdAt));
  const entries = journal.entries.filter((e) => e.when <= last);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tt-migrations-'));
  mkdirSync(path.join(dir, 'meta'));
  writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const e of entries) cpSync(path.join(MIGRATIONS, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

/** Tables in our schemas: a target with any is not empty. */
export async function tablesIn(url: string): Promise<number> {
  const sql = connect(url);
  try {
    const [{ n }] = (await sql`select count(*)::int as n from pg_tables where schemaname in ${sql(SCHEMAS)}`) as unknown as [{ n: number }];
    return n;
  } finally {
    await sql.end();
  }
}

async function dropOurSchemas(url: string): Promise<void> {
  const sql = connect(url);
  try {
    for (const s of SCHEMAS) await sql.unsafe(`drop schema if exists ${ident(s)} cascade`);
    await sql.unsafe('create schema public');
  } finally {
    await sql.end();
  }
}

async function writeAll(w: Writable, chunk: string): Promise<void> {
  if (!w.write(chunk)) await new Promise<void>((resolve) => w.once('drain', resolve));
}

export type RestoreTimings = { checksum: number; schema: number; load: number; migrate: number };

/**
 * Restores `file` into the (empty, or with `force` emptied) database at `url`: checks the
 * checksum, rebuilds the schema at the backup's migration level, loads every table with
 * triggers off (rows, audit hashes and the chain head arrive as they were), sets the
 * sequences, then applies newer migrations. Needs a superuser (session_replication_role).
 */
export async function restoreDatabase(
  file: string,
  url: string,
  opts: { force?: boolean; log?: (l: string) => void; /** the caller has just checked it */ checksumVerified?: boolean } = {},
): Promise<{ manifest: BackupManifest; rows: number; timings: RestoreTimings }> {
  const log = opts.log ?? (() => {});
  const timings: RestoreTimings = { checksum: 0, schema: 0, load: 0, migrate: 0 };
  let t = performance.now();
  const lap = (k: keyof RestoreTimings) => {
    const now = performance.now();
    timings[k] = (now - t) / 1000;
    t = now;
  };
  if (!opts.checksumVerified) await verifyChecksum(file);
  const manifest = await readManifest(file);
  lap('checksum');
  log(`backup of ${manifest.database} taken ${manifest.createdAt} (PostgreSQL ${manifest.serverVersion}, ${manifest.tables.length} tables)`);

  if ((await tablesIn(url)) > 0) {
    if (!opts.force) throw new BackupRefused('the target database is not empty: restore into an empty one, or pass --force to replace its contents');
    log('the target database is not empty; --force: dropping its schemas');
    await dropOurSchemas(url);
  }
  const folder = migrationsUpTo(manifest);
  const sql = connect(url);
  let rows = 0;
  try {
    await migrate(drizzle(sql), { migrationsFolder: folder });
    await runMigrations({ connectionString: url, logger: jobLogger });
    lap('schema');

    await sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      const present = new Set((await listTables(tx)).map((x) => `${x.schema}.${x.name}`));
      const missing = manifest.tables.filter((x) => !present.has(`${x.schema}.${x.name}`));
      if (missing.length > 0) throw new BackupRefused(`tables in the backup but not in the schema: ${missing.map((x) => `${x.schema}.${x.name}`).join(', ')}`);
      await tx.unsafe(`truncate ${manifest.tables.map(qualified).join(', ')}`);

      const it = lines(file);
      await it.next();
      await it.next();
      let w: Writable | undefined;
      let done: Promise<void> | undefined;
      let buffer = '';
      for await (const line of it) {
        if (!w) {
          const m = /^COPY (.+) FROM stdin;$/.exec(line);
          if (!m) throw new BackupRefused(`unexpected line in the backup: ${line.slice(0, 80)}`);
          w = await tx.unsafe(`copy ${m[1]} from stdin`).writable();
          const stream = w;
          done = new Promise<void>((resolve, reject) => {
            stream.once('finish', resolve);
            stream.once('error', reject);
          });
          continue;
        }
        if (line === '\\.') {
          if (buffer) await writeAll(w, buffer);
          buffer = '';
          w.end();
          await done;
          w = undefined;
          continue;
        }
        rows += 1;
        buffer += line + '\n';
        if (buffer.length >= 1 << 16) {
          await writeAll(w, buffer);
          buffer = '';
        }
      }
      if (w) throw new BackupRefused('the backup ends in the middle of a table');
      for (const s of manifest.sequences) {
        if (s.lastValue !== null) await tx`select setval(${`${ident(s.schema)}.${ident(s.name)}`}::regclass, ${s.lastValue}::bigint, true)`;
      }
      // Jobs that were running when the backup was taken run again on the restored platform.
      await tx.unsafe('update graphile_worker._private_jobs set locked_at = null, locked_by = null where locked_at is not null');
      await tx.unsafe('update graphile_worker._private_job_queues set locked_at = null, locked_by = null where locked_at is not null');
    });
    const expected = manifest.tables.reduce((n, x) => n + x.rows, 0);
    if (rows !== expected) throw new BackupRefused(`loaded ${rows} rows, the manifest lists ${expected}`);
    lap('load');
  } finally {
    await sql.end();
    rmSync(folder, { recursive: true, force: true });
  }
  await migrateDatabase(url);
  lap('migrate');
  return { manifest, rows, timings };
}
