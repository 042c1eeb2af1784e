/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters over a 31-character alphabet
 * (digits and capitals without I, O, Z, S, V, which read like 1, 0, 2, 5, U).
 *
 *   1     登记管理部门码 (1 机构编制, 5 民政, 9 工商 …)
 *   2     机构类别码 (e.g. 12 事业单位, 52 民办非企业单位/社会服务机构, 91 企业)
 *   3–8   登记管理机关行政区划码 (GB/T 2260, digits)
 *   9–17  主体标识码 (组织机构代码, GB 11714)
 *   18    check character over 1–17
 *
 * Positions 1–2 are only checked against the alphabet: the registries add
 * category codes over time, and refusing an unknown one would lock a real
 * organisation out of signing up.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** 3^i mod 31, so every single-character error and every swap of two of positions 1–17 changes the check. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

const BODY = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{9}$/;

export type UsccResult = { ok: true; value: string } | { ok: false; reason: 'length' | 'charset' | 'check' };

/**
 * What people paste: lower case, full-width characters from a Chinese IME, and
 * spaces from grouped print (`9135 0100 M000 100Y 43`). NFKC folds full-width
 * forms (including the ideographic space) to ASCII.
 */
export function normalizeUscc(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** The 18th character for 17 already-normalised characters; throws on anything else. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`a credit code body has 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = first17.charAt(i);
    const v = USCC_ALPHABET.indexOf(c);
    if (v < 0) throw new RangeError(`not a credit-code character: ${JSON.stringify(c)}`);
    sum += v * WEIGHTS[i]!;
  }
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/** A valid code from its first 17 characters (seeds and tests); throws if they could never validate. */
export function makeUscc(first17: string): string {
  if (!BODY.test(first17)) throw new RangeError(`not a credit-code body: ${JSON.stringify(first17)}`);
  return first17 + usccCheckChar(first17);
}

export function validateUscc(input: string): UsccResult {
  const s = normalizeUscc(input);
  if (s.length !== 18) return { ok: false, reason: 'length' };
  // The region part must be digits even though letters are in the alphabet.
  if (!BODY.test(s.slice(0, 17)) || !USCC_ALPHABET.includes(s.charAt(17))) return { ok: false, reason: 'charset' };
  if (usccCheckChar(s.slice(0, 17)) !== s.charAt(17)) return { ok: false, reason: 'check' };
  return { ok: true, value: s };
}
