import type { LoaderFunctionArgs } from '@remix-run/node';
import { api, ok } from '#app/lib/api.server.ts';
import { getViewer } from '#app/lib/auth.server.ts';
import { limitRequest } from '#app/lib/rate-limit.server.ts';
import { searchFromUrl } from '#app/services/search.server.ts';

/** Public search over published results, with facets and highlights. */
export const loader = api(async ({ request, context }: LoaderFunctionArgs) => {
  await limitRequest('search', context, (await getViewer(request))?.user.id);
  const { query: _, ...answer } = await searchFromUrl(new URL(request.url));
  return ok(answer);
});
