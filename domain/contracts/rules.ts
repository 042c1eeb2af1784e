import Decimal from 'decimal.js';
import type { Msg } from '#domain/errors.ts';

export const CONTRACT_KINDS = ['development', 'transfer', 'consulting', 'service'] as const;
export type ContractKind = (typeof CONTRACT_KINDS)[number];

/** `superseded`: a registered contract whose amendment has been registered in its place. */
export const CONTRACT_STATUSES = ['draft', 'submitted', 'returned', 'registered', 'revoked', 'terminated', 'superseded'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

/** The registration number: the year, the 6-digit region code, a 6-digit sequence (e.g. 2024371502000123). */
export function registrationNo(year: number, regionCode: string, seq: number): string {
  if (!/^\d{6}$/.test(regionCode)) throw new Error(`bad region code ${regionCode}`);
  if (!Number.isInteger(seq) || seq < 1 || seq > 999_999) throw new Error(`sequence ${seq} out of range`);
  return `${year}${regionCode}${String(seq).padStart(6, '0')}`;
}

export type Commission = { rate: Decimal } | { fixed: Decimal };

/** The broker's commission on a registered contract: base × rate, or the fixed amount; rounded down to the 分. */
export function commissionAmount(base: Decimal, terms: Commission): Decimal {
  if ('fixed' in terms) return terms.fixed;
  return base.times(terms.rate).toDecimalPlaces(2, Decimal.ROUND_DOWN);
}

export type ContractDraft = {
  kind: ContractKind;
  licence: boolean;
  sellerOrgId: string;
  buyerOrgId: string;
  brokerOrgId: string | null;
  resultId: string | null;
  amount: Decimal;
  technologyAmount: Decimal | null;
  commission: Commission | null;
  instalments: Array<{ dueOn: string; amount: Decimal }>;
};

/** Rules across fields. Returns a message per field; empty when the draft is consistent. */
export function draftIssues(d: ContractDraft): Record<string, Msg> {
  const out: Record<string, Msg> = {};
  if (d.amount.lte(0)) out.amount = { zh: '合同金额必须大于 0', en: 'The amount must be greater than 0' };
  if (d.technologyAmount && d.technologyAmount.gt(d.amount)) {
    out.technologyAmount = { zh: '技术交易额不能超过合同成交额', en: 'The technology amount cannot exceed the contract amount' };
  }
  if (d.sellerOrgId === d.buyerOrgId) out.buyerOrgId = { zh: '买方与卖方不能是同一单位', en: 'Seller and buyer must differ' };
  if (d.brokerOrgId && (d.brokerOrgId === d.sellerOrgId || d.brokerOrgId === d.buyerOrgId)) {
    out.brokerOrgId = { zh: '中介机构不能是合同一方', en: 'The broker cannot be a party' };
  }
  if (d.kind === 'transfer' && !d.resultId) out.resultId = { zh: '技术转让合同须指定转让的成果', en: 'A transfer names the result it transfers' };
  if (d.licence && d.kind !== 'transfer') out.licence = { zh: '许可是技术转让的一种', en: 'A licence is a kind of transfer' };
  if (d.commission && !d.brokerOrgId) out.commission = { zh: '没有中介机构就没有佣金', en: 'Commission needs a broker' };
  if (d.commission && 'rate' in d.commission && (d.commission.rate.lt(0) || d.commission.rate.gt(1))) {
    out.commission = { zh: '佣金比例须在 0–100% 之间', en: 'The commission rate must be between 0 and 100%' };
  }
  if (d.commission && 'fixed' in d.commission && (d.commission.fixed.lt(0) || d.commission.fixed.gt(d.amount))) {
    out.commission = { zh: '固定佣金须在 0 与合同金额之间', en: 'A fixed commission lies between 0 and the amount' };
  }
  if (d.instalments.length > 0) {
    const sum = d.instalments.reduce((s, i) => s.plus(i.amount), new Decimal(0));
    if (!sum.eq(d.amount)) {
      out.instalments = { zh: `分期金额合计 ${sum.toFixed(2)} 与合同金额 ${d.amount.toFixed(2)} 不一致`, en: `Instalments sum to ${sum.toFixed(2)}, not ${d.amount.toFixed(2)}` };
    }
    if (d.instalments.some((i) => i.amount.lte(0))) out.instalments = { zh: '每期金额须大于 0', en: 'Each instalment must be greater than 0' };
  }
  return out;
}

/** Which (recipient, year) pairs a registration, revocation or termination affects, for the grant engine. */
export function affectedRecipients(c: { sellerOrgId: string; brokerOrgId: string | null; registeredOn: string }): Array<{ recipientOrgId: string; year: number }> {
  const year = Number(c.registeredOn.slice(0, 4));
  return [c.sellerOrgId, ...(c.brokerOrgId ? [c.brokerOrgId] : [])].map((recipientOrgId) => ({ recipientOrgId, year }));
}
