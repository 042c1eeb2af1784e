import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeText } from './normalize.ts';

describe('normalizeText', () => {
  it('turns full-width letters, digits, punctuation and spaces into ASCII', () => {
    expect(normalizeText('ＺＬ２０２０')).toBe('zl2020');
    expect(normalizeText('ＺＬ２０２０１０１２３４５６．２')).toBe('zl202010123456.2');
    expect(normalizeText('ＡＢＣ　１２３')).toBe('abc 123');
    expect(normalizeText('（石墨烯）：锂电池，钠电池！')).toBe('(石墨烯):锂电池,钠电池!');
  });

  it('lower-cases Latin letters and keeps Chinese intact', () => {
    expect(normalizeText('Graphene 石墨烯 LiFePO4 聚乳酸PLA')).toBe('graphene 石墨烯 lifepo4 聚乳酸pla');
    expect(normalizeText('傳統中藥')).toBe('傳統中藥'); // no traditional → simplified
    expect(normalizeText('Graphene', { lowerCase: false })).toBe('Graphene');
    expect(normalizeText('ＧＲＡＰＨＥＮＥ', { lowerCase: false })).toBe('GRAPHENE');
  });

  it('collapses whitespace, including newlines, tabs and the ideographic space', () => {
    expect(normalizeText('  中药\n\n制剂\t 新剂型\u3000开发  ')).toBe('中药 制剂 新剂型 开发');
    expect(normalizeText('a\r\nb\u00a0c\u2028d')).toBe('a b c d');
    expect(normalizeText(' \n\t ')).toBe('');
  });

  it('removes C0 and C1 control characters', () => {
    expect(normalizeText('锂\u0000电\u0007池\u001b[31m')).toBe('锂电池[31m');
    expect(normalizeText('a\u007fb\u0080c\u009bd\u0008e')).toBe('abcde');
    for (let c = 0; c <= 0x9f; c++) {
      if (c > 0x1f && c < 0x7f) continue;
      expect(normalizeText(`x${String.fromCharCode(c)}y`), `U+${c.toString(16)}`).toMatch(/^x ?y$/);
    }
  });

  it('removes zero-width and other invisible format characters', () => {
    expect(normalizeText('中\u200b药\u200c制\u200d剂\u2060\ufeff')).toBe('中药制剂');
    expect(normalizeText('\ufeffgra\u00adphene')).toBe('graphene');
    expect(normalizeText('abc\u202edcba\u202c')).toBe('abcdcba');
  });

  it('drops lone surrogates but keeps characters outside the BMP', () => {
    expect(normalizeText('a\ud800b\udc00c')).toBe('abc');
    expect(normalizeText('𠀀😀')).toBe('𠀀😀');
  });

  it('is idempotent and never leaves controls, double spaces or edge spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
        expect(once).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u200b-\u200d\u2060\ufeff]|\s\s|^\s|\s$/);
      }),
      { numRuns: 2_000 },
    );
  });
});
