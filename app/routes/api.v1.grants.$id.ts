import type { LoaderFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { api, isUuid, ok } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { getGrant } from '#app/services/grants/review.server.ts';

/** One grant with its contracts, arithmetic and adjustments (the bureau, or its recipient). */
export const loader = api(async ({ request, params }: LoaderFunctionArgs) => {
  const v = await requireViewer(request);
  if (!isUuid(params.id)) throw notFound();
  return ok(await getGrant(v, params.id));
});
