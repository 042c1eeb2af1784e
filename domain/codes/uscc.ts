/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters over a 31-letter alphabet
 * (no I, O, Z, S, V); the 18th is a check character over the first 17.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export function normalizeUscc(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i] ?? '');
    if (v < 0) throw new Error(`not a credit-code character: ${first17[i]}`);
    sum += v * WEIGHTS[i]!;
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

export function makeUscc(first17: string): string {
  return first17 + usccCheckChar(first17);
}

export type UsccResult = { ok: true; value: string } | { ok: false; reason: 'length' | 'charset' | 'check' };

export function validateUscc(input: string): UsccResult {
  const s = normalizeUscc(input);
  if (s.length !== 18) return { ok: false, reason: 'length' };
  if (![...s].every((c) => USCC_ALPHABET.includes(c))) return { ok: false, reason: 'charset' };
  // Positions 3–8 are the registering authority's region code.
  if (!/^\d{6}$/.test(s.slice(2, 8))) return { ok: false, reason: 'charset' };
  if (usccCheckChar(s.slice(0, 17)) !== s[17]) return { ok: false, reason: 'check' };
  return { ok: true, value: s };
}
