import { describe, expect, it } from 'vitest';
import { makePatentNo, parsePatentNo, patentCheckChar, patentNoVariants } from './patent.ts';

describe('patent numbers', () => {
  it('computes the check character (10 is X)', () => {
    // 2·2+3·0+4·2+5·0+6·1+7·0+8·1+9·2+2·3+3·4+4·5+5·6 = 4+8+6+8+18+6+12+20+30 = 112; 112 mod 11 = 2
    expect(patentCheckChar('202010123456')).toBe('2');
    expect(makePatentNo('202010123456')).toBe('ZL202010123456.2');
    const x = Array.from({ length: 1000 }, (_, i) => `2021${String(i).padStart(8, '0')}`).find((d) => patentCheckChar(d) === 'X');
    expect(x).toBeDefined();
  });

  it('reads every common form into one normal form', () => {
    for (const form of ['ZL202010123456.2', 'zl202010123456.2', '202010123456.2', '2020101234562', 'CN202010123456.2', 'ZL 2020 1012 3456.2', 'ＺＬ２０２０１０１２３４５６．２']) {
      expect(parsePatentNo(form), form).toMatchObject({ ok: true, normalized: 'ZL202010123456.2', digits: '202010123456' });
    }
  });

  it('names the reason a number is refused', () => {
    expect(parsePatentNo('ZL202010123456.7')).toMatchObject({ ok: false, reason: 'check' });
    expect(parsePatentNo('ZL20201012345.2')).toMatchObject({ ok: false, reason: 'format' });
    expect(parsePatentNo('hello')).toMatchObject({ ok: false, reason: 'format' });
  });

  it('lists the written variants for the index', () => {
    expect(patentNoVariants('ZL202010123456.2')).toEqual(['ZL202010123456.2', '202010123456.2', '2020101234562', 'CN202010123456.2', '202010123456']);
  });
});
