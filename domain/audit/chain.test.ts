import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalAuditRow, chainHash, chainVerifier, type ChainRow, type SealedRow } from './chain.ts';

const row: ChainRow = {
  seq: '1',
  id: '7',
  at: '2026-03-04T05:06:07.123456Z',
  actorUserId: '0b9f3c1e-1d2a-4b6c-8e9f-0a1b2c3d4e5f',
  actorOrgId: null,
  action: 'grant.approve',
  subjectType: 'grant',
  subjectId: 'g-1',
  ip: null,
  reason: '符合条件',
  before: '{"status": "reviewed"}',
  after: '{"amount": 1.50, "status": "approved"}',
};

/** Seals rows as the database trigger does. */
function seal(rows: ChainRow[]): SealedRow[] {
  let prev: string | null = null;
  return rows.map((r) => {
    const hash = chainHash(prev, canonicalAuditRow(r));
    const sealed = { ...r, prevHash: prev, hash };
    prev = hash;
    return sealed;
  });
}

const arbRow = (seq: number) =>
  fc.record({
    id: fc.integer({ min: 1, max: 1e9 }).map(String),
    at: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString().replace('Z', '123Z')),
    actorUserId: fc.option(fc.uuid()),
    actorOrgId: fc.option(fc.uuid()),
    action: fc.string({ minLength: 1 }),
    subjectType: fc.string({ minLength: 1 }),
    subjectId: fc.option(fc.string()),
    ip: fc.option(fc.string()),
    reason: fc.option(fc.string()),
    before: fc.option(fc.json()),
    after: fc.option(fc.json()),
  }).map((r): ChainRow => ({ ...r, seq: String(seq) }));

const arbLog = fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbRow(i + 1))));

function verify(rows: SealedRow[], head = { lastSeq: rows.at(-1)?.seq ?? '0', lastHash: rows.at(-1)?.hash ?? null }) {
  const v = chainVerifier();
  for (const r of rows) v.push(r);
  return v.finish(head);
}

describe('canonicalAuditRow', () => {
  it('is a JSON array of the fields in a fixed order, the jsonb text kept verbatim', () => {
    expect(canonicalAuditRow(row)).toBe(
      '["1","7","2026-03-04T05:06:07.123456Z","0b9f3c1e-1d2a-4b6c-8e9f-0a1b2c3d4e5f",null,"grant.approve","grant","g-1",null,"符合条件","{\\"status\\": \\"reviewed\\"}","{\\"amount\\": 1.50, \\"status\\": \\"approved\\"}"]',
    );
  });

  it('does not depend on the order the object was built in', () => {
    const reversed = Object.fromEntries(Object.entries(row).reverse()) as ChainRow;
    expect(canonicalAuditRow(reversed)).toBe(canonicalAuditRow(row));
  });

  it('tells null from the text "null" and from an empty string', () => {
    const texts = [null, 'null', ''].map((reason) => canonicalAuditRow({ ...row, reason }));
    expect(new Set(texts).size).toBe(3);
  });
});

describe('chainHash', () => {
  it('is sha256 over prev_hash and the canonical row (a vector computed with sha256sum)', () => {
    expect(chainHash(null, canonicalAuditRow(row))).toBe('32b70ed24076385069855754cbca840d7129d9a587d9bd35eee2b87bb4e28f27');
    expect(chainHash('', canonicalAuditRow(row))).toBe(chainHash(null, canonicalAuditRow(row)));
    expect(chainHash('a'.repeat(64), canonicalAuditRow(row))).not.toBe(chainHash(null, canonicalAuditRow(row)));
  });

  it('changes when any field changes', () => {
    fc.assert(
      fc.property(arbRow(1), fc.constantFrom(...(Object.keys(row) as Array<keyof ChainRow>)), fc.string(), (r, key, value) => {
        fc.pre(r[key] !== value);
        expect(chainHash(null, canonicalAuditRow({ ...r, [key]: value }))).not.toBe(chainHash(null, canonicalAuditRow(r)));
      }),
    );
  });
});

describe('chainVerifier', () => {
  it('accepts a sealed log and reports its head', () => {
    fc.assert(
      fc.property(arbLog, (rows) => {
        const sealed = seal(rows);
        const v = chainVerifier();
        for (const r of sealed) expect(v.push(r)).toBeUndefined();
        expect(v.finish({ lastSeq: String(rows.length), lastHash: sealed.at(-1)!.hash })).toBeUndefined();
        expect(v.checked()).toBe(rows.length);
        expect(v.head()).toBe(sealed.at(-1)!.hash);
      }),
    );
  });

  it('accepts an empty log whose head is empty', () => {
    expect(verify([], { lastSeq: '0', lastHash: null })).toBeUndefined();
  });

  it('names the first row whose fields were changed after sealing', () => {
    fc.assert(
      fc.property(arbLog, fc.nat(), fc.string(), (rows, pick, reason) => {
        const sealed = seal(rows);
        const i = pick % sealed.length;
        fc.pre(sealed[i]!.reason !== reason);
        sealed[i] = { ...sealed[i]!, reason };
        expect(verify(sealed)).toEqual({ seq: sealed[i]!.seq, id: sealed[i]!.id, problem: 'hash' });
      }),
    );
  });

  it('sees a re-sealed row through its successor, a removed row as a gap, a cut tail at the head', () => {
    const sealed = seal([1, 2, 3, 4].map((n) => ({ ...row, seq: String(n), id: String(10 + n) })));
    // Someone rewrites row 2 and recomputes its hash: row 3 no longer points at it.
    const forged = seal([sealed[0]!, { ...sealed[1]!, reason: 'forged' }]).at(-1)!;
    expect(verify([sealed[0]!, forged, sealed[2]!, sealed[3]!])).toEqual({ seq: '3', id: '13', problem: 'prev_hash' });
    expect(verify([sealed[0]!, sealed[2]!, sealed[3]!])).toEqual({ seq: '3', id: '13', problem: 'gap' });
    const head = { lastSeq: '4', lastHash: sealed[3]!.hash };
    expect(verify(sealed.slice(0, 3), head)).toEqual({ seq: '4', id: '', problem: 'head' });
    expect(verify([{ ...sealed[0]!, hash: null }, ...sealed.slice(1)])).toEqual({ seq: '1', id: '11', problem: 'unsealed' });
  });
});
