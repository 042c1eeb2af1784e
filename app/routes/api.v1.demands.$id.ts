import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { api, isUuid, meta, ok, readJson } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { demandPatchSchema } from '#app/schemas/demands.server.ts';
import { getDemand, toApiWithOwner, updateDemand } from '#app/services/demands.server.ts';

/** One demand: published ones to anyone signed in; closed and expired ones to the owner, agencies and the bureau. */
export const loader = api(async ({ request, params }: LoaderFunctionArgs) => {
  if (!isUuid(params.id)) throw notFound();
  const v = await requireViewer(request);
  const { viewer: _, regionCode: __, ...demand } = await getDemand(v, params.id);
  return ok(demand);
});

/** PATCH: the owner edits a published demand. */
export const action = api(async ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== 'PATCH' || !isUuid(params.id)) throw notFound();
  const v = await requireViewer(request);
  const patch = await readJson(request, demandPatchSchema);
  return ok(await toApiWithOwner(await updateDemand(v, params.id, patch, meta(request, context as { ip?: string }))));
});
