import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { CLAUSE_ZH } from '#domain/grants/computation.ts';
import { yearInCity } from '#config/city.ts';
import { Field, FormErrors } from '#app/components/form.tsx';
import { ReauthLink } from '#app/components/reauth.tsx';
import { GRANT_STATUSES, GrantTable, yuan } from '#app/components/grant-status.tsx';
import { usePick, useT } from '#app/components/i18n.tsx';
import { Pager } from '#app/components/pager.tsx';
import { meta as reqMeta } from '#app/lib/api.server.ts';
import { formAction, type FormResult } from '#app/lib/forms.server.ts';
import { requirePageAction } from '#app/lib/pages.server.ts';
import { validate } from '#app/lib/validation.ts';
import { FIRST_GRANT_YEAR, grantQuerySchema, grantQueuePageSchema } from '#app/schemas/grants.server.ts';
import { approveGrants, countyOptions, listGrants } from '#app/services/grants/review.server.ts';
import { budgetStatus, setBudget } from '#app/services/grants/budgets.server.ts';
import { GRANT_CLAUSES } from '#app/services/grants/policies.server.ts';
import { regionNameOf } from '#app/services/organizations.server.ts';
import { useRootData } from '#app/root.tsx';

export const meta: MetaFunction = () => [{ title: '补助审核 · 科技成果转化平台' }];

const PAGE_SIZE = 20;
/** "山东省聊城市东昌府区" → "东昌府区": every recipient county is in the city. */
const countyName = (code: string) => (regionNameOf(code) ?? code).replace(/^山东省聊城市(?=.)/, '');

/**
 * Filters live in the URL. Without a year the latest year that has grants is shown;
 * `year=all` lists every year. Invalid filters are dropped rather than answered with an error page.
 */
function filtersOf(url: URL) {
  const raw = Object.fromEntries([...url.searchParams].filter(([k, val]) => ['year', 'clause', 'status', 'county'].includes(k) && val !== '' && val !== 'all'));
  let q = validate(grantQuerySchema, raw);
  if (!q.ok) {
    for (const k of Object.keys(q.fields)) delete raw[k];
    q = validate(grantQuerySchema, raw);
  }
  return { ...(q.ok ? q.data : {}), allYears: url.searchParams.get('year') === 'all' };
}

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const v = await requirePageAction(request, 'bureau.records.view');
  const url = new URL(request.url);
  const f = filtersOf(url);
  const thisYear = yearInCity();
  let year = f.year;
  if (!year && !f.allYears) year = (await listGrants(v, { page: 1, pageSize: 1 })).items[0]?.year ?? thisYear;
  const page = Math.max(1, Math.min(1000, Number(url.searchParams.get('page')) || 1));
  const budgetYear = year ?? thisYear;
  const [list, budget, counties] = await Promise.all([
    listGrants(v, { year, clause: f.clause, status: f.status, county: f.county, page, pageSize: PAGE_SIZE }),
    budgetStatus(v, budgetYear),
    countyOptions(v),
  ]);
  const years = Array.from({ length: Math.max(thisYear, budgetYear) - FIRST_GRANT_YEAR + 1 }, (_, i) => Math.max(thisYear, budgetYear) - i);
  return {
    filters: { year: year ?? null, clause: f.clause ?? null, status: f.status ?? null, county: f.county ?? null },
    items: list.items.map((g) => ({
      id: g.id,
      recipientName: g.recipientName ?? '',
      county: g.regionCode ? countyName(g.regionCode) : '',
      clause: g.clause,
      year: g.year,
      amount: g.amount,
      approvedAmount: g.approvedAmount,
      status: g.status,
    })),
    total: list.total,
    sum: list.sum,
    page,
    pageSize: PAGE_SIZE,
    budget,
    years,
    clauses: GRANT_CLAUSES.map((c) => ({ id: c, name: CLAUSE_ZH[c] })),
    counties: counties.map((code) => ({ code, name: countyName(code) })),
  };
};

type QueueResult = FormResult & { done?: true; approved?: number };

export const action = (args: ActionFunctionArgs) =>
  formAction(grantQueuePageSchema, async (input, { request, context }) => {
    const v = await requirePageAction(request, input.intent === 'approve-batch' ? 'bureau.grants.review' : 'bureau.budgets.edit');
    if (input.intent === 'approve-batch') {
      const approved = await approveGrants(v, input.ids, { acknowledgeOverBudget: input.acknowledgeOverBudget === 'on' }, reqMeta(request, context));
      return data<QueueResult>({ approved: approved.length });
    }
    await setBudget(v, input.year, input.amount, reqMeta(request, context));
    return data<QueueResult>({ done: true });
  })(args);

