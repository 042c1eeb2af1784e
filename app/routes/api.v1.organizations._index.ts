import type { LoaderFunctionArgs } from '@remix-run/node';
import { api, ok, paging, parseOr400 } from '#app/lib/api.server.ts';
import { requireAction } from '#app/lib/auth.server.ts';
import { listOrganizations } from '#app/services/organizations.server.ts';
import { orgListQuery } from '#app/schemas/accounts.server.ts';

/** The bureau's list of organisations, e.g. `?status=pending` for the verification queue. */
export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  await requireAction(request, 'bureau.orgs.verify');
  const url = new URL(request.url);
  const q = parseOr400(orgListQuery, Object.fromEntries(url.searchParams));
  return ok(await listOrganizations({ ...q, ...paging(url) }));
});
