/**
 * Documents attached to listings, contracts and grants: upload (streamed into the object store,
 * checked for kind, size and name), list, serve and delete, each authorised against the
 * document's subject. Every upload and deletion is audited with the file's sha256.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { getDb, type DbOrTx, type Tx } from '#db/client.ts';
import { audit } from '#db/queries/audit.ts';
import { contracts, documents, grants, results, type DocumentRow } from '#db/schema.ts';
import { AppError, conflict, invalid, notFound, type Msg } from '#domain/errors.ts';
import {
  CONTENT_TYPES,
  isPurpose,
  kindIssue,
  MAX_DOCUMENT_BYTES,
  normaliseFileName,
  PURPOSE_RULES,
  purposesOf,
  sniffKind,
  tooLarge,
  type Purpose,
  type SubjectType,
} from '#domain/documents/rules.ts';
import { may, type Viewer } from '#app/lib/auth.server.ts';
import { readUpload } from '#app/lib/multipart.server.ts';
import { objectStore, type Body } from '#app/lib/object-store.server.ts';

type Meta = { ip: string };
export type Subject = { type: SubjectType; id: string };

/** Contracts whose signed text can still change: once registered it is part of the record. */
const CONTRACT_OPEN = new Set(['draft', 'submitted', 'returned']);
/** Grants whose bank certificate can still change: once decided, the bureau has relied on it. */
const GRANT_OPEN = new Set(['computed', 'submitted']);

type Access = { view: boolean; write: boolean; locked: Msg | null };

const NO_ORG = '00000000-0000-0000-0000-000000000000';

/**
 * Who may see and who may change a subject's documents. A published listing's to anyone, an
 * unpublished one's to its organisation and the bureau; a contract's to its parties (seller, buyer,
 * broker) and the bureau; a grant's to the recipient and the bureau. Changes: the listing's
 * organisation, a contract party, the grant's recipient; never the bureau.
 */
async function access(db: DbOrTx, v: Viewer | null, s: Subject, lock = false): Promise<Access | null> {
  const org = v?.user.orgId ?? NO_ORG;
  const bureau = may(v, 'bureau.records.view');
  if (s.type === 'result') {
    const q = db.select({ owner: results.ownerOrgId, status: results.status }).from(results).where(eq(results.id, s.id));
    const [r] = lock ? await q.for('update') : await q;
    if (!r) return null;
    const mine = r.owner === org;
    return { view: r.status === 'published' || mine || bureau, write: mine && may(v, 'result.list'), locked: null };
  }
  if (s.type === 'contract') {
    const q = db.select({ seller: contracts.sellerOrgId, buyer: contracts.buyerOrgId, broker: contracts.brokerOrgId, status: contracts.status }).from(contracts).where(eq(contracts.id, s.id));
    const [c] = lock ? await q.for('update') : await q;
    if (!c) return null;
    const party = [c.seller, c.buyer, c.broker].includes(org);
    const locked = CONTRACT_OPEN.has(c.status) ? null : { zh: '合同已登记，签署文本不能再更改', en: 'The contract is registered: its signed text can no longer change' };
    return { view: party || bureau, write: party && may(v, 'contract.draft'), locked };
  }
  const q = db.select({ recipient: grants.recipientOrgId, status: grants.status }).from(grants).where(eq(grants.id, s.id));
  const [g] = lock ? await q.for('update') : await q;
  if (!g) return null;
  const mine = g.recipient === org;
  const locked = GRANT_OPEN.has(g.status) ? null : { zh: '补助已有审批结论，银行证明不能再更改', en: 'The grant has been decided: its bank certificate can no longer change' };
  return { view: mine || bureau, write: mine && may(v, 'grant.apply'), locked };
}

/** Anyone who may not see the subject gets a 404; who may see but not change it, a 403; a closed subject, a 409. */
async function requireWrite(db: DbOrTx, v: Viewer, s: Subject, lock = false): Promise<void> {
  const a = await access(db, v, s, lock);
  if (!a?.view) throw notFound();
  if (!a.write) throw new AppError('forbidden', { zh: '无权为此上传或删除文件', en: 'You may not upload or delete files here' });
  if (a.locked) throw conflict(a.locked);
}

export function documentUrl(id: string): string {
  return `/api/v1/documents/${id}`;
}

