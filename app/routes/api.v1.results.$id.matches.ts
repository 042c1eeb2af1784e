import type { LoaderFunctionArgs } from '@remix-run/node';
import { forbidden, notFound } from '#domain/errors.ts';
import { api, isUuid, ok, parseOr400 } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { matchesQuery } from '#app/schemas/demands.server.ts';
import { orSearchUnavailable, seesAll } from '#app/services/demands.server.ts';
import { matchesForResult } from '#app/services/matching.server.ts';
import { getResult } from '#app/services/results.server.ts';

/** Ranked published demands for a result, with scores and reasons (the owner or holder, agencies, bureau). */
export const loader = api(async ({ request, params }: LoaderFunctionArgs) => {
  if (!isUuid(params.id)) throw notFound();
  const v = await requireViewer(request);
  const { limit } = parseOr400(matchesQuery, Object.fromEntries(new URL(request.url).searchParams));
  const r = await getResult(v, params.id);
  const mine = !!v.user.orgId && (v.user.orgId === r.ownerOrgId || v.user.orgId === r.holderOrgId);
  if (!mine && !seesAll(v)) throw forbidden({ zh: '只有成果持有方、技术转移服务机构和科技局可以查看匹配的需求', en: 'Only the holder, agencies and the bureau may see matching demands' });
  return ok(await orSearchUnavailable('matches', matchesForResult(params.id, { limit })));
});
