import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { Field, FormErrors } from '#app/components/form.tsx';
import { useT } from '#app/components/i18n.tsx';
import { isUuid, meta as reqMeta } from '#app/lib/api.server.ts';
import { formAction, type FormResult } from '#app/lib/forms.server.ts';
import { requirePageAction } from '#app/lib/pages.server.ts';
import { splitList } from '#app/schemas/results.server.ts';
import { addSynonymGroup, deleteSynonymGroup, listSynonymGroups } from '#app/services/synonyms.server.ts';

export const meta: MetaFunction = () => [{ title: '检索同义词 · 科技成果转化平台' }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await requirePageAction(request, 'bureau.search.edit');
  const groups = await listSynonymGroups();
  return { groups: groups.map((g) => ({ id: g.id, terms: g.terms })) };
};

const schema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('add'), terms: z.string().max(500) }),
  z.object({ intent: z.literal('delete'), id: z.string().refine(isUuid) }),
]);

export const action = (args: ActionFunctionArgs) =>
  formAction(schema, async (input, { request, context }) => {
    const v = await requirePageAction(request, 'bureau.search.edit');
    const m = reqMeta(request, context);
    if (input.intent === 'add') await addSynonymGroup(splitList(input.terms), { userId: v.user.id }, m);
    else await deleteSynonymGroup(input.id, { userId: v.user.id }, m);
    return data<FormResult>({});
  })(args);

export default function Synonyms() {
  const { groups } = useLoaderData<typeof loader>();
  const result = useActionData<FormResult>();
  const t = useT();
  const busy = useNavigation().state === 'submitting';
  return (
    <section className="panel" aria-labelledby="syn-title">
      <h1 id="syn-title">{t('synonyms.title')}</h1>
      <p>{t('synonyms.intro')}</p>
      <FormErrors formError={result?.formError} fields={result?.fields} />
      <Form method="post" className="inline-form" noValidate>
        <input type="hidden" name="intent" value="add" />
        <Field name="terms" label={t('synonyms.terms')} error={result?.fields?.terms} />
        <button type="submit" className="button primary" disabled={busy}>
          {t('synonyms.add')}
        </button>
      </Form>
      {groups.length === 0 ? (
        <p className="empty">{t('synonyms.empty')}</p>
      ) : (
        <ul className="synonym-list">
          {groups.map((g) => (
            <li key={g.id}>
              <span>{g.terms.join(' ⇄ ')}</span>
              <Form method="post" className="inline">
                <input type="hidden" name="intent" value="delete" />
                <input type="hidden" name="id" value={g.id} />
                <button type="submit" className="link-button" aria-label={`${t('synonyms.delete')}：${g.terms.join('、')}`}>
                  {t('synonyms.delete')}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
