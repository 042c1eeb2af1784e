import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { api, meta, ok, readJson } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { deadJobs, retryDeadJob } from '#app/services/jobs.server.ts';

/** The dead-letter list: jobs that used up their attempts (the bureau). */
export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const v = await requireViewer(request);
  return ok({ items: await deadJobs(v) });
});

/** POST {id}: run a dead job again. */
export const action = api(async ({ request, context }: ActionFunctionArgs) => {
  const v = await requireViewer(request);
  const { id } = await readJson(request, z.object({ id: z.string().regex(/^\d{1,18}$/) }));
  await retryDeadJob(v, id, meta(request, context));
  return ok({ retried: id });
});
