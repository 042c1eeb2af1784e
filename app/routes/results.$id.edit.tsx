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

export const meta: MetaFunction = () => [{ title: '编辑成果 · 科技成果转化平台' }];

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const v = await requirePageAction(request, 'result.list');
  if (!isUuid(params.id)) throw data('未找到', { status: 404 });
  const r = await orThrowResponse(getResult(v, params.id));
  if (!r.isOwner) throw data('未找到', { status: 404 });
  return { result: r };
};

export const action = (args: ActionFunctionArgs) =>
  formAction(resultFormSchema, async (input, { request, params }) => {
    const v = await requirePageAction(request, 'result.list');
    if (!isUuid(params.id)) throw data('未找到', { status: 404 });
    await updateResult(v, params.id, input);
    return redirect(`/r/${params.id}?saved=1`);
  })(args);

export default function EditResult() {
  const { result: r } = useLoaderData<typeof loader>();
  const t = useT();
  const result = useActionData<FormResult>();
  const busy = useNavigation().state === 'submitting';
  const values = (result?.values ?? r) as ResultFormValues;
  return (
    <section className="panel narrow" aria-labelledby="edit-result-title">
      <h1 id="edit-result-title">
        {t('result.edit')}：{r.title}
      </h1>
      <ResultForm values={values} fields={result?.fields} formError={result?.formError} busy={busy} submitLabel={t('result.save')} />
    </section>
  );
}
