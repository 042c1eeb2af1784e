import type { LoaderFunctionArgs } from '@remix-run/node';
import { allowedActions } from '#domain/permissions.ts';
import { api, ok } from '#app/lib/api.server.ts';
import { requireViewer, subjectOf } from '#app/lib/auth.server.ts';

export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const v = await requireViewer(request);
  return ok({ user: v.user, organization: v.org, permissions: allowedActions(subjectOf(v)) });
});
