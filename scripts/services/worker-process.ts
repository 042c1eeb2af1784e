import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep } from './process.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A job worker running as its own process (`scripts/worker.ts`). */
export type WorkerProcess = {
  child: ChildProcess;
  exited: Promise<void>;
  /** Dead workers whose jobs this process's sweeper unlocked. */
  swept: () => number;
  /** Its last 40 lines of output. */
  tail: () => string;
};

/**
 * Starts `scripts/worker.ts` with this environment (DATABASE_URL, MEILI_URL… as
 * ensureServices set them). `node --import tsx` rather than the tsx CLI, so the
 * pid is the worker itself, not a wrapper: a signal reaches it. `ready` settles
 * once it runs, or rejects if it exits first.
 */
export function spawnWorker(env: NodeJS.ProcessEnv, log: (line: string) => void, opts: { echo?: boolean } = {}): { proc: WorkerProcess; ready: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let swept = 0;
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  const take = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      lines.push(line);
      if (lines.length > 40) lines.shift();
      if (line.includes('[worker] running')) onReady();
      const m = /unlocked the jobs of (\d+) dead worker/.exec(line);
      if (m) swept += Number(m[1]);
      if (opts.echo) log(line);
      else if (/error/i.test(line) && !line.includes('attempt')) log(`  worker ${child.pid}: ${line}`);
    }
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const proc = { child, exited, swept: () => swept, tail: () => lines.join('\n') };
  const failed = exited.then(() => {
    throw new Error(`the worker exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${proc.tail()}`);
  });
  return { proc, ready: Promise.race([ready, failed]) };
}

export async function killWorker(w: WorkerProcess): Promise<void> {
  if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
  await w.exited;
}

/** SIGTERM (the worker finishes its running jobs), then SIGKILL after 10 s. */
export async function stopWorker(w: WorkerProcess): Promise<void> {
  if (w.child.exitCode !== null || w.child.signalCode !== null) return;
  w.child.kill('SIGTERM');
  const done = await Promise.race([w.exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!done) await killWorker(w);
}

/**
 * Runs the worker as a child process and starts it again if it dies (1 s, 2 s, 4 s…
 * up to 30 s apart; the sweeper of the new one unlocks the dead one's jobs). Jobs then
 * never compete with web requests for one event loop, and a job that crashes its
 * process does not take the web server down.
 */
export async function superviseWorker(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<{ stop: () => Promise<void> }> {
  let current: WorkerProcess | undefined;
  let stopping = false;
  let delay = 1_000;
  const launch = async (): Promise<void> => {
    const { proc, ready } = spawnWorker(env, log, { echo: true });
    const startedAt = Date.now();
    current = proc;
    void proc.exited.then(async () => {
      if (stopping) return;
      // A worker that ran for a minute was healthy: the next one starts soon again.
      if (Date.now() - startedAt > 60_000) delay = 1_000;
      log(`[start] the job worker exited (${proc.child.exitCode ?? proc.child.signalCode}); starting it again in ${delay / 1000} s`);
      await sleep(delay);
      delay = Math.min(delay * 2, 30_000);
      if (!stopping) await launch().catch((e: unknown) => log(`[start] the job worker did not start: ${e instanceof Error ? e.message : String(e)}`));
    });
    await ready;
  };
  await launch();
  return {
    async stop() {
      stopping = true;
      if (current) await stopWorker(current);
    },
  };
}
