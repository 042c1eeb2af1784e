import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { SAVED_SEARCH_KINDS } from '#domain/demands/codes.ts';
import { api, isUuid, ok, readJson } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { limitRequest } from '#app/lib/rate-limit.server.ts';
import { savedSearchCreateSchema } from '#app/schemas/conversations.server.ts';
import { createSavedSearch, listSavedSearches, savedSearchLimit } from '#app/services/alerts.server.ts';

/** The caller's saved searches and watches (`?kind=&subjectId=` to find one). */
export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const v = await requireViewer(request);
  const url = new URL(request.url);
  const kind = SAVED_SEARCH_KINDS.find((k) => k === url.searchParams.get('kind'));
  const subjectId = url.searchParams.get('subjectId') ?? undefined;
  return ok(await listSavedSearches(v, { kind, subjectId: isUuid(subjectId) ? subjectId : undefined }));
});

/** Saves a result search (`results`) or watches a demand's or a result's matches; what exists today counts as seen. */
export const action = api(async ({ request, context }: ActionFunctionArgs) => {
  const v = await requireViewer(request);
  const input = await readJson(request, savedSearchCreateSchema);
  await limitRequest(savedSearchLimit(input.kind), context, v.user.id);
  const { saved, created } = await createSavedSearch(v, input);
  return ok(saved, created ? 201 : 200);
});
