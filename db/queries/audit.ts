import type { DbOrTx } from '#db/client.ts';
import { auditEvents } from '#db/schema.ts';

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

/** Appends to the audit log, in the caller's transaction so it commits with the change. */
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
