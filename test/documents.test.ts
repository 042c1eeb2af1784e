/**
 * Documents (issue 17): uploads through the real routes into the real filesystem object store,
 * served only to those who may see the subject, audited with the sha256; bad input refused with
 * nothing stored (no row, no object file); registration requires the signed contract.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Decimal from 'decimal.js';
import { and, count, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { resetEnv } from '#config/env.ts';
import { getDb } from '#db/client.ts';
import { auditEvents, contracts, documents, grants, policies } from '#db/schema.ts';
import { simplePdf } from '#db/seed/pdf.ts';
import { MAX_LISTING_IMAGES } from '#domain/documents/rules.ts';
import { objectsDir } from '#app/lib/object-store.server.ts';
import { createSession } from '#app/lib/session.server.ts';
import * as resultDocsRoute from '#app/routes/api.v1.results.$id.documents.ts';
import * as contractDocsRoute from '#app/routes/api.v1.contracts.$id.documents.ts';
import * as grantDocsRoute from '#app/routes/api.v1.grants.$id.documents.ts';
import * as documentRoute from '#app/routes/api.v1.documents.$id.ts';
import * as registerRoute from '#app/routes/api.v1.contracts.$id.register.ts';
import * as confirmRoute from '#app/routes/api.v1.contracts.$id.confirm.ts';
import * as submitRoute from '#app/routes/api.v1.contracts.$id.submit.ts';
import * as createContractRoute from '#app/routes/api.v1.contracts._index.ts';
import * as resultCreateRoute from '#app/routes/api.v1.results._index.ts';
import * as publishRoute from '#app/routes/api.v1.results.$id.publish.ts';
import * as editPage from '#app/routes/results.$id.edit.tsx';
import * as resultPage from '#app/routes/r.$id.tsx';
import * as contractPage from '#app/routes/contracts.$id.tsx';
import { call, json } from './api.ts';
import { attachSignedContract, bureauToken, deal, upload, type ContractBody, type ErrorBody } from './contract-fixtures.ts';
import { createUser, patentInput, tokenOf } from './factories.ts';

// This file's own object store, so "nothing stored" can count every file in it.
process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'h6-documents-'));
resetEnv();

type Doc = { id: string; purpose: string; fileName: string; contentType: string; sizeBytes: number; sha256: string; url: string };

const PDF = simplePdf(['A brochure']);
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a00000000049454e44ae426082', 'hex');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function objectFiles(dir = objectsDir()): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

async function docRows() {
  const [r] = await getDb().select({ n: count() }).from(documents);
  return r!.n;
}

/** A draft result of a fresh university, and its token. */
async function draftResult() {
  const owner = await tokenOf('university');
  const r = await json<{ id: string }>(await call(resultCreateRoute, { token: owner.token, body: patentInput() }));
  return { owner, id: r.id };
}

const resultUpload = (id: string, token: string, o: { purpose: string; fileName: string; bytes: Uint8Array; type?: string }) =>
  upload(resultDocsRoute, { path: `/api/v1/results/${id}/documents`, id, token, ...o });

