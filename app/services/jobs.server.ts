/** The bureau's dead-letter list (jobs/admin.ts), behind the permission to retry jobs. */
import { listDeadJobs, retryDeadJob as retryJob } from '#jobs/admin.ts';
import { authorize, type Viewer } from '#app/lib/auth.server.ts';

export async function deadJobs(v: Viewer) {
  authorize(v, 'bureau.jobs.retry');
  return listDeadJobs();
}

export async function retryDeadJob(v: Viewer, id: string, meta: { ip: string }) {
  authorize(v, 'bureau.jobs.retry');
  await retryJob(id, { userId: v.user.id, ip: meta.ip });
}
