import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env, resetEnv } from '#config/env.ts';
import { startMeilisearch } from './meilisearch.ts';
import { ensureDatabase, startPostgres } from './postgres.ts';
import { isAlive } from './process.ts';

export const DATABASE_NAME = 'techtransfer';

type Runtime = { ownerPid: number; databaseUrl?: string; meiliUrl?: string; meiliMasterKey?: string };

export type Services = {
  databaseUrl: string;
  meiliUrl: string;
  meiliMasterKey: string;
  /** What was started here (and is stopped by `stop`). */
  started: string[];
  stop: () => Promise<void>;
};

function runtimeFile(): string {
  return path.resolve(env().DATA_DIR, 'runtime.json');
}

/** Services started by a running `npm start`, so `npm run worker` and the CLI can share them. */
function liveRuntime(): Runtime | undefined {
  const file = runtimeFile();
  if (!existsSync(file)) return undefined;
  const rt = JSON.parse(readFileSync(file, 'utf8')) as Runtime;
  return isAlive(rt.ownerPid) ? rt : undefined;
}

/**
 * Points DATABASE_URL and MEILI_URL at real servers: the ones configured, else the
 * ones a running `npm start` owns, else embedded ones started now under DATA_DIR.
 */
export async function ensureServices(opts: { log?: (l: string) => void; share?: boolean } = {}): Promise<Services> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const e = env();
  const dir = path.resolve(e.DATA_DIR);
  mkdirSync(dir, { recursive: true });
  const shared = liveRuntime();
  const started: string[] = [];
  const stops: Array<() => Promise<void>> = [];

  let databaseUrl = e.DATABASE_URL ?? shared?.databaseUrl;
  let meiliUrl = e.MEILI_URL ?? shared?.meiliUrl;
  let meiliMasterKey = e.MEILI_URL ? (e.MEILI_MASTER_KEY ?? '') : shared?.meiliMasterKey;

  const tasks: Promise<void>[] = [];
  if (!databaseUrl) {
    tasks.push(
      startPostgres({ dir, log }).then(async (pg) => {
        stops.push(pg.stop);
        await ensureDatabase(pg.url('postgres'), DATABASE_NAME);
        databaseUrl = pg.url(DATABASE_NAME);
        started.push(`PostgreSQL (embedded) on 127.0.0.1:${pg.port}, data in ${pg.dataDir}`);
      }),
    );
  }
  if (!meiliUrl) {
    tasks.push(
      startMeilisearch({ dir, log }).then((m) => {
        stops.push(m.stop);
        meiliUrl = m.url;
        meiliMasterKey = m.masterKey;
        started.push(`Meilisearch (embedded) on ${m.url}, data in ${path.join(dir, 'meili')}`);
      }),
    );
  }
  const results = await Promise.allSettled(tasks);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  const stop = async () => {
    await Promise.all(stops.map((s) => s()));
    if (opts.share && stops.length > 0) rmSync(runtimeFile(), { force: true });
  };
  if (failed) {
    await stop();
    throw failed.reason;
  }

  process.env.DATABASE_URL = databaseUrl;
  process.env.MEILI_URL = meiliUrl;
  process.env.MEILI_MASTER_KEY = meiliMasterKey;
  resetEnv();
  if (opts.share && stops.length > 0) {
    const rt: Runtime = { ownerPid: process.pid, databaseUrl, meiliUrl, meiliMasterKey };
    writeFileSync(runtimeFile(), JSON.stringify(rt), { mode: 0o600 });
  }
  return { databaseUrl: databaseUrl!, meiliUrl: meiliUrl!, meiliMasterKey: meiliMasterKey ?? '', started, stop };
}
