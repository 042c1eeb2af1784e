import { sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.ts';
import type { JobName, JobPayloads } from './catalog.ts';

type EnqueueOptions = {
  /**
   * Dedupe key: a pending job with the same key is replaced, not duplicated. Required, so
   * that a job without a key is always one graphile-worker retired (see sweep in worker.ts).
   */
  jobKey: string;
  /** `preserve_run_at`: replacing a pending job keeps its time, so a stream of changes cannot postpone it. */
  jobKeyMode?: 'replace' | 'preserve_run_at';
  runAt?: Date;
  maxAttempts?: number;
  priority?: number;
  /** Jobs of one named queue run one at a time, in order. */
  queueName?: string;
};

/** Adds a job inside the caller's transaction, so it exists if and only if the change commits. */
export async function enqueue<K extends JobName>(
  tx: DbOrTx,
  name: K,
  payload: JobPayloads[K],
  opts: EnqueueOptions,
): Promise<void> {
  await tx.execute(sql`select graphile_worker.add_job(
    identifier => ${name},
    payload => ${JSON.stringify(payload)}::json,
    queue_name => ${opts.queueName ?? null},
    job_key => ${opts.jobKey},
    run_at => ${opts.runAt?.toISOString() ?? null}::timestamptz,
    max_attempts => ${opts.maxAttempts ?? 10},
    priority => ${opts.priority ?? 0},
    job_key_mode => ${opts.jobKeyMode ?? 'replace'}
  )`);
}
