import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { api, ok, paging, readJson } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { resultCreateSchema } from '#app/schemas/results.server.ts';
import { createResult, listOwnResults, toApiWithHolder } from '#app/services/results.server.ts';

/** The caller's own organisation's results, newest change first. */
export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const v = await requireViewer(request);
  return ok(await listOwnResults(v, paging(new URL(request.url))));
});

/** Creates a draft. */
export const action = api(async ({ request }: ActionFunctionArgs) => {
  const v = await requireViewer(request);
  const input = await readJson(request, resultCreateSchema);
  return ok(await toApiWithHolder(await createResult(v, input)), 201);
});