/** A raw multipart body, for what FormData would not send: names with NUL or path characters kept as they are. */
function rawMultipart(fileName: string, bytes: Uint8Array, purpose = 'brochure') {
  const b = 'h6boundary7MA4YWxkTrZu0gW';
  const head = `--${b}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\n${purpose}\r\n--${b}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`;
  const body = Buffer.concat([Buffer.from(head, 'utf8'), bytes, Buffer.from(`\r\n--${b}--\r\n`)]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

describe('a listing’s brochure and images', () => {
  it('are uploaded by the owner, hidden while the listing is a draft, then served to anyone with type, disposition, nosniff and ETag', async () => {
    const { owner, id } = await draftResult();
    const res = await resultUpload(id, owner.token, { purpose: 'brochure', fileName: '  成果  宣传册.pdf', bytes: PDF });
    expect(res.status, await res.clone().text()).toBe(201);
    const brochure = await json<Doc>(res);
    expect(brochure).toMatchObject({ purpose: 'brochure', fileName: '成果 宣传册.pdf', contentType: 'application/pdf', sizeBytes: PDF.byteLength, sha256: sha(PDF) });
    const img = await json<Doc>(await resultUpload(id, owner.token, { purpose: 'image', fileName: 'photo.png', bytes: PNG, type: 'image/png' }));

    // The audit row names the file's sha256.
    const [a] = await getDb().select().from(auditEvents).where(and(eq(auditEvents.subjectType, 'document'), eq(auditEvents.subjectId, brochure.id)));
    expect(a).toMatchObject({ action: 'document.upload', actorUserId: owner.user.id, actorOrgId: owner.org.id });
    expect(a!.after).toMatchObject({ sha256: sha(PDF), sizeBytes: PDF.byteLength, subjectType: 'result', subjectId: id, purpose: 'brochure' });

    // A draft's files: the owner and the bureau, nobody else (404, as for the draft itself).
    const other = await tokenOf('enterprise');
    expect((await call(documentRoute, { params: { id: brochure.id } })).status).toBe(404);
    expect((await call(documentRoute, { token: other.token, params: { id: brochure.id } })).status).toBe(404);
    expect((await call(resultDocsRoute, { token: other.token, path: `/api/v1/results/${id}/documents`, params: { id } })).status).toBe(404);
    const bureau = await bureauToken();
    expect((await call(documentRoute, { token: bureau, params: { id: brochure.id } })).status).toBe(200);
    const own = await call(documentRoute, { token: owner.token, params: { id: brochure.id } });
    expect(Buffer.from(await own.arrayBuffer()).equals(PDF)).toBe(true);

    // Published: anyone.
    expect((await call(publishRoute, { token: owner.token, params: { id }, method: 'POST' })).status).toBe(200);
    const file = await call(documentRoute, { params: { id: brochure.id } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="__ ___.pdf"; filename\*=UTF-8''%E6%88%90/);
    expect(file.headers.get('etag')).toBe(`"${sha(PDF)}"`);
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
    const image = await call(documentRoute, { params: { id: img.id } });
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('content-disposition')).toMatch(/^inline;/);
    expect((await call(documentRoute, { params: { id: img.id }, headers: { 'if-none-match': `"${sha(PNG)}"` } })).status).toBe(304);

    // The public page shows them.
    const page = await json<{ documents: Doc[] }>(await call(resultPage, { path: `/r/${id}`, params: { id } }));
    expect(page.documents.map((d) => d.purpose).sort()).toEqual(['brochure', 'image']);
  });

  it('replaces the brochure: the old row is marked deleted, its object removed, both audited', async () => {
    const { owner, id } = await draftResult();
    const first = await json<Doc>(await resultUpload(id, owner.token, { purpose: 'brochure', fileName: 'v1.pdf', bytes: PDF }));
    const files = objectFiles().length;
    const v2 = simplePdf(['Version 2']);
    const second = await json<Doc>(await resultUpload(id, owner.token, { purpose: 'brochure', fileName: 'v2.pdf', bytes: v2 }));
    expect(objectFiles().length).toBe(files);
    const list = await json<{ items: Doc[] }>(await call(resultDocsRoute, { token: owner.token, path: `/api/v1/results/${id}/documents`, params: { id } }));
    expect(list.items.map((d) => d.id)).toEqual([second.id]);
    expect((await call(documentRoute, { token: owner.token, params: { id: first.id } })).status).toBe(404);
    const [gone] = await getDb().select().from(auditEvents).where(and(eq(auditEvents.subjectId, first.id), eq(auditEvents.action, 'document.delete')));
    expect(gone).toMatchObject({ reason: 'replaced', before: expect.objectContaining({ sha256: sha(PDF) }) });

    // Deleted by the owner (DELETE), refused to anyone else.
    const other = await tokenOf('university');
    expect((await call(documentRoute, { method: 'DELETE', token: other.token, params: { id: second.id } })).status).toBe(404);
    expect((await call(documentRoute, { method: 'DELETE', token: owner.token, params: { id: second.id } })).status).toBe(204);
    expect(objectFiles().length).toBe(files - 1);
    const [del] = await getDb().select().from(auditEvents).where(and(eq(auditEvents.subjectId, second.id), eq(auditEvents.action, 'document.delete')));
    expect(del!.before).toMatchObject({ sha256: sha(v2) });
  });

  it(`takes at most ${MAX_LISTING_IMAGES} images`, async () => {
    const { owner, id } = await draftResult();
    for (let i = 0; i < MAX_LISTING_IMAGES; i++) expect((await resultUpload(id, owner.token, { purpose: 'image', fileName: `p${i}.png`, bytes: PNG, type: 'image/png' })).status).toBe(201);
    const files = objectFiles().length;
    const over = await resultUpload(id, owner.token, { purpose: 'image', fileName: 'one-more.png', bytes: PNG, type: 'image/png' });
    expect(over.status).toBe(422);
    expect(objectFiles().length).toBe(files);
  });

  it('uploads from the edit page (multipart, session cookie) and deletes there too', async () => {
    const { owner, id } = await draftResult();
    const cookie = (await createSession(owner.user.id, { ip: '127.0.0.1', userAgent: 'test' })).split(';')[0]!;
    const res = await upload(editPage, { path: `/results/${id}/edit`, id, cookie, purpose: 'brochure', fileName: '宣传册.pdf', bytes: PDF });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ document: 'upload', documentDone: true });
    const bad = await upload(editPage, { path: `/results/${id}/edit`, id, cookie, purpose: 'brochure', fileName: 'setup.pdf', bytes: EXE });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fields: { file: { zh: string } } }).fields.file.zh).toMatch(/文件类型不符/);
    const loaded = await json<{ documents: { items: Doc[]; write: boolean } }>(await call(editPage, { path: `/results/${id}/edit`, params: { id }, cookie }));
    expect(loaded.documents).toMatchObject({ write: true, items: [expect.objectContaining({ fileName: '宣传册.pdf' })] });
    const del = await call(editPage, { path: `/results/${id}/edit`, params: { id }, cookie, form: { intent: 'deleteDocument', documentId: loaded.documents.items[0]!.id } });
    expect(await del.json()).toMatchObject({ document: 'delete', documentDone: true });
    const [left] = await getDb().select({ n: count() }).from(documents).where(and(eq(documents.subjectId, id), isNull(documents.deletedAt)));
    expect(left!.n).toBe(0);
  });
});