export function toApi(d: DocumentRow) {
  return {
    id: d.id,
    subjectType: d.subjectType,
    subjectId: d.subjectId,
    purpose: d.purpose,
    fileName: d.fileName,
    contentType: d.contentType,
    sizeBytes: d.sizeBytes,
    sha256: d.sha256,
    createdAt: d.createdAt.toISOString(),
    url: documentUrl(d.id),
  };
}
export type DocumentOut = ReturnType<typeof toApi>;

function auditRow(d: DocumentRow) {
  return { subjectType: d.subjectType, subjectId: d.subjectId, purpose: d.purpose, fileName: d.fileName, contentType: d.contentType, sizeBytes: d.sizeBytes, sha256: d.sha256 };
}

type Stored = { id: string; key: string; purpose: Purpose; fileName: string; contentType: string; size: number; sha256: string };

/**
 * Checks purpose, name and kind (by the first bytes), then streams the file into the store under
 * a key made from a new id, then records it. A refusal at any step leaves no row and no object.
 */
async function store(s: Subject, fields: { purpose: unknown; fileName: string; declaredType: string | null; head: Uint8Array; body: Body }): Promise<Stored> {
  const purpose = fields.purpose;
  if (!isPurpose(purpose) || PURPOSE_RULES[purpose].subject !== s.type) {
    const list = purposesOf(s.type).join(', ');
    throw invalid({ purpose: { zh: `用途须为：${list}`, en: `purpose must be one of: ${list}` } });
  }
  const name = normaliseFileName(fields.fileName);
  if (!name.ok) throw invalid({ file: name.msg });
  const kind = sniffKind(fields.head);
  const issue = kindIssue(purpose, kind, fields.declaredType, name.name);
  if (issue) throw invalid({ file: issue });
  const id = randomUUID();
  const key = `documents/${id}`;
  const contentType = CONTENT_TYPES[kind!];
  const { size, sha256 } = await objectStore().put(key, fields.body, { contentType });
  return { id, key, purpose, fileName: name.name, contentType, size, sha256 };
}

/** Records a stored object: in one transaction with the subject locked (limits, replacement, audit); on failure the object is removed again. */
async function record(
  s: Subject,
  f: Stored,
  who: { orgId: string; userId: string | null; ip: string; reason?: string },
  check: (tx: Tx) => Promise<void>,
): Promise<DocumentRow> {
  let replaced: DocumentRow[] = [];
  try {
    const row = await getDb().transaction(async (tx) => {
      await check(tx);
      const rule = PURPOSE_RULES[f.purpose];
      const standing = await tx
        .select()
        .from(documents)
        .where(and(eq(documents.subjectType, s.type), eq(documents.subjectId, s.id), eq(documents.purpose, f.purpose), isNull(documents.deletedAt)))
        .orderBy(asc(documents.createdAt));
      if (rule.replaces) replaced = standing;
      else if (standing.length >= rule.max) {
        throw new AppError('unprocessable', { zh: `最多可上传 ${rule.max} 个此类文件`, en: `At most ${rule.max} files of this kind` }, { file: { zh: `最多 ${rule.max} 个`, en: `At most ${rule.max}` } });
      }
      const [d] = await tx
        .insert(documents)
        .values({ id: f.id, ownerOrgId: who.orgId, subjectType: s.type, subjectId: s.id, purpose: f.purpose, fileName: f.fileName, contentType: f.contentType, sizeBytes: f.size, sha256: f.sha256, storageKey: f.key, uploadedBy: who.userId })
        .returning();
      for (const old of replaced) await softDelete(tx, old, who, 'replaced');
      await audit(tx, { actorUserId: who.userId, actorOrgId: who.orgId, action: 'document.upload', subjectType: 'document', subjectId: d!.id, ip: who.ip, reason: who.reason ?? null, after: auditRow(d!) });
      return d!;
    });
    for (const old of replaced) await removeObject(old.storageKey);
    return row;
  } catch (e) {
    await removeObject(f.key);
    throw e;
  }
}

async function softDelete(tx: Tx, d: DocumentRow, who: { orgId: string | null; userId: string | null; ip: string }, reason: string | null) {
  await tx.update(documents).set({ deletedAt: new Date() }).where(eq(documents.id, d.id));
  await audit(tx, { actorUserId: who.userId, actorOrgId: who.orgId, action: 'document.delete', subjectType: 'document', subjectId: d.id, ip: who.ip, reason, before: auditRow(d) });
}

