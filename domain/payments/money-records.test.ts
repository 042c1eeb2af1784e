import { describe, expect, it } from 'vitest';
import { MONEY_RECORD_KINDS, MONEY_STANDINGS, mayRecord, standingOf } from './money-records.ts';

const c = { sellerOrgId: 's', buyerOrgId: 'b', brokerOrgId: 'k' };

describe('the money-records matrix', () => {
  it('gives every kind exactly one recorder, and the bureau none', () => {
    for (const kind of MONEY_RECORD_KINDS) {
      expect(MONEY_STANDINGS.filter((s) => mayRecord(kind, s))).toHaveLength(1);
      expect(mayRecord(kind, 'bureau')).toBe(false);
      expect(mayRecord(kind, null)).toBe(false);
    }
  });

  it('names the payee for instalments and the agency for commissions', () => {
    for (const kind of ['instalment.bank_transfer', 'instalment.reversal', 'instalment.refund'] as const) expect(MONEY_STANDINGS.filter((s) => mayRecord(kind, s))).toEqual(['seller']);
    for (const kind of ['commission.invoiced', 'commission.paid'] as const) expect(MONEY_STANDINGS.filter((s) => mayRecord(kind, s))).toEqual(['agency']);
  });

  it('tells how a viewer stands to a contract', () => {
    expect(standingOf({ role: 'bureau', orgId: null }, c)).toBe('bureau');
    expect(standingOf({ role: 'org_admin', orgId: 's' }, c)).toBe('seller');
    expect(standingOf({ role: 'org_member', orgId: 'b' }, c)).toBe('buyer');
    expect(standingOf({ role: 'org_admin', orgId: 'k' }, c)).toBe('agency');
    expect(standingOf({ role: 'org_admin', orgId: 'x' }, c)).toBeNull();
    expect(standingOf({ role: 'org_admin', orgId: 'k' }, { ...c, brokerOrgId: null })).toBeNull();
  });
});
