/** A year's grants as people read them in a spreadsheet (the bureau): names and labels, not codes or ids. */
import { asc, desc, eq } from 'drizzle-orm';
import { getDb } from '#db/client.ts';
import { grants, organizations } from '#db/schema.ts';
import { CLAUSE_ZH } from '#domain/grants/computation.ts';
import { regionName } from '#domain/codes/region.ts';
import { formatMoney, percentText } from '#domain/money.ts';
import { translate } from '#app/i18n/translate.server.ts';
import { authorize, type Viewer } from '#app/lib/auth.server.ts';
import { titlesOf } from './shared.server.ts';

/** Every figure of the year with its recipient, decision and payment. */
export async function grantsForExport(v: Viewer, year: number) {
  authorize(v, 'bureau.records.view');
  const rows = await getDb()
    .select({ g: grants, name: organizations.name, region: organizations.regionCode, credit: organizations.creditCode })
    .from(grants)
    .innerJoin(organizations, eq(organizations.id, grants.recipientOrgId))
    .where(eq(grants.year, year))
    .orderBy(asc(grants.clause), desc(grants.amount), asc(grants.id));
  const titles = await titlesOf(rows.map((r) => r.g.policyId));
  return rows.map((r) => ({
    year: r.g.year,
    clause: `${r.g.clause} ${CLAUSE_ZH[r.g.clause]}`,
    recipient: r.name,
    creditCode: r.credit,
    region: regionName(r.region) ?? r.region,
    policy: titles[r.g.policyId] ?? r.g.policyId,
    base: formatMoney(r.g.base),
    rate: percentText(r.g.rate.toString()),
    cap: formatMoney(r.g.cap),
    amount: formatMoney(r.g.amount),
    status: translate('zh', `grant.status.${r.g.status}`),
    approvedAmount: r.g.approvedAmount ? formatMoney(r.g.approvedAmount) : '',
    paymentReference: r.g.paymentReference ?? '',
    contracts: (r.g.contracts as Array<{ registrationNo: string }>).map((c) => c.registrationNo).join(' '),
  }));
}

export const EXPORT_COLUMNS: Array<[keyof Awaited<ReturnType<typeof grantsForExport>>[number], string]> = [
  ['year', '年度 year'],
  ['clause', '条款 clause'],
  ['recipient', '受补助单位 recipient'],
  ['creditCode', '统一社会信用代码'],
  ['region', '所在区县 region'],
  ['policy', '政策 policy'],
  ['base', '基数 base'],
  ['rate', '比例 rate'],
  ['cap', '上限 cap'],
  ['amount', '计算金额 computed'],
  ['status', '状态 status'],
  ['approvedAmount', '核定金额 approved'],
  ['paymentReference', '支付凭证 payment'],
  ['contracts', '登记号 contracts'],
];
