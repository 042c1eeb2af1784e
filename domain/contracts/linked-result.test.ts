import { describe, expect, it } from 'vitest';
import { CONTRACT_KINDS } from './rules.ts';
import { linkedResultIssue, type LinkedResult } from './linked-result.ts';

const parties = { sellerOrgId: 's', buyerOrgId: 'b' };
const result = (over: Partial<LinkedResult> = {}): LinkedResult => ({ status: 'published', ownerOrgId: 'x', holderOrgId: 'x', ...over });
const others = CONTRACT_KINDS.filter((k) => k !== 'transfer');

describe('linkedResultIssue', () => {
  it('a transfer: only the current holder sells it, published or not', () => {
    expect(linkedResultIssue({ kind: 'transfer', ...parties }, result({ holderOrgId: 's', status: 'draft' }))).toBeNull();
    expect(linkedResultIssue({ kind: 'transfer', ...parties }, result())).toMatchObject({ en: 'The seller does not hold this result' });
    expect(linkedResultIssue({ kind: 'transfer', ...parties }, result({ ownerOrgId: 's', holderOrgId: 'x' }))).not.toBeNull();
  });

  it('a transfer amending a registered one may name the result its original moved', () => {
    expect(linkedResultIssue({ kind: 'transfer', ...parties }, result({ holderOrgId: 'b' }), { amendsRegisteredTransfer: true })).toBeNull();
  });

  for (const kind of others) {
    it(`${kind}: any published result`, () => {
      expect(linkedResultIssue({ kind, ...parties }, result())).toBeNull();
    });
    it(`${kind}: an unpublished result of the seller or the buyer, owned or held`, () => {
      for (const r of [{ ownerOrgId: 's' }, { holderOrgId: 's' }, { ownerOrgId: 'b' }, { holderOrgId: 'b' }]) {
        for (const status of ['draft', 'withdrawn']) expect(linkedResultIssue({ kind, ...parties }, result({ ...r, status }))).toBeNull();
      }
    });
    it(`${kind}: never another organisation's unpublished result`, () => {
      for (const status of ['draft', 'withdrawn']) {
        expect(linkedResultIssue({ kind, ...parties }, result({ status }))).toMatchObject({ en: 'This result is not published and belongs to neither party' });
      }
    });
  }
});
