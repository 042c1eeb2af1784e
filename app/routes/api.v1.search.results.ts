import type { LoaderFunctionArgs } from '@remix-run/node';
import { api, ok } from '#app/lib/api.server.ts';
import { searchFromUrl } from '#app/services/search.server.ts';

/** Public search over published results, with facets and highlights. */
export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const { query: _, ...answer } = await searchFromUrl(new URL(request.url));
  return ok(answer);
});
