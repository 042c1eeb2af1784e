import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { CONTRACT_STATUSES } from '#domain/contracts/rules.ts';
import { ContractTable } from '#app/components/contract-list.tsx';
import { useT } from '#app/components/i18n.tsx';
import { Pager } from '#app/components/pager.tsx';
import { contractListPage } from '#app/lib/contract-pages.server.ts';
import { requirePageAction } from '#app/lib/pages.server.ts';

export const meta: MetaFunction = () => [{ title: '合同认定登记 · 科技成果转化平台' }];

/** The registrar's queue: submitted contracts first; open one to register or return it. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const v = await requirePageAction(request, 'bureau.contracts.register');
  return contractListPage(v, new URL(request.url), 'submitted');
};

export default function RegistrarQueue() {
  const { items, total, page, pageSize, status } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="panel" aria-labelledby="queue-title">
      <h1 id="queue-title">{t('contract.queue')}</h1>
      <nav className="tabs" aria-label={t('result.status')}>
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
