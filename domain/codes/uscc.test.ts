import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeUscc, normalizeUscc, USCC_ALPHABET, usccCheckChar, validateUscc } from './uscc.ts';

/** Published codes; each check character was recomputed by hand from the weights. */
const REAL = [
  '91350100M000100Y43', // GB 32100-2015's own example
  '91110000600037341L',
  '914403001922038216', // 华为技术有限公司
  '9144030071526726XG', // 腾讯科技（深圳）有限公司
];

const char = fc.constantFrom(...USCC_ALPHABET);
const digit = fc.constantFrom(...'0123456789');
const body = fc
  .tuple(fc.array(char, { minLength: 2, maxLength: 2 }), fc.array(digit, { minLength: 6, maxLength: 6 }), fc.array(char, { minLength: 9, maxLength: 9 }))
  .map(([a, b, c]) => [...a, ...b, ...c].join(''));

describe('统一社会信用代码', () => {
  it('accepts published real codes', () => {
    for (const code of REAL) expect(validateUscc(code), code).toEqual({ ok: true, value: code });
  });

  it('computes the check character as 31 − (Σ value × weight mod 31)', () => {
    // 9·1+1·3+3·9+5·27+0·19+1·26+0·16+0·17+M(21)·20+0·29+0·25+0·13+1·8+0·24+0·10+Y(30)·30+4·28
    // = 9+3+27+135+26+420+8+900+112 = 1640; 1640 mod 31 = 28; 31 − 28 = 3.
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    // A sum ≡ 0 gives (31 − 0) mod 31 = 0, not the out-of-range 31.
    const zero = Array.from({ length: 31 }, (_, i) => `9137150200000000${USCC_ALPHABET[i]}`).find((b) => usccCheckChar(b) === '0');
    expect(zero).toBeDefined();
  });

  it('normalises case, spaces and full-width characters', () => {
    expect(normalizeUscc(' 9144030071526726xg\n')).toBe('9144030071526726XG');
    expect(validateUscc('91350100m000100y43')).toEqual({ ok: true, value: '91350100M000100Y43' });
    expect(validateUscc('９１３５０１００Ｍ０００１００Ｙ４３')).toEqual({ ok: true, value: '91350100M000100Y43' });
    expect(validateUscc('9135 0100 M000 100Y 43')).toEqual({ ok: true, value: '91350100M000100Y43' });
    expect(validateUscc('\u3000914403001922038216\u3000')).toEqual({ ok: true, value: '914403001922038216' });
  });

  it('refuses the wrong length', () => {
    for (const bad of ['', '91350100M000100Y4', '91350100M000100Y433', '9'.repeat(30)]) expect(validateUscc(bad), bad).toEqual({ ok: false, reason: 'length' });
  });

  it('refuses the five forbidden letters and anything outside the alphabet, anywhere', () => {
    for (const letter of ['I', 'O', 'Z', 'S', 'V']) {
      expect(validateUscc(`91350100${letter}000100Y43`), letter).toEqual({ ok: false, reason: 'charset' });
      expect(validateUscc(`${letter}1350100M000100Y43`), letter).toEqual({ ok: false, reason: 'charset' });
      expect(validateUscc(`91350100M000100Y4${letter}`), letter).toEqual({ ok: false, reason: 'charset' });
    }
    expect(validateUscc('91350100M000100Y4-')).toEqual({ ok: false, reason: 'charset' });
    expect(validateUscc('91350100M000100Y4中')).toEqual({ ok: false, reason: 'charset' });
  });

  it('wants digits in the region part (positions 3–8)', () => {
    expect(validateUscc('9135010AM000100Y43')).toEqual({ ok: false, reason: 'charset' });
  });

  it('refuses a wrong check character', () => {
    expect(validateUscc('91350100M000100Y44')).toEqual({ ok: false, reason: 'check' });
    expect(validateUscc('914403001922038217')).toEqual({ ok: false, reason: 'check' });
    expect(validateUscc('9144030071526726X0')).toEqual({ ok: false, reason: 'check' });
  });

  it('builds valid codes and refuses bodies that could never validate', () => {
    expect(makeUscc('91350100M000100Y4')).toBe('91350100M000100Y43');
    expect(validateUscc(makeUscc('12371500MB1234567')).ok).toBe(true);
    for (const bad of ['91350100M000100Y', '91350100M000100Y43', '9135010AM000100Y4', '91350100M000100y4', '91350100O000100Y4']) {
      expect(() => makeUscc(bad), bad).toThrow(RangeError);
    }
    expect(() => usccCheckChar('1234')).toThrow(RangeError);
  });

  it('round-trips every generated body', () => {
    fc.assert(fc.property(body, (b) => validateUscc(makeUscc(b)).ok));
  });

  it('catches every single-character error and every swap within positions 1–17', () => {
    fc.assert(
      fc.property(body, fc.nat(17), char, (b, i, c) => {
        const code = makeUscc(b);
        fc.pre(code[i] !== c);
        const typo = code.slice(0, i) + c + code.slice(i + 1);
        return validateUscc(typo).ok === false;
      }),
    );
    fc.assert(
      fc.property(body, fc.nat(16), fc.nat(16), (b, i, j) => {
        const code = makeUscc(b);
        fc.pre(code[i] !== code[j]);
        const swapped = [...code];
        [swapped[i], swapped[j]] = [swapped[j]!, swapped[i]!];
        return validateUscc(swapped.join('')).ok === false;
      }),
    );
  });
});
