import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize.ts';
import { DEFAULT_SYNONYMS, expandQuery, toMeiliSynonyms } from './synonyms.ts';

describe('DEFAULT_SYNONYMS', () => {
  it('has at least 60 groups of two or more distinct terms', () => {
    expect(DEFAULT_SYNONYMS.length).toBeGreaterThanOrEqual(60);
    for (const g of DEFAULT_SYNONYMS) expect(new Set(g.map((t) => normalizeText(t))).size, g.join('/')).toBeGreaterThanOrEqual(2);
  });

  it('puts each term in one group only (Meilisearch synonyms are not transitive)', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const g of DEFAULT_SYNONYMS) {
      for (const t of new Set(g.map((x) => normalizeText(x)))) {
        if (seen.has(t)) clashes.push(`${t}: ${seen.get(t)} | ${g.join('/')}`);
        seen.set(t, g.join('/'));
      }
    }
    expect(clashes).toEqual([]);
  });

  it('includes the groups the platform relies on', () => {
    const has = (...terms: string[]) => DEFAULT_SYNONYMS.some((g) => terms.every((t) => g.includes(t)));
    expect(has('锂电', '锂电池', '锂离子电池')).toBe(true);
    expect(has('新能源汽车', '电动汽车', '新能源车')).toBe(true);
    expect(has('人工智能', 'AI')).toBe(true);
    expect(has('物联网', 'IoT')).toBe(true);
    expect(has('PLC', '可编程控制器')).toBe(true);
    expect(has('聊大', '聊城大学')).toBe(true);
    expect(has('山农大', '山东农业大学')).toBe(true);
    expect(has('中科院', '中国科学院')).toBe(true);
  });
});

describe('toMeiliSynonyms', () => {
  it('maps every term to all the others, normalised', () => {
    const map = toMeiliSynonyms([['锂电', '锂电池', '锂离子电池'], ['人工智能', 'AI'], ['ＰＬＣ', '可编程控制器']]);
    expect(map['锂电池']).toEqual(['锂电', '锂离子电池']);
    expect(map['锂电']).toEqual(['锂电池', '锂离子电池']);
    expect(map['ai']).toEqual(['人工智能']);
    expect(map['人工智能']).toEqual(['ai']);
    expect(map['plc']).toEqual(['可编程控制器']);
  });

  it('merges groups that share a term and ignores empty or one-term groups', () => {
    const map = toMeiliSynonyms([['光伏', '太阳能光伏'], ['光伏', 'PV'], ['  '], ['单独'], ['同一', '同一 ']]);
    expect(map['光伏']).toEqual(['太阳能光伏', 'pv']);
    expect(map['pv']).toEqual(['光伏']);
    expect(Object.keys(map)).not.toContain('单独');
    expect(Object.keys(map)).not.toContain('同一');
    expect(Object.keys(map)).not.toContain('');
  });

  it('is symmetric for the defaults', () => {
    const map = toMeiliSynonyms(DEFAULT_SYNONYMS);
    for (const [term, others] of Object.entries(map)) {
      expect(others).not.toContain(term);
      for (const o of others) expect(map[o], `${o} → ${term}`).toContain(term);
    }
  });
});

describe('expandQuery', () => {
  it('lists each token with its equivalents', () => {
    const expanded = expandQuery(['锂电池', '负极'], DEFAULT_SYNONYMS).map((g) => [...g].sort());
    expect(expanded).toEqual([['锂电池', '锂电', '锂离子电池', 'lithium battery', 'lithium-ion battery'].sort(), ['负极']]);
    expect(expandQuery(['AI'], DEFAULT_SYNONYMS)).toEqual([['ai', '人工智能', 'artificial intelligence']]);
    expect(expandQuery(['constructor', '__proto__'], DEFAULT_SYNONYMS)).toEqual([['constructor'], ['__proto__']]);
  });
});
