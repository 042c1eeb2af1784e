import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { groupDigits } from '#domain/money.ts';
import { FormErrors } from '#app/components/form.tsx';
import { useT } from '#app/components/i18n.tsx';
import { Pager } from '#app/components/pager.tsx';
import { isUuid, meta as reqMeta } from '#app/lib/api.server.ts';
import { formAction, type FormResult } from '#app/lib/forms.server.ts';
import { requirePageAction } from '#app/lib/pages.server.ts';
import { advanceCommission, listCommissions } from '#app/services/commissions.server.ts';
import type { MessageKey } from '#app/i18n/index.ts';
import { percentText } from '#domain/money.ts';

export const meta: MetaFunction = () => [{ title: '佣金 · 科技成果转化平台' }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const v = await requirePageAction(request, 'commission.view');
  const url = new URL(request.url);
  const page = Math.max(1, Math.min(1000, Number(url.searchParams.get('page')) || 1));
  const list = await listCommissions(v, { page, pageSize: 20 });
  // A rate as people read it (5%), computed here so the page's bundle needs no Decimal.
  return { ...list, items: list.items.map((c) => ({ ...c, rateText: c.rate ? percentText(c.rate) : null })), page, pageSize: 20 };
};

const schema = z.object({ id: z.string().refine(isUuid), to: z.enum(['invoiced', 'paid']) });

export const action = (args: ActionFunctionArgs) =>
  formAction(schema, async (input, { request, context }) => {
    const v = await requirePageAction(request, 'commission.view');
    await advanceCommission(v, input.id, input.to, reqMeta(request, context));
    return data<FormResult>({});
  })(args);

export default function Commissions() {
  const { items, totals, total, page, pageSize } = useLoaderData<typeof loader>();
  const r = useActionData<FormResult>();
  const t = useT();
  const busy = useNavigation().state === 'submitting';
  return (
    <>
      <section className="panel" aria-labelledby="totals-title">
        <div className="panel-head">
          <h1 id="totals-title">{t('commission.title')}</h1>
          <a className="button" href="/api/v1/commissions?format=csv" download>
            {t('commission.export')}
          </a>
        </div>
        <h2>{t('commission.totals')}</h2>
        {totals.length === 0 ? (
          <p className="empty">{t('commission.empty')}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <tbody>
                {totals.map((x) => (
                  <tr key={`${x.year}-${x.status}`}>
                    <th scope="row">{x.year}</th>
                    <td>{t(`commission.status.${x.status}` as MessageKey)}</td>
                    <td>{x.count}</td>
                    <td>¥{groupDigits(x.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="panel" aria-labelledby="list-title">
        <h2 id="list-title">{t('nav.contracts')}</h2>
        <FormErrors formError={r?.formError} fields={r?.fields} />
        {items.length === 0 ? null : (
          <div className="table-wrap">
            <table className="cards">
              <thead>
                <tr>
                  <th scope="col">{t('contract.registrationNo')}</th>
                  <th scope="col">{t('contract.title')}</th>
                  <th scope="col">{t('contract.amount')}</th>
                  <th scope="col">{t('commission.title')}</th>
                  <th scope="col">{t('result.status')}</th>
                  <th scope="col">{t('table.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.id}>
                    <td className="mono" data-label={t('contract.registrationNo')}>
                      {c.registrationNo}
                    </td>
                    <td data-label={t('contract.title')}>
                      <Link to={`/contracts/${c.contractId}`}>{c.title}</Link>
                      <div className="small muted">
                        {c.seller} → {c.buyer}
                      </div>
                    </td>
                    <td data-label={t('contract.amount')}>¥{groupDigits(c.base)}</td>
                    <td data-label={t('commission.title')}>
                      ¥{groupDigits(c.amount)}
                      {c.rateText ? <span className="muted"> ({c.rateText})</span> : null}
                    </td>
                    <td data-label={t('result.status')}>{t(`commission.status.${c.status}` as MessageKey)}</td>
                    <td>
                      {c.status === 'accrued' || c.status === 'invoiced' ? (
                        <Form method="post" className="inline">
                          <input type="hidden" name="id" value={c.id} />
                          <button type="submit" name="to" value={c.status === 'accrued' ? 'invoiced' : 'paid'} className="button small" disabled={busy}>
                            {c.status === 'accrued' ? t('commission.markInvoiced') : t('commission.markPaid')}
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager page={page} pageSize={pageSize} total={total} />
      </section>
    </>
  );
}
