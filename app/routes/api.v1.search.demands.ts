import type { LoaderFunctionArgs } from '@remix-run/node';
import { api, ok, parseOr400 } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { limitRequest } from '#app/lib/rate-limit.server.ts';
import { demandSearchSchema, demandSearchParams } from '#app/schemas/demands.server.ts';
import { searchDemands } from '#app/services/demands.server.ts';

/** `?q=&field=&cooperationMode=&maturityNeeded=&page=&pageSize=`: published demands, for anyone signed in. */
export const loader = api(async ({ request, context }: LoaderFunctionArgs) => {
  const v = await requireViewer(request);
  await limitRequest('search', context, v.user.id);
  const params = parseOr400(demandSearchSchema, demandSearchParams(new URL(request.url).searchParams));
  return ok(await searchDemands(params));
});
