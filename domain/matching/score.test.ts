import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MATURITIES, RESULT_FIELDS, TRANSFER_MODES } from '#domain/result-codes.ts';
import { isLocalRegion, rankScored, scoreMatch, SEMANTIC, sharedTerms, yuanText, type MatchInput } from './score.ts';

const LABELS: Record<string, string> = {
  'field.new_materials': '新材料',
  'field.biomedicine': '生物技术和医药',
  'maturity.lab': '实验室阶段',
  'maturity.pilot_small': '小试',
  'maturity.pilot': '中试',
  'maturity.industrial': '产业化',
  'transferMode.transfer': '转让',
  'transferMode.license': '许可',
  'transferMode.equity': '作价入股',
  'transferMode.joint_development': '合作开发',
};
const label = (k: string) => LABELS[k] ?? k;

const base = (over: Partial<MatchInput> = {}): MatchInput => ({
  demand: { field: 'new_materials', maturityNeeded: 'pilot', budget: '1500000.00', cooperationModes: ['transfer', 'license'] },
  result: { field: 'new_materials', maturity: 'industrial', price: '1200000.00', transferModes: ['license'] },
  rankingScore: 0.9,
  queryTerms: ['高镍', '正极材料', '锂离子电池', '循环寿命'],
  candidateTokens: new Set(['高镍', '三元', '正极材料', '锂离子电池', '共沉淀']),
  counterpart: { regionCode: '371503', regionName: '茌平区' },
  ...over,
});

describe('sharedTerms', () => {
  it('finds query terms among the tokens, directly or through an equivalent', () => {
    const eq = (t: string) => (t === '锂电池' ? ['锂离子电池', '锂电'] : []);
    expect(sharedTerms(['锂电池', '正极材料', '隔膜', '正极材料'], new Set(['锂离子电池', '正极材料']), eq)).toEqual([
      { term: '锂电池', via: '锂离子电池' },
      { term: '正极材料', via: null },
    ]);
  });
  it('compares in lower case', () => {
    expect(sharedTerms(['AI', 'PLC'], new Set(['ai']))).toEqual([{ term: 'ai', via: null }]);
  });
});

describe('scoreMatch', () => {
  it('gives a strong, fitting match a high score and says why, in Chinese', () => {
    const s = scoreMatch(base(), label);
    expect(s.score).toBeGreaterThan(0.8);
    expect(s.reasons.map((r) => r.kind)).toEqual(['terms', 'field', 'maturity', 'price', 'mode', 'region']);
    const text = Object.fromEntries(s.reasons.map((r) => [r.kind, r.text]));
    expect(text.terms).toBe('共同技术词：高镍、正极材料、锂离子电池');
    expect(text.field).toBe('同属新材料领域');
    expect(text.maturity).toBe('成熟度为产业化，满足“中试及以上”的要求');
    expect(text.price).toBe('报价120万元，在预算150万元以内');
    expect(text.mode).toBe('合作方式一致：许可');
    expect(text.region).toBe('位于聊城本地（茌平区）');
    expect(s.reasons.every((r) => r.detail?.met)).toBe(true);
  });

  it('marks shortfalls and scores them lower', () => {
    const good = scoreMatch(base(), label).score;
    const low = scoreMatch(base({ result: { field: 'new_materials', maturity: 'lab', price: '9000000.00', transferModes: ['equity'] } }), label);
    expect(low.score).toBeLessThan(good);
    const byKind = Object.fromEntries(low.reasons.map((r) => [r.kind, r]));
    expect(byKind.maturity).toMatchObject({ text: '成熟度为实验室阶段，低于需求的中试', detail: { met: false } });
    expect(byKind.price).toMatchObject({ text: '报价900万元，超出预算150万元', detail: { met: false } });
    expect(byKind.mode!.detail!.met).toBe(false);
    expect(byKind.mode!.text).toContain('合作方式不一致');
  });

  it('calls a price up to 1.3 × the budget slightly over, and 面议 neither good nor bad', () => {
    const slightly = scoreMatch(base({ result: { ...base().result, price: '1800000.00' } }), label);
    expect(slightly.reasons.find((r) => r.kind === 'price')!.text).toBe('报价180万元，略高于预算150万元');
    const negotiable = scoreMatch(base({ demand: { ...base().demand, budget: null } }), label);
    expect(negotiable.reasons.find((r) => r.kind === 'price')!.text).toBe('需求预算面议');
    const within = scoreMatch(base(), label).score;
    expect(negotiable.score).toBeLessThan(within);
    expect(negotiable.score).toBeGreaterThan(slightly.score);
    expect(scoreMatch(base({ result: { ...base().result, price: null } }), label).reasons.find((r) => r.kind === 'price')!.text).toBe('成果价格面议');
  });

  it('keeps a wrong topic low however well the facts fit', () => {
    const s = scoreMatch(base({ rankingScore: 0.15, candidateTokens: new Set(['阿胶', '颗粒剂']) }), label);
    expect(s.score).toBeLessThan(0.1);
    expect(s.reasons.some((r) => r.kind === 'terms')).toBe(false);
  });

  it('gives no field or region reason when they differ, and no maturity reason without a need', () => {
    const s = scoreMatch(
      base({ demand: { ...base().demand, maturityNeeded: null }, result: { ...base().result, field: 'biomedicine' }, counterpart: { regionCode: '370102' } }),
      label,
    );
    expect(s.reasons.map((r) => r.kind)).toEqual(['terms', 'price', 'mode']);
  });

  it('shows matches through an equivalent term as term≈word', () => {
    const s = scoreMatch(base({ queryTerms: ['锂电池'], candidateTokens: new Set(['锂离子电池']), equivalents: () => ['锂离子电池'] }), label);
    expect(s.reasons[0]!.text).toBe('共同技术词：锂电池≈锂离子电池');
    expect(s.parts.coverage).toBe(1);
  });

  it('stays within 0–1 and never falls when the text relevance rises (property)', () => {
    const maturity = fc.constantFrom(...MATURITIES);
    const mode = fc.subarray([...TRANSFER_MODES], { minLength: 1 });
    const money = fc.option(fc.integer({ min: 1, max: 10_000_000 }).map((n) => `${n}.00`), { nil: null });
    const input = fc.record({
      demand: fc.record({ field: fc.constantFrom(...RESULT_FIELDS), maturityNeeded: fc.option(maturity, { nil: null }), budget: money, cooperationModes: mode }),
      result: fc.record({ field: fc.constantFrom(...RESULT_FIELDS), maturity, price: money, transferModes: mode }),
      rankingScore: fc.double({ min: 0, max: 1, noNaN: true }),
      queryTerms: fc.array(fc.constantFrom('轴承', '缺陷检测', '机器视觉', '铜箔', '阿胶'), { maxLength: 8 }),
      candidateTokens: fc.array(fc.constantFrom('轴承', '缺陷检测', '石墨烯', '阿胶'), { maxLength: 4 }).map((a) => new Set(a)),
      counterpart: fc.record({ regionCode: fc.constantFrom('371502', '371581', '370102', '110108') }),
    });
    fc.assert(
      fc.property(input, fc.double({ min: 0, max: 1, noNaN: true }), (i, more) => {
        const s = scoreMatch(i);
        expect(s.score).toBeGreaterThanOrEqual(0);
        expect(s.score).toBeLessThanOrEqual(1);
        const higher = scoreMatch({ ...i, rankingScore: Math.min(1, i.rankingScore + more) });
        expect(higher.score).toBeGreaterThanOrEqual(s.score);
      }),
    );
  });
});

