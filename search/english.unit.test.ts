import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ABBREVIATIONS, CASE_SENSITIVE_ABBREVIATIONS } from './abbreviations.ts';
import { isMostlyLatin, toChinese, warmUpEnglish, type TermSource } from './english.ts';

/** The translated text, and the source of each replaced term. */
const zh = (q: string) => toChinese(q).text;
const sources = (q: string): TermSource[] => toChinese(q).terms.map((t) => t.source);

describe('toChinese: the examples the search relies on', () => {
  it.each([
    ['lithium ion battery recycling', '锂离子电池 回收'],
    ['Lithium-ion batteries', '锂离子电池'],
    ['bearing defect detection', '轴承 缺陷检测'],
    ['graphene', '石墨烯'],
    ['CNC', '数控机床'],
    ['RFID', '射频识别'],
    ['UAV', '无人机'],
    ['drone', '无人机'],
    ['PV', '光伏'],
    ['GaN 功率器件', '氮化镓 功率器件'],
    ['soil remediation', '土壤修复'],
    ['traditional chinese medicine', '中药'],
    ['solar cell', '太阳能电池'],
    ['tomato', '番茄'],
    ['vibration', '振动'],
  ])('%s → %s', (q, expected) => {
    expect(zh(q)).toBe(expected);
  });

  it('takes one of the accepted translations for terms with synonyms', () => {
    expect(['污水处理', '废水处理']).toContain(zh('wastewater treatment'));
    expect(['胶粘剂', '黏合剂', '粘合剂']).toContain(zh('adhesive'));
    expect(['马铃薯', '土豆']).toContain(zh('potato'));
    expect(['甘薯', '红薯', '番薯', '地瓜']).toContain(zh('sweet potato'));
  });
});

describe('toChinese: the CC-CEDICT reverse index (words not in the glossary or the abbreviations)', () => {
  it.each([
    // agriculture
    ['potato', ['马铃薯', '土豆']],
    ['Potatoes', ['马铃薯', '土豆']],
    ['maize', ['玉米']],
    ['garlic', ['大蒜']],
    ['peanut', ['花生']],
    ['dairy cow', ['奶牛']],
    ['nitrogen fixation', ['固氮']],
    // materials
    ['corrosion', ['腐蚀']],
    ['superconductor', ['超导体']],
    ['silicon wafer', ['硅片']],
    ['activated carbon', ['活性炭']],
    ['methane', ['甲烷']], // CEDICT: "methane CH4"
    ['graphite', ['石墨']],
    ['copper', ['铜']],
    ['iron', ['铁']],
    // electronics / energy
    ['inverter', ['逆变器']],
    ['capacitor', ['电容器']],
    ['transformer', ['变压器']],
    ['heat pump', ['热泵']],
    // machinery
    ['heat exchanger', ['换热器']],
    ['gearbox', ['变速箱']],
    ['machine tool', ['机床']],
    ['injection molding', ['注塑']],
    ['pump', ['泵']],
    ['excavator', ['挖掘机', '挖土机']],
    ['tractor', ['拖拉机']],
    ['transistor', ['晶体管']],
    // environment
    ['sludge', ['污泥']],
    ['remote sensing', ['遥感']],
    // biomedicine
    ['cancer', ['癌症']],
    ['diabetes', ['糖尿病']],
    ['antibiotic', ['抗生素']],
    ['insulin', ['胰岛素']],
    ['ginseng', ['人参']],
    ['watermelon', ['西瓜']],
  ])('%s → %s (cedict)', (q, accepted) => {
    const r = toChinese(q);
    expect(accepted).toContain(r.text);
    expect(r.terms).toEqual([{ en: q, zh: r.text, source: 'cedict' }]);
  });

  it('reaches a noun of action through its verb when CEDICT glosses only the verb', () => {
    expect(zh('separation')).toBe('分离'); // 分离 "to separate"; "separation" alone is 别离 (parting)
    expect(zh('detection')).toBe('检测'); // "detection" alone is the 5th sense of 侦察
    expect(zh('purification')).toBe('净化');
    expect(zh('pollution')).toBe('污染'); // "pollution" alone is the 2nd sense of 烟霾 (smog)
    expect(sources('separation')).toEqual(['cedict']);
  });

  it('handles inflections and British spelling', () => {
    expect(zh('detecting cracks')).toBe('检测 裂缝');
    expect(zh('BATTERIES')).toBe('电池');
    expect(zh('aluminium alloy')).toBe('铝合金');
  });
});

describe('toChinese: abbreviations', () => {
  it.each([
    ['IoT', '物联网'],
    ['LED', '发光二极管'],
    ['OLED', '有机发光二极管'],
    ['HPLC', '高效液相色谱'],
    ['ELISA', '酶联免疫吸附测定'],
    ['PCR', '聚合酶链式反应'],
    ['VOCs', '挥发性有机物'],
    ['MBR', '膜生物反应器'],
    ['SiC', '碳化硅'],
    ['LiDAR', '激光雷达'],
    ['lidar', '激光雷达'],
    ['BIM', '建筑信息模型'],
    ['MES', '制造执行系统'],
    ['R&D', '研发'],
  ])('%s → %s', (q, expected) => {
    expect(toChinese(q)).toEqual({ text: expected, translated: true, terms: [{ en: q, zh: expected, source: 'abbreviation' }] });
  });

  it('takes the plural of a capitalised abbreviation', () => {
    expect(zh('PLCs and LEDs')).toBe('可编程控制器 发光二极管');
  });

  it('matches abbreviations that are English words only in capitals', () => {
    expect(toChinese('PET bottle').terms[0]).toEqual({ en: 'PET', zh: '聚对苯二甲酸乙二醇酯', source: 'abbreviation' });
    expect(toChinese('pet food').terms[0]?.source).toBe('cedict');
    expect(zh('COD removal')).toMatch(/^化学需氧量 /);
    expect(zh('cod liver oil')).toBe('鱼肝油');
  });

  it('keeps codes that Chinese text writes in Latin letters', () => {
    expect(zh('5G base station')).toBe('5G 基站');
    expect(zh('PM2.5 monitoring')).toBe('PM2.5 监测');
  });
});