describe('bad input: 4xx, and nothing stored (no row, no object file)', () => {
  const cases: Array<[string, (id: string, token: string) => Promise<Response>, number]> = [
    ['an executable renamed .pdf', (id, token) => resultUpload(id, token, { purpose: 'brochure', fileName: 'brochure.pdf', bytes: EXE, type: 'application/pdf' }), 400],
    ['a PDF where images go', (id, token) => resultUpload(id, token, { purpose: 'image', fileName: 'a.pdf', bytes: PDF }), 400],
    ['an image with a .pdf name', (id, token) => resultUpload(id, token, { purpose: 'image', fileName: 'photo.pdf', bytes: PNG, type: 'image/png' }), 400],
    ['a purpose of another subject', (id, token) => resultUpload(id, token, { purpose: 'signed_contract', fileName: 'c.pdf', bytes: PDF }), 400],
    ['a name climbing out of the directory', (id, token) => upload(resultDocsRoute, { path: `/api/v1/results/${id}/documents`, id, token, purpose: '', fileName: '', bytes: PDF, ...rawMultipart('../../etc/passwd.pdf', PDF) }), 400],
    ['a name with a backslash', (id, token) => upload(resultDocsRoute, { path: `/api/v1/results/${id}/documents`, id, token, purpose: '', fileName: '', bytes: PDF, ...rawMultipart('..\\..\\boot.pdf', PDF) }), 400],
    ['a name with NUL', (id, token) => upload(resultDocsRoute, { path: `/api/v1/results/${id}/documents`, id, token, purpose: '', fileName: '', bytes: PDF, ...rawMultipart('a\u0000.pdf', PDF) }), 400],
    ['no file at all', (id, token) => upload(resultDocsRoute, { path: `/api/v1/results/${id}/documents`, id, token, purpose: '', fileName: '', bytes: PDF, body: JSON.stringify({ purpose: 'brochure' }), headers: { 'content-type': 'application/json' } }), 400],
  ];
  it.each(cases)('%s', async (_label, send, status) => {
    const { owner, id } = await draftResult();
    const [rows, files] = [await docRows(), objectFiles().length];
    const res = await send(id, owner.token);
    expect(res.status, await res.clone().text()).toBe(status);
    expect((await json<ErrorBody>(res)).error.code).toBe('validation_failed');
    expect(await docRows()).toBe(rows);
    expect(objectFiles().length).toBe(files);
  });

  it('an oversize file (21 MB, streamed without a length) stops at 20 MB with a 413', async () => {
    const { owner, id } = await draftResult();
    const [rows, files] = [await docRows(), objectFiles().length];
    const { headers } = rawMultipart('big.pdf', Buffer.alloc(0));
    const b = headers['content-type'].split('boundary=')[1]!;
    const head = Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nbrochure\r\n--${b}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`);
    const MB = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent === 0) c.enqueue(head);
        if (sent < 21) c.enqueue(MB);
        else {
          c.enqueue(Buffer.from(`\r\n--${b}--\r\n`));
          c.close();
        }
        sent++;
      },
    });
    const res = await upload(resultDocsRoute, { path: `/api/v1/results/${id}/documents`, id, token: owner.token, purpose: '', fileName: '', bytes: PDF, body, headers });
    expect(res.status).toBe(413);
    expect((await json<ErrorBody>(res)).error.code).toBe('payload_too_large');
    expect(sent).toBeLessThan(23);
    expect(await docRows()).toBe(rows);
    expect(objectFiles().length).toBe(files);
  });

  it('an unauthorised uploader: another organisation (404) or a viewer of a published listing (403)', async () => {
    const { owner, id } = await draftResult();
    const [rows, files] = [await docRows(), objectFiles().length];
    const other = await tokenOf('university');
    expect((await resultUpload(id, other.token, { purpose: 'brochure', fileName: 'x.pdf', bytes: PDF })).status).toBe(404);
    await call(publishRoute, { token: owner.token, params: { id }, method: 'POST' });
    expect((await resultUpload(id, other.token, { purpose: 'brochure', fileName: 'x.pdf', bytes: PDF })).status).toBe(403);
    expect((await upload(resultDocsRoute, { path: `/api/v1/results/${id}/documents`, id, purpose: 'brochure', fileName: 'x.pdf', bytes: PDF })).status).toBe(401);
    expect(await docRows()).toBe(rows);
    expect(objectFiles().length).toBe(files);
  });
});

describe('the signed contract', () => {
  it('is required to register (422 signed_contract_missing); parties and the bureau see it, nobody else; fixed once registered', async () => {
    const d = await deal();
    const c = await json<ContractBody>(await call(createContractRoute, { token: d.broker.token, body: d.body }));
    await call(confirmRoute, { token: d.seller.token, params: { id: c.id }, method: 'POST' });
    await call(confirmRoute, { token: d.buyer.token, params: { id: c.id }, method: 'POST' });
    expect((await call(submitRoute, { token: d.seller.token, params: { id: c.id }, method: 'POST' })).status).toBe(200);
    const bureau = await bureauToken();
    const refused = await call(registerRoute, { token: bureau, params: { id: c.id }, body: { registeredOn: '2024-06-03' } });
    expect(refused.status).toBe(422);
    expect((await json<ErrorBody>(refused)).error).toMatchObject({ code: 'signed_contract_missing', message: expect.stringMatching(/合同文本/) });
    const [still] = await getDb().select({ status: contracts.status }).from(contracts).where(eq(contracts.id, c.id));
    expect(still!.status).toBe('submitted');

    // The bureau cannot upload it for them; a party (the broker) can.
    const path = `/api/v1/contracts/${c.id}/documents`;
    expect((await upload(contractDocsRoute, { path, id: c.id, token: bureau, purpose: 'signed_contract', fileName: 'c.pdf', bytes: PDF })).status).toBe(403);
    const up = await upload(contractDocsRoute, { path, id: c.id, token: d.broker.token, purpose: 'signed_contract', fileName: '合同.pdf', bytes: PDF });
    expect(up.status).toBe(201);
    const doc = await json<Doc>(up);
    for (const token of [d.seller.token, d.buyer.token, d.broker.token, bureau]) expect((await call(documentRoute, { token, params: { id: doc.id } })).status).toBe(200);
    for (const token of [(await tokenOf('enterprise')).token, (await tokenOf('agency')).token]) expect((await call(documentRoute, { token, params: { id: doc.id } })).status).toBe(404);
    expect((await call(documentRoute, { params: { id: doc.id } })).status).toBe(404);

    const ok = await call(registerRoute, { token: bureau, params: { id: c.id }, body: { registeredOn: '2024-06-03' } });
    expect(ok.status).toBe(200);
    // Registered: the text it was registered on stays.
    expect((await call(documentRoute, { method: 'DELETE', token: d.seller.token, params: { id: doc.id } })).status).toBe(409);
    expect((await upload(contractDocsRoute, { path, id: c.id, token: d.seller.token, purpose: 'signed_contract', fileName: 'c2.pdf', bytes: PDF })).status).toBe(409);
    const list = await json<{ items: Doc[] }>(await call(contractDocsRoute, { token: bureau, path, params: { id: c.id } }));
    expect(list.items.map((x) => x.id)).toEqual([doc.id]);
  });

  it('shows the registrar the link on the contract page', async () => {
    const d = await deal();
    const c = await json<ContractBody>(await call(createContractRoute, { token: d.broker.token, body: d.body }));
    await attachSignedContract(d.seller.token, c.id);
    const registrar = await createUser({ role: 'bureau' });
    const cookie = (await createSession(registrar.id, { ip: '127.0.0.1', userAgent: 'test' })).split(';')[0]!;
    const page = await json<{ documents: { items: Doc[]; write: boolean }; isRegistrar: boolean }>(await call(contractPage, { path: `/contracts/${c.id}`, params: { id: c.id }, cookie }));
    expect(page.documents.write).toBe(false);
    expect(page.documents.items).toEqual([expect.objectContaining({ purpose: 'signed_contract', url: expect.stringMatching(/^\/api\/v1\/documents\//) })]);
  });
});

describe('the bank certificate', () => {
  it('is uploaded by the recipient and seen by it and the bureau only', async () => {
    const recipient = await tokenOf('university');
    const [policy] = await getDb().select({ id: policies.id }).from(policies).limit(1);
    const [g] = await getDb()
      .insert(grants)
      .values({ clause: 'A1', recipientOrgId: recipient.org.id, year: 2024, policyId: policy!.id, basis: 'technology_amount', base: new Decimal('1000000.00'), rate: new Decimal('0.015'), cap: new Decimal('500000.00'), rawAmount: '15000', amount: new Decimal('15000.00'), contracts: [], explanation: [] })
      .returning({ id: grants.id });
    const id = g!.id;
    const path = `/api/v1/grants/${id}/documents`;
    const other = await tokenOf('university');
    expect((await upload(grantDocsRoute, { path, id, token: other.token, purpose: 'bank_certificate', fileName: 'bank.pdf', bytes: PDF })).status).toBe(404);
    expect((await upload(grantDocsRoute, { path, id, token: recipient.token, purpose: 'bank_certificate', fileName: 'bank.webp', bytes: Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1'), type: 'image/webp' })).status).toBe(400);
    const up = await upload(grantDocsRoute, { path, id, token: recipient.token, purpose: 'bank_certificate', fileName: '开户证明.png', bytes: PNG, type: 'image/png' });
    expect(up.status).toBe(201);
    const doc = await json<Doc>(up);
    expect((await call(documentRoute, { token: recipient.token, params: { id: doc.id } })).status).toBe(200);
    expect((await call(documentRoute, { token: await bureauToken(), params: { id: doc.id } })).status).toBe(200);
    expect((await call(documentRoute, { token: other.token, params: { id: doc.id } })).status).toBe(404);
    await getDb().update(grants).set({ status: 'rejected', decisionReason: 'test' }).where(eq(grants.id, id));
    expect((await call(documentRoute, { method: 'DELETE', token: recipient.token, params: { id: doc.id } })).status).toBe(409);
  });
});
