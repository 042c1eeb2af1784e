/** The document endpoints of /api/v1, shared by results, contracts and grants. */
import { Readable } from 'node:stream';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { contentDisposition, dispositionFor, type SubjectType } from '#domain/documents/rules.ts';
import { api, isUuid, meta, ok } from '#app/lib/api.server.ts';
import { getViewer, requireViewer } from '#app/lib/auth.server.ts';
import { listDocuments, openDocument, uploadDocument } from '#app/services/documents.server.ts';

const SUBJECT_OF_PATH: Record<string, SubjectType> = { results: 'result', contracts: 'contract', grants: 'grant' };

/** The subject a `/api/v1/{results|contracts|grants}/{id}/documents` request names. */
function subjectOf(request: Request, id: string | undefined): { type: SubjectType; id: string } {
  const type = SUBJECT_OF_PATH[new URL(request.url).pathname.split('/')[3] ?? ''];
  if (!type || !isUuid(id)) throw notFound();
  return { type, id };
}

/** `GET …/{id}/documents`: the subject's documents. */
export const subjectDocumentsLoader = api(async ({ request, params }: LoaderFunctionArgs) => {
  const s = subjectOf(request, params.id);
  return ok({ items: await listDocuments(await getViewer(request), s) });
});

/** `POST …/{id}/documents` (multipart/form-data: `purpose`, then `file`): attach one. */
export const subjectDocumentsAction = api(async ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== 'POST') throw notFound();
  const s = subjectOf(request, params.id);
  const v = await requireViewer(request);
  return ok(await uploadDocument(v, s, request, meta(request, context)), 201);
});

/**
 * The file itself, with its stored type, never sniffed by the browser; PDFs as attachments,
 * images inline. The sha256 is the ETag, so a revalidation costs no body.
 */
export async function documentResponse(request: Request, id: string): Promise<Response> {
  const { doc, body } = await openDocument(await getViewer(request), id);
  const headers = new Headers({
    'Content-Type': doc.contentType,
    'Content-Length': String(doc.sizeBytes),
    'Content-Disposition': contentDisposition(dispositionFor(doc.contentType), doc.fileName),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'private, no-cache',
    ETag: `"${doc.sha256}"`,
  });
  if (request.headers.get('if-none-match') === `"${doc.sha256}"`) {
    body.destroy();
    headers.delete('Content-Length');
    return new Response(null, { status: 304, headers });
  }
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, { status: 200, headers });
}
