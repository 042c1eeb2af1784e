import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import type { Msg } from '#domain/errors.ts';
import { CONTRACT_KINDS } from '#domain/contracts/rules.ts';
import { groupDigits } from '#domain/money.ts';
import { CONTRACT_KIND_LABELS, NATIONAL_FIELDS, PARTY_TYPES, REGION_FLOWS, TRANSFER_TYPES, UNCLASSIFIED } from '#domain/statistics/codes.ts';
import { changePercent, sharePercent } from '#domain/statistics/aggregate.ts';
import { usePick } from '#app/components/i18n.tsx';
import { StatsChart, StatsTable as Table } from '#app/components/stats-chart.tsx';
import { requirePageAction } from '#app/lib/pages.server.ts';
import { counties, dashboard, parseDashboardFilters, type TopRow } from '#app/services/statistics.server.ts';

export const meta: MetaFunction = () => [{ title: '技术市场统计 · 科技成果转化平台' }];

const T = {
  title: { zh: '技术市场统计', en: 'Technology market statistics' },
  filters: { zh: '筛选', en: 'Filters' },
  year: { zh: '年份', en: 'Year' },
  from: { zh: '起始日期', en: 'From' },
  to: { zh: '截止日期', en: 'To' },
  county: { zh: '县（市、区）', en: 'County / district' },
  kind: { zh: '合同类别', en: 'Contract kind' },
  all: { zh: '全部', en: 'All' },
  apply: { zh: '查看', en: 'Show' },
  bad: { zh: '筛选条件有误，未作统计', en: 'The filters are invalid; nothing was computed' },
  count: { zh: '登记合同数', en: 'Registered contracts' },
  amount: { zh: '合同成交额（元）', en: 'Contract amount (yuan)' },
  techAmount: { zh: '技术交易额（元）', en: 'Technology transaction amount (yuan)' },
  lastYear: { zh: '上年同期', en: 'Same period last year' },
  change: { zh: '同比', en: 'Year on year' },
  byMonth: { zh: '按月登记情况（与上年同月对比）', en: 'By month, beside the same months of last year' },
  month: { zh: '月份', en: 'Month' },
  thisYear: { zh: '本年', en: 'This year' },
  byKind: { zh: '按合同类别', en: 'By contract kind' },
  transfers: { zh: '技术转让细分', en: 'Transfers by what was transferred' },
  byField: { zh: '按技术领域（全国 11 类）', en: 'By technical field (the national 11)' },
  fieldNote: { zh: '技术领域由合同所涉成果的领域映射而来；无成果的合同计入“未分类”。', en: 'The field is mapped from the contract’s result; contracts without a result are unclassified.' },
  sellers: { zh: '卖方', en: 'Sellers' },
  buyers: { zh: '买方', en: 'Buyers' },
  byType: { zh: '按主体类型', en: 'By type' },
  byFlow: { zh: '按地域流向', en: 'By region flow' },
  topSellers: { zh: '卖方排名', en: 'Top sellers' },
  topBuyers: { zh: '买方排名', en: 'Top buyers' },
  topBrokers: { zh: '服务机构排名', en: 'Top agencies' },
  name: { zh: '名称', en: 'Name' },
  region: { zh: '地区代码', en: 'Region code' },
  inCity: { zh: '市内占比', en: 'In-city share' },
  inCityNote: {
    zh: '市内占比：卖方为市内买方所占金额比例，买方为来自市内卖方的比例，服务机构为市内买方的比例。',
    en: 'In-city share: for a seller, the share bought in the city; for a buyer, the share sold from the city; for an agency, the share brokered to buyers in the city.',
  },
  grants: { zh: '补助：计算、核准、拨付与年度预算', en: 'Grants: computed, approved and paid against the year’s budget' },
  grantsNote: { zh: '补助按年度统计，不受日期范围与合同类别筛选影响。', en: 'Grants are counted by year; the date range and contract kind do not apply.' },
  budget: { zh: '年度预算（元）', en: 'Budget of the year (yuan)' },
  noBudget: { zh: '未设定', en: 'Not set' },
  clause: { zh: '条款', en: 'Clause' },
  computed: { zh: '计算额', en: 'Computed' },
  approved: { zh: '核准额', en: 'Approved' },
  paid: { zh: '已拨付', en: 'Paid' },
  usage: { zh: '预算使用（核准/预算）', en: 'Budget used (approved / budget)' },
  byCounty: { zh: '按县（市、区）', en: 'By county' },
  grantsCount: { zh: '笔数', en: 'Grants' },
  tableView: { zh: '数据表', en: 'Table' },
  none: { zh: '暂无数据', en: 'No data' },
  total: { zh: '合计', en: 'Total' },
} satisfies Record<string, Msg>;

