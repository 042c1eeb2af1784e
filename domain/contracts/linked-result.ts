import type { Msg } from '#domain/errors.ts';
import type { ContractKind } from './rules.ts';

export type LinkedResult = { status: string; ownerOrgId: string; holderOrgId: string };
export type LinkingContract = { kind: ContractKind; sellerOrgId: string; buyerOrgId: string };

/**
 * Which result a contract may name. A transfer (or licence) moves rights, so its seller must
 * hold the result now — or, for an amendment of a registered transfer, the buyer it already moved
 * to. Any other kind (development, consulting, service) may name a published result, or one
 * that belongs to (is owned or held by) one of the two parties: never another organisation's
 * unpublished draft. The broker is not a party. Returns the message for `resultId`, or null.
 */
export function linkedResultIssue(c: LinkingContract, r: LinkedResult, opts: { amendsRegisteredTransfer?: boolean } = {}): Msg | null {
  if (c.kind === 'transfer') {
    if (r.holderOrgId === c.sellerOrgId || opts.amendsRegisteredTransfer) return null;
    return { zh: '卖方不是该成果的当前权利人', en: 'The seller does not hold this result' };
  }
  if (r.status === 'published') return null;
  const parties = [c.sellerOrgId, c.buyerOrgId];
  if (parties.includes(r.ownerOrgId) || parties.includes(r.holderOrgId)) return null;
  return { zh: '该成果未公开发布，且不属于合同任何一方', en: 'This result is not published and belongs to neither party' };
}
