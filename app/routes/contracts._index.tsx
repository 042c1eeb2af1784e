import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { CONTRACT_STATUSES } from '#domain/contracts/rules.ts';
import { ContractTable } from '#app/components/contract-list.tsx';
import { useT } from '#app/components/i18n.tsx';
import { Pager } from '#app/components/pager.tsx';
import { contractListPage } from '#app/lib/contract-pages.server.ts';
import { requirePageAction } from '#app/lib/pages.server.ts';

export const meta: MetaFunction = () => [{ title: '技术合同 · 科技成果转化平台' }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const v = await requirePageAction(request, 'contract.draft');
  return contractListPage(v, new URL(request.url));
};

export default function Contracts() {
  const { items, total, page, pageSize, status } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="panel" aria-labelledby="contracts-title">
      <div className="panel-head">
        <h1 id="contracts-title">{t('nav.contracts')}</h1>
        <Link to="/contracts/new" className="button primary">
          {t('contract.new')}
        </Link>
      </div>
      <nav className="tabs" aria-label={t('result.status')}>
        <Link to="?" aria-current={status === null ? 'page' : undefined}>
          {t('search.clear')}
        </Link>
        {CONTRACT_STATUSES.map((s) => (
          <Link key={s} to={`?status=${s}`} aria-current={status === s ? 'page' : undefined}>
            {t(`contract.status.${s}`)}
          </Link>
        ))}
      </nav>
      <ContractTable items={items} />
      <Pager page={page} pageSize={pageSize} total={total} />
    </section>
  );
}
