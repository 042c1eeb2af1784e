import { MeilisearchTaskTimeOutError, type EnqueuedTaskPromise, type Task } from 'meilisearch';
import { setTimeout as sleep } from 'node:timers/promises';
import { meili } from './client.ts';

export type TaskWait = { timeout: number; interval: number };

/**
 * Waits for an enqueued Meilisearch task to finish (succeeded, failed or canceled).
 *
 * We poll here instead of calling the SDK's `waitTask`: meilisearch@0.62 adds an abort
 * listener to the wait's signal on every poll and only removes it on abort, so a
 * 30-second wait at 50 ms leaves hundreds of listeners behind and Node prints
 * MaxListenersExceededWarning in the server's log. Each poll here is a plain request
 * bounded by the client's own timeout.
 */
export async function settled(enqueued: EnqueuedTaskPromise, { timeout, interval }: TaskWait): Promise<Task> {
  const { taskUid } = await enqueued;
  const deadline = Date.now() + timeout;
  for (;;) {
    const task = await meili().tasks.getTask(taskUid);
    if (task.status !== 'enqueued' && task.status !== 'processing') return task;
    if (Date.now() >= deadline) throw new MeilisearchTaskTimeOutError(taskUid, timeout);
    await sleep(interval);
  }
}
