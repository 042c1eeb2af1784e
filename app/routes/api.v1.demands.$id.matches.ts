import type { LoaderFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { api, isUuid, ok, parseOr400 } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { limitRequest } from '#app/lib/rate-limit.server.ts';
import { matchesQuery } from '#app/schemas/demands.server.ts';
import { orSearchUnavailable } from '#app/services/demands.server.ts';
import { authorizeMatches } from '#app/services/match-access.server.ts';
import { matchesForDemand } from '#app/services/matching.server.ts';

/** Ranked results for a demand, each with a score 0–1 and the reasons (the enterprise, agencies, bureau). */
export const loader = api(async ({ request, params, context }: LoaderFunctionArgs) => {
  if (!isUuid(params.id)) throw notFound();
  const v = await requireViewer(request);
  await limitRequest('matching', context, v.user.id);
  const { limit } = parseOr400(matchesQuery, Object.fromEntries(new URL(request.url).searchParams));
  await authorizeMatches(v, 'demand', params.id);
  return ok(await orSearchUnavailable('matches', matchesForDemand(params.id, { limit })));
});
