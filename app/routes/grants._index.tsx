import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { CLAUSE_ZH } from '#domain/grants/computation.ts';
import { GrantTable, yuan } from '#app/components/grant-status.tsx';
import { useT } from '#app/components/i18n.tsx';
import { Pager } from '#app/components/pager.tsx';
import { requirePageAction } from '#app/lib/pages.server.ts';
import { listGrants } from '#app/services/grants/review.server.ts';

export const meta: MetaFunction = () => [{ title: '我的补助 · 科技成果转化平台' }];

const PAGE_SIZE = 20;

/** The organisation's own grants, newest year first (listGrants scopes a non-bureau viewer to its organisation). */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const v = await requirePageAction(request, 'grant.viewOwn');
  const url = new URL(request.url);
  const page = Math.max(1, Math.min(1000, Number(url.searchParams.get('page')) || 1));
  const list = await listGrants(v, { page, pageSize: PAGE_SIZE });
  const items = list.items.map((g) => ({ id: g.id, year: g.year, clause: g.clause, clauseName: CLAUSE_ZH[g.clause], amount: g.amount, approvedAmount: g.approvedAmount, status: g.status }));
  const years = [...new Set(items.map((g) => g.year))];
  return { years: years.map((year) => ({ year, items: items.filter((g) => g.year === year) })), total: list.total, sum: list.sum, page, pageSize: PAGE_SIZE };
};

export default function MyGrants() {
  const { years, total, sum, page, pageSize } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="panel" aria-labelledby="my-grants-title">
      <h1 id="my-grants-title">{t('grant.mine')}</h1>
      <p className="muted">{t('grant.mine.intro')}</p>
      {total === 0 ? (
        <div className="empty-state">
          <h2>{t('grant.mine.empty.title')}</h2>
          <p>{t('grant.mine.empty')}</p>
        </div>
      ) : (
        <>
          <p>{t('grant.total', { total, sum: yuan(sum) })}</p>
          {years.map(({ year, items }) => (
            <section key={year} aria-labelledby={`year-${year}`}>
              <h2 id={`year-${year}`}>{t('grant.yearHeading', { year })}</h2>
              <GrantTable rows={items} />
            </section>
          ))}
          <Pager page={page} pageSize={pageSize} total={total} />
        </>
      )}
    </section>
  );
}
