import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { getDb } from '#db/client.ts';
import { LIAOCHENG_DISTRICTS, LIAOCHENG_PREFIX } from '#domain/codes/region.ts';
import { CONTRACT_KINDS, type ContractKind } from '#domain/contracts/rules.ts';
import { CLAUSES } from '#domain/grants/policy.ts';
import type { OrgKind } from '#domain/permissions.ts';
import type { ResultField } from '#domain/result-codes.ts';
import { formatMoney } from '#domain/money.ts';
import { yearInZone } from '#domain/time/city-time.ts';
import Decimal from 'decimal.js';
import {
  NATIONAL_FIELDS,
  PARTY_TYPES,
  REGION_FLOWS,
  TRANSFER_TYPES,
  UNCLASSIFIED,
  nationalFieldOf,
  partyTypeOf,
  regionFlowOf,
  transferTypeOf,
  type FieldCell,
  type PartyType,
  type RegionFlow,
  type TransferType,
} from '#domain/statistics/codes.ts';
import { foldBy, monthSeries, publishable, sharePercent, total, type Figures, type MonthRow, type PublicCell } from '#domain/statistics/aggregate.ts';
import { parseStatsFilters, type FilterParse, type StatsFilters } from '#domain/statistics/filters.ts';

/**
 * The technology market's aggregates, straight from SQL: every figure is a `sum(numeric)` over the
 * registered contracts' snapshots (contract_registrations, the figures as registered) whose contract
 * is still `registered` — revoked, terminated and superseded ones drop out, an amendment counts in
 * their place. The day is the registration day; the county is the one in the registration number
 * (the seller's, at registration). Classification (field, party type, region flow, transfer type)
 * is done by domain/statistics on grouped rows, so SQL only groups raw columns.
 *
 * A dashboard load runs DASHBOARD_QUERIES queries, a public page load PUBLIC_QUERIES.
 */
export const CITY_TIME_ZONE = 'Asia/Shanghai';
export const DASHBOARD_QUERIES = 5;
export const PUBLIC_QUERIES = 3;
const TOP_N = 10;

const countyCodes = new Set(LIAOCHENG_DISTRICTS.map((d) => d.code));

export function parseDashboardFilters(url: URL, now: Date = new Date()): FilterParse {
  return parseStatsFilters(url.searchParams, yearInZone(CITY_TIME_ZONE, now), (c) => countyCodes.has(c));
}

export const counties = () => LIAOCHENG_DISTRICTS;

type Range = { from: string; to: string };

function rangeOf(f: StatsFilters, yearsBack = 0): Range {
  const shift = (d: string) => `${Number(d.slice(0, 4)) - yearsBack}${d.slice(4)}`;
  // 02-29 a year back is 02-28: the range ends on the last day that exists.
  const end = (d: string) => (d.endsWith('-02-29') && yearsBack % 4 !== 0 ? `${shift(d).slice(0, 8)}28` : shift(d));
  return { from: shift(f.from ?? `${f.year}-01-01`), to: end(f.to ?? `${f.year}-12-31`) };
}

/** The registered contracts a filter selects, as a CTE `c`. */
function registered(f: StatsFilters, ranges: Range[]): SQL {
  const within = sql.join(
    ranges.map((r) => sql`cr.registered_on between ${r.from}::date and ${r.to}::date`),
    sql` or `,
  );
  return sql`with c as (
    select cr.registered_on, cr.kind, cr.licence, cr.seller_org_id, cr.buyer_org_id, cr.broker_org_id, cr.result_id, cr.amount, cr.technology_amount
    from contract_registrations cr join contracts k on k.id = cr.contract_id
    where k.status = 'registered' and (${within})
    ${f.county ? sql`and substr(cr.registration_no, 5, 6) = ${f.county}` : sql``}
    ${f.kind ? sql`and cr.kind = ${f.kind}` : sql``}
  )`;
}

const sums = sql`count(*)::int as "count", sum(c.amount)::text as "amount", sum(c.technology_amount)::text as "technologyAmount"`;

