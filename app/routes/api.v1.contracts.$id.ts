import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { api, isUuid, meta, ok, readJson } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { contractPatchSchema } from '#app/schemas/contracts.server.ts';
import { getContract, updateContract } from '#app/services/contracts.server.ts';

export const loader = api(async ({ request, params }: LoaderFunctionArgs) => {
  const v = await requireViewer(request);
  if (!isUuid(params.id)) throw notFound();
  return ok(await getContract(v, params.id));
});

/** PATCH: a party edits the draft; both confirmations are cleared. */
export const action = api(async ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== 'PATCH' || !isUuid(params.id)) throw notFound();
  const v = await requireViewer(request);
  const patch = await readJson(request, contractPatchSchema);
  await updateContract(v, params.id, patch, meta(request, context));
  return ok(await getContract(v, params.id));
});
