/**
 * The audit log's hash chain, as pure functions. The database computes the same hashes in
 * its sealing trigger (db/migrations/0013_audit_chain.sql); `npm run audit:verify`
 * recomputes them here. Both sides see a row as text, exactly as PostgreSQL prints it
 * (ids, uuids, the instant as UTC with microseconds, jsonb's own normalised text), so
 * no number or key order is ever re-encoded on the way.
 */
import { createHash } from 'node:crypto';

/** One row as the chain sees it: every field the text PostgreSQL gives for it, or null. */
export type ChainRow = {
  seq: string;
  id: string;
  /** `YYYY-MM-DDTHH:MM:SS.ffffffZ` (UTC, microseconds). */
  at: string;
  actorUserId: string | null;
  actorOrgId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  ip: string | null;
  reason: string | null;
  /** jsonb's text form (keys already in jsonb's canonical order), or null. */
  before: string | null;
  after: string | null;
};

export type SealedRow = ChainRow & { prevHash: string | null; hash: string | null };

/** The row's canonical serialisation: a JSON array of its fields in a fixed order. */
export function canonicalAuditRow(r: ChainRow): string {
  return JSON.stringify([r.seq, r.id, r.at, r.actorUserId, r.actorOrgId, r.action, r.subjectType, r.subjectId, r.ip, r.reason, r.before, r.after]);
}

/** sha256 (hex) over the previous row's hash (empty for the first row) followed by the canonical row. */
export function chainHash(prevHash: string | null, canonical: string): string {
  return createHash('sha256')
    .update((prevHash ?? '') + canonical, 'utf8')
    .digest('hex');
}

export type ChainBreak = { seq: string; id: string; problem: 'unsealed' | 'gap' | 'prev_hash' | 'hash' | 'head' };

/**
 * Checks rows fed in seq order, one at a time, so a log of any size streams through.
 * `push` answers the first break it finds (and every later push repeats it); `finish`
 * compares the last row with the chain head the database keeps, so a cut-off tail shows.
 */
export function chainVerifier() {
  let prev: { seq: bigint; hash: string } | undefined;
  let broken: ChainBreak | undefined;
  let checked = 0;
  const push = (r: SealedRow): ChainBreak | undefined => {
    if (broken) return broken;
    checked += 1;
    const fail = (problem: ChainBreak['problem']) => (broken = { seq: r.seq, id: r.id, problem });
    if (r.hash === null || r.seq === null) return fail('unsealed');
    const expectedSeq = prev ? prev.seq + 1n : 1n;
    if (BigInt(r.seq) !== expectedSeq) return fail('gap');
    if ((r.prevHash ?? null) !== (prev?.hash ?? null)) return fail('prev_hash');
    if (chainHash(r.prevHash, canonicalAuditRow(r)) !== r.hash) return fail('hash');
    prev = { seq: BigInt(r.seq), hash: r.hash };
    return undefined;
  };
  const finish = (head: { lastSeq: string; lastHash: string | null }): ChainBreak | undefined => {
    if (broken) return broken;
    const seq = prev?.seq ?? 0n;
    if (BigInt(head.lastSeq) !== seq || head.lastHash !== (prev?.hash ?? null)) {
      broken = { seq: head.lastSeq, id: '', problem: 'head' };
    }
    return broken;
  };
  return { push, finish, checked: () => checked, head: () => prev?.hash ?? null };
}