/** After the commit: the row is already marked deleted, so a store that fails here leaves an unreachable object, not a broken link. */
async function removeObject(key: string) {
  await objectStore()
    .delete(key)
    .catch((e: unknown) => console.warn('[documents] could not remove object', key, e));
}

/**
 * A viewer's upload from a multipart request (fields `purpose`, then `file`). Authorised before a
 * byte of the file is read, and again, with the subject locked, when the row is written.
 */
export async function uploadDocument(v: Viewer, s: Subject, request: Request, meta: Meta): Promise<DocumentOut> {
  await requireWrite(getDb(), v, s);
  const stored = await readUpload(request, (fields, file) => store(s, { purpose: fields.purpose, fileName: file.fileName, declaredType: file.contentType, head: file.head, body: file.body }));
  const row = await record(s, stored, { orgId: v.user.orgId!, userId: v.user.id, ip: meta.ip }, (tx) => requireWrite(tx, v, s, true));
  return toApi(row);
}

/**
 * Attaches bytes without a signed-in viewer, with the same checks and audit: for the demo seed and
 * fixtures that build contracts below the API. The organisation must be able to see the subject.
 */
export async function attachDocument(
  s: Subject,
  input: { purpose: Purpose; fileName: string; bytes: Uint8Array; ownerOrgId: string; uploadedBy?: string | null },
  meta: Meta & { reason: string },
): Promise<DocumentOut> {
  if (input.bytes.byteLength > MAX_DOCUMENT_BYTES) throw new AppError('payload_too_large', tooLarge());
  const stored = await store(s, { purpose: input.purpose, fileName: input.fileName, declaredType: null, head: input.bytes.subarray(0, 16), body: input.bytes });
  const row = await record(s, stored, { orgId: input.ownerOrgId, userId: input.uploadedBy ?? null, ip: meta.ip, reason: meta.reason }, async (tx) => {
    if (!(await access(tx, null, s, true))) throw notFound();
  });
  return toApi(row);
}

/** The standing documents of a subject, for those who may see it. */
export async function listDocuments(v: Viewer | null, s: Subject): Promise<DocumentOut[]> {
  const a = await access(getDb(), v, s);
  if (!a?.view) throw notFound();
  const rows = await getDb()
    .select()
    .from(documents)
    .where(and(eq(documents.subjectType, s.type), eq(documents.subjectId, s.id), isNull(documents.deletedAt)))
    .orderBy(asc(documents.purpose), asc(documents.createdAt));
  return rows.map(toApi);
}

/** What pages show beside the list: whether the viewer may upload or delete, and why not if the subject is closed. */
export async function documentAccess(v: Viewer | null, s: Subject): Promise<{ write: boolean; locked: Msg | null }> {
  const a = await access(getDb(), v, s);
  return { write: !!a?.write && !a.locked, locked: a?.locked ?? null };
}

/** One document's row and bytes, for those who may see its subject; anyone else, and a deleted document, 404. */
export async function openDocument(v: Viewer | null, id: string) {
  const [d] = await getDb()
    .select()
    .from(documents)
    .where(and(eq(documents.id, id), isNull(documents.deletedAt)));
  if (!d) throw notFound();
  const a = await access(getDb(), v, { type: d.subjectType, id: d.subjectId });
  if (!a?.view) throw notFound();
  return { doc: d, body: await objectStore().get(d.storageKey) };
}

export async function deleteDocument(v: Viewer, id: string, meta: Meta): Promise<void> {
  const d = await getDb().transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(documents)
      .where(and(eq(documents.id, id), isNull(documents.deletedAt)))
      .for('update');
    if (!row) throw notFound();
    await requireWrite(tx, v, { type: row.subjectType, id: row.subjectId }, true);
    await softDelete(tx, row, { orgId: v.user.orgId, userId: v.user.id, ip: meta.ip }, null);
    return row;
  });
  await removeObject(d.storageKey);
}

/** Whether a contract has its signed text attached: registration needs it (认定登记 reviews the contract itself). */
export async function hasSignedContract(db: DbOrTx, contractId: string): Promise<boolean> {
  const [r] = await db
    .select({ n: count() })
    .from(documents)
    .where(and(eq(documents.subjectType, 'contract'), eq(documents.subjectId, contractId), eq(documents.purpose, 'signed_contract'), isNull(documents.deletedAt)));
  return (r?.n ?? 0) > 0;
}
