/** Reads what the development mail transport wrote: the text of an .eml file (quoted-printable or base64). */
import { readFile } from 'node:fs/promises';

export function emlText(eml: string): string {
  const split = eml.search(/\r?\n\r?\n/);
  const headers = eml.slice(0, split);
  const body = eml.slice(split).trim();
  const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body, 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    // Soft line breaks go; =XX bytes become %XX (after escaping literal %s) for one UTF-8 decode.
    return decodeURIComponent(body.replace(/=\r?\n/g, '').replace(/%/g, '%25').replace(/=([0-9A-F]{2})/gi, '%$1'));
  }
  return body;
}

/** The first password-reset link in a sent e-mail file. */
export async function resetLinkIn(file: string): Promise<string> {
  const text = emlText(await readFile(file, 'utf8'));
  const m = /https?:\/\/\S+\/reset-password\/[A-Za-z0-9_-]+/.exec(text);
  if (!m) throw new Error(`no reset link in ${file}`);
  return m[0];
}
