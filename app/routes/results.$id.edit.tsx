import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useT } from '#app/components/i18n.tsx';
import { ResultForm, type ResultFormValues } from '#app/components/result-form.tsx';
import { isUuid } from '#app/lib/api.server.ts';
import { formAction, orThrowResponse, type FormResult } from '#app/lib/forms.server.ts';
import { requirePageAction } from '#app/lib/pages.server.ts';
import { resultFormSchema } from '#app/schemas/results.server.ts';
import { getResult, updateResult } from '#app/services/results.server.ts';
import { DocumentList, DocumentNotice, DocumentUpload, type DocumentFormState } from '#app/components/documents.tsx';
import { documentPageAction, pageDocuments } from '#app/lib/document-pages.server.ts';
import { MAX_LISTING_IMAGES } from '#domain/documents/rules.ts';

export const meta: MetaFunction = () => [{ title: '编辑成果 · 科技成果转化平台' }];

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const v = await requirePageAction(request, 'result.list');
  if (!isUuid(params.id)) throw data('未找到', { status: 404 });
  const r = await orThrowResponse(getResult(v, params.id));
  if (!r.isOwner) throw data('未找到', { status: 404 });
  return { result: r, documents: await orThrowResponse(pageDocuments(v, { type: 'result', id: r.id })) };
};

/** The result's fields, or (multipart, or intent=deleteDocument) its brochure and images. */
export const action = async (args: ActionFunctionArgs) => {
  if (!isUuid(args.params.id)) throw data('未找到', { status: 404 });
  return (await documentPageAction(args, { type: 'result', id: args.params.id })) ?? saveResult(args);
};

const saveResult = (args: ActionFunctionArgs) =>
  formAction(resultFormSchema, async (input, { request, params }) => {
    const v = await requirePageAction(request, 'result.list');
    if (!isUuid(params.id)) throw data('未找到', { status: 404 });
    await updateResult(v, params.id, input);
    return redirect(`/r/${params.id}?saved=1`);
  })(args);

export default function EditResult() {
  const { result: r, documents } = useLoaderData<typeof loader>();
  const t = useT();
  const action = useActionData<FormResult & DocumentFormState>();
  const docState = action && 'document' in action ? (action as DocumentFormState) : undefined;
  const result = docState ? undefined : action;
  const busy = useNavigation().state === 'submitting';
  const values = (result?.values ?? r) as ResultFormValues;
  const brochure = documents.items.filter((d) => d.purpose === 'brochure');
  const images = documents.items.filter((d) => d.purpose === 'image');
  return (
    <section className="panel narrow" aria-labelledby="edit-result-title">
      <h1 id="edit-result-title">
        {t('result.edit')}：{r.title}
      </h1>
      <ResultForm values={values} fields={result?.fields} formError={result?.formError} busy={busy} submitLabel={t('result.save')} />
      <section aria-labelledby="documents-title" className="documents-section">
        <h2 id="documents-title">{t('doc.section')}</h2>
        <DocumentNotice state={docState} />
        <h3>{t('doc.brochure')}</h3>
        <DocumentList items={brochure} canDelete={documents.write} busy={busy} testId="brochure-list" />
        {documents.write ? <DocumentUpload purpose="brochure" label={t('doc.brochure')} busy={busy} /> : null}
        <h3>{t('doc.images', { n: MAX_LISTING_IMAGES })}</h3>
        <DocumentList items={images} canDelete={documents.write} busy={busy} testId="image-list" />
        {documents.write && images.length < MAX_LISTING_IMAGES ? <DocumentUpload purpose="image" label={t('doc.images', { n: MAX_LISTING_IMAGES })} busy={busy} /> : null}
      </section>
    </section>
  );
}
