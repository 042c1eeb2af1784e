import type { Msg } from './errors.ts';

/**
 * Characters a name may not contain, because they change how it is shown rather than what
 * it says: controls (Cc: tabs, newlines, NUL…), format characters (Cf: the bidi overrides
 * and isolates such as U+202E, the zero-width space, joiners and non-joiner, the word joiner,
 * the byte-order mark, the soft hyphen), line and paragraph separators, and the Hangul
 * fillers and braille blank that draw as nothing.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\u2800]/u;

export type NameCheck = { ok: true; value: string } | { ok: false; reason: 'empty' | 'hidden'; message: Msg };

/**
 * An organisation's name as it is stored and compared: Unicode NFKC (full-width letters and
 * digits, ligatures and compatibility forms become the plain ones; U+3000 and other spaces become
 * a plain space), the ends trimmed, every run of inner white space one space. Refused when it
 * holds a hidden or direction-changing character, or nothing is left.
 */
export function normalizeName(raw: string): NameCheck {
  // Trimmed first (a stray newline at an end is harmless), checked before the inner white space is collapsed (a tab inside is not).
  const trimmed = raw.normalize('NFKC').trim();
  const hidden = HIDDEN.exec(trimmed);
  if (hidden) {
    const code = `U+${hidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    return {
      ok: false,
      reason: 'hidden',
      message: { zh: `名称含有不可见或改变文字方向的字符（${code}），请删除后重试`, en: `The name contains an invisible or direction-changing character (${code}); remove it` },
    };
  }
  const value = trimmed.replace(/\s+/gu, ' ');
  if (!value) return { ok: false, reason: 'empty', message: { zh: '请填写名称', en: 'Enter a name' } };
  return { ok: true, value };
}

