import { Form } from '@remix-run/react';
import { MAX_DOCUMENT_BYTES, PURPOSE_RULES, CONTENT_TYPES, type Purpose } from '#domain/documents/rules.ts';
import type { Msg } from '#domain/errors.ts';
import { usePick, useT } from './i18n.tsx';

export type DocumentItem = { id: string; purpose: string; fileName: string; contentType: string; sizeBytes: number; url: string };
export type DocumentFormState = { document?: 'upload' | 'delete'; documentDone?: boolean; formError?: Msg; fields?: Record<string, Msg> } | undefined;

const kb = (n: number) => Math.max(1, Math.round(n / 1024)).toLocaleString('en');

/** The files of one purpose, each a link to the file; a delete button for those who may change them. */
export function DocumentList({ items, canDelete, busy, testId }: { items: DocumentItem[]; canDelete: boolean; busy: boolean; testId?: string }) {
  const t = useT();
  if (!items.length) return <p className="muted">{t('doc.none')}</p>;
  return (
    <ul className="documents" data-testid={testId}>
      {items.map((d) => (
        <li key={d.id}>
          <a href={d.url}>{d.fileName}</a>{' '}
          <span className="muted">· {t('doc.size', { kb: kb(d.sizeBytes) })}</span>
          {canDelete ? (
            <Form method="post" className="inline">
              <input type="hidden" name="intent" value="deleteDocument" />
              <input type="hidden" name="documentId" value={d.id} />
              <button type="submit" className="button small" disabled={busy}>
                {t('doc.delete')}
              </button>
            </Form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** One file input posted as multipart/form-data to the page's own action; `purpose` comes first, the file last. */
export function DocumentUpload({ purpose, label, busy }: { purpose: Purpose; label: string; busy: boolean }) {
  const t = useT();
  const id = `doc-${purpose}`;
  const accept = PURPOSE_RULES[purpose].kinds.map((k) => CONTENT_TYPES[k]).join(',');
  return (
    <Form method="post" encType="multipart/form-data" className="inline-form document-upload">
      <input type="hidden" name="purpose" value={purpose} />
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input id={id} type="file" name="file" accept={accept} required aria-describedby={`${id}-hint`} />
        <p className="hint" id={`${id}-hint`}>
          {t('doc.limit', { mb: MAX_DOCUMENT_BYTES / 1024 / 1024 })}
          {PURPOSE_RULES[purpose].replaces ? ` ${t('doc.replaces')}` : ''}
        </p>
      </div>
      <button type="submit" className="button small primary" disabled={busy}>
        {t('doc.upload')}
      </button>
    </Form>
  );
}

/** The outcome line of the last document action on the page. */
export function DocumentNotice({ state }: { state: DocumentFormState }) {
  const t = useT();
  const pick = usePick();
  if (!state?.document) return null;
  if (state.documentDone) {
    return (
      <p className="alert success" role="status">
        {t(state.document === 'upload' ? 'doc.uploaded' : 'doc.deleted')}
      </p>
    );
  }
  const detail = Object.values(state.fields ?? {}).map((m) => pick(m));
  return state.formError ? (
    <p className="alert error" role="alert" data-testid="document-error">
      {[pick(state.formError), ...detail].join('：')}
    </p>
  ) : null;
}
