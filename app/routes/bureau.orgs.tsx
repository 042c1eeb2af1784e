import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { FormErrors } from '#app/components/form.tsx';
import { useT, usePick } from '#app/components/i18n.tsx';
import { Pager } from '#app/components/pager.tsx';
import { meta as reqMeta, paging } from '#app/lib/api.server.ts';
import { formAction, orThrowResponse, type FormResult } from '#app/lib/forms.server.ts';
import { requirePageAction } from '#app/lib/pages.server.ts';
import { orgDecisionSchema, orgListQuery } from '#app/schemas/accounts.server.ts';
import { listOrganizations, rejectOrganization, verifyOrganization } from '#app/services/organizations.server.ts';
import { validate } from '#app/lib/validation.ts';
import { cityDate } from '#config/city.ts';

export const meta: MetaFunction = () => [{ title: '单位认证审核 · 科技成果转化平台' }];

const STATUSES = ['pending', 'verified', 'rejected'] as const;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await requirePageAction(request, 'bureau.orgs.verify');
  const url = new URL(request.url);
  const q = validate(orgListQuery, Object.fromEntries(url.searchParams));
  const status = q.ok ? (q.data.status ?? 'pending') : 'pending';
  const { page, pageSize } = await orThrowResponse(Promise.resolve().then(() => paging(url)));
  const list = await listOrganizations({ status, page, pageSize });
  return {
    status,
    page,
    pageSize,
    total: list.total,
    items: list.items.map((o) => ({ ...o, createdAt: o.createdAt.toISOString() })),
  };
};

export const action = async (args: ActionFunctionArgs) =>
  formAction(orgDecisionSchema, async (input, { request, context }) => {
    const v = await requirePageAction(request, 'bureau.orgs.verify');
    const m = reqMeta(request, context);
    const org =
      input.intent === 'verify'
        ? await verifyOrganization(input.id, { userId: v.user.id }, m)
        : await rejectOrganization(input.id, input.reason, { userId: v.user.id }, m);
    return data<FormResult & { done?: { name: string; status: string } }>({ done: { name: org.name, status: org.status } });
  })(args);

export default function BureauOrgs() {
  const { items, status, page, pageSize, total } = useLoaderData<typeof loader>();
  const result = useActionData<FormResult & { done?: { name: string; status: string }; values?: { id?: string } }>();
  const t = useT();
  const pick = usePick();
  const [params] = useSearchParams();
  const busy = useNavigation().state === 'submitting';
  return (
    <section className="panel" aria-labelledby="queue-title">
      <h1 id="queue-title">{t('bureau.orgs.title')}</h1>
      <nav aria-label={t('bureau.orgs.filter')} className="tabs">
        {STATUSES.map((s) => {
          const p = new URLSearchParams(params);
          p.set('status', s);
          p.delete('page');
          return (
            <Link key={s} to={`?${p.toString()}`} aria-current={s === status ? 'page' : undefined}>
              {t(`status.${s}`)}
            </Link>
          );
        })}
      </nav>
      {result?.done ? (
        <p className="alert success" role="status">
          {result.done.name}: {t(`status.${result.done.status as 'verified'}`)}
        </p>
      ) : null}
      <FormErrors formError={result?.formError} fields={result?.fields} />
      {items.length === 0 ? (
        <p className="empty">{t('bureau.orgs.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('form.orgName')}</th>
                <th scope="col">{t('form.orgKind')}</th>
                <th scope="col">{t('form.creditCode')}</th>
                <th scope="col">{t('org.region')}</th>
                <th scope="col">{t('bureau.orgs.submittedAt')}</th>
                {status === 'pending' ? <th scope="col">{t('table.actions')}</th> : <th scope="col">{t('bureau.orgs.reason')}</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <tr key={o.id} data-testid={`org-row-${o.creditCode}`}>
                  <td>
                    <Link to={`/orgs/${o.id}`}>{o.name}</Link>
                  </td>
                  <td>{t(`kind.${o.kind}`)}</td>
                  <td className="mono">{o.creditCode}</td>
                  <td>
                    {o.regionName} <span className="mono">{o.regionCode}</span>
                  </td>
                  <td>{cityDate(o.createdAt)}</td>
                  {status === 'pending' ? (
                    <td className="row-actions">
                      <Form method="post" className="inline">
                        <input type="hidden" name="intent" value="verify" />
                        <input type="hidden" name="id" value={o.id} />
                        <button type="submit" className="button primary small" disabled={busy} aria-label={`${t('bureau.orgs.verify')}：${o.name}`}>
                          {t('bureau.orgs.verify')}
                        </button>
                      </Form>
                      <Form method="post" className="inline reject">
                        <input type="hidden" name="intent" value="reject" />
                        <input type="hidden" name="id" value={o.id} />
                        <label className="sr-only" htmlFor={`reason-${o.id}`}>
                          {t('bureau.orgs.reason')}
                        </label>
                        <input id={`reason-${o.id}`} name="reason" placeholder={t('bureau.orgs.reason')} maxLength={500} />
                        <button type="submit" className="button small" disabled={busy}>
                          {t('bureau.orgs.reject')}
                        </button>
                        {result?.values?.id === o.id && result.fields?.reason ? <span className="error">{pick(result.fields.reason)}</span> : null}
                      </Form>
                    </td>
                  ) : (
                    <td>{o.statusReason ?? ''}</td>
                  )}
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