describe('helpers', () => {
  it('says amounts as people do', () => {
    expect(yuanText('1200000.00')).toBe('120万元');
    expect(yuanText('15000.50')).toBe('1.5万元');
    expect(yuanText('8500.00')).toBe('8500元');
  });
  it('knows Liaocheng region codes', () => {
    expect(isLocalRegion('371503')).toBe(true);
    expect(isLocalRegion('371500')).toBe(true);
    expect(isLocalRegion('370102')).toBe(false);
    expect(isLocalRegion(null)).toBe(false);
  });
  it('ranks by score, keeping the search order on ties', () => {
    expect(rankScored([{ id: 'a', score: 0.5 }, { id: 'b', score: 0.7 }, { id: 'c', score: 0.5 }]).map((x) => x.id)).toEqual(['b', 'a', 'c']);
  });
});

describe('meaning (the embedding model)', () => {
  it('shows 语义相近 with the similarity, second after the shared terms, when the cosine reaches the reason threshold', () => {
    const s = scoreMatch(base({ semantic: 0.8 }), label);
    expect(s.reasons.map((r) => r.kind).slice(0, 2)).toEqual(['terms', 'semantic']);
    expect(s.reasons.find((r) => r.kind === 'semantic')!.text).toBe('语义相近（相似度 80%）');
    expect(s.parts.meaning).toBeCloseTo((0.8 - SEMANTIC.floor) / (SEMANTIC.ceiling - SEMANTIC.floor), 3);
  });

  it('is the lexical score without a model, and neither reason nor credit under the floor', () => {
    const none = scoreMatch(base({ semantic: null }), label);
    expect(none.parts.meaning).toBeNull();
    expect(none.reasons.some((r) => r.kind === 'semantic')).toBe(false);
    const weak = scoreMatch(base({ semantic: SEMANTIC.floor - 0.1 }), label);
    expect(weak.parts.meaning).toBe(0);
    expect(weak.reasons.some((r) => r.kind === 'semantic')).toBe(false);
  });

  it('lets meaning carry a pair that shares no term, and ranks closer meaning higher', () => {
    const noTerms = (semantic: number) => scoreMatch(base({ queryTerms: ['土豆'], candidateTokens: new Set(['马铃薯']), rankingScore: 0, semantic }), label).score;
    expect(noTerms(0.3)).toBe(0);
    expect(noTerms(0.75)).toBeGreaterThan(noTerms(0.6));
    expect(noTerms(0.9)).toBeGreaterThan(0.3);
  });

  it('stays within 0–1 for any cosine, NaN included', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ min: -1, max: 1 }), fc.constant(Number.NaN)), (c) => {
        const s = scoreMatch(base({ semantic: c }), label).score;
        return s >= 0 && s <= 1;
      }),
    );
  });
});
