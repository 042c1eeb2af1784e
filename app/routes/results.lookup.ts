import type { LoaderFunctionArgs } from '@remix-run/node';
import { api, ok, parseOr400 } from '#app/lib/api.server.ts';
import { requireAction } from '#app/lib/auth.server.ts';
import { resultLookupQuery } from '#app/schemas/results.server.ts';
import { lookupResults } from '#app/services/results.server.ts';

/** The contract form's result picker asks here as the user types (GET only: no action). */
export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const v = await requireAction(request, 'contract.draft');
  const query = parseOr400(resultLookupQuery, Object.fromEntries(new URL(request.url).searchParams));
  return ok({ items: await lookupResults(v, query) });
});
