/**
 * The dead-letter list: jobs that used up their attempts, and running one again. Knows
 * graphile-worker's tables, nothing of who asks — callers authorise (app/services/jobs.server.ts).
 */
import { sql } from 'drizzle-orm';
import { getDb, type DbOrTx } from '#db/client.ts';
import { audit } from '#db/queries/audit.ts';
import { notFound } from '#domain/errors.ts';

/** How many dead jobs the list shows, and how much of each error. */
const LIST_LIMIT = 200;
const ERROR_CHARS = 500;

export type DeadJob = { id: string; task: string; attempts: number; maxAttempts: number; lastError: string | null; payload: unknown; failedAt: string };

/** Jobs that used up their attempts and are not running, the latest failure first. */
export async function listDeadJobs(db: DbOrTx = getDb()): Promise<DeadJob[]> {
  const rows = await db.execute<{ id: string; task: string; attempts: number; max_attempts: number; last_error: string | null; payload: unknown; updated_at: Date }>(sql`
    select j.id::text, t.identifier as task, j.attempts, j.max_attempts, j.last_error, j.payload, j.updated_at
    from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
    where j.attempts >= j.max_attempts and j.locked_at is null order by j.updated_at desc limit ${LIST_LIMIT}`);
  return [...rows].map((r) => ({
    id: r.id,
    task: r.task,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    lastError: r.last_error?.slice(0, ERROR_CHARS) ?? null,
    payload: r.payload,
    failedAt: new Date(r.updated_at).toISOString(),
  }));
}

/** Runs a dead job again now, with fresh attempts; audited. 404 unless the job is dead (not live, not running). */
export async function retryDeadJob(id: string, by: { userId: string; ip: string }): Promise<void> {
  if (!/^\d{1,18}$/.test(id)) throw notFound();
  await getDb().transaction(async (tx) => {
    const rows = await tx.execute<{ id: string }>(sql`select id::text from graphile_worker._private_jobs where id = ${id}::bigint and attempts >= max_attempts and locked_at is null for update`);
    if ([...rows].length === 0) throw notFound();
    await tx.execute(sql`select graphile_worker.reschedule_jobs(array[${id}::bigint], run_at => now(), attempts => 0)`);
    await audit(tx, { actorUserId: by.userId, action: 'job.retry', subjectType: 'job', subjectId: id, ip: by.ip });
  });
}
