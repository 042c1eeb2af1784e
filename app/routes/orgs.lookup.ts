import type { LoaderFunctionArgs } from '@remix-run/node';
import { api, ok, parseOr400 } from '#app/lib/api.server.ts';
import { requireAction } from '#app/lib/auth.server.ts';
import { orgLookupQuery } from '#app/schemas/organizations.server.ts';
import { searchOrganizations } from '#app/services/organizations.server.ts';

/** The contract form's organisation picker asks here as the user types (GET only: no action). */
export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  await requireAction(request, 'contract.draft');
  const query = parseOr400(orgLookupQuery, Object.fromEntries(new URL(request.url).searchParams));
  return ok({ items: await searchOrganizations(query) });
});
