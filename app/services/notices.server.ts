/**
 * What each party is told when something it cares about happens: one in-app notification (and its
 * e-mail job) per organisation concerned, written in the transaction of the change, so a notice
 * exists if and only if the change committed. The actor's own organisation is not told what it did.
 */
import Decimal from 'decimal.js';
import type { Tx } from '#db/client.ts';
import { formatMoney } from '#domain/money.ts';
import { translate } from '#app/i18n/translate.server.ts';
import { contractEventKey } from '#app/i18n/contract-events.ts';
import { notify } from './notifications.server.ts';

type ContractLike = { id: string; title: string; sellerOrgId: string; buyerOrgId: string; brokerOrgId: string | null; statusReason?: string | null };

/** The contract events a party is told of (the audit action without `contract.`). */
export const CONTRACT_NOTICES = ['create', 'update', 'confirm.seller', 'confirm.buyer', 'submit', 'register', 'return', 'revoke', 'terminate'] as const;
export type ContractNotice = (typeof CONTRACT_NOTICES)[number];

export async function noticeContract(tx: Tx, c: ContractLike, event: ContractNotice, actorOrgId: string | null, reason?: string | null) {
  const label = translate('zh', contractEventKey(`contract.${event}`));
  const told = new Set([c.sellerOrgId, c.buyerOrgId, c.brokerOrgId].filter((o): o is string => !!o && o !== actorOrgId));
  for (const orgId of told) {
    const named = event === 'create' && orgId === c.brokerOrgId;
    await notify(tx, {
      orgId,
      kind: named ? 'contract.broker_named' : `contract.${event}`,
      title: named ? `贵单位被列为技术合同的服务机构：${c.title}` : `合同${label}：${c.title}`,
      body: reason ? `${label}。理由：${reason}` : `${label}。`,
      link: `/contracts/${c.id}`,
    });
  }
}

type GrantLike = { id: string; recipientOrgId: string; year: number; clause: string; amount: { toString(): string }; approvedAmount?: { toString(): string } | null };

export const GRANT_NOTICES = ['computed', 'approve', 'reject', 'pay'] as const;
export type GrantNotice = (typeof GRANT_NOTICES)[number];

const GRANT_WORDS: Record<GrantNotice, string> = { computed: '已计算', approve: '已核准', reject: '已驳回', pay: '已支付' };

export async function noticeGrant(tx: Tx, g: GrantLike, event: GrantNotice, reason?: string | null) {
  const amount = formatMoney(new Decimal((event === 'computed' ? g.amount : (g.approvedAmount ?? g.amount)).toString()));
  await notify(tx, {
    orgId: g.recipientOrgId,
    kind: `grant.${event}`,
    title: `${g.year} 年度补助（条款 ${g.clause}）${GRANT_WORDS[event]}`,
    body: `${event === 'reject' ? '' : `金额 ¥${amount}。`}${reason ? `理由：${reason}` : ''}`,
    link: `/grants/${g.id}`,
  });
}

export async function noticeOrgDecision(tx: Tx, orgId: string, to: 'verified' | 'rejected', reason: string | null) {
  await notify(tx, {
    orgId,
    kind: to === 'verified' ? 'org.verified' : 'org.rejected',
    title: to === 'verified' ? '本单位已通过认证' : '本单位的认证申请未通过',
    body: to === 'verified' ? '现在可以发布成果与需求、签订技术合同。' : `理由：${reason ?? ''}`,
    link: '/org',
  });
}
