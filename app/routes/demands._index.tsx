import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react';
import type { Msg } from '#domain/errors.ts';
import { AppError } from '#domain/errors.ts';
import { groupDigits } from '#domain/money.ts';
import { DEMAND_STATUSES, type DemandStatus } from '#domain/demands/codes.ts';
import type { ResultField } from '#domain/result-codes.ts';
import { usePick, useT } from '#app/components/i18n.tsx';
import { Pager } from '#app/components/pager.tsx';
import { useRootData } from '#app/root.tsx';
import { requirePageViewer } from '#app/lib/pages.server.ts';
import { listDemands, searchDemands, seesAll } from '#app/services/demands.server.ts';
import { limitRequest } from '#app/lib/rate-limit.server.ts';
import { cityDate } from '#config/city.ts';

export const meta: MetaFunction = () => [{ title: '技术需求 · 科技成果转化平台' }];

const PAGE_SIZE = 20;

type Row = {
  id: string;
  title: string;
  enterprise: string;
  field: ResultField;
  status: DemandStatus;
  budget: string | null;
  deadline: string | null;
  publishedAt: string | null;
  /** HTML with only <mark> added (escaped on the server), for search hits. */
  titleHtml: string | null;
  snippetHtml: string | null;
};

export const loader = async ({ request, context }: LoaderFunctionArgs) => {
  const v = await requirePageViewer(request);
  const url = new URL(request.url);
  const scopes = [...(v.org?.kind === 'enterprise' ? (['mine'] as const) : []), 'public' as const, ...(seesAll(v) ? (['all'] as const) : [])];
  const asked = url.searchParams.get('scope');
  const scope = scopes.find((s) => s === asked) ?? scopes[0]!;
  const status = DEMAND_STATUSES.find((s) => s === url.searchParams.get('status'));
  const page = Math.max(1, Math.min(250, Number(url.searchParams.get('page')) || 1));
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 200);
  const base = { scopes, scope, status: status ?? null, q, page, pageSize: PAGE_SIZE, error: null as Msg | null, seesAll: seesAll(v) };
  try {
    if (scope === 'public' && q) {
      await limitRequest('search', context, v.user.id);
      const r = await searchDemands({ q, field: [], cooperationMode: [], maturityNeeded: [], page, pageSize: PAGE_SIZE });
      const items: Row[] = r.items.map((h) => ({ id: h.id, title: h.title, enterprise: h.enterprise, field: h.field, status: 'published' as const, budget: h.budget, deadline: h.deadline, publishedAt: null, titleHtml: h.highlight.title, snippetHtml: h.highlight.description }));
      return { ...base, items, total: Math.min(r.total, 5_000) };
    }
    const r = await listDemands(v, { scope, status: scope === 'public' ? undefined : status, page, pageSize: PAGE_SIZE });
    const items: Row[] = r.items.map((d) => ({ id: d.id, title: d.title, enterprise: d.enterprise, field: d.field, status: d.status, budget: d.budget, deadline: d.deadline, publishedAt: d.publishedAt, titleHtml: null, snippetHtml: null }));
    return { ...base, items, total: r.total };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { ...base, items: [] as Row[], total: 0, error: e.msg };
  }
};

