import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { api, isUuid, ok, readJson } from '#app/lib/api.server.ts';
import { getViewer, requireViewer } from '#app/lib/auth.server.ts';
import { resultPatchSchema } from '#app/schemas/results.server.ts';
import { getResult, toApiWithHolder, updateResult } from '#app/services/results.server.ts';

export const loader = api(async ({ request, params }: LoaderFunctionArgs) => {
  if (!isUuid(params.id)) throw notFound();
  const { isOwner: _, ...result } = await getResult(await getViewer(request), params.id);
  return ok(result);
});

/** PATCH: the owner edits any subset of the fields. */
export const action = api(async ({ request, params }: ActionFunctionArgs) => {
  if (request.method !== 'PATCH' || !isUuid(params.id)) throw notFound();
  const v = await requireViewer(request);
  const patch = await readJson(request, resultPatchSchema);
  return ok(await toApiWithHolder(await updateResult(v, params.id, patch)));
});
