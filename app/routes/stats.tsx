import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import type { Msg } from '#domain/errors.ts';
import { groupDigits } from '#domain/money.ts';
import { MIN_PUBLIC_CONTRACTS, MIN_PUBLIC_SELLERS } from '#domain/statistics/aggregate.ts';
import { fieldLabel } from '#domain/statistics/codes.ts';
import { parsePublicYear } from '#domain/statistics/filters.ts';
import { usePick } from '#app/components/i18n.tsx';
import { StatsTable } from '#app/components/stats-chart.tsx';
import { localeOf } from '#app/i18n/index.ts';
import { publicStats, statsEtag } from '#app/services/statistics.server.ts';

export const meta: MetaFunction = () => [{ title: '技术市场统计公开信息 · 聊城市科技成果转移转化平台' }];

const T = {
  title: { zh: '技术市场统计', en: 'Technology market statistics' },
  intro: { zh: '聊城市登记的技术合同及平台挂牌情况，按年度汇总。', en: 'Technology contracts registered in Liaocheng and the platform’s listings, by year.' },
  results: { zh: '挂牌成果', en: 'Listed results' },
  demands: { zh: '在征需求', en: 'Open demands' },
  byYear: { zh: '按年度', en: 'By year' },
  year: { zh: '年度', en: 'Year' },
  count: { zh: '登记合同数', en: 'Registered contracts' },
  amount: { zh: '合同成交额（元）', en: 'Contract amount (yuan)' },
  techAmount: { zh: '技术交易额（元）', en: 'Technology transaction amount (yuan)' },
  fields: { zh: '主要技术领域', en: 'Top technical fields' },
  field: { zh: '技术领域', en: 'Field' },
  small: { zh: '不足公开条件', en: 'Too few to publish' },
  none: { zh: '暂无数据', en: 'No data' },
  bad: { zh: '参数有误', en: 'Invalid parameters' },
} satisfies Record<string, Msg>;

const rule = (p: (m: Msg) => string) =>
  p({
    zh: `公开规则：某一格汇总的合同少于 ${MIN_PUBLIC_CONTRACTS} 份或卖方少于 ${MIN_PUBLIC_SELLERS} 家时不公开其数字；本页不列出任何单位名称，也不显示单份合同的金额。`,
    en: `Rule: a cell built from fewer than ${MIN_PUBLIC_CONTRACTS} contracts or ${MIN_PUBLIC_SELLERS} sellers is withheld; no organisation is named and no single contract’s amount is shown.`,
  });

/**
 * Public, no login. Cacheable: the ETag is a hash of the figures (and the language they are
 * written in); a matching If-None-Match gets 304 without a body.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  const parsed = parsePublicYear(url.searchParams);
  if (!parsed.ok) return data({ ok: false as const, fields: parsed.fields }, { status: 400, headers: { 'Cache-Control': 'no-store' } });
  const stats = await publicStats(parsed.year);
  const etag = statsEtag(localeOf(request), stats);
  const headers = { ETag: etag, 'Cache-Control': 'public, max-age=300', Vary: 'Cookie, Accept-Language' };
  const match = request.headers
    .get('if-none-match')
    ?.split(',')
    .map((t) => t.trim().replace(/^W\//, ''));
  if (match?.includes(etag) || match?.includes('*')) return data({ ok: true as const, stats }, { status: 304, headers });
  return data({ ok: true as const, stats }, { headers });
};

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export default function PublicStats() {
  const d = useLoaderData<typeof loader>();
  const pick = usePick();
  const p = (m: Msg) => pick(m) ?? '';
  if (!d.ok) {
    return (
      <section className="panel" role="alert">
        <h1>{p(T.bad)}</h1>
        <ul>
          {Object.entries(d.fields).map(([k, m]) => (
            <li key={k}>{p(m)}</li>
          ))}
        </ul>
      </section>
    );
  }
  const s = d.stats;
  const small = p(T.small);
  return (
    <section className="panel stats-page" aria-labelledby="pub-title">
      <h1 id="pub-title">{p(T.title)}</h1>
      <p>{p(T.intro)}</p>
      <dl className="stats-summary">
        <div>
          <dt>{p(T.results)}</dt>
          <dd data-testid="listed-results">{s.listedResults}</dd>
        </div>
        <div>
          <dt>{p(T.demands)}</dt>
          <dd data-testid="open-demands">{s.openDemands}</dd>
        </div>
      </dl>
      <section className="stats-panel" aria-labelledby="pub-years">
        <h2 id="pub-years">{p(T.byYear)}</h2>
        <StatsTable
          head={[p(T.year), p(T.count), p(T.amount), p(T.techAmount)]}
          rows={s.years.map((y) => (y.suppressed ? [String(y.year), small, small, small] : [String(y.year), String(y.count), groupDigits(y.amount), groupDigits(y.technologyAmount)]))}
          empty={p(T.none)}
        />
      </section>
      <section className="stats-panel" aria-labelledby="pub-fields">
        <h2 id="pub-fields">
          {p(T.fields)}
          {s.year ? ` · ${s.year}` : ''}
        </h2>
        {s.years.length > 1 ? (
          <nav className="tabs" aria-label={p(T.year)}>
            {s.years.map((y) => (
              <Link key={y.year} to={`?year=${y.year}`} aria-current={y.year === s.year ? 'page' : undefined}>
                {y.year}
              </Link>
            ))}
          </nav>
        ) : null}
        <StatsTable
          head={[p(T.field), p(T.count), p(T.amount)]}
          rows={s.fields.map((f) => (f.suppressed ? [p(fieldLabel(f.code)), small, small] : [p(fieldLabel(f.code)), String(f.count), groupDigits(f.amount)]))}
          empty={p(T.none)}
        />
      </section>
      <p className="muted">{rule(p)}</p>
    </section>
  );
}
