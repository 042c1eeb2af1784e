import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { api, meta, ok, parseOr400, readJson } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { demandCreateSchema, demandListQuery } from '#app/schemas/demands.server.ts';
import { createDemand, listDemands, toApiWithOwner } from '#app/services/demands.server.ts';

/** `?scope=mine|public|all&status=&field=&page=&pageSize=`: an enterprise's own by default, else the published ones. */
export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const v = await requireViewer(request);
  const q = parseOr400(demandListQuery, Object.fromEntries(new URL(request.url).searchParams));
  return ok(await listDemands(v, q));
});

/** Posts a technology demand (verified enterprise): published at once, searchable and matchable within seconds. */
export const action = api(async ({ request, context }: ActionFunctionArgs) => {
  const v = await requireViewer(request);
  const input = await readJson(request, demandCreateSchema);
  return ok(await toApiWithOwner(await createDemand(v, input, meta(request, context as { ip?: string }))), 201);
});
