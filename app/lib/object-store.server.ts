/**
 * Where uploaded files live, behind one small interface: a directory under DATA_DIR by default,
 * any S3-compatible store in production (OBJECT_STORE=s3, the S3_* settings of config/env.ts).
 * Keys are made by the caller from ids, never from a user's file name, and are checked here too.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { env } from '#config/env.ts';
import { notFound } from '#domain/errors.ts';

export type Body = Uint8Array | AsyncIterable<Uint8Array>;
export type PutResult = { size: number; sha256: string };

export interface ObjectStore {
  /** Stores the bytes under the key; a body that fails midway (e.g. past a size limit) leaves nothing behind. */
  put(key: string, body: Body, opts: { contentType: string }): Promise<PutResult>;
  /** The object's bytes; a missing key is a 404. */
  get(key: string): Promise<Readable>;
  /** Removes the object; a missing key is not an error. */
  delete(key: string): Promise<void>;
}

const KEY = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*){0,4}$/;

function checkKey(key: string): string {
  if (!KEY.test(key) || key.length > 200) throw new Error(`object store: bad key ${JSON.stringify(key)}`);
  return key;
}

async function* chunks(body: Body): AsyncIterable<Uint8Array> {
  if (body instanceof Uint8Array) yield body;
  else yield* body;
}

/** Files under a root: written to a temporary file, synced, then renamed into place, so a reader never sees half an object. */
export function fsObjectStore(root: string): ObjectStore {
  const file = (key: string) => path.join(root, ...checkKey(key).split('/'));
  return {
    async put(key, body) {
      const target = file(key);
      const tmpDir = path.join(root, '.tmp');
      await mkdir(tmpDir, { recursive: true });
      await mkdir(path.dirname(target), { recursive: true });
      const tmp = path.join(tmpDir, randomUUID());
      const fh = await open(tmp, 'wx', 0o640);
      const hash = createHash('sha256');
      let size = 0;
      try {
        for await (const c of chunks(body)) {
          hash.update(c);
          size += c.byteLength;
          await fh.write(c);
        }
        await fh.sync();
        await fh.close();
        await rename(tmp, target);
      } catch (e) {
        await fh.close().catch(() => {});
        await rm(tmp, { force: true });
        throw e;
      }
      return { size, sha256: hash.digest('hex') };
    },
    async get(key) {
      const f = file(key);
      try {
        await stat(f);
      } catch {
        throw notFound();
      }
      return createReadStream(f);
    },
    async delete(key) {
      await rm(file(key), { force: true });
    },
  };
}

export type S3Settings = { bucket: string; region: string; endpoint?: string; forcePathStyle: boolean; accessKeyId?: string; secretAccessKey?: string };

/**
 * Any S3-compatible store through the AWS SDK. A body is at most MAX_DOCUMENT_BYTES (20 MB), so it
 * is gathered and sent as one PutObject with its length known (no multipart upload below 5 GB).
 * Checksums are sent only where the API requires them: several S3-compatible stores refuse the
 * SDK's default extra checksum headers.
 */
export function s3ObjectStore(s: S3Settings, client?: S3Client): ObjectStore {
  const s3 =
    client ??
    new S3Client({
      region: s.region,
      endpoint: s.endpoint,
      forcePathStyle: s.forcePathStyle,
      credentials: s.accessKeyId && s.secretAccessKey ? { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey } : undefined,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  return {
    async put(key, body, { contentType }) {
      const parts: Uint8Array[] = [];
      const hash = createHash('sha256');
      for await (const c of chunks(body)) {
        hash.update(c);
        parts.push(c);
      }
      const buf = Buffer.concat(parts);
      await s3.send(new PutObjectCommand({ Bucket: s.bucket, Key: checkKey(key), Body: buf, ContentLength: buf.byteLength, ContentType: contentType }));
      return { size: buf.byteLength, sha256: hash.digest('hex') };
    },
    async get(key) {
      try {
        const out = await s3.send(new GetObjectCommand({ Bucket: s.bucket, Key: checkKey(key) }));
        if (!out.Body) throw notFound();
        return out.Body instanceof Readable ? out.Body : Readable.fromWeb(out.Body.transformToWebStream() as never);
      } catch (e) {
        if (e instanceof NoSuchKey || (e as { name?: string }).name === 'NoSuchKey') throw notFound();
        throw e;
      }
    },
    async delete(key) {
      await s3.send(new DeleteObjectCommand({ Bucket: s.bucket, Key: checkKey(key) }));
    },
  };
}

let cached: { config: string; store: ObjectStore } | undefined;

/** The configured store (re-made when the settings change, as tests do). */
export function objectStore(): ObjectStore {
  const e = env();
  const settings =
    e.OBJECT_STORE === 's3'
      ? { kind: 's3' as const, bucket: e.S3_BUCKET!, region: e.S3_REGION, endpoint: e.S3_ENDPOINT, forcePathStyle: e.S3_FORCE_PATH_STYLE, accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
      : { kind: 'fs' as const, root: objectsDir() };
  const config = JSON.stringify(settings);
  if (cached?.config !== config) cached = { config, store: settings.kind === 's3' ? s3ObjectStore(settings) : fsObjectStore(settings.root) };
  return cached.store;
}

/** The filesystem store's root. */
export function objectsDir(): string {
  return path.resolve(env().DATA_DIR, 'objects');
}
