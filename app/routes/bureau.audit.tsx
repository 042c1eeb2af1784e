import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { Field, FormErrors } from '#app/components/form.tsx';
import { useT } from '#app/components/i18n.tsx';
import { Pager } from '#app/components/pager.tsx';
import { paging } from '#app/lib/api.server.ts';
import { orThrowResponse } from '#app/lib/forms.server.ts';
import { requirePageAction } from '#app/lib/pages.server.ts';
import { validate } from '#app/lib/validation.ts';
import { AUDIT_FILTER_MAX, auditParams, auditQuerySchema } from '#app/schemas/audit.server.ts';
import { auditActions, listAuditEvents } from '#app/services/audit.server.ts';
import { cityDateTime } from '#config/city.ts';

export const meta: MetaFunction = () => [{ title: '审计日志 · 科技成果转化平台' }];

/** The audit log, filtered by actor, organisation, action and city dates; bad filters answer 400 with a message per field. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const v = await requirePageAction(request, 'bureau.audit.view');
  const url = new URL(request.url);
  const page = await orThrowResponse((async () => paging(url))());
  const params = auditParams(url);
  const actions = await auditActions(v);
  const q = validate(auditQuerySchema, params);
  if (!q.ok) return data({ items: [], total: 0, ...page, actions, params, fields: q.fields }, { status: 400 });
  return { ...(await listAuditEvents(v, q.data, page)), ...page, actions, params, fields: undefined };
};

export default function AuditLog() {
  const { items, total, page, pageSize, actions, params, fields } = useLoaderData<typeof loader>();
  const t = useT();
  const exportHref = (format: string) => `/bureau/audit/export?${new URLSearchParams({ ...params, format }).toString()}`;
  return (
    <section className="panel" aria-labelledby="audit-title">
      <h1 id="audit-title">{t('audit.title')}</h1>
      <p className="muted">{t('audit.intro')}</p>
      <Form method="get" role="search" className="filter-form audit-filters" aria-label={t('audit.filters')}>
        <FormErrors fields={fields ?? undefined} />
        <Field name="actor" label={t('audit.actor')} hint={t('audit.actor.hint')} defaultValue={params.actor} error={fields?.actor} maxLength={AUDIT_FILTER_MAX} />
        <Field name="org" label={t('audit.org')} hint={t('audit.org.hint')} defaultValue={params.org} error={fields?.org} maxLength={AUDIT_FILTER_MAX} />
        <Field name="action" label={t('audit.action')} defaultValue={params.action ?? ''} error={fields?.action}>
          <option value="">{t('audit.action.all')}</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </Field>
        <Field name="from" type="date" label={t('audit.from')} defaultValue={params.from} error={fields?.from} />
        <Field name="to" type="date" label={t('audit.to')} defaultValue={params.to} error={fields?.to} />
        <p className="actions">
          <button type="submit" className="button">
            {t('audit.filter')}
          </button>
        </p>
      </Form>
      <p className="actions">
        <span role="status">{t('audit.found', { n: total })}</span>{' '}
        {fields ? null : (
          <>
            <a className="button small" href={exportHref('csv')} download>
              {t('audit.export.csv')}
            </a>{' '}
            <a className="button small" href={exportHref('xlsx')} download>
              {t('audit.export.xlsx')}
            </a>
          </>
        )}
      </p>
      {items.length === 0 ? (
        <p className="empty">{t('audit.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="cards audit-table">
            <thead>
              <tr>
                <th scope="col">{t('audit.seq')}</th>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.org')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.subject')}</th>
                <th scope="col">{t('audit.reason')}</th>
                <th scope="col">{t('audit.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id}>
                  <td data-label={t('audit.seq')}>
                    <span className="mono" title={e.hash ?? undefined}>
                      {e.seq}
                    </span>
                  </td>
                  <td data-label={t('audit.at')}>
                    <time dateTime={e.at}>{cityDateTime(e.at)}</time>
                  </td>
                  <td data-label={t('audit.actor')}>
                    <span className="mono">{e.actorEmail ?? (e.actorUserId ? e.actorUserId : t('audit.system'))}</span>
                  </td>
                  <td data-label={t('audit.org')}>{e.orgName ?? ''}</td>
                  <td data-label={t('audit.action')}>
                    <span className="mono">{e.action}</span>
                  </td>
                  <td data-label={t('audit.subject')}>
                    {e.subjectType}
                    {e.subjectId ? <span className="mono"> {e.subjectId}</span> : null}
                  </td>
                  <td data-label={t('audit.reason')}>{e.reason ?? ''}</td>
                  <td data-label={t('audit.changes')}>
                    {e.diff.length === 0 ? null : (
                      <details>
                        <summary>{t('audit.changes.n', { n: e.diff.length })}</summary>
                        <ul className="audit-diff">
                          {e.diff.map((d) => (
                            <li key={d.path} className={`diff-${d.kind}`}>
                              <span className="mono">{d.path}</span>
                              {': '}
                              {d.kind === 'added' ? null : <del>{d.before}</del>}
                              {d.kind === 'changed' ? ' → ' : ' '}
                              {d.kind === 'removed' ? null : <ins>{d.after}</ins>}
                            </li>
                          ))}
                        </ul>
                      </details>
                    )}
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
