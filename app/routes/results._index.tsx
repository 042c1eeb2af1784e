import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { z } from 'zod';
import { FormErrors } from '#app/components/form.tsx';
import { useT } from '#app/components/i18n.tsx';
import { Pager } from '#app/components/pager.tsx';
import { isUuid } from '#app/lib/api.server.ts';
import { formAction, type FormResult } from '#app/lib/forms.server.ts';
import { requirePageAction } from '#app/lib/pages.server.ts';
import { listOwnResults, publishResult, withdrawResult } from '#app/services/results.server.ts';
import { cityDate } from '#config/city.ts';

export const meta: MetaFunction = () => [{ title: '我的成果 · 科技成果转化平台' }];

const STATUSES = ['draft', 'published', 'withdrawn'] as const;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const v = await requirePageAction(request, 'result.list');
  const url = new URL(request.url);
  const status = STATUSES.find((s) => s === url.searchParams.get('status'));
  const page = Math.max(1, Math.min(1000, Number(url.searchParams.get('page')) || 1));
  const pageSize = 20;
  const list = await listOwnResults(v, { page, pageSize, status });
  return { ...list, page, pageSize, status: status ?? null };
};

const intentSchema = z.object({ intent: z.enum(['publish', 'withdraw']), id: z.string().refine(isUuid) });

export const action = (args: ActionFunctionArgs) =>
  formAction(intentSchema, async (input, { request }) => {
    const v = await requirePageAction(request, 'result.list');
    const r = input.intent === 'publish' ? await publishResult(v, input.id) : await withdrawResult(v, input.id);
    return data<FormResult & { done?: { title: string; status: string } }>({ done: { title: r.title, status: r.status } });
  })(args);

export default function MyResults() {
  const { items, total, page, pageSize, status } = useLoaderData<typeof loader>();
  const result = useActionData<FormResult & { done?: { title: string; status: string } }>();
  const t = useT();
  const [params] = useSearchParams();
  return (
    <section className="panel" aria-labelledby="my-results-title">
      <div className="panel-head">
        <h1 id="my-results-title">{t('nav.myResults')}</h1>
        <Link to="/results/new" className="button primary">
          {t('result.new')}
        </Link>
      </div>
      <nav className="tabs" aria-label={t('result.status')}>
        <Link to="?" aria-current={status === null ? 'page' : undefined}>
          {t('search.clear')}
        </Link>
        {STATUSES.map((s) => {
          const p = new URLSearchParams(params);
          p.set('status', s);
          p.delete('page');
          return (
            <Link key={s} to={`?${p.toString()}`} aria-current={status === s ? 'page' : undefined}>
              {t(`resultStatus.${s}`)}
            </Link>
          );
        })}
      </nav>
      {result?.done ? (
        <p className="alert success" role="status">
          {result.done.title}: {result.done.status === 'published' ? t('result.published') : t('result.withdrawnDone')}
        </p>
      ) : null}
      <FormErrors formError={result?.formError} fields={result?.fields} />
      {items.length === 0 ? (
        <p className="empty">{t('result.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('result.title')}</th>
                <th scope="col">{t('result.field')}</th>
                <th scope="col">{t('result.status')}</th>
                <th scope="col">{t('result.updatedAt')}</th>
                <th scope="col">{t('table.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/r/${r.id}`}>{r.title}</Link>
                    {r.patentNo ? <div className="mono small">{r.patentNo}</div> : null}
                  </td>
                  <td>{t(`field.${r.field}`)}</td>
                  <td>
                    <span className={`badge ${r.status}`}>{t(`resultStatus.${r.status}`)}</span>
                  </td>
                  <td>{cityDate(r.updatedAt)}</td>
                  <td className="row-actions">
                    <Link to={`/results/${r.id}/edit`}>{t('result.edit')}</Link>
                    <Form method="post" className="inline">
                      <input type="hidden" name="id" value={r.id} />
                      {r.status === 'published' ? (
                        <button type="submit" name="intent" value="withdraw" className="link-button">
                          {t('result.withdraw')}
                        </button>
                      ) : r.holderOrgId === r.ownerOrgId ? (
                        <button type="submit" name="intent" value="publish" className="button small primary">
                          {t('result.publish')}
                        </button>
                      ) : null}
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pageSize={pageSize} total={total} />
    </section>
  );
}
