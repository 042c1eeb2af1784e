import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { CONTRACT_STATUSES } from '#domain/contracts/rules.ts';
import { ContractTable } from '#app/components/contract-list.tsx';
import { useT } from '#app/components/i18n.tsx';
import { Pager } from '#app/components/pager.tsx';
import { contractListPage } from '#app/lib/contract-pages.server.ts';
import { requirePageAction } from '#app/lib/pages.server.ts';

export const meta: MetaFunction = () => [{ title: '合同认定登记 · 科技成果转化平台' }];

/** The registrar's queue: submitted contracts first; found by party, title or number; open one to register or return it. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const v = await requirePageAction(request, 'bureau.contracts.register');
  return contractListPage(v, new URL(request.url), 'submitted');
};

export default function RegistrarQueue() {
  const { items, total, page, pageSize, status, q } = useLoaderData<typeof loader>();
  const t = useT();
  const statusParam = status ?? 'all';
  const withParams = (over: Record<string, string>) => `?${new URLSearchParams({ ...(q ? { q } : {}), status: statusParam, ...over }).toString()}`;
  const exportHref = (format: string) => `/bureau/contracts/export?${new URLSearchParams({ format, ...(q ? { q } : {}), ...(status ? { status } : {}) }).toString()}`;
  return (
    <section className="panel" aria-labelledby="queue-title">
      <h1 id="queue-title">{t('contract.queue')}</h1>
      <Form method="get" role="search" className="inline-form" aria-label={t('contract.search')}>
        <input type="hidden" name="status" value={statusParam} />
        <label htmlFor="contract-q">{t('contract.search')}</label>{' '}
        <input id="contract-q" name="q" type="search" defaultValue={q} maxLength={100} placeholder={t('contract.search.hint')} />{' '}
        <button type="submit" className="button">
          {t('contract.search.submit')}
        </button>
      </Form>
      <nav className="tabs" aria-label={t('result.status')}>
        <Link to={withParams({ status: 'all' })} aria-current={status === null ? 'page' : undefined}>
          {t('contract.status.all')}
        </Link>
        {CONTRACT_STATUSES.map((s) => (
          <Link key={s} to={withParams({ status: s })} aria-current={status === s ? 'page' : undefined}>
            {t(`contract.status.${s}`)}
          </Link>
        ))}
      </nav>
      <p className="actions">
        <span role="status">{t('contract.search.found', { n: total })}</span>{' '}
        <a className="button small" href={exportHref('csv')} download>
          {t('contract.export.csv')}
        </a>{' '}
        <a className="button small" href={exportHref('xlsx')} download>
          {t('contract.export.xlsx')}
        </a>
      </p>
      <ContractTable items={items} />
      <Pager page={page} pageSize={pageSize} total={total} />
    </section>
  );
}
