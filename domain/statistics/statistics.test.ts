import { describe, expect, it } from 'vitest';
import { RESULT_FIELDS } from '#domain/result-codes.ts';
import { CONTRACT_KINDS } from '#domain/contracts/rules.ts';
import { CONTRACT_KIND_LABELS, NATIONAL_FIELDS, PARTY_TYPES, REGION_FLOWS, nationalFieldOf, partyTypeOf, regionFlowOf, transferTypeOf } from './codes.ts';
import { changePercent, foldBy, monthSeries, publishable, sharePercent, suppressSmall, total } from './aggregate.ts';
import { filtersToParams, parseStatsFilters } from './filters.ts';

describe('national technical fields', () => {
  it('lists the 11 national fields once each, with Chinese and English words', () => {
    expect(NATIONAL_FIELDS).toHaveLength(11);
    expect(new Set(NATIONAL_FIELDS.map((f) => f.code)).size).toBe(11);
    expect(NATIONAL_FIELDS.map((f) => f.zh)).toEqual(['电子信息', '先进制造', '新能源与高效节能', '现代交通', '城市建设与社会发展', '环境保护与资源综合利用', '生物医药和医疗器械', '核应用', '新材料', '农业', '航空航天']);
    for (const f of NATIONAL_FIELDS) expect(f.en).not.toBe('');
  });

  it('maps every platform field to a national one', () => {
    const codes = new Set<string>(NATIONAL_FIELDS.map((f) => f.code));
    for (const f of RESULT_FIELDS) expect(codes.has(nationalFieldOf(f))).toBe(true);
    expect(nationalFieldOf('optomechatronics')).toBe('advanced_manufacturing');
    expect(nationalFieldOf('resources_environment_energy')).toBe('environment_resources');
    expect(nationalFieldOf('biomedicine')).toBe('biomedicine');
    expect(nationalFieldOf('electronic_information')).toBe('electronic_information');
  });

  it('leaves a contract without a result unclassified', () => {
    expect(nationalFieldOf(null)).toBe('unclassified');
    expect(nationalFieldOf(undefined)).toBe('unclassified');
  });
});

describe('parties and region flow', () => {
  it('counts agencies among the others', () => {
    expect(partyTypeOf('enterprise')).toBe('enterprise');
    expect(partyTypeOf('university')).toBe('university');
    expect(partyTypeOf('institute')).toBe('institute');
    expect(partyTypeOf('agency')).toBe('other');
    expect(PARTY_TYPES.map((p) => p.zh)).toEqual(['企业', '科研机构', '高等院校', '其他']);
  });

  it('tells the city (3715xx), the rest of Shandong (37xxxx) and elsewhere apart', () => {
    expect(regionFlowOf('371502')).toBe('in_city');
    expect(regionFlowOf('371500')).toBe('in_city');
    expect(regionFlowOf('3715')).toBe('in_city');
    expect(regionFlowOf('370102')).toBe('in_province');
    expect(regionFlowOf('371402')).toBe('in_province');
    expect(regionFlowOf('110108')).toBe('out_of_province');
    expect(regionFlowOf('410881')).toBe('out_of_province');
    expect(REGION_FLOWS).toHaveLength(3);
  });
});

describe('contract kinds', () => {
  it('labels every contract kind', () => {
    for (const k of CONTRACT_KINDS) expect(CONTRACT_KIND_LABELS[k].zh).toMatch(/^技术/);
  });
  it('splits transfers as the national statistics do', () => {
    expect(transferTypeOf({ licence: false, resultKind: 'patent', ipType: 'invention_patent' })).toBe('patent_right');
    expect(transferTypeOf({ licence: true, resultKind: 'patent', ipType: 'utility_model' })).toBe('patent_licence');
    expect(transferTypeOf({ licence: false, resultKind: 'result', ipType: 'invention_patent' })).toBe('patent_application');
    expect(transferTypeOf({ licence: false, resultKind: 'result', ipType: 'software_copyright' })).toBe('software');
    expect(transferTypeOf({ licence: true, resultKind: 'result', ipType: 'know_how' })).toBe('know_how');
    expect(transferTypeOf({ licence: false, resultKind: 'result', ipType: 'plant_variety' })).toBe('plant_variety');
  });
});

