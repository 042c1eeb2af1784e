import { describe, expect, it } from 'vitest';
import { contentDisposition, dispositionFor, kindIssue, MAX_FILE_NAME_LENGTH, normaliseFileName, PURPOSE_RULES, purposesOf, sniffKind } from './rules.ts';

const bytes = (...b: Array<number | string>) => new Uint8Array(b.flatMap((x) => (typeof x === 'string' ? [...Buffer.from(x, 'latin1')] : [x])));
const PDF = bytes('%PDF-1.4\n');
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'JFIF');
const PNG = bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d);
const WEBP = bytes('RIFF', 0x24, 0, 0, 0, 'WEBPVP8 ');
const EXE = bytes('MZ', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0);

describe('sniffKind', () => {
  it('tells PDF, JPEG, PNG and WebP by their first bytes', () => {
    expect(sniffKind(PDF)).toBe('pdf');
    expect(sniffKind(JPEG)).toBe('jpeg');
    expect(sniffKind(PNG)).toBe('png');
    expect(sniffKind(WEBP)).toBe('webp');
  });
  it('knows nothing else: an executable, a RIFF that is not WebP, text, too few bytes', () => {
    expect(sniffKind(EXE)).toBeNull();
    expect(sniffKind(bytes('RIFF', 0, 0, 0, 0, 'WAVEfmt '))).toBeNull();
    expect(sniffKind(bytes('hello world, not a pdf'))).toBeNull();
    expect(sniffKind(bytes('%PD'))).toBeNull();
    expect(sniffKind(new Uint8Array())).toBeNull();
  });
});

describe('kindIssue', () => {
  it('takes each purpose’s kinds and refuses the rest', () => {
    expect(kindIssue('brochure', 'pdf', 'application/pdf', '宣传册.pdf')).toBeNull();
    expect(kindIssue('brochure', 'png', 'image/png', 'a.png')?.en).toMatch(/only PDF/);
    expect(kindIssue('image', 'webp', 'image/webp', 'photo.WEBP')).toBeNull();
    expect(kindIssue('image', 'pdf', 'application/pdf', 'x.pdf')?.en).toMatch(/JPEG\/PNG\/WEBP/);
    expect(kindIssue('signed_contract', 'pdf', null, 'contract.pdf')).toBeNull();
    expect(kindIssue('bank_certificate', 'jpeg', 'image/jpeg', 'scan.jpeg')).toBeNull();
    expect(kindIssue('bank_certificate', 'webp', 'image/webp', 'scan.webp')).not.toBeNull();
  });
  it('lets the bytes decide: an executable renamed .pdf and declared as a PDF is refused', () => {
    expect(kindIssue('signed_contract', sniffKind(EXE), 'application/pdf', 'contract.pdf')?.zh).toMatch(/文件类型不符/);
  });
  it('refuses a declared type the purpose does not take, even over right bytes; octet-stream is neutral', () => {
    expect(kindIssue('brochure', 'pdf', 'application/x-msdownload', 'a.pdf')).not.toBeNull();
    expect(kindIssue('brochure', 'pdf', 'application/octet-stream', 'a.pdf')).toBeNull();
    expect(kindIssue('brochure', 'pdf', 'application/pdf; charset=binary', 'a.pdf')).toBeNull();
  });
  it('wants the extension to match the content', () => {
    expect(kindIssue('image', 'png', 'image/jpeg', 'photo.jpg')?.en).toMatch(/extension/);
    expect(kindIssue('brochure', 'pdf', 'application/pdf', 'brochure')?.en).toMatch(/extension/);
    expect(kindIssue('brochure', 'pdf', 'application/pdf', 'brochure.exe')?.en).toMatch(/extension/);
  });
});

describe('normaliseFileName', () => {
  it('keeps a Chinese name, normalised (NFC, trimmed, one space)', () => {
    expect(normaliseFileName('  成果  宣传册\u3000.pdf ')).toEqual({ ok: true, name: '成果 宣传册 .pdf' });
    expect(normaliseFileName('Cafe\u0301.pdf')).toEqual({ ok: true, name: 'Café.pdf' });
  });
  it.each(['../etc/passwd.pdf', 'a/b.pdf', 'C:\\x\\y.pdf', '..', 'x..pdf', 'a\u0000.pdf', 'a\nb.pdf', 'a\u001b.pdf', 'a\u0085.pdf'])('refuses %j', (raw) => {
    const r = normaliseFileName(raw);
    expect(r.ok).toBe(false);
  });
  it('refuses an empty name and one past the limit', () => {
    expect(normaliseFileName('   ').ok).toBe(false);
    expect(normaliseFileName(`${'名'.repeat(MAX_FILE_NAME_LENGTH - 4)}.pdf`).ok).toBe(true);
    expect(normaliseFileName(`${'名'.repeat(MAX_FILE_NAME_LENGTH - 3)}.pdf`).ok).toBe(false);
  });
});

describe('purposes', () => {
  it('attach to their subjects, one brochure / contract / certificate, several images', () => {
    expect(purposesOf('result')).toEqual(['brochure', 'image']);
    expect(purposesOf('contract')).toEqual(['signed_contract']);
    expect(purposesOf('grant')).toEqual(['bank_certificate']);
    expect(PURPOSE_RULES.image.max).toBeGreaterThan(1);
    expect(PURPOSE_RULES.signed_contract).toMatchObject({ max: 1, replaces: true });
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('attachment', '合同 "终稿".pdf')).toBe(`attachment; filename="__ ____.pdf"; filename*=UTF-8''%E5%90%88%E5%90%8C%20%22%E7%BB%88%E7%A8%BF%22.pdf`);
    expect(dispositionFor('application/pdf')).toBe('attachment');
    expect(dispositionFor('image/png')).toBe('inline');
  });
});