export default function GrantQueue() {
  const { filters, items, total, sum, page, pageSize, budget, years, clauses, counties } = useLoaderData<typeof loader>();
  const r = useActionData<QueueResult>();
  const waiting = items.filter((g) => g.status === 'submitted');
  // Which form the answer is for: the batch's refusals show by the batch, the budget's by the budget.
  const pick = usePick();
  const forBatch = r?.approved !== undefined || r?.values?.intent === 'approve-batch';
  const t = useT();
  const perms = useRootData()?.permissions ?? [];
  const busy = useNavigation().state === 'submitting';
  const clauseName = (id: string) => clauses.find((c) => c.id === id)?.name ?? id;
  const exportHref = (format: 'csv' | 'xlsx') => `/api/v1/grants/export?year=${budget.year}&format=${format}`;
  return (
    <>
      <section className="panel" aria-labelledby="grants-title">
        <div className="panel-head">
          <h1 id="grants-title">{t('grant.queue')}</h1>
          {perms.includes('bureau.jobs.retry') ? <Link to="/bureau/jobs">{t('jobs.title')}</Link> : null}
        </div>
        <Form method="get" className="filters" aria-label={t('grant.filter')}>
          <div className="field">
            <label htmlFor="filter-year">{t('grant.year')}</label>
            <select id="filter-year" name="year" defaultValue={filters.year ? String(filters.year) : 'all'}>
              <option value="all">{t('grant.allYears')}</option>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-clause">{t('grant.clause')}</label>
            <select id="filter-clause" name="clause" defaultValue={filters.clause ?? ''}>
              <option value="">{t('grant.allClauses')}</option>
              {clauses.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.id} {c.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-status">{t('grant.status')}</label>
            <select id="filter-status" name="status" defaultValue={filters.status ?? ''}>
              <option value="">{t('grant.allStatuses')}</option>
              {GRANT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`grant.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-county">{t('grant.county')}</label>
            <select id="filter-county" name="county" defaultValue={filters.county ?? ''}>
              <option value="">{t('grant.allCounties')}</option>
              {counties.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}（{c.code}）
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            {t('grant.filter.submit')}
          </button>
        </Form>
        <p className="muted" role="status">
          {t('grant.total', { total, sum: yuan(sum) })}
        </p>
        {items.length === 0 ? (
          <p className="empty">{t('grant.empty')}</p>
        ) : (
          <GrantTable byRecipient rows={items.map((g) => ({ ...g, clauseName: clauseName(g.clause) }))} />
        )}
        <Pager page={page} pageSize={pageSize} total={total} />
      </section>

      {perms.includes('bureau.grants.review') ? (
      <section className="panel" aria-labelledby="batch-title">
        <h2 id="batch-title">{t('grant.batch.title')}</h2>
        <p className="muted">{t('grant.batch.intro')}</p>
        {r?.approved ? (
          <p className="alert success" role="status" data-testid="batch-done">
            {t('grant.batch.done', { n: r.approved })}
          </p>
        ) : null}
        {forBatch ? <FormErrors formError={r?.formError} fields={r?.fields} /> : null}
        {forBatch ? <ReauthLink fields={r?.fields} /> : null}
        {forBatch && r?.fields?.ids ? <p className="error">{pick(r.fields.ids)}</p> : null}
        {waiting.length === 0 ? (
          <p className="empty">{t('grant.batch.empty')}</p>
        ) : (
          <Form method="post" noValidate data-testid="batch-form">
            <input type="hidden" name="intent" value="approve-batch" />
            <fieldset>
              <legend className="sr-only">{t('grant.batch.pick')}</legend>
              <ul className="checklist">
                {waiting.map((g) => (
                  <li key={g.id}>
                    <label className="check">
                      <input type="checkbox" name="ids" value={g.id} /> {g.recipientName} · {g.year} {g.clause} {clauseName(g.clause)} · {yuan(g.amount)}
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
            <label className="check">
              <input type="checkbox" name="acknowledgeOverBudget" value="on" /> {t('grant.batch.overBudget')}
            </label>
            <button type="submit" className="button primary" disabled={busy}>
              {t('grant.batch.submit')}
            </button>
          </Form>
        )}
      </section>
      ) : null}

      <section className="panel" aria-labelledby="budget-title">
        <div className="panel-head">
          <h2 id="budget-title">{t('budget.title', { year: budget.year })}</h2>
          <div className="actions">
            <a className="button small" href={exportHref('csv')} download>
              {t('grant.export.csv', { year: budget.year })}
            </a>
            <a className="button small" href={exportHref('xlsx')} download>
              {t('grant.export.xlsx', { year: budget.year })}
            </a>
          </div>
        </div>
        {budget.warning ? (
          <p className="alert warning" role="alert" data-testid="budget-warning">
            {t('budget.warning')}
          </p>
        ) : null}
        <dl className="facts" data-testid="budget">
          <dt>{t('budget.amount')}</dt>
          <dd>{budget.budget ? yuan(budget.budget) : t('budget.unset')}</dd>
          <dt>{t('budget.approved')}</dt>
          <dd>{yuan(budget.approved)}</dd>
          <dt>{t('budget.paid')}</dt>
          <dd>{yuan(budget.paid)}</dd>
          <dt>{t('budget.pending')}</dt>
          <dd>{yuan(budget.pendingReview)}</dd>
          <dt>{t('budget.remaining')}</dt>
          <dd>{budget.remaining ? yuan(budget.remaining) : t('budget.unset')}</dd>
        </dl>
        {r?.done ? (
          <p className="alert success" role="status">
            {t('budget.saved')}
          </p>
        ) : null}
        {forBatch ? null : <FormErrors formError={r?.formError} fields={r?.fields} />}
        {forBatch ? null : <ReauthLink fields={r?.fields} />}
        {perms.includes('bureau.budgets.edit') ? (
        <Form method="post" className="inline-form" noValidate>
          <input type="hidden" name="intent" value="budget" />
          <input type="hidden" name="year" value={budget.year} />
          <Field name="amount" label={t('budget.newAmount', { year: budget.year })} inputMode="numeric" required defaultValue={budget.budget ?? ''} error={r?.fields?.amount} key={budget.budget ?? ''} />
          <button type="submit" className="button" disabled={busy}>
            {t('budget.set')}
          </button>
        </Form>
        ) : null}
      </section>
    </>
  );
}
