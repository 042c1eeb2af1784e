/**
 * Chinese patent application numbers (since 2003): 12 digits (year, type, serial)
 * and a check character: Σ digit × (2,3,4,5,6,7,8,9,2,3,4,5) mod 11, where 10 is X.
 * Written as ZL202010123456.7, CN202010123456.7, 202010123456.7 or 2020101234567.
 */
const WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5] as const;

export function patentCheckChar(digits12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(digits12[i]) * WEIGHTS[i]!;
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

export function makePatentNo(digits12: string): string {
  return `ZL${digits12}.${patentCheckChar(digits12)}`;
}

export type PatentNo =
  | { ok: true; normalized: string; digits: string; check: string }
  | { ok: false; reason: 'format' | 'check'; message: { zh: string; en: string } };

/** Parses any common written form into the one normal form `ZL` + 12 digits + `.` + check. */
export function parsePatentNo(input: string): PatentNo {
  const s = input.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '');
  const m = /^(?:ZL|CN)?(\d{12})\.?([\dX])$/.exec(s);
  if (!m) {
    return {
      ok: false,
      reason: 'format',
      message: { zh: '专利号格式应为 ZL + 12 位数字 + . + 校验位，如 ZL202010123456.7', en: 'A patent number is ZL + 12 digits + . + check character, e.g. ZL202010123456.7' },
    };
  }
  const digits = m[1]!;
  const check = m[2]!;
  const expected = patentCheckChar(digits);
  if (check !== expected) {
    return {
      ok: false,
      reason: 'check',
      message: { zh: `专利号校验位不正确（应为 ${expected}）`, en: `Wrong check character (expected ${expected})` },
    };
  }
  return { ok: true, normalized: `ZL${digits}.${check}`, digits, check };
}

/** The forms people write a patent number in, for indexing. */
export function patentNoVariants(normalized: string): string[] {
  const p = parsePatentNo(normalized);
  if (!p.ok) return [];
  return [p.normalized, `${p.digits}.${p.check}`, `${p.digits}${p.check}`, `CN${p.digits}.${p.check}`, p.digits];
}