describe('toChinese: queries as people type them', () => {
  it('prefers the longest phrase', () => {
    const r = toChinese('method for recycling lithium batteries');
    expect(r.text).toBe('方法 回收 锂电池');
    expect(r.terms.map((t) => t.en)).toEqual(['method', 'recycling', 'lithium batteries']);
    expect(zh('internet of things')).toBe('物联网');
    expect(zh('in vitro diagnostics')).toBe('体外诊断');
  });

  it('keeps Chinese text and translates the Latin words of a mixed query', () => {
    expect(zh('基于PLC的控制系统')).toBe('基于可编程控制器的控制系统');
    expect(zh('ＰＬＣ控制系统')).toBe('可编程控制器控制系统');
    expect(zh('石墨烯 coating')).toBe('石墨烯 涂层');
    expect(zh('3D printing 3D打印')).toBe('3D打印 3D打印');
  });

  it('keeps unknown words as typed and drops function words once something was translated', () => {
    expect(toChinese('Xyzzy graphene')).toEqual({ text: 'Xyzzy 石墨烯', translated: true, terms: [{ en: 'graphene', zh: '石墨烯', source: 'glossary' }] });
    expect(toChinese('flibbertigibbet')).toEqual({ text: 'flibbertigibbet', translated: false, terms: [] });
    expect(toChinese('of the')).toEqual({ text: 'of the', translated: false, terms: [] });
    expect(zh('a method of making it')).toBe('方法 制造');
    expect(zh('graphene-based sensors')).toBe('石墨烯 传感器');
  });

  it('keeps punctuation between terms', () => {
    expect(zh('internet of things, big data; cloud computing')).toBe('物联网, 大数据; 云计算');
  });

  it('does not crash on punctuation, emoji, empty or blank input', () => {
    for (const q of ['', '   ', '!!!???', '……，。', '😀🚀', '🔋 battery 🔋', '\u0000\u200b', "''", '-', 'a-', '-graphene-']) {
      const r = toChinese(q);
      expect(typeof r.text).toBe('string');
      expect(r.translated).toBe(r.terms.length > 0);
    }
    expect(zh('😀🚀')).toBe('😀🚀');
    expect(zh('🔋 battery 🔋')).toBe('🔋 电池 🔋');
    expect(zh('-graphene-')).toBe('-石墨烯-');
  });

  // Its speed is not asserted: a timing under load is not a test (measure it in a bench).
  it('handles a 5,000-character input', () => {
    warmUpEnglish();
    const long = 'graphene coating for lithium batteries, 锂电池 回收 and wastewater treatment; xyzzy '.repeat(80).slice(0, 5000);
    const r = toChinese(long);
    expect(r.translated).toBe(true);
    expect(r.text).toContain('石墨烯 涂层 锂电池');
    expect(r.text).not.toMatch(/\b(for|and)\b/);
    const unknown = 'zyxwv '.repeat(1000).slice(0, 5000);
    expect(toChinese(unknown).translated).toBe(false);
  });
});

describe('isMostlyLatin', () => {
  it.each([
    ['lithium battery', true],
    ['PLC 控制', true],
    ['GaN 功率器件', false],
    ['石墨烯', false],
    ['3D打印', false],
    ['', false],
    ['123 !!!', false],
    ['😀', false],
  ])('%s → %s', (q, expected) => {
    expect(isMostlyLatin(q)).toBe(expected);
  });
});

describe('data', () => {
  it('has 80–150 abbreviations, each once, each with a Chinese term', () => {
    expect(ABBREVIATIONS.length).toBeGreaterThanOrEqual(80);
    expect(ABBREVIATIONS.length).toBeLessThanOrEqual(150);
    const keys = ABBREVIATIONS.map(([a]) => a.toLowerCase());
    expect(new Set(keys).size).toBe(keys.length);
    for (const [a, z] of ABBREVIATIONS) expect(z, a).toMatch(/\p{Script=Han}/u);
    const listed = new Set(ABBREVIATIONS.map(([a]) => a));
    for (const a of CASE_SENSITIVE_ABBREVIATIONS) expect(listed.has(a), a).toBe(true);
  });

  it('ships the CC-CEDICT reverse index with its attribution and licence', () => {
    const text = readFileSync(new URL('./dictionary/cedict-en-zh.tsv', import.meta.url), 'utf8');
    const header = text.split('\n').filter((l) => l.startsWith('#')).join('\n');
    expect(header).toContain('CC-CEDICT');
    expect(header).toContain('https://creativecommons.org/licenses/by-sa/4.0/');
    expect(readFileSync(new URL('./dictionary/cedict-en-zh.LICENSE.md', import.meta.url), 'utf8')).toContain('CC BY-SA 4.0');
    const rows = text.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(rows.length).toBeGreaterThan(50_000);
    const keys = rows.map((r) => r.split('\t')[0] ?? '');
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of rows.slice(0, 2000)) expect(r).toMatch(/^[a-z0-9' ]+\t[\p{Script=Han}A-Za-z0-9]+\t-?\d+\.\d$/u);
    expect(warmUpEnglish().cedict).toBe(rows.length);
  });
});
