import type { LoaderFunctionArgs } from '@remix-run/node';
import { api, ok } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { closeReasonSummary } from '#app/services/conversations.server.ts';

/** Why conversations on the caller's listings ended, summed per reason and per listing. */
export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const v = await requireViewer(request);
  return ok(await closeReasonSummary(v));
});
