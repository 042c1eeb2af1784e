/** Builders shared by the grant tests (no production code imports this). */
import Decimal from 'decimal.js';
import type { GrantComputation } from './computation.ts';
import type { AgencyFiling, ContractFact, OrgFact } from './facts.ts';

export const yuan = (s: string): Decimal => new Decimal(s);

/** Region codes: Liaocheng 东昌府区, 临清市; Jinan 历下区. */
export const DONGCHANGFU = '371502';
export const LINQING = '371581';
export const JINAN = '370102';

export function org(id: string, kind: OrgFact['kind'] = 'enterprise', regionCode = DONGCHANGFU, verified = true): OrgFact {
  return { id, kind, regionCode, verified };
}

export function contract(c: Partial<ContractFact> & Pick<ContractFact, 'id'>): ContractFact {
  return {
    kind: 'development',
    sellerOrgId: 'seller',
    buyerOrgId: 'buyer',
    brokerOrgId: null,
    resultId: null,
    amount: yuan('0.00'),
    technologyAmount: null,
    registeredOn: '2024-06-01',
    status: 'registered',
    registrationNo: `REG-${c.id}`,
    ...c,
  };
}

export function filing(agencyOrgId: string, level: AgencyFiling['level'], filedOn: string, newlyRecognized = false): AgencyFiling {
  return { agencyOrgId, level, filedOn, newlyRecognized };
}

/** A figure with every Decimal written out, for equality checks that do not depend on Decimal internals. */
export function plain(g: GrantComputation) {
  return {
    ...g,
    base: g.base.toFixed(),
    rate: g.rate.toFixed(),
    cap: g.cap.toFixed(),
    rawAmount: g.rawAmount.toFixed(),
    amount: g.amount.toFixed(2),
    contracts: g.contracts.map((c) => ({ ...c, amount: c.amount.toFixed(2), eligibleAmount: c.eligibleAmount.toFixed(2) })),
  };
}
