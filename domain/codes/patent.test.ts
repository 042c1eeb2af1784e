import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makePatentNo, parsePatentNo, patentCheckChar, patentNoVariants } from './patent.ts';

const digits12 = fc.array(fc.constantFrom(...'0123456789'), { minLength: 12, maxLength: 12 }).map((d) => d.join(''));

describe('patent application numbers', () => {
  it('computes the check character by the rule, 10 being X', () => {
    // 2·2+0·3+2·4+0·5+1·6+0·7+1·8+2·9+3·2+4·3+5·4+6·5 = 4+8+6+8+18+6+12+20+30 = 112; 112 mod 11 = 2
    expect(patentCheckChar('202010123456')).toBe('2');
    // 2·2+0·3+1·4+7·5+1·6+…+1·5 = 4+4+35+6+5 = 54; 54 mod 11 = 10 → X
    expect(patentCheckChar('201710000001')).toBe('X');
    // 2·2+0·3+2·4+1·5+1·6+…+2·5 = 4+8+5+6+10 = 33; 33 mod 11 = 0
    expect(patentCheckChar('202110000002')).toBe('0');
    expect(makePatentNo('202010123456')).toBe('ZL202010123456.2');
    expect(makePatentNo('201710000001')).toBe('ZL201710000001.X');
  });

  it('refuses to make a number from anything but 12 ASCII digits', () => {
    for (const bad of ['20201012345', '2020101234567', '20201012345A', '２０２０１０１２３４５６', '']) {
      expect(() => makePatentNo(bad), bad).toThrow(RangeError);
    }
  });

  it('reads every common written form into one normal form', () => {
    const forms = [
      'ZL202010123456.2',
      'zl202010123456.2',
      '202010123456.2',
      '2020101234562',
      'CN202010123456.2',
      'cn 202010123456.2',
      'ZL 2020 1012 3456.2',
      ' ZL202010123456.2\t',
      'ZL2020-1012-3456.2',
      'ＺＬ２０２０１０１２３４５６．２',
      'ZL202010123456。2',
    ];
    for (const form of forms) {
      expect(parsePatentNo(form), form).toEqual({ ok: true, normalized: 'ZL202010123456.2', digits: '202010123456', check: '2' });
    }
    expect(parsePatentNo('zl201710000001.x')).toMatchObject({ ok: true, normalized: 'ZL201710000001.X', check: 'X' });
    expect(parsePatentNo('201710000001X')).toMatchObject({ ok: true, normalized: 'ZL201710000001.X' });
  });

  it("reads CNIPA's dotted display form year.type.serial.check, with dots or spaces", () => {
    const want = { ok: true, normalized: 'ZL201711091867.2', digits: '201711091867', check: '2' };
    for (const form of ['2017.1.1091867.2', '2017 1 1091867.2', 'ZL2017.1.1091867.2', 'CN 2017.1.1091867.2', '２０１７．１．１０９１８６７．２', '2017. 1. 1091867. 2']) {
      expect(parsePatentNo(form), form).toEqual(want);
    }
    expect(parsePatentNo('2017.1.1091867.3')).toMatchObject({ ok: false, reason: 'check' });
    for (const bad of ['2017.1.109186.2', '2017.12.1091867.2', '2017.1.1091867', '201.71.1091867.2']) expect(parsePatentNo(bad), bad).toMatchObject({ ok: false, reason: 'format' });
  });

  it('refuses a wrong check character, saying which was expected', () => {
    const r = parsePatentNo('ZL202010123456.7');
    expect(r).toMatchObject({ ok: false, reason: 'check' });
    if (!r.ok) expect(r.message.en).toContain('expected 2');
    expect(parsePatentNo('ZL201710000001.0')).toMatchObject({ ok: false, reason: 'check' });
  });

  it('refuses other shapes, including the old 8-digit numbers, as format', () => {
    const bad = [
      'ZL03123456.7', // pre-2003 form
      '031234567',
      'ZL20201012345.2', // 11 digits
      'ZL2020101234567.2', // 13 digits
      '202010123456', // no check character
      'ZL202010123456.', // dot but no check
      'ZL202010123456.A',
      'ZLCN202010123456.2',
      'US202010123456.2',
      'ZL202010123456..2',
      'hello',
      '',
    ];
    for (const s of bad) expect(parsePatentNo(s), s).toMatchObject({ ok: false, reason: 'format' });
  });

  it('lists the written variants for the index', () => {
    expect(patentNoVariants('ZL202010123456.2')).toEqual(['ZL202010123456.2', '202010123456.2', '2020101234562', 'CN202010123456.2', '202010123456']);
    expect(patentNoVariants('ZL202010123456.7')).toEqual([]);
    // Every variant reads back to the same number (except the bare digits, which lack the check).
    for (const v of patentNoVariants('ZL201710000001.X').slice(0, 4)) expect(parsePatentNo(v)).toMatchObject({ ok: true, normalized: 'ZL201710000001.X' });
  });

  it('round-trips every number it makes, and catches every single-digit error and adjacent swap', () => {
    fc.assert(fc.property(digits12, (d) => parsePatentNo(makePatentNo(d)).ok));
    fc.assert(
      fc.property(digits12, fc.nat(11), fc.constantFrom(...'0123456789'), (d, i, c) => {
        fc.pre(d[i] !== c);
        const typo = d.slice(0, i) + c + d.slice(i + 1);
        return parsePatentNo(`${typo}.${patentCheckChar(d)}`).ok === false;
      }),
    );
    fc.assert(
      fc.property(digits12, fc.nat(10), (d, i) => {
        fc.pre(d[i] !== d[i + 1]);
        const swapped = d.slice(0, i) + d[i + 1] + d[i] + d.slice(i + 2);
        return parsePatentNo(`${swapped}.${patentCheckChar(d)}`).ok === false;
      }),
    );
  });
});
