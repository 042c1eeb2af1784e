/**
 * Chinese patent application numbers in the 12-digit form used since 2003
 * (4 year + 1 type + 7 serial) with a check character:
 * Σ digit × (2,3,4,5,6,7,8,9,2,3,4,5) mod 11, where 10 is written X.
 *
 * People write the same number as ZL202010123456.2, CN202010123456.2,
 * 202010123456.2, 2020101234562, with spaces, in full-width characters or in
 * lower case; the normal form is always ZL + 12 digits + . + check. CNIPA's own
 * display form separates the parts by dots, year.type.serial.check
 * (2017.1.1091867.2, or with spaces, 2017 1 1091867.2); that is read too.
 *
 * The older 8-digit numbers (ZL03123456.7) are refused as 'format': they were
 * given to applications filed before October 2003, all now past their 20-year
 * term, so none can be transferred.
 */
const WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5] as const;

export type PatentNo =
  | { ok: true; normalized: string; digits: string; check: string }
  | { ok: false; reason: 'format' | 'check'; message: { zh: string; en: string } };

function assertDigits12(digits12: string): void {
  if (!/^\d{12}$/.test(digits12)) throw new RangeError(`a patent application number has 12 digits, got ${JSON.stringify(digits12)}`);
}

export function patentCheckChar(digits12: string): string {
  assertDigits12(digits12);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(digits12.charAt(i)) * WEIGHTS[i]!;
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

/** The normal form for 12 digits (seeds and tests); throws on anything but 12 ASCII digits. */
export function makePatentNo(digits12: string): string {
  return `ZL${digits12}.${patentCheckChar(digits12)}`;
}

/**
 * NFKC folds full-width letters, digits and ． to ASCII; 。 is what a Chinese
 * IME types for the dot key, so it counts as a dot too.
 */
function canonical(input: string): string {
  return input.normalize('NFKC').toUpperCase().replace(/。/g, '.').replace(/[\s-]/g, '');
}

/** Reads any common written form into the normal form, or says why it cannot. */
/** year.type.serial.check, CNIPA's display form, once spaces are gone: 2017.1.1091867.2. */
const DOTTED = /^(?:ZL|CN)?(\d{4})\.(\d)\.(\d{7})\.([\dX])$/;

export function parsePatentNo(input: string): PatentNo {
  const c = canonical(input);
  const dotted = DOTTED.exec(c);
  const m = dotted ? [c, `${dotted[1]}${dotted[2]}${dotted[3]}`, dotted[4]] : /^(?:ZL|CN)?(\d{12})\.?([\dX])$/.exec(c);
  if (!m) {
    return {
      ok: false,
      reason: 'format',
      message: {
        zh: '专利号格式应为 ZL + 12 位数字 + . + 校验位，如 ZL202010123456.2',
        en: 'A patent number is ZL + 12 digits + . + check character, e.g. ZL202010123456.2',
      },
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

/**
 * The forms people search a patent by, for the search index, normal form
 * first: ZL202010123456.2, 202010123456.2, 2020101234562, CN202010123456.2
 * and the bare 202010123456. Empty for an invalid number.
 */
export function patentNoVariants(normalized: string): string[] {
  const p = parsePatentNo(normalized);
  if (!p.ok) return [];
  return [p.normalized, `${p.digits}.${p.check}`, `${p.digits}${p.check}`, `CN${p.digits}.${p.check}`, p.digits];
}
