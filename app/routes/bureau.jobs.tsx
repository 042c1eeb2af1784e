import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { FormErrors } from '#app/components/form.tsx';
import { useT } from '#app/components/i18n.tsx';
import { meta as reqMeta } from '#app/lib/api.server.ts';
import { formAction, type FormResult } from '#app/lib/forms.server.ts';
import { requirePageAction } from '#app/lib/pages.server.ts';
import { deadJobs, retryDeadJob } from '#app/services/jobs.server.ts';
import { cityDateTime } from '#config/city.ts';

export const meta: MetaFunction = () => [{ title: '失败任务 · 科技成果转化平台' }];

/** The payload shown in the list is cut short; the ids in it are what matters. */
const PAYLOAD_CHARS = 300;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const v = await requirePageAction(request, 'bureau.jobs.retry');
  const jobs = await deadJobs(v);
  return {
    items: jobs.map((j) => {
      const payload = JSON.stringify(j.payload ?? null);
      return { ...j, payload: payload.length > PAYLOAD_CHARS ? `${payload.slice(0, PAYLOAD_CHARS)}…` : payload };
    }),
  };
};

const schema = z.object({ intent: z.literal('retry'), id: z.string().regex(/^\d{1,18}$/) });

export const action = (args: ActionFunctionArgs) =>
  formAction(schema, async (input, { request, context }) => {
    const v = await requirePageAction(request, 'bureau.jobs.retry');
    await retryDeadJob(v, input.id, reqMeta(request, context));
    return data<FormResult & { retried: string }>({ retried: input.id });
  })(args);

export default function DeadJobs() {
  const { items } = useLoaderData<typeof loader>();
  const r = useActionData<FormResult & { retried?: string }>();
  const t = useT();
  const busy = useNavigation().state === 'submitting';
  return (
    <section className="panel" aria-labelledby="jobs-title">
      <div className="panel-head">
        <h1 id="jobs-title">{t('jobs.title')}</h1>
        <Link to="/bureau/grants">{t('jobs.back')}</Link>
      </div>
      <p className="muted">{t('jobs.intro')}</p>
      {r?.retried ? (
        <p className="alert success" role="status">
          {t('jobs.retried', { id: r.retried })}
        </p>
      ) : null}
      <FormErrors formError={r?.formError} fields={r?.fields} />
      {items.length === 0 ? (
        <p className="empty">{t('jobs.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('jobs.id')}</th>
                <th scope="col">{t('jobs.task')}</th>
                <th scope="col">{t('jobs.attempts')}</th>
                <th scope="col">{t('jobs.failedAt')}</th>
                <th scope="col">{t('jobs.lastError')}</th>
                <th scope="col">{t('jobs.payload')}</th>
                <th scope="col">{t('table.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((j) => (
                <tr key={j.id}>
                  <th scope="row" className="mono">
                    {j.id}
                  </th>
                  <td className="mono">{j.task}</td>
                  <td>
                    {j.attempts} / {j.maxAttempts}
                  </td>
                  <td className="nowrap">
                    <time dateTime={j.failedAt}>{cityDateTime(j.failedAt)}</time>
                  </td>
                  <td className="small wrap">{j.lastError ?? '—'}</td>
                  <td className="small mono wrap">{j.payload}</td>
                  <td className="nowrap">
                    <Form method="post" className="inline">
                      <input type="hidden" name="id" value={j.id} />
                      <button type="submit" name="intent" value="retry" className="button small" disabled={busy} aria-label={t('jobs.retryOne', { id: j.id })}>
                        {t('jobs.retry')}
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
