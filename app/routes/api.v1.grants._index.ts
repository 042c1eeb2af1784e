import type { LoaderFunctionArgs } from '@remix-run/node';
import { api, ok, paging, parseOr400 } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { grantQuerySchema } from '#app/schemas/grants.server.ts';
import { listGrants } from '#app/services/grants/review.server.ts';

/** The bureau: every grant, filtered by year, clause, status, county or recipient. An organisation: its own. */
export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const v = await requireViewer(request);
  const url = new URL(request.url);
  const q = parseOr400(grantQuerySchema, Object.fromEntries([...url.searchParams].filter(([k, val]) => k !== 'page' && k !== 'pageSize' && val !== '')));
  return ok(await listGrants(v, { ...q, ...paging(url) }));
});
