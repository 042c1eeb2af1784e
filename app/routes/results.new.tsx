import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { useActionData, useNavigation } from '@remix-run/react';
import { useT } from '#app/components/i18n.tsx';
import { ResultForm, type ResultFormValues } from '#app/components/result-form.tsx';
import { formAction, type FormResult } from '#app/lib/forms.server.ts';
import { requirePageAction } from '#app/lib/pages.server.ts';
import { resultFormSchema } from '#app/schemas/results.server.ts';
import { createResult } from '#app/services/results.server.ts';

export const meta: MetaFunction = () => [{ title: '登记新成果 · 科技成果转化平台' }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await requirePageAction(request, 'result.list');
  return null;
};

export const action = (args: ActionFunctionArgs) =>
  formAction(resultFormSchema, async (input, { request }) => {
    const v = await requirePageAction(request, 'result.list');
    const r = await createResult(v, input);
    return redirect(`/r/${r.id}?saved=1`);
  })(args);

export default function NewResult() {
  const t = useT();
  const result = useActionData<FormResult>();
  const busy = useNavigation().state === 'submitting';
  return (
    <section className="panel narrow" aria-labelledby="new-result-title">
      <h1 id="new-result-title">{t('result.new')}</h1>
      <ResultForm values={(result?.values ?? {}) as ResultFormValues} fields={result?.fields} formError={result?.formError} busy={busy} submitLabel={t('result.save')} />
    </section>
  );
}
