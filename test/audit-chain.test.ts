/**
 * The audit log's hash chain in the real database: the sealing trigger and the pure function
 * agree, parallel writers keep one unbroken chain, and `npm run audit:verify` names a tampered row.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { and, eq, sql } from 'drizzle-orm';
import { Logger, runOnce } from 'graphile-worker';
import { describe, expect, it } from 'vitest';
import { env } from '#config/env.ts';
import { getDb } from '#db/client.ts';
import { audit, verifyAuditChain } from '#db/queries/audit.ts';
import { auditChainHead, auditEvents, grants } from '#db/schema.ts';
import { canonicalAuditRow, chainHash, type ChainRow } from '#domain/audit/chain.ts';
import { BUREAU_ROLES } from '#domain/permissions.ts';
import { grantsRecompute } from '#jobs/tasks/grants-recompute.ts';
import * as stepRoute from '#app/routes/api.v1.grants.$id.$step.ts';
import { call } from './api.ts';
import { deal, registered } from './contract-fixtures.ts';
import { bureauWith, createUser } from './factories.ts';

const run = promisify(execFile);

async function verifyCli(): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(path.resolve('node_modules/.bin/tsx'), ['scripts/audit-verify.ts'], { env: { ...process.env }, timeout: 60_000 });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

/** Rows as the verifier reads them, in chain order. */
async function chainRows() {
  const rows = (await getDb().execute(sql`select seq::text as "seq", id::text as "id",
    to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "at",
    actor_user_id::text as "actorUserId", actor_org_id::text as "actorOrgId", action as "action",
    subject_type as "subjectType", subject_id as "subjectId", ip, reason, before::text as "before", after::text as "after",
    prev_hash as "prevHash", hash from audit_events order by audit_events.seq`)) as unknown as Array<ChainRow & { prevHash: string | null; hash: string }>;
  return rows;
}

