import Decimal from 'decimal.js';
import { and, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { getDb, type Tx } from '#db/client.ts';
import { audit } from '#db/queries/audit.ts';
import { likeLiteral } from '#db/queries/like.ts';
import {
  auditEvents,
  commissions,
  contractInstalments,
  contractRegistrations,
  contracts,
  organizations,
  registrationSequences,
  resultEvents,
  results,
  type Contract,
} from '#db/schema.ts';
import { affectedRecipients, commissionAmount, draftIssues, registrationNo, type Commission, type ContractKind } from '#domain/contracts/rules.ts';
import { linkedResultIssue } from '#domain/contracts/linked-result.ts';
import { AppError, conflict, invalid, notFound } from '#domain/errors.ts';
import { formatMoney } from '#domain/money.ts';
import { enqueue } from '#jobs/enqueue.ts';
import { enqueueResultSync } from '#search/sync.ts';
import { commissionForContract } from './commissions.server.ts';
import { organizationNames } from './organizations.server.ts';
import { paymentsOf, settleContract } from './payments.server.ts';
import { authorize, may, type Viewer } from '#app/lib/auth.server.ts';
import type { ContractCreate, ContractPatch } from '#app/schemas/contracts.server.ts';
import { translate } from '#app/i18n/translate.server.ts';
import { contractEventKey } from '#app/i18n/contract-events.ts';
import { noticeContract } from './notices.server.ts';
import { hasSignedContract } from './documents.server.ts';

type Meta = { ip: string };

const refused = (zh: string, en: string, fields: Record<string, { zh: string; en: string }> = {}) =>
  new AppError('unprocessable', { zh, en }, fields);

function commissionOf(c: Pick<Contract, 'commissionRate' | 'commissionFixed'>): Commission | null {
  if (c.commissionRate) return { rate: c.commissionRate };
  if (c.commissionFixed) return { fixed: c.commissionFixed };
  return null;
}

/** Parties and broker must exist and be verified; the result a contract names must be one it may name (linkedResultIssue). */
async function checkParties(tx: Tx, d: { sellerOrgId: string; buyerOrgId: string; brokerOrgId: string | null; resultId: string | null; kind: string; amendsId?: string | null }) {
  const ids = [d.sellerOrgId, d.buyerOrgId, ...(d.brokerOrgId ? [d.brokerOrgId] : [])];
  const orgs = await tx.select({ id: organizations.id, status: organizations.status, kind: organizations.kind }).from(organizations).where(inArray(organizations.id, ids));
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const fields: Record<string, { zh: string; en: string }> = {};
  for (const [field, id] of [['sellerOrgId', d.sellerOrgId], ['buyerOrgId', d.buyerOrgId], ['brokerOrgId', d.brokerOrgId]] as const) {
    if (!id) continue;
    const o = byId.get(id);
    if (!o) fields[field] = { zh: '单位不存在', en: 'No such organisation' };
    else if (o.status !== 'verified') fields[field] = { zh: '该单位尚未通过认证，不能签订合同', en: 'This organisation is not verified' };
  }
  if (d.brokerOrgId && byId.get(d.brokerOrgId)?.kind !== 'agency' && !fields.brokerOrgId) {
    fields.brokerOrgId = { zh: '中介须为技术转移服务机构', en: 'The broker must be an agency' };
  }
  if (d.resultId) {
    const [r] = await tx.select({ status: results.status, ownerOrgId: results.ownerOrgId, holderOrgId: results.holderOrgId }).from(results).where(eq(results.id, d.resultId));
    const c = { kind: d.kind as ContractKind, sellerOrgId: d.sellerOrgId, buyerOrgId: d.buyerOrgId };
    const amends = !!r && c.kind === 'transfer' && r.holderOrgId !== d.sellerOrgId && (await amendsSameTransfer(tx, d));
    const issue = r ? linkedResultIssue(c, r, { amendsRegisteredTransfer: amends }) : { zh: '成果不存在', en: 'No such result' };
    if (issue) fields.resultId = issue;
  }
  if (Object.keys(fields).length) throw refused('合同当事人或标的不符合要求', 'A party or the object of the contract is not eligible', fields);
}

/** An amendment of a registered transfer names the result its original already moved to the buyer. */
async function amendsSameTransfer(tx: Tx, d: { amendsId?: string | null; resultId: string | null; buyerOrgId: string }): Promise<boolean> {
  if (!d.amendsId) return false;
  const [o] = await tx.select({ resultId: contracts.resultId, status: contracts.status }).from(contracts).where(eq(contracts.id, d.amendsId));
  const [r] = await tx.select({ holder: results.holderOrgId }).from(results).where(eq(results.id, d.resultId!));
  return !!o && o.resultId === d.resultId && o.status === 'registered' && r?.holder === d.buyerOrgId;
}

function isParty(v: Viewer, c: Pick<Contract, 'sellerOrgId' | 'buyerOrgId' | 'brokerOrgId'>): boolean {
  const org = v.user.orgId;
  return !!org && (org === c.sellerOrgId || org === c.buyerOrgId || org === c.brokerOrgId);
}

async function lock(tx: Tx, id: string): Promise<Contract> {
  const [c] = await tx.select().from(contracts).where(eq(contracts.id, id)).for('update');
  if (!c) throw notFound();
  return c;
}

function snapshot(c: Contract) {
  return {
    status: c.status,
    amount: formatMoney(c.amount),
    technologyAmount: c.technologyAmount ? formatMoney(c.technologyAmount) : null,
    registrationNo: c.registrationNo,
    sellerConfirmed: !!c.sellerConfirmedAt,
    buyerConfirmed: !!c.buyerConfirmedAt,
  };
}

export async function createContract(v: Viewer, input: ContractCreate, meta: Meta) {
  authorize(v, 'contract.draft');
  if (!isParty(v, input)) throw invalid({ sellerOrgId: { zh: '起草人须为合同一方或中介机构', en: 'You must be a party or the broker' } });
  const issues = draftIssues({ ...input, instalments: input.instalments });
  if (Object.keys(issues).length) throw invalid(issues);
  return getDb().transaction(async (tx) => {
    await checkParties(tx, input);
    const [c] = await tx
      .insert(contracts)
      .values({
        kind: input.kind,
        licence: input.licence,
        title: input.title,
        sellerOrgId: input.sellerOrgId,
        buyerOrgId: input.buyerOrgId,
        brokerOrgId: input.brokerOrgId,
        resultId: input.resultId,
        amount: input.amount,
        technologyAmount: input.technologyAmount,
        signedOn: input.signedOn,
        commissionRate: input.commission && 'rate' in input.commission ? input.commission.rate : null,
        commissionFixed: input.commission && 'fixed' in input.commission ? input.commission.fixed : null,
        createdBy: v.user.id,
      })
      .returning();
    // No schedule means one payment of the whole amount, due on signing.
    const schedule = input.instalments.length ? input.instalments : [{ dueOn: input.signedOn, amount: input.amount }];
    await tx.insert(contractInstalments).values(schedule.map((i, n) => ({ contractId: c!.id, seq: n + 1, dueOn: i.dueOn, amount: i.amount })));
    await audit(tx, { actorUserId: v.user.id, actorOrgId: v.user.orgId, action: 'contract.create', subjectType: 'contract', subjectId: c!.id, ip: meta.ip, after: snapshot(c!) });
    await noticeContract(tx, c!, 'create', v.user.orgId);
    return c!;
  });
}

/** A party edits its draft; any edit clears both confirmations. After submission: 409. */
export async function updateContract(v: Viewer, id: string, patch: ContractPatch, meta: Meta) {
  authorize(v, 'contract.draft');
  return getDb().transaction(async (tx) => {
    const before = await lock(tx, id);
    if (!isParty(v, before)) throw notFound();
    if (before.status !== 'draft' && before.status !== 'returned') {
      throw conflict({ zh: '合同已提交登记，不能再修改', en: 'The contract has been submitted; it can no longer be edited' });
    }
    const current = await tx.select().from(contractInstalments).where(eq(contractInstalments.contractId, id)).orderBy(contractInstalments.seq);
    // A single payment of the whole amount follows the amount.
    const single = current.length === 1 && current[0]!.amount.eq(before.amount) && !current[0]!.carriedFromId;
    const newSchedule = patch.instalments ?? (single && patch.amount ? [{ dueOn: patch.signedOn ?? current[0]!.dueOn, amount: patch.amount }] : undefined);
    const instalments = newSchedule ?? current;
    if (patch.instalments) {
      // An amendment's instalments already paid under the original stay as they were.
      for (const paid of current.filter((i) => i.carriedFromId && i.status === 'paid')) {
        const next = patch.instalments[paid.seq - 1];
        if (!next || next.dueOn !== paid.dueOn || !next.amount.eq(paid.amount)) {
          throw invalid({ instalments: { zh: `第 ${paid.seq} 期已按原合同支付，不能修改`, en: `Instalment ${paid.seq} was paid under the original contract and cannot change` } });
        }
      }
    }
    const commission = patch.commission !== undefined ? patch.commission : commissionOf(before);
    const merged = {
      kind: patch.kind ?? before.kind,
      licence: patch.licence ?? before.licence,
      sellerOrgId: before.sellerOrgId,
      buyerOrgId: before.buyerOrgId,
      brokerOrgId: patch.brokerOrgId !== undefined ? patch.brokerOrgId : before.brokerOrgId,
      resultId: patch.resultId !== undefined ? patch.resultId : before.resultId,
      amount: patch.amount ?? before.amount,
      technologyAmount: patch.technologyAmount !== undefined ? patch.technologyAmount : before.technologyAmount,
      commission,
      instalments,
      amendsId: before.amendsId,
    };
    const issues = draftIssues(merged);
    if (Object.keys(issues).length) throw invalid(issues);
    await checkParties(tx, merged);
    const [after] = await tx
      .update(contracts)
      .set({
        kind: merged.kind,
        licence: merged.licence,
        title: patch.title ?? before.title,
        brokerOrgId: merged.brokerOrgId,
        resultId: merged.resultId,
        amount: merged.amount,
        technologyAmount: merged.technologyAmount,
        signedOn: patch.signedOn ?? before.signedOn,
        commissionRate: commission && 'rate' in commission ? commission.rate : null,
        commissionFixed: commission && 'fixed' in commission ? commission.fixed : null,
        status: 'draft',
        sellerConfirmedAt: null,
        buyerConfirmedAt: null,
        version: sql`${contracts.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(contracts.id, id))
      .returning();
    if (newSchedule) {
      await tx.delete(contractInstalments).where(eq(contractInstalments.contractId, id));
      const rows = newSchedule.length ? newSchedule : [{ dueOn: after!.signedOn, amount: after!.amount }];
      await tx.insert(contractInstalments).values(
        rows.map((i, n) => {
          const carried = current.find((c) => c.seq === n + 1 && c.carriedFromId && c.dueOn === i.dueOn && c.amount.eq(i.amount));
          return { contractId: id, seq: n + 1, dueOn: i.dueOn, amount: i.amount, carriedFromId: carried?.carriedFromId ?? null, status: carried?.status ?? 'pending', paidAt: carried?.paidAt ?? null };
        }),
      );
    }
    await audit(tx, { actorUserId: v.user.id, actorOrgId: v.user.orgId, action: 'contract.update', subjectType: 'contract', subjectId: id, ip: meta.ip, before: snapshot(before), after: snapshot(after!) });
    await noticeContract(tx, after!, 'update', v.user.orgId);
    return after!;
  });
}

/** Each party confirms the draft as it stands. */
export async function confirmContract(v: Viewer, id: string, meta: Meta) {
  authorize(v, 'contract.draft');
  return getDb().transaction(async (tx) => {
    const before = await lock(tx, id);
    if (!isParty(v, before)) throw notFound();
    if (before.status !== 'draft') throw conflict({ zh: '只有草稿可以确认', en: 'Only a draft can be confirmed' });
    const side = v.user.orgId === before.sellerOrgId ? 'seller' : v.user.orgId === before.buyerOrgId ? 'buyer' : null;
    if (!side) throw new AppError('forbidden', { zh: '只有买卖双方可以确认合同', en: 'Only the seller and the buyer confirm' });
    const [after] = await tx
      .update(contracts)
      .set(side === 'seller' ? { sellerConfirmedAt: new Date() } : { buyerConfirmedAt: new Date() })
      .where(eq(contracts.id, id))
      .returning();
    await audit(tx, { actorUserId: v.user.id, actorOrgId: v.user.orgId, action: `contract.confirm.${side}`, subjectType: 'contract', subjectId: id, ip: meta.ip, before: snapshot(before), after: snapshot(after!) });
    await noticeContract(tx, after!, `confirm.${side}`, v.user.orgId);
    return after!;
  });
}

export async function submitContract(v: Viewer, id: string, meta: Meta) {
  authorize(v, 'contract.draft');
  return getDb().transaction(async (tx) => {
    const before = await lock(tx, id);
    if (!isParty(v, before)) throw notFound();
    if (before.status !== 'draft') throw conflict({ zh: '合同已提交或已登记', en: 'Already submitted or registered' });
    if (!before.sellerConfirmedAt || !before.buyerConfirmedAt) {
      throw refused('买卖双方都确认后才能提交登记', 'Both parties must confirm before submitting');
    }
    const [after] = await tx.update(contracts).set({ status: 'submitted', updatedAt: new Date() }).where(eq(contracts.id, id)).returning();
    await audit(tx, { actorUserId: v.user.id, actorOrgId: v.user.orgId, action: 'contract.submit', subjectType: 'contract', subjectId: id, ip: meta.ip, before: snapshot(before), after: snapshot(after!) });
    await noticeContract(tx, after!, 'submit', v.user.orgId);
    return after!;
  });
}

/** The grant engine's trigger: one job per event, naming the affected (recipient, year) pairs. */
async function enqueueGrantRecompute(tx: Tx, event: 'registered' | 'revoked' | 'terminated' | 'superseded', c: Contract) {
  const pairs = affectedRecipients({ sellerOrgId: c.sellerOrgId, brokerOrgId: c.brokerOrgId, registeredOn: c.registeredOn! });
  await enqueue(tx, 'grants:recompute', { event, contractId: c.id, resultId: c.resultId, pairs }, { jobKey: `grants:${event}:${c.id}:${c.registrationNo}` });
}

/**
 * Certifies a submitted contract: a gap-free number per (year, seller's region), an
 * immutable snapshot, the broker's commission, the result's new holder, the grant job.
 */
export async function registerContract(v: Viewer, id: string, registeredOn: string, meta: Meta) {
  authorize(v, 'bureau.contracts.register');
  return getDb().transaction(async (tx) => {
    const before = await lock(tx, id);
    if (before.status === 'registered') throw conflict({ zh: '合同已登记', en: 'Already registered' });
    if (before.status !== 'submitted') throw conflict({ zh: '只有已提交的合同可以登记', en: 'Only a submitted contract can be registered' });
    if (!(await hasSignedContract(tx, id))) {
      throw new AppError('signed_contract_missing', { zh: '请先由合同当事方上传签署后的合同文本（PDF），再办理认定登记', en: 'A party must upload the signed contract (PDF) before it can be registered' });
    }
    const original = before.amendsId ? await lock(tx, before.amendsId) : null;
    if (original && original.status !== 'registered') {
      throw conflict({ zh: '被变更的原合同已不处于登记状态', en: 'The contract this amends is no longer registered' });
    }
    const [seller] = await tx.select({ regionCode: organizations.regionCode }).from(organizations).where(eq(organizations.id, before.sellerOrgId));
    const year = Number(registeredOn.slice(0, 4));
    // The row lock on (year, region) serialises concurrent registrations: numbers are unique and gap-free.
    const [seqRow] = await tx
      .insert(registrationSequences)
      .values({ year, regionCode: seller!.regionCode, lastSeq: 1 })
      .onConflictDoUpdate({ target: [registrationSequences.year, registrationSequences.regionCode], set: { lastSeq: sql`${registrationSequences.lastSeq} + 1` } })
      .returning({ lastSeq: registrationSequences.lastSeq });
    const no = registrationNo(year, seller!.regionCode, seqRow!.lastSeq);
    const [after] = await tx
      .update(contracts)
      .set({ status: 'registered', registrationNo: no, registeredOn, statusReason: null, updatedAt: new Date() })
      .where(eq(contracts.id, id))
      .returning();
    const c = after!;
    await tx.insert(contractRegistrations).values({
      contractId: c.id,
      registrationNo: no,
      registeredOn,
      registeredBy: v.user.id,
      kind: c.kind,
      licence: c.licence,
      sellerOrgId: c.sellerOrgId,
      buyerOrgId: c.buyerOrgId,
      brokerOrgId: c.brokerOrgId,
      resultId: c.resultId,
      amount: c.amount,
      technologyAmount: c.technologyAmount,
      signedOn: c.signedOn,
    });
    const terms = commissionOf(c);
    if (c.brokerOrgId && terms) {
      await tx.insert(commissions).values({
        contractId: c.id,
        agencyOrgId: c.brokerOrgId,
        registrationNo: no,
        year,
        base: c.amount,
        rate: 'rate' in terms ? terms.rate : null,
        amount: commissionAmount(c.amount, terms),
      });
    }
    if (c.kind === 'transfer' && !c.licence && c.resultId) await moveHolder(tx, c.resultId, c.sellerOrgId, c.buyerOrgId, v);
    if (original) await supersede(tx, v, original, c, meta);
    await enqueueGrantRecompute(tx, 'registered', c);
    await audit(tx, { actorUserId: v.user.id, action: 'contract.register', subjectType: 'contract', subjectId: id, ip: meta.ip, before: snapshot(before), after: snapshot(c) });
    await noticeContract(tx, c, 'register', null);
    // Instalments carried over from the original may already be paid: the new commission's due share follows.
    // Without an original there is nothing to settle: payments are taken only once a contract is registered.
    if (original) await settleContract(tx, c.id, { userId: v.user.id, ip: meta.ip });
    return c;
  });
}

/** The original of a registered amendment leaves every base, like a revocation, and points to its successor. */
async function supersede(tx: Tx, v: Viewer, original: Contract, successor: Contract, meta: Meta) {
  const reason = `由变更合同 ${successor.registrationNo} 取代 / superseded by ${successor.registrationNo}`;
  const [after] = await tx.update(contracts).set({ status: 'superseded', statusReason: reason, updatedAt: new Date() }).where(eq(contracts.id, original.id)).returning();
  await tx
    .update(commissions)
    .set({ status: sql`case when ${commissions.status} = 'paid' then 'refund_due' else 'cancelled' end`, updatedAt: new Date() })
    .where(and(eq(commissions.contractId, original.id), inArray(commissions.status, ['accrued', 'invoiced', 'paid'])));
  await enqueueGrantRecompute(tx, 'superseded', after!);
  await audit(tx, { actorUserId: v.user.id, action: 'contract.supersede', subjectType: 'contract', subjectId: original.id, ip: meta.ip, reason, before: snapshot(original), after: snapshot(after!) });
}

/**
 * A party amends a registered contract: a new draft with the same figures, which
 * the parties edit, confirm and submit, and which must be registered again. Until
 * then the original stands; instalments paid under it are carried over, locked.
 */
export async function amendContract(v: Viewer, id: string, meta: Meta) {
  authorize(v, 'contract.draft');
  return getDb().transaction(async (tx) => {
    const o = await lock(tx, id);
    if (!isParty(v, o)) throw notFound();
    if (o.status !== 'registered') throw conflict({ zh: '只有已登记的合同可以变更', en: 'Only a registered contract can be amended' });
    const [open] = await tx
      .select({ id: contracts.id })
      .from(contracts)
      .where(and(eq(contracts.amendsId, id), inArray(contracts.status, ['draft', 'submitted', 'returned'])));
    if (open) throw conflict({ zh: '该合同已有一份进行中的变更', en: 'An amendment of this contract is already in progress' });
    const [n] = await tx.select({ n: sql<number>`count(*)::int` }).from(contracts).where(eq(contracts.amendsId, id));
    const [c] = await tx
      .insert(contracts)
      .values({
        kind: o.kind,
        licence: o.licence,
        title: o.title,
        sellerOrgId: o.sellerOrgId,
        buyerOrgId: o.buyerOrgId,
        brokerOrgId: o.brokerOrgId,
        resultId: o.resultId,
        amount: o.amount,
        technologyAmount: o.technologyAmount,
        signedOn: o.signedOn,
        commissionRate: o.commissionRate,
        commissionFixed: o.commissionFixed,
        amendsId: o.id,
        version: o.version + 1 + (n?.n ?? 0),
        createdBy: v.user.id,
      })
      .returning();
    const insts = await tx.select().from(contractInstalments).where(eq(contractInstalments.contractId, id)).orderBy(contractInstalments.seq);
    if (insts.length) {
      await tx.insert(contractInstalments).values(insts.map((i) => ({ contractId: c!.id, seq: i.seq, dueOn: i.dueOn, amount: i.amount, status: i.status === 'paid' ? ('paid' as const) : ('pending' as const), paidAt: i.paidAt, carriedFromId: i.id })));
    }
    await audit(tx, { actorUserId: v.user.id, actorOrgId: v.user.orgId, action: 'contract.amend', subjectType: 'contract', subjectId: c!.id, ip: meta.ip, before: { amends: o.id, registrationNo: o.registrationNo }, after: snapshot(c!) });
    await audit(tx, { actorUserId: v.user.id, actorOrgId: v.user.orgId, action: 'contract.amendment_started', subjectType: 'contract', subjectId: o.id, ip: meta.ip, after: { amendment: c!.id } });
    return c!;
  });
}

async function moveHolder(tx: Tx, resultId: string, from: string, to: string, v: Viewer) {
  const [moved] = await tx
    .update(results)
    .set({ holderOrgId: to, version: sql`${results.version} + 1`, updatedAt: new Date() })
    .where(and(eq(results.id, resultId), eq(results.holderOrgId, from)))
    .returning({ id: results.id });
  if (!moved) return;
  await tx.insert(resultEvents).values({ resultId, actorUserId: v.user.id, action: 'holder_change', changes: { holderOrgId: { from, to } } });
  await enqueueResultSync(tx);
}

export async function returnContract(v: Viewer, id: string, reason: string, meta: Meta) {
  authorize(v, 'bureau.contracts.register');
  return getDb().transaction(async (tx) => {
    const before = await lock(tx, id);
    if (before.status !== 'submitted') throw conflict({ zh: '只有已提交的合同可以退回', en: 'Only a submitted contract can be returned' });
    const [after] = await tx
      .update(contracts)
      .set({ status: 'returned', statusReason: reason, sellerConfirmedAt: null, buyerConfirmedAt: null, updatedAt: new Date() })
      .where(eq(contracts.id, id))
      .returning();
    await audit(tx, { actorUserId: v.user.id, action: 'contract.return', subjectType: 'contract', subjectId: id, ip: meta.ip, reason, before: snapshot(before), after: snapshot(after!) });
    await noticeContract(tx, after!, 'return', null, reason);
    return after!;
  });
}

/** Revocation or termination: the contract leaves every base; unpaid commission is cancelled, paid is flagged for refund. */
async function endRegistration(v: Viewer, id: string, to: 'revoked' | 'terminated', reason: string, meta: Meta) {
  authorize(v, 'bureau.contracts.register');
  return getDb().transaction(async (tx) => {
    const before = await lock(tx, id);
    if (before.status !== 'registered') throw conflict({ zh: '只有已登记的合同可以撤销或终止', en: 'Only a registered contract can be revoked or terminated' });
    const [after] = await tx.update(contracts).set({ status: to, statusReason: reason, updatedAt: new Date() }).where(eq(contracts.id, id)).returning();
    await tx
      .update(commissions)
      .set({ status: sql`case when ${commissions.status} = 'paid' then 'refund_due' else 'cancelled' end`, updatedAt: new Date() })
      .where(and(eq(commissions.contractId, id), inArray(commissions.status, ['accrued', 'invoiced', 'paid'])));
    if (before.kind === 'transfer' && !before.licence && before.resultId) await moveHolder(tx, before.resultId, before.buyerOrgId, before.sellerOrgId, v);
    await enqueueGrantRecompute(tx, to, after!);
    await audit(tx, { actorUserId: v.user.id, action: `contract.${to === 'revoked' ? 'revoke' : 'terminate'}`, subjectType: 'contract', subjectId: id, ip: meta.ip, reason, before: snapshot(before), after: snapshot(after!) });
    await noticeContract(tx, after!, to === 'revoked' ? 'revoke' : 'terminate', v.user.orgId, reason);
    return after!;
  });
}

export const revokeContract = (v: Viewer, id: string, reason: string, meta: Meta) => endRegistration(v, id, 'revoked', reason, meta);
export const terminateContract = (v: Viewer, id: string, reason: string, meta: Meta) => endRegistration(v, id, 'terminated', reason, meta);

/** Parties, the broker and the bureau see a contract; anyone else gets 404. */
export async function getContract(v: Viewer, id: string) {
  const [c] = await getDb().select().from(contracts).where(eq(contracts.id, id));
  if (!c || (!may(v, 'bureau.records.view') && !isParty(v, c))) throw notFound();
  const [instalments, pays, commission, amendments] = await Promise.all([
    getDb().select().from(contractInstalments).where(eq(contractInstalments.contractId, id)).orderBy(contractInstalments.seq),
    paymentsOf(id),
    commissionForContract(id),
    getDb().select({ id: contracts.id, status: contracts.status, registrationNo: contracts.registrationNo }).from(contracts).where(eq(contracts.amendsId, id)).orderBy(contracts.createdAt),
  ]);
  const outstanding = instalments.filter((i) => i.status !== 'paid').reduce((s, i) => s.plus(i.amount), new Decimal(0));
  return {
    ...toApi(c, instalments),
    payments: pays,
    /** What the buyer still owes the seller, and what the broker's commission comes to. */
    owed: { outstanding: formatMoney(instalments.length ? outstanding : c.status === 'registered' ? c.amount : new Decimal(0)), commission },
    amendments,
  };
}

export type ContractFilter = { status?: Contract['status']; q?: string };

/**
 * Who sees which contracts (parties and the broker theirs, the bureau all) and the list's filters: a
 * status, and a text that is part of a party's or the broker's name, of the title, or of the registration number.
 */
function contractsWhere(v: Viewer, f: ContractFilter): SQL | undefined {
  const where: SQL[] = [];
  if (!may(v, 'bureau.records.view')) {
    const org = v.user.orgId ?? '00000000-0000-0000-0000-000000000000';
    where.push(or(eq(contracts.sellerOrgId, org), eq(contracts.buyerOrgId, org), eq(contracts.brokerOrgId, org))!);
  }
  if (f.status) where.push(eq(contracts.status, f.status));
  const text = f.q?.trim();
  if (text) {
    const pattern = `%${likeLiteral(text)}%`;
    const named = getDb().select({ id: organizations.id }).from(organizations).where(ilike(organizations.name, pattern));
    where.push(
      or(
        ilike(contracts.title, pattern),
        ilike(contracts.registrationNo, pattern),
        inArray(contracts.sellerOrgId, named),
        inArray(contracts.buyerOrgId, named),
        inArray(contracts.brokerOrgId, named),
      )!,
    );
  }
  return where.length ? and(...where) : undefined;
}

export async function listContracts(v: Viewer, f: ContractFilter & { page: number; pageSize: number }) {
  const cond = contractsWhere(v, f);
  const db = getDb();
  const [rows, total] = await Promise.all([
    db.select().from(contracts).where(cond).orderBy(desc(contracts.updatedAt), desc(contracts.id)).limit(f.pageSize).offset((f.page - 1) * f.pageSize),
    db.$count(contracts, cond),
  ]);
  return { items: rows.map((c) => toApi(c, [])), total };
}

export function toApi(c: Contract, instalments: Array<typeof contractInstalments.$inferSelect>) {
  return {
    id: c.id,
    kind: c.kind,
    licence: c.licence,
    title: c.title,
    sellerOrgId: c.sellerOrgId,
    buyerOrgId: c.buyerOrgId,
    brokerOrgId: c.brokerOrgId,
    resultId: c.resultId,
    amount: formatMoney(c.amount),
    technologyAmount: c.technologyAmount ? formatMoney(c.technologyAmount) : null,
    signedOn: c.signedOn,
    commission: c.commissionRate ? { rate: c.commissionRate.toString() } : c.commissionFixed ? { fixed: formatMoney(c.commissionFixed) } : null,
    status: c.status,
    confirmations: { seller: c.sellerConfirmedAt?.toISOString() ?? null, buyer: c.buyerConfirmedAt?.toISOString() ?? null },
    registrationNo: c.registrationNo,
    registeredOn: c.registeredOn,
    statusReason: c.statusReason,
    amendsId: c.amendsId,
    version: c.version,
    instalments: instalments.map((i) => ({ seq: i.seq, dueOn: i.dueOn, amount: formatMoney(i.amount), status: i.status })),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** Every contract the filter finds, as a spreadsheet reads it: names and labels, not ids or codes (the bureau's export). */
export async function contractsForExport(v: Viewer, f: ContractFilter) {
  const rows = await getDb().select().from(contracts).where(contractsWhere(v, f)).orderBy(desc(contracts.registeredOn), desc(contracts.updatedAt), desc(contracts.id)).limit(EXPORT_MAX);
  const names = await organizationNames(rows.flatMap((c) => [c.sellerOrgId, c.buyerOrgId, c.brokerOrgId]));
  return rows.map((c) => ({
    registrationNo: c.registrationNo ?? '',
    title: c.title,
    kind: translate('zh', `contract.kind.${c.kind}`),
    seller: names.get(c.sellerOrgId) ?? '',
    buyer: names.get(c.buyerOrgId) ?? '',
    broker: c.brokerOrgId ? (names.get(c.brokerOrgId) ?? '') : '',
    amount: formatMoney(c.amount),
    technologyAmount: c.technologyAmount ? formatMoney(c.technologyAmount) : '',
    signedOn: c.signedOn,
    registeredOn: c.registeredOn ?? '',
    status: translate('zh', `contract.status.${c.status}`),
  }));
}

/** A spreadsheet, not a backup: more than this is a narrower filter's job. */
export const EXPORT_MAX = 50_000;

export const CONTRACT_EXPORT_COLUMNS: Array<[keyof Awaited<ReturnType<typeof contractsForExport>>[number], string]> = [
  ['registrationNo', '登记号 registration no.'],
  ['title', '合同名称 title'],
  ['kind', '合同类型 kind'],
  ['seller', '卖方 seller'],
  ['buyer', '买方 buyer'],
  ['broker', '技术转移服务机构 broker'],
  ['amount', '合同成交额 amount'],
  ['technologyAmount', '技术交易额 technology amount'],
  ['signedOn', '签订日期 signed'],
  ['registeredOn', '登记日期 registered'],
  ['status', '状态 status'],
];

/** The contract's timeline: every audited transition, oldest first. */
export async function contractTimeline(id: string) {
  const rows = await getDb()
    .select({ at: auditEvents.at, action: auditEvents.action, reason: auditEvents.reason, actorOrgId: auditEvents.actorOrgId, after: auditEvents.after })
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectType, 'contract'), eq(auditEvents.subjectId, id)))
    .orderBy(auditEvents.at, auditEvents.id);
  let last: string | null = null;
  return rows.map((r) => {
    const status = (r.after as { status?: string } | null)?.status ?? null;
    // The new status only where the event changed it (a confirmation or a payment leaves it).
    const changed = status && status !== last ? status : null;
    if (status) last = status;
    return { at: r.at.toISOString(), action: r.action, label: contractEventKey(r.action), reason: r.reason, status: changed };
  });
}

