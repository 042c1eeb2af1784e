/**
 * Both object stores at their boundary: the filesystem one on a temporary directory, the S3 one
 * through the real AWS SDK against a tiny S3 speaker on loopback (PUT, GET, DELETE of path-style
 * objects, SigV4-signed requests checked for their signature header). No network.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '#domain/errors.ts';
import { fsObjectStore, s3ObjectStore, type ObjectStore } from './object-store.server.ts';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

async function* failingAfter(bytes: string) {
  yield Buffer.from(bytes);
  throw new Error('client went away');
}

function contract(name: string, make: () => ObjectStore) {
  describe(name, () => {
    it('puts, gets and deletes, with the size and sha256 of what was stored', async () => {
      const store = make();
      const r = await store.put('documents/a1', Buffer.from('hello world'), { contentType: 'application/pdf' });
      expect(r).toEqual({ size: 11, sha256: sha('hello world') });
      expect(await text(await store.get('documents/a1'))).toBe('hello world');
      await store.delete('documents/a1');
      await expect(store.get('documents/a1')).rejects.toSatisfy((e) => e instanceof AppError && e.status === 404);
      await store.delete('documents/a1');
    });
    it('streams an async body', async () => {
      const store = make();
      async function* body() {
        for (let i = 0; i < 3; i++) yield Buffer.from(`part${i};`);
      }
      expect(await store.put('documents/b2', body(), { contentType: 'image/png' })).toEqual({ size: 18, sha256: sha('part0;part1;part2;') });
      expect(await text(await store.get('documents/b2'))).toBe('part0;part1;part2;');
    });
    it('keeps nothing of a body that fails midway', async () => {
      const store = make();
      await expect(store.put('documents/c3', failingAfter('half a file'), { contentType: 'application/pdf' })).rejects.toThrow('client went away');
      await expect(store.get('documents/c3')).rejects.toSatisfy((e) => e instanceof AppError && e.status === 404);
    });
    it('refuses keys that could leave its root', async () => {
      const store = make();
      for (const key of ['../x', 'documents/../../etc', '/abs', 'a/.b', 'A/B', 'a//b']) await expect(store.put(key, Buffer.from('x'), { contentType: 'application/pdf' })).rejects.toThrow(/bad key/);
    });
  });
}

const root = mkdtempSync(path.join(tmpdir(), 'h6-objects-'));
contract('fsObjectStore', () => fsObjectStore(root));

it('fsObjectStore leaves no temporary file behind', async () => {
  const store = fsObjectStore(root);
  await store.put('documents/t1', Buffer.from('x'), { contentType: 'application/pdf' });
  await store.put('documents/t2', failingAfter('y'), { contentType: 'application/pdf' }).catch(() => {});
  expect(readdirSync(path.join(root, '.tmp'))).toEqual([]);
});

// A few S3 calls, path-style: enough for PutObject, GetObject and DeleteObject.
const objects = new Map<string, { body: Buffer; type: string }>();
const seen: Array<{ method: string; url: string; auth: string; sha: string }> = [];
let endpoint = '';
const server = createServer(async (req: IncomingMessage, res) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = Buffer.concat(chunks);
  seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization ?? '', sha: String(req.headers['x-amz-content-sha256'] ?? '') });
  const key = decodeURIComponent(new URL(req.url!, 'http://x').pathname);
  if (req.method === 'PUT') {
    objects.set(key, { body, type: req.headers['content-type'] ?? '' });
    res.writeHead(200, { ETag: `"${createHash('md5').update(body).digest('hex')}"` }).end();
  } else if (req.method === 'GET') {
    const o = objects.get(key);
    if (!o) {
      res.writeHead(404, { 'Content-Type': 'application/xml' }).end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>${key}</Key></Error>`);
    } else res.writeHead(200, { 'Content-Type': o.type, 'Content-Length': o.body.byteLength }).end(o.body);
  } else if (req.method === 'DELETE') {
    objects.delete(key);
    res.writeHead(204).end();
  } else res.writeHead(405).end();
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

contract('s3ObjectStore', () => s3ObjectStore({ bucket: 'lc-docs', region: 'us-east-1', endpoint, forcePathStyle: true, accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }));

it('s3ObjectStore sends signed, path-style requests with the content type', async () => {
  const store = s3ObjectStore({ bucket: 'lc-docs', region: 'us-east-1', endpoint, forcePathStyle: true, accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' });
  seen.length = 0;
  await store.put('documents/d4', Buffer.from('%PDF-1.4'), { contentType: 'application/pdf' });
  expect(seen[0]).toMatchObject({ method: 'PUT', url: expect.stringMatching(/^\/lc-docs\/documents\/d4(\?|$)/) });
  expect(seen[0]!.auth).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/s3\/aws4_request, SignedHeaders=.*, Signature=[0-9a-f]{64}$/);
  expect(seen[0]!.sha).toBe(sha('%PDF-1.4'));
  expect(objects.get('/lc-docs/documents/d4')).toMatchObject({ type: 'application/pdf' });
});