describe('aggregation helpers', () => {
  const rows = [
    { k: 'a', count: '2', amount: '100.10', technologyAmount: '50.00' },
    { k: 'b', count: 1, amount: '0.20', technologyAmount: null },
    { k: 'a', count: 3, amount: '999999999999.99', technologyAmount: '0.01' },
  ];

  it('folds rows into every code, in order, summing exactly as decimals', () => {
    expect(foldBy(rows, (r) => r.k as 'a' | 'b' | 'c', ['c', 'a', 'b'])).toEqual([
      { code: 'c', count: 0, amount: '0.00', technologyAmount: '0.00' },
      { code: 'a', count: 5, amount: '1000000000100.09', technologyAmount: '50.01' },
      { code: 'b', count: 1, amount: '0.20', technologyAmount: '0.00' },
    ]);
    // 0.1 + 0.2 as floats would be 0.30000000000000004.
    expect(total([{ count: 1, amount: '0.10', technologyAmount: null }, { count: 1, amount: '0.20', technologyAmount: null }]).amount).toBe('0.30');
  });

  it('lays twelve months of a year beside the same months of the year before', () => {
    const s = monthSeries(
      [
        { year: 2024, month: 6, count: 2, amount: '300.00', technologyAmount: '200.00' },
        { year: 2023, month: 6, count: 1, amount: '100.00', technologyAmount: null },
        { year: 2023, month: 12, count: 1, amount: '5.00', technologyAmount: '5.00' },
        { year: 2022, month: 1, count: 9, amount: '9.00', technologyAmount: '9.00' },
      ],
      2024,
    );
    expect(s).toHaveLength(12);
    expect(s[5]).toEqual({ month: 6, current: { count: 2, amount: '300.00', technologyAmount: '200.00' }, lastYear: { count: 1, amount: '100.00', technologyAmount: '0.00' } });
    expect(s[11]!.lastYear.amount).toBe('5.00');
    expect(s[0]).toEqual({ month: 1, current: { count: 0, amount: '0.00', technologyAmount: '0.00' }, lastYear: { count: 0, amount: '0.00', technologyAmount: '0.00' } });
  });

  it('computes shares and changes without floats, null on a zero base', () => {
    expect(sharePercent('1', '3')).toBe('33.3');
    expect(sharePercent('2', '3')).toBe('66.7');
    expect(sharePercent('5', '0')).toBeNull();
    expect(changePercent('150.00', '100.00')).toBe('50.0');
    expect(changePercent('50.00', '100.00')).toBe('-50.0');
    expect(changePercent('50.00', '0.00')).toBeNull();
  });

  it('publishes a cell only from three contracts of two sellers', () => {
    expect(publishable({ count: 3, sellers: 2 })).toBe(true);
    expect(publishable({ count: 2, sellers: 2 })).toBe(false);
    expect(publishable({ count: 10, sellers: 1 })).toBe(false);
    expect(suppressSmall({ count: '1', sellers: '1', amount: '5.00' }, (c) => ({ amount: c.amount }))).toEqual({ suppressed: true });
    expect(suppressSmall({ count: '4', sellers: '3', amount: '5.00' }, (c) => ({ amount: c.amount }))).toEqual({ suppressed: false, amount: '5.00' });
  });
});

describe('dashboard filters', () => {
  const isCounty = (c: string) => c === '371502';
  const parse = (q: string) => parseStatsFilters(new URLSearchParams(q), 2026, isCounty);

  it('defaults to this year with no other filter; empty values mean no filter', () => {
    expect(parse('')).toEqual({ ok: true, filters: { year: 2026, from: null, to: null, county: null, kind: null } });
    expect(parse('year=2024&county=&kind=')).toEqual({ ok: true, filters: { year: 2024, from: null, to: null, county: null, kind: null } });
    expect(parse('year=2024&from=2024-03-01&to=2024-06-30&county=371502&kind=transfer')).toEqual({
      ok: true,
      filters: { year: 2024, from: '2024-03-01', to: '2024-06-30', county: '371502', kind: 'transfer' },
    });
  });

  it('refuses unknown filters, malformed years, repeats and bad values, with a message per field', () => {
    const bad = (q: string) => {
      const r = parse(q);
      expect(r.ok).toBe(false);
      return r.ok ? {} : r.fields;
    };
    expect(Object.keys(bad('colour=red'))).toEqual(['colour']);
    expect(bad('colour=red').colour!.zh).toContain('colour');
    expect(Object.keys(bad('year=24'))).toEqual(['year']);
    expect(Object.keys(bad('year=2024x'))).toEqual(['year']);
    expect(Object.keys(bad('year=1999'))).toEqual(['year']);
    expect(Object.keys(bad('year=2024&year=2025'))).toEqual(['year']);
    expect(Object.keys(bad('kind=sale'))).toEqual(['kind']);
    expect(Object.keys(bad('county=110108'))).toEqual(['county']);
    expect(Object.keys(bad('county=37'))).toEqual(['county']);
    expect(Object.keys(bad('year=2024&from=2024-02-30'))).toEqual(['from']);
    expect(Object.keys(bad('year=2024&from=2023-12-01'))).toEqual(['from']);
    expect(Object.keys(bad('year=2024&from=2024-06-01&to=2024-05-01'))).toEqual(['to']);
  });

  it('writes the filters back as parameters', () => {
    expect(filtersToParams({ year: 2024, from: null, to: null, county: '371502', kind: null }).toString()).toBe('year=2024&county=371502');
  });
});
