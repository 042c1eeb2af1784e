import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { DemandForm, type DemandFormValues } from '#app/components/demand-form.tsx';
import { useT } from '#app/components/i18n.tsx';
import { meta as requestMeta } from '#app/lib/api.server.ts';
import { formAction, type FormResult } from '#app/lib/forms.server.ts';
import { requirePageAction } from '#app/lib/pages.server.ts';
import { demandFormSchema } from '#app/schemas/demands.server.ts';
import { todayInCity } from '#config/city.ts';
import { createDemand } from '#app/services/demands.server.ts';

export const meta: MetaFunction = () => [{ title: '发布技术需求 · 科技成果转化平台' }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await requirePageAction(request, 'demand.post');
  return { today: todayInCity() };
};

export const action = (args: ActionFunctionArgs) =>
  formAction(demandFormSchema, async (input, { request, context }) => {
    const v = await requirePageAction(request, 'demand.post');
    const d = await createDemand(v, input, requestMeta(request, context as { ip?: string }));
    return redirect(`/demands/${d.id}?saved=1`);
  })(args);

export default function NewDemand() {
  const t = useT();
  const { today } = useLoaderData<typeof loader>();
  const result = useActionData<FormResult>();
  const busy = useNavigation().state === 'submitting';
  return (
    <section className="panel narrow" aria-labelledby="new-demand-title">
      <h1 id="new-demand-title">{t('demand.new')}</h1>
      <DemandForm values={(result?.values ?? {}) as DemandFormValues} fields={result?.fields} formError={result?.formError} busy={busy} submitLabel={t('demand.save')} minDate={today} />
    </section>
  );
}