describe('audit chain', () => {
  it('seals each row at commit with the hash the pure function computes, jsonb, control characters and Chinese text included', async () => {
    const u = await createUser();
    await getDb().transaction(async (tx) => {
      await audit(tx, {
        actorUserId: u.id,
        actorOrgId: u.orgId,
        action: 'test.chain',
        subjectType: 'test',
        subjectId: 'a',
        ip: '10.1.2.3',
        reason: '引号 " 反斜杠 \\ 换行\n制表\t控制\u0001\u001f 结束',
        before: { b: 1.5, a: [1, 'x', null], 中: { z: true } },
        after: { amount: '18000.00', nested: { k: 'v\u2028' } },
      });
      // Inside the writing transaction the row is not sealed yet; nothing can pre-seal it.
      const [pending] = await tx.select().from(auditEvents).where(eq(auditEvents.subjectId, 'a'));
      expect(pending!.hash).toBeNull();
    });
    await getDb().insert(auditEvents).values({ action: 'test.chain', subjectType: 'test', subjectId: 'b', seq: 999, hash: 'forged', prevHash: 'forged' });

    const rows = await chainRows();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    let prev: string | null = null;
    for (const [i, r] of rows.entries()) {
      expect(r.seq).toBe(String(i + 1));
      expect(r.prevHash).toBe(prev);
      expect(r.hash).toBe(chainHash(prev, canonicalAuditRow(r)));
      prev = r.hash;
    }
    const [head] = await getDb().select().from(auditChainHead);
    expect(head).toEqual({ id: 1, lastSeq: rows.length, lastHash: prev });
    expect(rows.find((r) => r.subjectId === 'b')!.hash).not.toBe('forged');
  });

  it('keeps one chain under parallel writers: 40 transactions at once, seqs 1…n in commit order without gaps', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        getDb().transaction(async (tx) => {
          await audit(tx, { action: 'test.parallel', subjectType: 'test', subjectId: `p${i}`, after: { i } });
          await tx.execute(sql`select pg_sleep(${(i % 5) / 200})`);
          await audit(tx, { action: 'test.parallel', subjectType: 'test', subjectId: `p${i}`, reason: 'second' });
        }),
      ),
    );
    const r = await verifyAuditChain(getDb());
    expect(r.broken).toBeUndefined();
    const rows = await chainRows();
    expect(r.checked).toBe(rows.length);
    expect(rows.map((x) => x.seq)).toEqual(rows.map((_, i) => String(i + 1)));
    // A transaction's rows are sealed together, one after the other.
    const seqOf = (id: string, reason: string | null) => Number(rows.find((x) => x.subjectId === id && x.reason === reason)!.seq);
    for (let i = 0; i < 40; i++) expect(seqOf(`p${i}`, 'second')).toBe(seqOf(`p${i}`, null) + 1);
  });

  it('stays whole through 20 parallel approvals of one grant, of which exactly one succeeds', async () => {
    const d = await deal();
    const { token: bureau } = await bureauWith(...BUREAU_ROLES);
    await registered(d, bureau);
    await runOnce({ connectionString: env().DATABASE_URL!, taskList: { 'grants:recompute': grantsRecompute }, logger: new Logger(() => () => {}) });
    const [g] = await getDb().select().from(grants).where(and(eq(grants.recipientOrgId, d.seller.org.id), eq(grants.clause, 'A1')));
    expect((await call(stepRoute, { token: d.seller.token, params: { id: g!.id, step: 'submit' }, body: { bankAccount: '6222 0216 1234 5678' } })).status).toBe(200);
    const codes = await Promise.all(Array.from({ length: 20 }, () => call(stepRoute, { token: bureau, params: { id: g!.id, step: 'approve' }, body: { reason: '同意' } }).then((r) => r.status)));
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
    const r = await verifyAuditChain(getDb());
    expect(r.broken).toBeUndefined();
    expect(await getDb().$count(auditEvents, and(eq(auditEvents.subjectId, g!.id), eq(auditEvents.action, 'grant.approve')))).toBe(1);
  });

  it('refuses to rewrite a row, even through the seal, and to move the head by hand', async () => {
    const refused = (p: Promise<unknown>) => p.then(() => 'accepted', (e: Error) => String((e.cause as Error | undefined)?.message ?? e.message));
    expect(await refused(getDb().execute(sql`update audit_events set hash = 'x' where seq = 1`))).toMatch(/append-only/);
    expect(await refused(getDb().execute(sql`update audit_events set reason = 'x' where seq = 1`))).toMatch(/append-only/);
    expect(await refused(getDb().execute(sql`delete from audit_events where seq = 1`))).toMatch(/append-only/);
    expect(await refused(getDb().execute(sql`update audit_chain_head set last_seq = 0`))).toMatch(/moves only/);
    expect(await refused(getDb().execute(sql`delete from audit_chain_head`))).toMatch(/moves only/);
  });

  it('`npm run audit:verify` passes, then names the row a superuser tampered with, and passes again once it is put back', { timeout: 120_000 }, async () => {
    const ok = await verifyCli();
    expect(ok.code, ok.out).toBe(0);
    const total = await getDb().$count(auditEvents);
    expect(ok.out).toMatch(new RegExp(`audit chain OK: ${total} rows checked in [0-9.]+ s, head [0-9a-f]{64}`));

    const [victim] = await getDb().select().from(auditEvents).where(eq(auditEvents.seq, 3));
    await getDb().execute(sql`alter table audit_events disable trigger audit_events_no_update`);
    try {
      await getDb().execute(sql`update audit_events set reason = '篡改' where seq = 3`);
    } finally {
      await getDb().execute(sql`alter table audit_events enable trigger audit_events_no_update`);
    }
    const bad = await verifyCli();
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`audit chain BROKEN at seq 3 (audit_events.id ${victim!.id})`);
    expect(bad.out).toMatch(/\d+ rows checked in [0-9.]+ s/);
    expect((await verifyAuditChain(getDb())).broken).toEqual({ seq: '3', id: String(victim!.id), problem: 'hash' });

    await getDb().execute(sql`alter table audit_events disable trigger audit_events_no_update`);
    try {
      await getDb().update(auditEvents).set({ reason: victim!.reason }).where(eq(auditEvents.seq, 3));
    } finally {
      await getDb().execute(sql`alter table audit_events enable trigger audit_events_no_update`);
    }
    expect((await verifyAuditChain(getDb())).broken).toBeUndefined();
  });
});
