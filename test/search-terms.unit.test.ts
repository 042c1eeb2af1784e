import { describe, expect, it } from 'vitest';
import { CHEMICAL_FORMULAS } from '#search/abbreviations.ts';
import { toChinese } from '#search/english.ts';
import { endsWithWholeTerm, lexicalQ } from '#search/query.ts';

describe('chemical formulas and abbreviations as written', () => {
  it('reads a formula into Chinese only in its own case', () => {
    expect(toChinese('GaN').text).toBe('氮化镓');
    expect(toChinese('SiC MOSFET').text).toContain('碳化硅');
    // GAN is a neural network, gan pinyin or the start of Ganoderma: left as typed.
    expect(toChinese('GAN').translated).toBe(false);
    expect(toChinese('gan').translated).toBe(false);
    for (const f of CHEMICAL_FORMULAS) expect(toChinese(f).translated, f).toBe(true);
  });

  it('sends a last word written as an abbreviation or formula whole, never as a prefix', () => {
    for (const q of ['GaN', 'GaN ', '功率器件 GaN', 'SiC', 'PLC', 'LiFePO4', 'mAb', 'IoT']) expect(endsWithWholeTerm(q), q).toBe(true);
    // Lower case and ordinary words stay prefixes (as-you-type), and so does a last Chinese word.
    for (const q of ['gan', 'Ganoderma', 'GaN 功率器件', '5G', 'graphene', '', 'PM2.5']) expect(endsWithWholeTerm(q), q).toBe(false);
    expect(lexicalQ('GaN', 'gan')).toBe('gan ');
    expect(lexicalQ('gan', 'gan')).toBe('gan');
    expect(lexicalQ('', '')).toBe('');
  });
});