export default function Demands() {
  const { scopes, scope, status, q, items, total, page, pageSize, error, seesAll: bureauOrAgency } = useLoaderData<typeof loader>();
  const t = useT();
  const pick = usePick();
  const canPost = useRootData()?.permissions.includes('demand.post') ?? false;
  const searching = useNavigation().state === 'loading';
  const scopeLabel = { mine: t('demand.mine'), public: t('demand.tab.public'), all: t('demand.tab.all') } as const;
  const heading = scope === 'mine' ? t('demand.mine') : t('demand.public');
  const empty = q ? t('demand.empty.search') : scope === 'mine' ? t('demand.empty.mine') : t('demand.empty.public');
  return (
    <section className="panel" aria-labelledby="demands-title">
      <div className="panel-head">
        <h1 id="demands-title">{heading}</h1>
        <div className="actions">
          {canPost ? (
            <Link to="/demands/new" className="button primary">
              {t('demand.new')}
            </Link>
          ) : null}
          {bureauOrAgency ? (
            <Link to="/bureau/demands/unmatched" className="button">
              {t('demand.unmatched.link')}
            </Link>
          ) : null}
        </div>
      </div>
      {scopes.length > 1 ? (
        <nav className="tabs" aria-label={t('nav.demands')}>
          {scopes.map((s) => (
            <Link key={s} to={`?scope=${s}`} aria-current={scope === s ? 'page' : undefined}>
              {scopeLabel[s]}
            </Link>
          ))}
        </nav>
      ) : null}
      {scope === 'public' ? (
        <>
          <p className="muted">{t('demand.public.intro')}</p>
          <Form method="get" role="search" className="search-box">
            <input type="hidden" name="scope" value="public" />
            <label htmlFor="demand-q" className="sr-only">
              {t('demand.search.label')}
            </label>
            <input id="demand-q" name="q" type="search" defaultValue={q} placeholder={t('demand.search.placeholder')} maxLength={200} autoComplete="off" />
            <button type="submit" className="button primary">
              {t('demand.search.submit')}
            </button>
          </Form>
        </>
      ) : (
        <nav className="tabs" aria-label={t('demand.status')}>
          <Link to={`?scope=${scope}`} aria-current={status === null ? 'page' : undefined}>
            {t('demand.tab.all')}
          </Link>
          {DEMAND_STATUSES.map((s) => (
            <Link key={s} to={`?scope=${scope}&status=${s}`} aria-current={status === s ? 'page' : undefined}>
              {t(`demand.status.${s}`)}
            </Link>
          ))}
        </nav>
      )}
      {error ? (
        <p className="alert error" role="alert">
          {pick(error)}
        </p>
      ) : null}
      <div aria-live="polite" aria-busy={searching}>
        {q && !error ? <p className="muted">{t('demand.search.total', { total: total.toLocaleString() })}</p> : null}
        {items.length === 0 && !error ? (
          <div className="empty-state">
            <p>{empty}</p>
            {scope === 'mine' && canPost ? (
              <p>
                <Link to="/demands/new">{t('demand.new')}</Link>
              </p>
            ) : null}
          </div>
        ) : scope === 'public' ? (
          <ol className="hit-list">
            {items.map((d) => (
              <li key={d.id} className="hit">
                <h2>{d.titleHtml ? <Link to={`/demands/${d.id}`} dangerouslySetInnerHTML={{ __html: d.titleHtml }} /> : <Link to={`/demands/${d.id}`}>{d.title}</Link>}</h2>
                <p className="meta">
                  {d.enterprise} · {t(`field.${d.field}`)} · {d.deadline ? `${t('demand.deadline')} ${d.deadline}` : t('demand.noDeadline')}
                </p>
                {d.snippetHtml ? <p className="snippet" dangerouslySetInnerHTML={{ __html: d.snippetHtml }} /> : null}
                <p className="price-tag">{d.budget ? `¥${groupDigits(d.budget)}` : t('demand.negotiable')}</p>
              </li>
            ))}
          </ol>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('demand.title')}</th>
                  {scope === 'all' ? <th scope="col">{t('demand.enterprise')}</th> : null}
                  <th scope="col">{t('demand.field')}</th>
                  <th scope="col">{t('demand.status')}</th>
                  <th scope="col">{t('demand.budget')}</th>
                  <th scope="col">{t('demand.deadline')}</th>
                  <th scope="col">{t('demand.publishedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <Link to={`/demands/${d.id}`}>{d.title}</Link>
                    </td>
                    {scope === 'all' ? <td>{d.enterprise}</td> : null}
                    <td>{t(`field.${d.field}`)}</td>
                    <td>
                      <span className={`badge ${d.status === 'published' ? 'published' : 'withdrawn'}`}>{t(`demand.status.${d.status}`)}</span>
                    </td>
                    <td>{d.budget ? `¥${groupDigits(d.budget)}` : t('demand.negotiable')}</td>
                    <td>{d.deadline ?? t('demand.noDeadline')}</td>
                    <td>{d.publishedAt ? cityDate(d.publishedAt) : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <Pager page={page} pageSize={pageSize} total={total} />
    </section>
  );
}
