import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { api, isUuid, meta, ok, readJson } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { followupSchema } from '#app/schemas/demands.server.ts';
import { addFollowup, listFollowups } from '#app/services/demands.server.ts';

/** Follow-ups on a demand: the bureau sees every agency's, an agency its own. */
export const loader = api(async ({ request, params }: LoaderFunctionArgs) => {
  if (!isUuid(params.id)) throw notFound();
  const v = await requireViewer(request);
  return ok(await listFollowups(v, params.id));
});

/** The agency that took the demand on records a follow-up note. */
export const action = api(async ({ request, params, context }: ActionFunctionArgs) => {
  if (!isUuid(params.id)) throw notFound();
  const v = await requireViewer(request);
  const { note } = await readJson(request, followupSchema);
  return ok(await addFollowup(v, params.id, note, meta(request, context as { ip?: string })), 201);
});
