/**
 * Streams a multipart/form-data upload: the text fields first, then one file handed on as it
 * arrives, never buffered whole. Built on the parser Remix's `unstable_parseMultipartFormData`
 * runs on; that wrapper cuts a file name down to its last path segment before an upload handler
 * sees it, and a name with path characters must be refused, not quietly renamed
 * (docs/decisions/024-documents-object-store.md).
 */
import { streamMultipart } from '@web3-storage/multipart-parser';
import { AppError, invalid } from '#domain/errors.ts';
import { MAX_DOCUMENT_BYTES, SNIFF_BYTES, tooLarge } from '#domain/documents/rules.ts';

/** Text fields an upload form may carry before its file, and how long each may be. */
const MAX_FIELDS = 10;
const MAX_FIELD_BYTES = 4 * 1024;

export type IncomingFile = {
  /** The name exactly as the client sent it. */
  fileName: string;
  contentType: string | null;
  /** The first bytes (up to SNIFF_BYTES), read before the rest, to tell the kind. */
  head: Uint8Array;
  /** Every byte of the file, head included; throws a 413 once past MAX_DOCUMENT_BYTES. */
  body: AsyncIterable<Uint8Array>;
};

type Part = { name: string; filename?: string; contentType?: string; data: AsyncIterable<Uint8Array> };

export function isMultipart(request: Request): boolean {
  return /^multipart\/form-data\s*;/i.test(request.headers.get('content-type') ?? '');
}

const noFile = () => invalid({ file: { zh: '请选择要上传的文件', en: 'Choose a file to upload' } });

/**
 * Reads the fields, then calls `onFile` with the file part (the form's last field: anything after
 * it is not read). Malformed bodies, too many or too long fields and a missing file are 400s.
 */
export async function readUpload<T>(request: Request, onFile: (fields: Record<string, string>, file: IncomingFile) => Promise<T>): Promise<T> {
  const boundary = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(request.headers.get('content-type') ?? '');
  if (!isMultipart(request) || !boundary || !request.body) throw invalid({}, { zh: '请以 multipart/form-data 上传文件', en: 'Send the file as multipart/form-data' });
  const fields: Record<string, string> = {};
  let parts: AsyncGenerator<Part>;
  try {
    parts = streamMultipart(request.body, boundary[1] ?? boundary[2]!) as AsyncGenerator<Part>;
  } catch {
    throw malformed();
  }
  for (;;) {
    let next: IteratorResult<Part>;
    try {
      next = await parts.next();
    } catch {
      throw malformed();
    }
    if (next.done) throw noFile();
    const part = next.value;
    if (typeof part.filename === 'string') {
      if (part.filename === '') throw noFile();
      const { head, rest } = await peek(limited(part.data));
      if (head.byteLength === 0) throw noFile();
      return onFile(fields, { fileName: part.filename, contentType: part.contentType ?? null, head, body: rest });
    }
    if (Object.keys(fields).length >= MAX_FIELDS) throw invalid({}, { zh: '表单字段过多', en: 'Too many form fields' });
    fields[part.name] = await text(part.data);
  }
}

const malformed = () => invalid({}, { zh: '上传内容格式有误', en: 'The upload is not well-formed multipart/form-data' });

async function text(data: AsyncIterable<Uint8Array>): Promise<string> {
  const chunks: Uint8Array[] = [];
  let n = 0;
  try {
    for await (const c of data) {
      n += c.byteLength;
      if (n > MAX_FIELD_BYTES) throw invalid({}, { zh: '表单字段过长', en: 'A form field is too long' });
      chunks.push(c);
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw malformed();
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The bytes as they come, counted: past the limit the stream stops with a 413, so nothing more is read or stored. */
async function* limited(data: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let n = 0;
  try {
    for await (const c of data) {
      n += c.byteLength;
      if (n > MAX_DOCUMENT_BYTES) throw new AppError('payload_too_large', tooLarge(), { file: tooLarge() });
      yield c;
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw malformed();
  }
}

/** Reads just enough to tell the kind, and gives back a stream that still starts at byte 0. */
async function peek(data: AsyncGenerator<Uint8Array>): Promise<{ head: Uint8Array; rest: AsyncIterable<Uint8Array> }> {
  const first: Uint8Array[] = [];
  let n = 0;
  let ended = false;
  while (n < SNIFF_BYTES) {
    const r = await data.next();
    if (r.done) {
      ended = true;
      break;
    }
    first.push(r.value);
    n += r.value.byteLength;
  }
  const buffered = Buffer.concat(first);
  async function* rest() {
    if (buffered.byteLength) yield buffered;
    if (!ended) yield* data;
  }
  return { head: buffered.subarray(0, SNIFF_BYTES), rest: rest() };
}
