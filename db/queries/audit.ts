import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '#db/client.ts';
import { auditChainHead, auditEvents } from '#db/schema.ts';
import { chainVerifier, type ChainBreak, type SealedRow } from '#domain/audit/chain.ts';

export type AuditEvent = {
  actorUserId?: string | null;
  actorOrgId?: string | null;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  ip?: string | null;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
};

/** Appends to the audit log, in the caller's transaction so it commits with the change (and is sealed into the chain at that commit). */
export async function audit(tx: DbOrTx, e: AuditEvent): Promise<void> {
  await tx.insert(auditEvents).values({
    actorUserId: e.actorUserId ?? null,
    actorOrgId: e.actorOrgId ?? null,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId ?? null,
    ip: e.ip ?? null,
    reason: e.reason ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
  });
}

/** The chain's view of each row: every field as PostgreSQL prints it (see domain/audit/chain.ts). */
const CHAIN_COLUMNS = sql.raw(`seq::text as "seq", id::text as "id",
  to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "at",
  actor_user_id::text as "actorUserId", actor_org_id::text as "actorOrgId", action as "action",
  subject_type as "subjectType", subject_id as "subjectId", ip as "ip", reason as "reason",
  before::text as "before", after::text as "after", prev_hash as "prevHash", hash as "hash"`);

export type ChainReport = { checked: number; headHash: string | null; broken?: ChainBreak; seconds: number };

/**
 * Recomputes every hash of the audit chain in JavaScript, in seq order, in one snapshot
 * (rows in flight are sealed only at their commit, so a snapshot never shows half a link).
 */
export async function verifyAuditChain(db: Db, batch = 2_000): Promise<ChainReport> {
  const t0 = performance.now();
  return db.transaction(
    async (tx) => {
      const v = chainVerifier();
      let broken: ChainBreak | undefined;
      // Unsealed rows (seq null) sort last, so a row that escaped sealing is reported too. (The
      // output columns are text, so ORDER BY names the table's columns, not the aliases.)
      for (let after = -1n; !broken; ) {
        const rows = (await tx.execute(
          sql`select ${CHAIN_COLUMNS} from audit_events where coalesce(audit_events.seq, 9223372036854775807) > ${after.toString()}::bigint order by audit_events.seq nulls last, audit_events.id limit ${batch}`,
        )) as unknown as SealedRow[];
        for (const r of rows) if ((broken = v.push(r))) break;
        if (broken || rows.length < batch) break;
        const last = rows.at(-1)!;
        if (last.seq === null) break;
        after = BigInt(last.seq);
      }
      const [head] = await tx.select().from(auditChainHead);
      broken ??= v.finish({ lastSeq: String(head?.lastSeq ?? 0), lastHash: head?.lastHash ?? null });
      return { checked: v.checked(), headHash: v.head(), broken, seconds: (performance.now() - t0) / 1000 };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
