/** The document part of a page's action and loader: the same upload and deletion as the API, answered as a form result. */
import { data, type ActionFunctionArgs } from '@remix-run/node';
import { AppError, notFound } from '#domain/errors.ts';
import { isUuid, meta } from '#app/lib/api.server.ts';
import type { Viewer } from '#app/lib/auth.server.ts';
import type { FormResult } from '#app/lib/forms.server.ts';
import { isMultipart } from '#app/lib/multipart.server.ts';
import { requirePageViewer } from '#app/lib/pages.server.ts';
import { deleteDocument, documentAccess, listDocuments, uploadDocument, type Subject } from '#app/services/documents.server.ts';

export type DocumentFormResult = FormResult & { document?: 'upload' | 'delete'; documentDone?: boolean };

/**
 * A multipart upload, or a form with `intent=deleteDocument`: handled here, answered with
 * `{documentDone}` or the error per field (4xx). Any other form: null, for the page's own action.
 */
export async function documentPageAction({ request, context }: ActionFunctionArgs, s: Subject) {
  let kind: 'upload' | 'delete' | null = null;
  let documentId: FormDataEntryValue | null = null;
  if (isMultipart(request)) kind = 'upload';
  else if (/^application\/x-www-form-urlencoded/i.test(request.headers.get('content-type') ?? '')) {
    const form = await request.clone().formData();
    if (form.get('intent') === 'deleteDocument') {
      kind = 'delete';
      documentId = form.get('documentId');
    }
  }
  if (!kind) return null;
  const v = await requirePageViewer(request);
  try {
    if (kind === 'upload') await uploadDocument(v, s, request, meta(request, context));
    else {
      if (typeof documentId !== 'string' || !isUuid(documentId)) throw notFound();
      await deleteDocument(v, documentId, meta(request, context));
    }
    return data<DocumentFormResult>({ document: kind, documentDone: true });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return data<DocumentFormResult>({ document: kind, formError: e.msg, fields: e.fields }, { status: e.status });
  }
}

/** What a page shows of a subject's documents. */
export async function pageDocuments(v: Viewer | null, s: Subject) {
  const [items, access] = await Promise.all([listDocuments(v, s), documentAccess(v, s)]);
  return { items, ...access };
}
