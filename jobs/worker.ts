import { EventEmitter } from 'node:events';
import { run, type Runner, type WorkerEvents } from 'graphile-worker';
import postgres from 'postgres';
import { JOB_NAMES, type JobName } from './catalog.ts';
import { handlers } from './handlers.ts';
import { jobLogger } from './logger.ts';
import { warmUpSegmenter } from '#search/segment.ts';
import { warmEmbedder } from '#search/embedding/embedder.ts';

/**
 * Each pool is a runner with its own slots: a grant recompute is never queued
 * behind search syncs that wait for Meilisearch, or behind a batch of e-mails.
 */
export const pools = {
  grants: ['grants:recompute'],
  default: JOB_NAMES.filter((t) => t !== 'grants:recompute'),
} as const satisfies Record<string, readonly JobName[]>;
export type PoolName = keyof typeof pools;

/** Recurring jobs (graphile-worker crontab syntax). Each has a job key, like every job we add. */
export const CRON_KEY_PREFIX = 'cron:';
export const crontab = [
  '17 3 * * * auth:cleanup ?jobKey=cron:auth:cleanup',
  '* * * * * search:reconcile ?max=1&jobKey=cron:search:reconcile',
  '*/5 * * * * demands:expire ?max=1&jobKey=cron:demands:expire',
  '41 * * * * demands:rescore ?max=1&jobKey=cron:demands:rescore',
  '*/3 * * * * alerts:run ?max=1&jobKey=cron:alerts:run',
].join('\n');

/** How often a worker process says it is alive, and how long silence means it was killed. */
export const HEARTBEAT_MS = 2_000;
export const STALE_AFTER_S = 10;

/** A running worker: its pools' runners behind one stop and one promise. */
export type Worker = { stop(): Promise<void>; promise: Promise<void> };

/**
 * Starts a job worker on the PostgreSQL queue. Importing this module starts nothing.
 *
 * The worker runs one graphile-worker runner per pool (`pools` above): each
 * fetches only its own tasks, so grant recomputes never wait behind search syncs
 * that are waiting for Meilisearch. `concurrency` is the default pool's; the
 * grants pool has `grantsConcurrency`.
 *
 * graphile-worker keeps a killed worker's jobs locked for up to 4 hours. So each
 * process records a heartbeat for its workers, and sweeps: the jobs of workers
 * whose heartbeat is older than STALE_AFTER_S are unlocked (force_unlock_workers)
 * and run again. That is safe because every handler is idempotent.
 */
export async function startWorker(opts: { connectionString: string; concurrency: number; grantsConcurrency?: number }): Promise<Worker> {
  // Load the segmenter's dictionaries and the embedding model now rather than inside the first sync job.
  warmUpSegmenter();
  void warmEmbedder();
  const events = new EventEmitter() as WorkerEvents;
  const ids = new Set<string>();
  events.on('worker:create', ({ worker }) => ids.add(worker.workerId));
  events.on('worker:release', ({ worker }) => ids.delete(worker.workerId));
  const concurrency: Record<PoolName, number> = { default: opts.concurrency, grants: opts.grantsConcurrency ?? 4 };
  const runners: Runner[] = [];
  try {
    for (const [pool, tasks] of Object.entries(pools) as Array<[PoolName, readonly JobName[]]>) {
      runners.push(
        await run({
          connectionString: opts.connectionString,
          concurrency: concurrency[pool],
          taskList: Object.fromEntries(tasks.map((t) => [t, handlers[t]])),
          // Cron items are scheduled once, by the default pool.
          ...(pool === 'default' ? { crontab } : { parsedCronItems: [] }),
          logger: jobLogger,
          noHandleSignals: true,
          pollInterval: 1000,
          events,
        }),
      );
    }
  } catch (e) {
    await Promise.all(runners.map((r) => r.stop()));
    throw e;
  }
  const sql = postgres(opts.connectionString, { max: 1, onnotice: () => {}, idle_timeout: 30 });
  let stopped = false;
  const beat = async () => {
    if (ids.size) {
      await sql`insert into worker_heartbeats ${sql([...ids].map((workerId) => ({ worker_id: workerId, pid: process.pid, last_seen: new Date() })))}
                on conflict (worker_id) do update set last_seen = excluded.last_seen`;
    }
    await sweep(sql);
  };
  const timer = setInterval(() => {
    if (!stopped) beat().catch((e: unknown) => jobLogger.warn(`heartbeat: ${e instanceof Error ? e.message : String(e)}`));
  }, HEARTBEAT_MS);
  timer.unref();
  await beat().catch(() => {});
  return {
    promise: Promise.all(runners.map((r) => r.promise)).then(() => undefined),
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await Promise.all(runners.map((r) => r.stop()));
      await sql`delete from worker_heartbeats where worker_id = any(${[...ids]}::text[])`.catch(() => {});
      await sql.end({ timeout: 2 });
    },
  };
}

/** The error a job gets when its worker died during its last attempt. */
export const DIED_ON_LAST_ATTEMPT = 'The worker running its last attempt died (no heartbeat); retry it from the dead-letter list.';

/**
 * Unlocks the jobs of dead workers: those whose heartbeat went stale, and those
 * locked by a worker that never beat at all, once the lock is older than the
 * stale limit. Returns how many workers were unlocked.
 */
export async function sweep(sql: postgres.Sql): Promise<number> {
  const dead = await sql<Array<{ worker_id: string }>>`
    select worker_id from worker_heartbeats where last_seen < now() - make_interval(secs => ${STALE_AFTER_S})
    union
    select distinct j.locked_by from graphile_worker._private_jobs j
      where j.locked_by is not null and j.locked_at < now() - make_interval(secs => ${STALE_AFTER_S})
        and not exists (select 1 from worker_heartbeats h where h.worker_id = j.locked_by)`;
  if (dead.length === 0) return 0;
  const workerIds = dead.map((d) => d.worker_id);
  // Two kinds of job would otherwise stay behind, unlocked but never run again:
  // - retired ones: graphile-worker retires a running job when its key is added again (key
  //   cleared, attempts set to the maximum) and a newer job does the work. Every job we add
  //   has a key (jobs/enqueue.ts, the crontab), so a job without one is retired: drop it.
  //   A recurring job on its last attempt goes too: its next run does the same work.
  // - other jobs on their last attempt: they failed without a word. Say why, so the
  //   dead-letter list shows them and the bureau can retry them.
  await sql.begin(async (tx) => {
    await tx`delete from graphile_worker._private_jobs
             where locked_by = any(${workerIds}::text[]) and attempts >= max_attempts and (key is null or key like ${`${CRON_KEY_PREFIX}%`})`;
    await tx`update graphile_worker._private_jobs set last_error = ${DIED_ON_LAST_ATTEMPT}
             where locked_by = any(${workerIds}::text[]) and attempts >= max_attempts`;
    await tx`select graphile_worker.force_unlock_workers(${workerIds}::text[])`;
  });
  await sql`delete from worker_heartbeats where worker_id = any(${workerIds}::text[])`;
  jobLogger.warn(`unlocked the jobs of ${workerIds.length} dead worker(s)`);
  return workerIds.length;
}
