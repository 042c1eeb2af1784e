import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { api, ok, readJson } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { notificationPreferencesSchema } from '#app/schemas/notification-preferences.server.ts';
import { getPreferences, setPreferences } from '#app/services/notification-preferences.server.ts';

/** The caller's own choice per notification kind: in-app only (email false) or e-mail too; and the e-mails always sent. */
export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const v = await requireViewer(request);
  return ok(await getPreferences(v));
});

/** PUT {email: {kind: boolean}}: sets the caller's own choices for the kinds named. */
export const action = api(async ({ request }: ActionFunctionArgs) => {
  const v = await requireViewer(request);
  if (request.method !== 'PUT') throw notFound();
  const input = await readJson(request, notificationPreferencesSchema);
  return ok(await setPreferences(v, input.email));
});
