import { describe, expect, it } from 'vitest';
import { parsePatentNo } from '#domain/codes/patent.ts';
import {
  DICTIONARY_SHA256,
  MAX_QUERY_LENGTH,
  SEGMENTER_VERSION,
  dictionarySha256,
  dictionaryText,
  indexTokens,
  normalizeQuery,
  parseDictionary,
  patentTokens,
  queryTokens,
  segmentForIndex,
  segmentQuery,
} from './segment.ts';
import { normalizeText } from './normalize.ts';
import { DEFAULT_SYNONYMS } from './synonyms.ts';

const HAN = /\p{Script=Han}/u;
/** 202010123456 has check character 2 (see domain/codes/patent.test.ts). */
const PATENT = 'ZL202010123456.2';
const DIGITS = '202010123456';

/** Every query token must be among the document's tokens (Meilisearch requires each query word to match). */
function findable(doc: string, query: string): boolean {
  const index = new Set(indexTokens(doc));
  return queryTokens(query).every((t) => index.has(t));
}

describe('segmentForIndex', () => {
  it('indexes the sub-words 中药 and 制剂 of 传统中药制剂新剂型开发', () => {
    const tokens = indexTokens('传统中药制剂新剂型开发');
    expect(tokens).toEqual(expect.arrayContaining(['中药', '制剂', '中药制剂', '剂型', '传统', '开发']));
    expect(segmentForIndex('传统中药制剂新剂型开发').split(' ')).toEqual(tokens);
    for (const q of ['中药', '制剂', '中药制剂', '新剂型', '传统中药']) expect(findable('传统中药制剂新剂型开发', q), q).toBe(true);
  });

  it('indexes 石墨烯, 锂离子电池 and 负极材料 in a patent title', () => {
    const tokens = indexTokens('一种石墨烯改性锂离子电池负极材料');
    expect(tokens).toEqual(expect.arrayContaining(['石墨烯', '改性', '锂离子电池', '锂离子', '电池', '负极材料', '负极', '材料']));
  });

  it('keeps 锂电池 and 锂离子电池 whole and indexes their parts', () => {
    expect(indexTokens('锂电池')).toEqual(expect.arrayContaining(['锂电池', '锂电', '电池']));
    expect(indexTokens('锂离子电池正极材料')).toEqual(expect.arrayContaining(['锂离子电池', '锂离子', '电池', '正极材料']));
    expect(findable('高能量密度锂电池', '锂电')).toBe(true);
    expect(findable('锂离子电池正极材料', '锂离子电池')).toBe(true);
    expect(findable('锂离子电池正极材料', '锂电池')).toBe(false); // that is the synonyms' job
  });

  it('finds words inside longer compounds (the reason cutAll is in the union)', () => {
    expect(findable('一种碳纤维复合材料汽车零部件的成型工艺', '复合材料')).toBe(true);
    expect(findable('氢燃料电池电堆及其储能系统集成', '燃料电池')).toBe(true);
    expect(findable('体外诊断试剂盒及其检测方法', '诊断试剂')).toBe(true);
    expect(findable('高性能钕铁硼稀土永磁材料的制备方法', '稀土永磁')).toBe(true);
    expect(findable('聚乳酸全生物降解塑料薄膜及其制备方法', '生物降解塑料')).toBe(true);
    expect(findable('一种激光切割机的自动上料装置', '切割机')).toBe(true);
  });

  it('finds every dictionary term contained in a text by the term itself', () => {
    const titles = [
      '基于机器视觉的轴承滚子表面缺陷在线检测系统',
      '秸秆清洁制浆与造纸废水资源化利用技术',
      '设施蔬菜水肥一体化智能灌溉控制系统',
      '燃煤电厂烟气脱硫脱硝一体化装置',
      '钙钛矿太阳能电池光伏组件封装技术',
      '污水处理厂剩余污泥厌氧消化产沼气技术',
      '一种含有益生菌的生物有机肥及其制备方法',
      '东阿阿胶中有效成分的提取工艺',
    ];
    const terms = parseDictionary(dictionaryText()).map((e) => e.word.toLowerCase());
    let checked = 0;
    for (const title of titles) {
      for (const term of terms) {
        if (!title.includes(term)) continue;
        checked++;
        expect(findable(title, term), `${term} in ${title}`).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('drops single Chinese characters and punctuation, keeps Latin and digit words whole', () => {
    const tokens = indexTokens('Graphene-based Li-ion battery anode，PM2.5 在线监测；5G通信基站用氮化镓（GaN）功放, 效率 63%。');
    expect(tokens.filter((t) => HAN.test(t) && [...t].length === 1)).toEqual([]);
    expect(tokens).toEqual(expect.arrayContaining(['graphene-based', 'li-ion', 'battery', 'anode', 'pm2.5', '5g', '5g通信', '氮化镓', 'gan', '63', '在线监测']));
    expect(tokens.every((t) => /[\p{L}\p{N}]/u.test(t) && !/\s/.test(t))).toBe(true);
  });

  it('returns unique tokens and nothing for empty or blank text', () => {
    const tokens = indexTokens('电池电池 电池，电池');
    expect(tokens).toEqual(['电池']);
    expect(segmentForIndex('')).toBe('');
    expect(segmentForIndex(' \n\u200b ')).toBe('');
  });
});

describe('segmentQuery', () => {
  it('rewrites a Chinese query as dictionary words', () => {
    expect(segmentQuery('中药')).toBe('中药');
    expect(segmentQuery('制剂')).toBe('制剂');
    expect(segmentQuery('锂电池')).toBe('锂电池');
    expect(segmentQuery('石墨烯改性锂离子电池负极材料')).toBe('石墨烯 改性 锂离子电池 负极材料');
  });

  it('stays within the ten words Meilisearch considers for a typical long query', () => {
    expect(queryTokens('基于机器视觉的轴承滚子表面缺陷在线检测系统')).toEqual(['基于', '机器视觉', '轴承滚子', '表面', '缺陷', '在线检测', '系统']);
    expect(queryTokens('基于机器视觉的轴承滚子表面缺陷在线检测系统', { mode: 'search' }).length).toBeGreaterThan(10);
  });

  it('keeps English words intact so typo tolerance still applies', () => {
    expect(segmentQuery('graphene batery')).toBe('graphene batery');
    expect(segmentQuery('Li-ion Battery, PM2.5 C++')).toBe('li-ion battery pm2.5 c++');
    expect(segmentQuery('石墨烯 battery anode')).toBe('石墨烯 battery anode');
    expect(segmentQuery('石墨烯battery')).toBe('石墨烯 battery');
  });

  it('normalises full-width input like the index does', () => {
    expect(segmentQuery('ＧＲＡＰＨＥＮＥ　石墨烯')).toBe('graphene 石墨烯');
    expect(segmentQuery('５Ｇ通信')).toBe('5g通信');
    expect(segmentQuery('3d打印')).toBe(segmentQuery('3D打印'));
  });

  it('gives the same tokens for text already normalised and lower-cased (as search/query.ts passes it)', () => {
    for (const q of ['５Ｇ通信基站', '3D打印 CNC机床', 'ＺＬ２０２０１０１２３４５６．２', 'Graphene 石墨烯', '嵌合抗原受体T细胞']) {
      expect(segmentQuery(normalizeText(q)), q).toBe(segmentQuery(q));
    }
  });

  it('removes control and zero-width characters', () => {
    expect(segmentQuery('锂\u0000电\u0007池\u001b[31m')).toBe('锂电池 31m');
    expect(segmentQuery('中\u200b药')).toBe('中药');
    expect(segmentQuery('\u0000\u0007')).toBe('');
  });

  it('keeps what was typed when it is only lone characters', () => {
    expect(segmentQuery('锂')).toBe('锂');
    expect(segmentQuery('锂 电池')).toBe('锂 电池');
    expect(segmentQuery('中药的制剂')).toBe('中药 制剂');
  });

  it('handles a 10 KB query quickly and cuts it to MAX_QUERY_LENGTH characters', () => {
    segmentQuery('预热'); // the first call loads the dictionaries
    const huge = '电池'.repeat(5_000);
    const latin = 'graphene '.repeat(1_200);
    const mixed = '石墨烯改性锂离子电池负极材料 graphene, 中药制剂新剂型开发。'.repeat(300);
    const started = performance.now();
    const results = [huge, latin, mixed].map((q) => segmentQuery(q));
    expect(performance.now() - started).toBeLessThan(100);
    expect(results[0]).toBe('电池');
    for (const q of [huge, latin, mixed]) {
      expect([...normalizeQuery(q)].length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    }
    expect(MAX_QUERY_LENGTH).toBe(200);
    for (const r of results) expect(r.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
  });

  it('never splits a surrogate pair when cutting a long query', () => {
    const q = `${'a'.repeat(MAX_QUERY_LENGTH - 1)}𠀀𠀀𠀀`;
    const n = normalizeQuery(q);
    expect(n.endsWith('𠀀')).toBe(true);
    expect(n).not.toMatch(/\p{Cs}/u);
  });
});

describe('patent numbers', () => {
  it('reads every common form of a query into the application digits', () => {
    expect(parsePatentNo(PATENT).ok).toBe(true);
    const forms = [PATENT, 'zl202010123456.2', 'ZL 2020 1012 3456.2', '2020101234562', '202010123456.2', 'CN202010123456.2', 'ＺＬ２０２０１０１２３４５６．２', 'ZL2020-1012-3456.2', ' ZL202010123456.2 '];
    for (const form of forms) expect(segmentQuery(form), form).toBe(DIGITS);
    expect(segmentQuery('ZL 2020 1012 3456.2')).toBe(segmentQuery('2020101234562'));
  });

  it('finds the patent number inside a longer query', () => {
    expect(queryTokens(`专利号${PATENT}的石墨烯`)).toEqual([DIGITS, '专利号', '石墨烯']);
    expect(queryTokens(`石墨烯 2020101234562`)).toEqual([DIGITS, '石墨烯']);
  });

  it('indexes tokens that contain the query token for every form', () => {
    const tokens = patentTokens(PATENT);
    expect(tokens).toContain(DIGITS);
    expect(tokens).toEqual(expect.arrayContaining([PATENT, '202010123456.2', '2020101234562', 'CN202010123456.2']));
    expect(patentTokens('2020 1012 3456.2')).toEqual(tokens);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('leaves numbers with a wrong check character or without a patent shape alone', () => {
    expect(segmentQuery('ZL202010123456.7')).toBe('zl202010123456.7');
    expect(segmentQuery('2020101234567')).toBe('2020101234567');
    expect(segmentQuery('2020 1012 3456 2')).not.toContain(DIGITS); // spaced digits need ZL/CN or the dot
    expect(segmentQuery(DIGITS)).toBe(DIGITS); // the bare 12 digits are already the indexed token
    expect(patentTokens('ZL202010123456.7')).toEqual(['ZL202010123456.7']);
    expect(patentTokens('')).toEqual([]);
  });

  it('indexes a patent number mentioned in a text by its digits', () => {
    expect(indexTokens(`本成果已获授权发明专利（${PATENT}）`)).toContain(DIGITS);
  });
});

describe('dictionary', () => {
  const entries = parseDictionary(dictionaryText());

  it('has at least 400 terms, each once, without spaces, with a usable frequency', () => {
    expect(entries.length).toBeGreaterThanOrEqual(400);
    const words = entries.map((e) => e.word);
    expect(new Set(words).size).toBe(words.length);
    for (const e of entries) {
      expect(e.word, e.word).not.toMatch(/\s/);
      expect(e.freq, e.word).toBeGreaterThan(0);
    }
  });

  it('keeps every term whole when it is the query', () => {
    const split = entries.map((e) => e.word).filter((w) => segmentQuery(w) !== w.toLowerCase());
    expect(split).toEqual([]);
  });

  it('contains every Chinese synonym term, so synonyms apply to whole words', () => {
    const words = new Set(entries.map((e) => e.word));
    const missing = DEFAULT_SYNONYMS.flat().filter((t) => HAN.test(t) && !words.has(t));
    expect(missing).toEqual([]);
  });

  it('parses the jieba format leniently', () => {
    expect(parseDictionary('# comment\n\n中药制剂 30 n\r\n石墨烯\n５Ｇ通信 nz\n')).toEqual([
      { word: '中药制剂', freq: 30, tag: 'n' },
      { word: '石墨烯', freq: 10, tag: 'n' },
      { word: '5G通信', freq: 10, tag: 'nz' },
    ]);
  });

  it('pins the dictionary: a change needs a SEGMENTER_VERSION bump and a reindex', () => {
    expect(
      dictionarySha256(),
      `dictionary/terms.txt changed: bump SEGMENTER_VERSION (now ${SEGMENTER_VERSION}), set DICTIONARY_SHA256 to the new hash, and reindex`,
    ).toBe(DICTIONARY_SHA256);
  });
});
