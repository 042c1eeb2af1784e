import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { FormErrors } from '#app/components/form.tsx';
import { useT } from '#app/components/i18n.tsx';
import { parseOr400 } from '#app/lib/api.server.ts';
import { formAction, type FormResult } from '#app/lib/forms.server.ts';
import { requirePageViewer } from '#app/lib/pages.server.ts';
import { limitRequest } from '#app/lib/rate-limit.server.ts';
import { savedDemandQuery, savedResultQuery, searchToObject } from '#app/schemas/conversations.server.ts';
import { createSavedSearch, deleteSavedSearch, listSavedSearches } from '#app/services/alerts.server.ts';
import { cityDateTime } from '#config/city.ts';

export const meta: MetaFunction = () => [{ title: '我的订阅 · 科技成果转化平台' }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const v = await requirePageViewer(request);
  const { items } = await listSavedSearches(v);
  return { items };
};

const schema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('save-search'), kind: z.enum(['results', 'demands']).default('results'), search: z.string().max(4000).default(''), via: z.literal('fetcher').optional() }),
  z.object({ intent: z.literal('delete'), id: z.uuid() }),
]);

export const action = (args: ActionFunctionArgs) =>
  formAction(schema, async (input, { request, context }) => {
    const v = await requirePageViewer(request);
    if (input.intent === 'delete') {
      await deleteSavedSearch(v, input.id);
      return data<FormResult & { deleted: true }>({ deleted: true });
    }
    await limitRequest('search', context, v.user.id);
    const raw = searchToObject(input.kind, input.search);
    const { saved, created } = await createSavedSearch(
      v,
      input.kind === 'results' ? { kind: 'results', query: parseOr400(savedResultQuery, raw), alert: true } : { kind: 'demands', query: parseOr400(savedDemandQuery, raw), alert: true }
    );
    if (input.via !== 'fetcher') return redirect('/saved-searches');
    return data<FormResult & { saved: { id: string; created: boolean } }>({ saved: { id: saved.id, created } });
  })(args);

export default function SavedSearches() {
  const { items } = useLoaderData<typeof loader>();
  const r = useActionData<FormResult & { deleted?: true }>();
  const t = useT();
  const busy = useNavigation().state === 'submitting';
  return (
    <section className="panel" aria-labelledby="saved-title">
      <div className="panel-head">
        <h1 id="saved-title">{t('saved.title')}</h1>
        <Link to="/notifications">{t('nav.notifications')}</Link>
      </div>
      <p className="muted">{t('saved.intro')}</p>
      {r?.deleted ? (
        <p className="alert success" role="status">
          {t('saved.deleted')}
        </p>
      ) : null}
      <FormErrors formError={r?.formError} fields={r?.fields} />
      {items.length === 0 ? (
        <p className="empty">{t('saved.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('saved.name')}</th>
                <th scope="col">{t('saved.kind')}</th>
                <th scope="col">{t('saved.lastRunAt')}</th>
                <th scope="col">{t('table.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link to={s.link}>{s.name}</Link>
                  </td>
                  <td>{t(`saved.kind.${s.kind}`)}</td>
                  <td>{s.lastRunAt ? cityDateTime(s.lastRunAt) : '—'}</td>
                  <td>
                    <Form method="post" className="inline">
                      <input type="hidden" name="id" value={s.id} />
                      <button type="submit" name="intent" value="delete" className="button small" disabled={busy}>
                        {t('saved.delete')}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
