import type { LoaderFunctionArgs } from '@remix-run/node';
import { api, ok } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { listOwnTokens } from '#app/services/api-tokens.server.ts';

/** The caller's own API tokens (never the secret: its first characters, created, last used). */
export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const v = await requireViewer(request);
  return ok({ items: await listOwnTokens(v) });
});
