/**
 * Documents attached to listings, contracts and grants: which kinds each purpose takes, how a
 * file's kind is told from its first bytes, the size limit, and what a file name may be. Pure.
 */
import type { Msg } from '#domain/errors.ts';

/** Every upload is refused past this many bytes (the body is counted while it streams). */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
/** Images one listing may show. */
export const MAX_LISTING_IMAGES = 8;
/** Characters kept of a display name (the extension included). */
export const MAX_FILE_NAME_LENGTH = 120;

export const FILE_KINDS = ['pdf', 'jpeg', 'png', 'webp'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export const CONTENT_TYPES: Record<FileKind, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

const EXTENSIONS: Record<FileKind, readonly string[]> = {
  pdf: ['pdf'],
  jpeg: ['jpg', 'jpeg'],
  png: ['png'],
  webp: ['webp'],
};

export const SUBJECT_TYPES = ['result', 'contract', 'grant'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export const PURPOSES = ['brochure', 'image', 'signed_contract', 'bank_certificate'] as const;
export type Purpose = (typeof PURPOSES)[number];

/** What each purpose attaches to, which kinds it takes, and how many may stand at once (`replaces`: a new one takes the old one's place). */
export const PURPOSE_RULES: Record<Purpose, { subject: SubjectType; kinds: readonly FileKind[]; max: number; replaces: boolean }> = {
  brochure: { subject: 'result', kinds: ['pdf'], max: 1, replaces: true },
  image: { subject: 'result', kinds: ['jpeg', 'png', 'webp'], max: MAX_LISTING_IMAGES, replaces: false },
  signed_contract: { subject: 'contract', kinds: ['pdf'], max: 1, replaces: true },
  bank_certificate: { subject: 'grant', kinds: ['pdf', 'jpeg', 'png'], max: 1, replaces: true },
};

export function isPurpose(x: unknown): x is Purpose {
  return typeof x === 'string' && (PURPOSES as readonly string[]).includes(x);
}

export function purposesOf(subject: SubjectType): Purpose[] {
  return PURPOSES.filter((p) => PURPOSE_RULES[p].subject === subject);
}

/** Bytes needed to tell every kind apart (WebP: RIFF····WEBP). */
export const SNIFF_BYTES = 12;

/** The kind the first bytes say, whatever the name or the declared type claim; null for anything else. */
export function sniffKind(head: Uint8Array): FileKind | null {
  const at = (i: number, bytes: number[]) => bytes.every((b, j) => head[i + j] === b);
  if (at(0, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (at(0, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50])) return 'webp'; // RIFF····WEBP
  return null;
}

function kindNames(kinds: readonly FileKind[]): string {
  return kinds.map((k) => k.toUpperCase()).join('/');
}

/**
 * The kind check for a purpose: the bytes decide; a declared type (other than the generic
 * octet-stream) must be one the purpose takes too; the name's extension must match the bytes.
 */
export function kindIssue(purpose: Purpose, sniffed: FileKind | null, declared: string | null, fileName: string): Msg | null {
  const allowed = PURPOSE_RULES[purpose].kinds;
  const list = kindNames(allowed);
  const wrong: Msg = { zh: `文件类型不符：此处只接受 ${list} 文件`, en: `Wrong file type: only ${list} is accepted here` };
  if (!sniffed || !allowed.includes(sniffed)) return wrong;
  const type = declared?.split(';')[0]!.trim().toLowerCase() || null;
  if (type && type !== 'application/octet-stream' && !allowed.some((k) => CONTENT_TYPES[k] === type)) return wrong;
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (!ext || !EXTENSIONS[sniffed].includes(ext)) {
    return { zh: `文件扩展名与内容不符（内容为 ${sniffed.toUpperCase()}）`, en: `The file name’s extension does not match its content (${sniffed.toUpperCase()})` };
  }
  return null;
}

export type NameCheck = { ok: true; name: string } | { ok: false; msg: Msg };

/**
 * A display name: NFC, trimmed, inner whitespace runs as one space, at most MAX_FILE_NAME_LENGTH
 * characters. Path characters (`/`, `\`, `..`), NUL and control characters are refused, not stripped:
 * such a name is a client's mistake or an attack, and the key in the store never comes from it anyway.
 */
export function normaliseFileName(raw: string): NameCheck {
  if (/[/\\\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(raw) || raw.includes('..')) {
    return { ok: false, msg: { zh: '文件名不能包含路径字符（/、\\、..）或控制字符', en: 'The file name must not contain path characters (/, \\, ..) or control characters' } };
  }
  const name = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (!name || name === '.') return { ok: false, msg: { zh: '请选择要上传的文件', en: 'Choose a file to upload' } };
  if ([...name].length > MAX_FILE_NAME_LENGTH) {
    return { ok: false, msg: { zh: `文件名不能超过 ${MAX_FILE_NAME_LENGTH} 个字符`, en: `The file name must be at most ${MAX_FILE_NAME_LENGTH} characters` } };
  }
  return { ok: true, name };
}

export const tooLarge = (): Msg => ({ zh: `文件不能超过 ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`, en: `The file must be at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB` });

/** `Content-Disposition` for serving: inline for images (shown on the page), attachment for PDFs; the name in RFC 6266 / 5987 form. */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["%;\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function dispositionFor(contentType: string): 'inline' | 'attachment' {
  return contentType.startsWith('image/') ? 'inline' : 'attachment';
}
