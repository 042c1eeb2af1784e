/**
 * Text normalisation shared by indexing and querying, so both sides see the same
 * characters:
 *
 * - NFKC: full-width letters, digits, punctuation and space become their ASCII
 *   forms (ＺＬ２０２０ → ZL2020, （ → (, U+3000 → space), compatibility ideographs
 *   become the unified ones. Chinese text is otherwise unchanged (no
 *   traditional → simplified conversion).
 * - Tab, newline and the other whitespace controls become spaces; every other C0/C1
 *   control character (U+0000–U+001F, U+007F–U+009F) is removed.
 * - Format characters (Unicode Cf: zero-width space/joiners, BOM, soft hyphen,
 *   bidirectional overrides, word joiner…) and lone surrogates are removed.
 * - Whitespace runs collapse to one space; the ends are trimmed.
 * - Lower case (unless `lowerCase: false`).
 */
export type NormalizeOptions = {
  /** Default true. The segmenter normalises with `false` so jieba can match dictionary words like 5G通信, then lower-cases the tokens. */
  lowerCase?: boolean;
};

const WHITESPACE_CONTROLS = /[\t\n\v\f\r\u001c-\u001f\u0085]/g;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
const FORMAT_AND_LONE_SURROGATES = /[\p{Cf}\p{Cs}]/gu;
const WHITESPACE_RUN = /\s+/g;

export function normalizeText(input: string, options: NormalizeOptions = {}): string {
  let s = input
    // Zero-width/format characters and lone surrogates (NFKC keeps them; they are invalid UTF-8 downstream).
    .replace(FORMAT_AND_LONE_SURROGATES, '')
    .normalize('NFKC')
    .replace(WHITESPACE_CONTROLS, ' ')
    .replace(CONTROLS, '')
    .replace(WHITESPACE_RUN, ' ')
    .trim();
  if (options.lowerCase !== false) s = s.toLowerCase();
  return s;
}
