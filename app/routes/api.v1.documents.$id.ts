import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { api, isUuid, meta } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { documentResponse } from '#app/lib/document-routes.server.ts';
import { deleteDocument } from '#app/services/documents.server.ts';

/** GET: the file, to whoever may see its listing, contract or grant (also with the page session cookie). */
export const loader = api(async ({ request, params }: LoaderFunctionArgs) => {
  if (!isUuid(params.id)) throw notFound();
  return documentResponse(request, params.id);
});

/** DELETE: the uploader's side removes it (not after the contract is registered or the grant decided). */
export const action = api(async ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== 'DELETE' || !isUuid(params.id)) throw notFound();
  await deleteDocument(await requireViewer(request), params.id, meta(request, context));
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
});