type Raw = { count: number; amount: string | null; technologyAmount: string | null };
type Named<K extends string> = { code: K } & Figures;

export type TopRow = { orgId: string; name: string; regionCode: string; count: number; amount: string; inCityShare: string | null };
export type GrantCell = { computed: string; approved: string; paid: string; count: number };

export type Dashboard = {
  filters: StatsFilters;
  totals: Figures;
  lastYearTotals: Figures;
  months: ReturnType<typeof monthSeries>;
  kinds: Array<Named<ContractKind>>;
  transfers: Array<Named<TransferType>>;
  fields: Array<Named<FieldCell>>;
  parties: Record<'seller' | 'buyer', { byType: Array<Named<PartyType>>; byFlow: Array<Named<RegionFlow>> }>;
  top: Record<'seller' | 'buyer' | 'broker', TopRow[]>;
  grants: { budget: string | null; byClause: Array<{ clause: string } & GrantCell>; byCounty: Array<{ regionCode: string } & GrantCell>; total: GrantCell };
};

export async function dashboard(f: StatsFilters): Promise<Dashboard> {
  const db = getDb();
  const current = rangeOf(f);
  const [monthRows, kindRows, partyRows, topRows, grantRows] = await Promise.all([
    db.execute<MonthRow>(sql`${registered(f, [current, rangeOf(f, 1)])}
      select extract(year from c.registered_on)::int as "year", extract(month from c.registered_on)::int as "month", ${sums}
      from c group by 1, 2`),
    db.execute<Raw & { kind: ContractKind; licence: boolean; resultKind: 'patent' | 'result' | null; ipType: string | null; field: ResultField | null }>(sql`${registered(f, [current])}
      select c.kind, c.licence, r.kind as "resultKind", r.ip_type as "ipType", r.field, ${sums}
      from c left join results r on r.id = c.result_id group by 1, 2, 3, 4, 5`),
    db.execute<Raw & { side: 'seller' | 'buyer'; orgKind: OrgKind; region: string }>(sql`${registered(f, [current])}
      select 'seller' as "side", o.kind as "orgKind", left(o.region_code, 4) as "region", ${sums} from c join organizations o on o.id = c.seller_org_id group by 1, 2, 3
      union all
      select 'buyer', o.kind, left(o.region_code, 4), ${sums} from c join organizations o on o.id = c.buyer_org_id group by 1, 2, 3`),
    // In-city share: of a seller's volume, what local buyers took; of a buyer's, what came from local
    // sellers; of an agency's, what it brokered to local buyers.
    db.execute<{ side: 'seller' | 'buyer' | 'broker'; orgId: string; name: string; regionCode: string; count: number; amount: string; inCity: string | null }>(sql`${registered(f, [current])},
      sides as (
        select 'seller' as side, c.seller_org_id as org_id, c.buyer_org_id as other_id, c.amount from c
        union all select 'buyer', c.buyer_org_id, c.seller_org_id, c.amount from c
        union all select 'broker', c.broker_org_id, c.buyer_org_id, c.amount from c where c.broker_org_id is not null
      ),
      ranked as (
        select s.side, s.org_id, count(*)::int as count, sum(s.amount) as amount,
          sum(s.amount) filter (where other.region_code like ${`${LIAOCHENG_PREFIX}%`}) as in_city,
          row_number() over (partition by s.side order by sum(s.amount) desc, s.org_id) as n
        from sides s join organizations other on other.id = s.other_id group by s.side, s.org_id
      )
      select ranked.side, ranked.org_id as "orgId", o.name, o.region_code as "regionCode", ranked.count, ranked.amount::text as "amount", ranked.in_city::text as "inCity"
      from ranked join organizations o on o.id = ranked.org_id where ranked.n <= ${TOP_N} order by ranked.side, ranked.n`),
    db.execute<{ clause: string; regionCode: string; count: number; computed: string; approved: string | null; paid: string | null; budget: string | null }>(sql`
      select g.clause, o.region_code as "regionCode", count(*)::int as count,
        sum(g.amount) filter (where g.status <> 'rejected')::text as computed,
        sum(g.approved_amount) filter (where g.status in ('approved', 'paid'))::text as approved,
        sum(g.approved_amount) filter (where g.status = 'paid')::text as paid,
        (select b.amount::text from grant_budgets b where b.year = ${f.year}) as budget
      from grants g join organizations o on o.id = g.recipient_org_id
      where g.year = ${f.year} ${f.county ? sql`and o.region_code = ${f.county}` : sql``}
      group by 1, 2
      union all
      select null, null, 0, null, null, null, (select b.amount::text from grant_budgets b where b.year = ${f.year})`),
  ]);

  const months = monthSeries([...monthRows], f.year);
  const kindList = [...kindRows];
  const partyList = [...partyRows];
  const side = (s: 'seller' | 'buyer') => {
    const rows = partyList.filter((r) => r.side === s);
    return {
      byType: foldBy(rows, (r) => partyTypeOf(r.orgKind), PARTY_TYPES.map((p) => p.code)),
      byFlow: foldBy(rows, (r) => regionFlowOf(r.region, LIAOCHENG_PREFIX), REGION_FLOWS.map((p) => p.code)),
    };
  };
  const top = (s: 'seller' | 'buyer' | 'broker'): TopRow[] =>
    [...topRows]
      .filter((r) => r.side === s)
      .map((r) => ({ orgId: r.orgId, name: r.name, regionCode: r.regionCode, count: r.count, amount: formatMoney(new Decimal(r.amount)), inCityShare: sharePercent(r.inCity ?? '0', r.amount) }));

  const grantList = [...grantRows];
  const budget = grantList[0]?.budget ?? null;
  const grantData = grantList.filter((g) => g.clause !== null);
  const grantFold = <K extends string>(keyOf: (g: (typeof grantData)[number]) => K, keys: readonly K[]) => {
    const m = new Map<K, GrantCell>(keys.map((k) => [k, { computed: '0.00', approved: '0.00', paid: '0.00', count: 0 }]));
    for (const g of grantData) {
      const k = keyOf(g);
      const a = m.get(k) ?? { computed: '0.00', approved: '0.00', paid: '0.00', count: 0 };
      m.set(k, {
        computed: formatMoney(new Decimal(a.computed).plus(g.computed ?? 0)),
        approved: formatMoney(new Decimal(a.approved).plus(g.approved ?? 0)),
        paid: formatMoney(new Decimal(a.paid).plus(g.paid ?? 0)),
        count: a.count + g.count,
      });
    }
    return m;
  };
  const byClause = [...grantFold((g) => g.clause, CLAUSES)].map(([clause, c]) => ({ clause, ...c }));
  const byCounty = [...grantFold((g) => g.regionCode, [...new Set(grantData.map((g) => g.regionCode))].sort())].map(([regionCode, c]) => ({ regionCode, ...c }));
  const grantTotal = [...grantFold(() => 'all', ['all'])][0]![1];

  return {
    filters: f,
    totals: total(months.map((m) => m.current)),
    lastYearTotals: total(months.map((m) => m.lastYear)),
    months,
    kinds: foldBy(kindList, (r) => r.kind, CONTRACT_KINDS),
    transfers: foldBy(
      kindList.filter((r) => r.kind === 'transfer' && r.resultKind && r.ipType),
      (r) => transferTypeOf({ licence: r.licence, resultKind: r.resultKind!, ipType: r.ipType! }),
      TRANSFER_TYPES.map((t) => t.code),
    ),
    fields: foldBy(kindList, (r) => nationalFieldOf(r.field), [...NATIONAL_FIELDS.map((n) => n.code), UNCLASSIFIED.code]),
    parties: { seller: side('seller'), buyer: side('buyer') },
    top: { seller: top('seller'), buyer: top('buyer'), broker: top('broker') },
    grants: { budget, byClause, byCounty, total: grantTotal },
  };
}

