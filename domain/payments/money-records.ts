import type { Msg } from '#domain/errors.ts';

/**
 * Who records which money facts of a contract (docs/money-records.md). A fact about money is
 * recorded by the party whose money it is — the one who received it, or who gives it back; every
 * other party to the contract, its broker and the bureau only read it. The online payment itself
 * is no one's to record: Stripe's signed webhook records it.
 */
export const MONEY_STANDINGS = ['seller', 'buyer', 'agency', 'bureau'] as const;
export type MoneyStanding = (typeof MONEY_STANDINGS)[number];

export const MONEY_RECORDS = {
  /** A bank transfer received for an instalment (`POST …/instalments/{seq}/payments` status paid): the payee. */
  'instalment.bank_transfer': { recordedBy: 'seller', refusal: { zh: '只有收款方（卖方）可以登记线下付款', en: 'Only the payee (the seller) records a bank transfer' } },
  /** Reversing a recorded bank transfer (status reversed): the payee who recorded it. */
  'instalment.reversal': { recordedBy: 'seller', refusal: { zh: '只有收款方（卖方）可以冲销线下付款', en: 'Only the payee (the seller) reverses a bank transfer' } },
  /** Refunding a Stripe payment (`POST …/refund`): the payee gives the money back. */
  'instalment.refund': { recordedBy: 'seller', refusal: { zh: '只有收款方（卖方）可以退款', en: 'Only the payee (the seller) refunds' } },
  /** The broker's commission invoiced (`POST /commissions/{id}/invoiced`): the agency that earned it. */
  'commission.invoiced': { recordedBy: 'agency', refusal: { zh: '只有收取佣金的技术转移服务机构可以登记开票', en: 'Only the agency that earned the commission records its invoice' } },
  /** The broker's commission received (`POST /commissions/{id}/paid`): the agency that was paid. */
  'commission.paid': { recordedBy: 'agency', refusal: { zh: '只有收取佣金的技术转移服务机构可以登记收款', en: 'Only the agency that earned the commission records its payment' } },
} as const satisfies Record<string, { recordedBy: MoneyStanding; refusal: Msg }>;

export type MoneyRecordKind = keyof typeof MONEY_RECORDS;
export const MONEY_RECORD_KINDS = Object.keys(MONEY_RECORDS) as MoneyRecordKind[];

/** The cell of the matrix: whether someone standing so to the contract records this kind, or only reads it. */
export function mayRecord(kind: MoneyRecordKind, standing: MoneyStanding | null): boolean {
  return standing !== null && MONEY_RECORDS[kind].recordedBy === standing;
}

/** How a viewer stands to a contract: null when it is none of the four (it then does not see the record at all). */
export function standingOf(viewer: { role: string; orgId: string | null }, c: { sellerOrgId: string; buyerOrgId: string; brokerOrgId: string | null }): MoneyStanding | null {
  if (viewer.role === 'bureau') return 'bureau';
  if (!viewer.orgId) return null;
  if (viewer.orgId === c.sellerOrgId) return 'seller';
  if (viewer.orgId === c.buyerOrgId) return 'buyer';
  if (viewer.orgId === c.brokerOrgId) return 'agency';
  return null;
}