/** Every bureau role reads the records, so every bureau role may see the market's aggregates. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  await requirePageAction(request, 'bureau.records.view');
  const url = new URL(request.url);
  const parsed = parseDashboardFilters(url);
  const places = counties().map((c) => ({ code: c.code, name: c.name }));
  if (!parsed.ok) {
    const raw = Object.fromEntries(url.searchParams);
    return data({ ok: false as const, fields: parsed.fields, raw, counties: places }, { status: 400 });
  }
  return { ok: true as const, stats: await dashboard(parsed.filters), counties: places };
};

const money = (s: string) => groupDigits(s);
const yuan = (s: string) => Number(s);

export default function Dashboard() {
  const d = useLoaderData<typeof loader>();
  const pick = usePick();
  const p = (m: Msg) => pick(m) ?? '';
  const thisYear = new Date().getFullYear();
  const year = d.ok ? d.stats.filters.year : Number(d.raw.year) || thisYear;
  const years = Array.from({ length: 8 }, (_, i) => Math.max(thisYear, year) - i);
  const f = d.ok ? d.stats.filters : { from: d.raw.from ?? '', to: d.raw.to ?? '', county: d.raw.county ?? '', kind: d.raw.kind ?? '' };
  const countyName = (code: string) => d.counties.find((c) => c.code === code)?.name ?? code;
  return (
    <section className="panel stats-page" aria-labelledby="stats-title">
      <h1 id="stats-title">{p(T.title)}</h1>
      <Form method="get" className="filters" aria-label={p(T.filters)}>
        <div className="field">
          <label htmlFor="f-year">{p(T.year)}</label>
          <select id="f-year" name="year" defaultValue={String(year)}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-from">{p(T.from)}</label>
          <input id="f-from" name="from" type="date" defaultValue={f.from ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="f-to">{p(T.to)}</label>
          <input id="f-to" name="to" type="date" defaultValue={f.to ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="f-county">{p(T.county)}</label>
          <select id="f-county" name="county" defaultValue={f.county ?? ''}>
            <option value="">{p(T.all)}</option>
            {d.counties.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-kind">{p(T.kind)}</label>
          <select id="f-kind" name="kind" defaultValue={f.kind ?? ''}>
            <option value="">{p(T.all)}</option>
            {CONTRACT_KINDS.map((k) => (
              <option key={k} value={k}>
                {p(CONTRACT_KIND_LABELS[k])}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {p(T.apply)}
        </button>
      </Form>
      {d.ok ? (
        <Figures stats={d.stats} p={p} countyName={countyName} />
      ) : (
        <div role="alert" className="notice error">
          <p>{p(T.bad)}</p>
          <ul>
            {Object.entries(d.fields).map(([k, m]) => (
              <li key={k}>{p(m)}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

type Stats = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { ok: true }>['stats'];
type P = (m: Msg) => string;

function Figures({ stats: s, p, countyName }: { stats: Stats; p: P; countyName: (c: string) => string }) {
  const pct = (v: string | null) => (v === null ? '—' : `${v}%`);
  const months = s.months.map((m) => `${m.month}`);
  const fieldLabels = [...NATIONAL_FIELDS, UNCLASSIFIED];
  const label = <C extends string>(list: ReadonlyArray<{ code: string; zh: string; en: string }>, code: C) => p(list.find((x) => x.code === code) ?? { zh: code, en: code });
  return (
    <>
      <dl className="stats-summary">
        <div>
          <dt>{p(T.count)}</dt>
          <dd data-testid="total-count">{s.totals.count}</dd>
          <dd className="muted">
            {p(T.lastYear)} {s.lastYearTotals.count}
          </dd>
        </div>
        <div>
          <dt>{p(T.amount)}</dt>
          <dd data-testid="total-amount">{money(s.totals.amount)}</dd>
          <dd className="muted">
            {p(T.lastYear)} {money(s.lastYearTotals.amount)} · {p(T.change)} {pct(changePercent(s.totals.amount, s.lastYearTotals.amount))}
          </dd>
        </div>
        <div>
          <dt>{p(T.techAmount)}</dt>
          <dd data-testid="total-technology-amount">{money(s.totals.technologyAmount)}</dd>
          <dd className="muted">
            {p(T.lastYear)} {money(s.lastYearTotals.technologyAmount)} · {p(T.change)} {pct(changePercent(s.totals.technologyAmount, s.lastYearTotals.technologyAmount))}
          </dd>
        </div>
      </dl>

      <section className="stats-panel" aria-labelledby="p-month">
        <h2 id="p-month">{p(T.byMonth)}</h2>
        <StatsChart
          testId="chart-month"
          label={p(T.byMonth)}
          spec={{
            type: 'bar',
            categories: months,
            series: [
              { name: `${s.filters.year} ${p(T.amount)}`, data: s.months.map((m) => yuan(m.current.amount)) },
              { name: `${s.filters.year - 1} ${p(T.amount)}`, data: s.months.map((m) => yuan(m.lastYear.amount)), type: 'line' },
            ],
          }}
        >
          <details>
            <summary>{p(T.tableView)}</summary>
            <Table
              head={[p(T.month), `${p(T.count)}`, p(T.amount), p(T.techAmount), `${p(T.lastYear)} ${p(T.count)}`, `${p(T.lastYear)} ${p(T.amount)}`, `${p(T.lastYear)} ${p(T.techAmount)}`]}
              rows={s.months.map((m) => [String(m.month), String(m.current.count), money(m.current.amount), money(m.current.technologyAmount), String(m.lastYear.count), money(m.lastYear.amount), money(m.lastYear.technologyAmount)])}
            />
          </details>
        </StatsChart>
      </section>

      <div className="stats-grid">
        <FigurePanel id="p-kind" title={p(T.byKind)} p={p} head={p(T.kind)} cells={s.kinds.map((k) => ({ label: p(CONTRACT_KIND_LABELS[k.code]), ...k }))} />
        <FigurePanel id="p-transfer" title={p(T.transfers)} p={p} head={p(T.kind)} cells={s.transfers.map((k) => ({ label: label(TRANSFER_TYPES, k.code), ...k }))} />
      </div>
      <FigurePanel id="p-field" title={p(T.byField)} p={p} head={p(T.byField)} horizontal note={p(T.fieldNote)} cells={s.fields.map((k) => ({ label: label(fieldLabels, k.code), ...k }))} />
      <div className="stats-grid">
        {(['seller', 'buyer'] as const).map((side) => (
          <div key={side}>
            <FigurePanel id={`p-${side}-type`} title={`${p(side === 'seller' ? T.sellers : T.buyers)} · ${p(T.byType)}`} p={p} head={p(T.byType)} cells={s.parties[side].byType.map((k) => ({ label: label(PARTY_TYPES, k.code), ...k }))} />
            <FigurePanel id={`p-${side}-flow`} title={`${p(side === 'seller' ? T.sellers : T.buyers)} · ${p(T.byFlow)}`} p={p} head={p(T.byFlow)} cells={s.parties[side].byFlow.map((k) => ({ label: label(REGION_FLOWS, k.code), ...k }))} />
          </div>
        ))}
      </div>

      <section className="stats-panel" aria-labelledby="p-grants">
        <h2 id="p-grants">{p(T.grants)}</h2>
        <p className="muted">{p(T.grantsNote)}</p>
        <p>
          {p(T.budget)}: <strong data-testid="grant-budget">{s.grants.budget ? money(s.grants.budget) : p(T.noBudget)}</strong>
          {s.grants.budget ? ` · ${p(T.usage)} ${pct(sharePercent(s.grants.total.approved, s.grants.budget))}` : null}
        </p>
        <StatsChart
          testId="chart-grants"
          label={p(T.grants)}
          spec={{
            type: 'bar',
            categories: s.grants.byClause.map((g) => g.clause),
            series: [
              { name: p(T.computed), data: s.grants.byClause.map((g) => yuan(g.computed)) },
              { name: p(T.approved), data: s.grants.byClause.map((g) => yuan(g.approved)) },
              { name: p(T.paid), data: s.grants.byClause.map((g) => yuan(g.paid)) },
            ],
          }}
        >
          <details>
            <summary>{p(T.tableView)}</summary>
            <Table
              head={[p(T.clause), p(T.grantsCount), p(T.computed), p(T.approved), p(T.paid)]}
              rows={[...s.grants.byClause.map((g) => [g.clause, String(g.count), money(g.computed), money(g.approved), money(g.paid)]), [p(T.total), String(s.grants.total.count), money(s.grants.total.computed), money(s.grants.total.approved), money(s.grants.total.paid)]]}
            />
          </details>
        </StatsChart>
        <h3>{p(T.byCounty)}</h3>
        <Table head={[p(T.county), p(T.grantsCount), p(T.computed), p(T.approved), p(T.paid)]} rows={s.grants.byCounty.map((g) => [countyName(g.regionCode), String(g.count), money(g.computed), money(g.approved), money(g.paid)])} empty={p(T.none)} />
      </section>

      <section className="stats-panel" aria-labelledby="p-top">
        <h2 id="p-top">{p(T.topSellers)} · {p(T.topBuyers)} · {p(T.topBrokers)}</h2>
        <p className="muted">{p(T.inCityNote)}</p>
        {(
          [
            ['seller', T.topSellers],
            ['buyer', T.topBuyers],
            ['broker', T.topBrokers],
          ] as const
        ).map(([side, title]) => (
          <div key={side} data-testid={`top-${side}`}>
            <h3>{p(title)}</h3>
            <Table head={['#', p(T.name), p(T.region), p(T.count), p(T.amount), p(T.inCity)]} rows={s.top[side].map((r: TopRow, i) => [String(i + 1), r.name, r.regionCode, String(r.count), money(r.amount), pct(r.inCityShare)])} empty={p(T.none)} textColumns={[1, 2]} />
          </div>
        ))}
      </section>
    </>
  );
}

function FigurePanel({
  id,
  title,
  head,
  cells,
  p,
  horizontal,
  note,
}: {
  id: string;
  title: string;
  head: string;
  cells: Array<{ label: string; count: number; amount: string; technologyAmount: string }>;
  p: P;
  horizontal?: boolean;
  note?: string;
}) {
  return (
    <section className="stats-panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {note ? <p className="muted">{note}</p> : null}
      <StatsChart
        testId={`chart-${id}`}
        label={title}
        spec={{ type: 'bar', horizontal, categories: cells.map((c) => c.label), series: [{ name: p(T.amount), data: cells.map((c) => yuan(c.amount)) }, { name: p(T.techAmount), data: cells.map((c) => yuan(c.technologyAmount)) }] }}
      >
        <details>
          <summary>{p(T.tableView)}</summary>
          <Table head={[head, p(T.count), p(T.amount), p(T.techAmount)]} rows={cells.map((c) => [c.label, String(c.count), money(c.amount), money(c.technologyAmount)])} />
        </details>
      </StatsChart>
    </section>
  );
}