export type PublicYear = { year: number } & PublicCell<{ count: number; amount: string; technologyAmount: string }>;
export type PublicField = { code: FieldCell } & PublicCell<{ count: number; amount: string }>;
export type PublicStats = {
  years: PublicYear[];
  year: number | null;
  fields: PublicField[];
  listedResults: number;
  openDemands: number;
};

/**
 * What the city publishes: per year, the registered contracts' count, 成交额 and 技术交易额; the
 * published results and open demands; the national fields of one year. No organisation is named
 * and a cell is shown only under the small-cell rule (domain/statistics/aggregate.ts `publishable`).
 */
export async function publicStats(year: number | null): Promise<PublicStats> {
  const db = getDb();
  const [yearRows, fieldRows, listingRows] = await Promise.all([
    db.execute<Raw & { year: number; sellers: number }>(sql`
      select extract(year from cr.registered_on)::int as "year", count(*)::int as "count", count(distinct cr.seller_org_id)::int as "sellers",
        sum(cr.amount)::text as "amount", sum(cr.technology_amount)::text as "technologyAmount"
      from contract_registrations cr join contracts k on k.id = cr.contract_id
      where k.status = 'registered' group by 1 order by 1 desc`),
    db.execute<{ year: number; field: ResultField | null; sellerOrgId: string; count: number; amount: string }>(sql`
      select extract(year from cr.registered_on)::int as "year", r.field, cr.seller_org_id as "sellerOrgId", count(*)::int as "count", sum(cr.amount)::text as "amount"
      from contract_registrations cr join contracts k on k.id = cr.contract_id left join results r on r.id = cr.result_id
      where k.status = 'registered' ${year ? sql`and cr.registered_on between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date` : sql``}
      group by 1, 2, 3`),
    db.execute<{ results: number; demands: number }>(sql`
      select (select count(*)::int from results where status = 'published') as results,
        (select count(*)::int from demands where status = 'published' and (deadline is null or deadline >= (now() at time zone ${CITY_TIME_ZONE})::date)) as demands`),
  ]);
  const years: PublicYear[] = [...yearRows].map((y) =>
    publishable(y) ? { year: y.year, suppressed: false, count: y.count, amount: formatMoney(new Decimal(y.amount ?? 0)), technologyAmount: formatMoney(new Decimal(y.technologyAmount ?? 0)) } : { year: y.year, suppressed: true },
  );
  const shownYear = year ?? years[0]?.year ?? null;
  const cells = new Map<FieldCell, { count: number; amount: Decimal; sellers: Set<string> }>();
  for (const r of fieldRows) {
    if (r.year !== shownYear) continue;
    const code = nationalFieldOf(r.field);
    const c = cells.get(code) ?? { count: 0, amount: new Decimal(0), sellers: new Set<string>() };
    c.count += r.count;
    c.amount = c.amount.plus(r.amount);
    c.sellers.add(r.sellerOrgId);
    cells.set(code, c);
  }
  const fields: PublicField[] = [...cells]
    .map(([code, c]) => (publishable({ count: c.count, sellers: c.sellers.size }) ? { code, suppressed: false as const, count: c.count, amount: formatMoney(c.amount) } : { code, suppressed: true as const }))
    .sort((a, b) => (a.suppressed === b.suppressed ? (a.suppressed || b.suppressed ? 0 : new Decimal(b.amount).comparedTo(a.amount)) : a.suppressed ? 1 : -1));
  const listing = listingRows[0];
  return { years, year: shownYear, fields, listedResults: listing?.results ?? 0, openDemands: listing?.demands ?? 0 };
}

/** The public page's strong ETag: a hash of its figures and the language they are written in. */
export function statsEtag(locale: string, stats: PublicStats): string {
  return `"${createHash('sha256').update(locale).update(JSON.stringify(stats)).digest('base64url').slice(0, 27)}"`;
}
