import { describe, expect, it } from 'vitest';
import { normalizeName } from './names.ts';

const value = (raw: string) => {
  const r = normalizeName(raw);
  if (!r.ok) throw new Error(`refused: ${r.message.en}`);
  return r.value;
};

describe('normalizeName', () => {
  it('keeps an ordinary name as it is', () => {
    expect(value('聊城大学')).toBe('聊城大学');
    expect(value('Liaocheng University')).toBe('Liaocheng University');
  });

  it('applies NFKC: full-width letters, digits and brackets become the plain ones', () => {
    expect(value('ＡＢＣ科技（聊城）有限公司１号')).toBe('ABC科技(聊城)有限公司1号');
    expect(value('ﬁne materials')).toBe('fine materials');
  });

  it('trims the ends and collapses inner white space, ideographic and no-break spaces included', () => {
    expect(value('  聊城   新材料\u3000\u3000有限公司 ')).toBe('聊城 新材料 有限公司');
    expect(value('Acme\u00A0\u2003Ltd')).toBe('Acme Ltd');
    expect(value('\n聊城大学\n')).toBe('聊城大学');
  });

  const hidden: Array<[string, string]> = [
    ['a right-to-left override', '聊城\u202E学大'],
    ['a left-to-right override', 'Acme\u202DLtd'],
    ['a right-to-left isolate', 'Acme\u2067Ltd\u2069'],
    ['a right-to-left mark', 'Acme\u200FLtd'],
    ['a zero-width space', '聊城\u200B大学'],
    ['a zero-width joiner', '聊城\u200D大学'],
    ['a zero-width non-joiner', '聊城\u200C大学'],
    ['a word joiner', '聊城\u2060大学'],
    ['a byte-order mark inside', '聊城\uFEFF大学'],
    ['a soft hyphen', 'Ac\u00ADme'],
    ['a tab inside', '聊城\t大学'],
    ['a newline inside', '聊城\n大学'],
    ['NUL', 'Acme\u0000'],
    ['a line separator', '聊城\u2028大学'],
    ['a Hangul filler', '聊城\u3164大学'],
  ];
  for (const [what, raw] of hidden) {
    it(`refuses ${what}, naming the code point`, () => {
      const r = normalizeName(raw);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.reason).toBe('hidden');
        expect(r.message.zh).toMatch(/U\+[0-9A-F]{4}/);
      }
    });
  }

  it('refuses a name that is only white space', () => {
    const r = normalizeName(' \u3000 ');
    expect(r).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('is idempotent', () => {
    for (const raw of ['  ＡＢＣ  科技 ', 'Liaocheng   University', '聊城\u3000大学']) expect(value(value(raw))).toBe(value(raw));
  });
});
