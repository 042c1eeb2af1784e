import { describe, expect, it } from 'vitest';
import {
  FIELDS,
  IP_TYPES,
  MATURITIES,
  TRANSFER_MODES,
  generateListings,
  isValidPatentNo,
  makePatentNo,
  mulberry32,
  patentCheckChar,
  type GeneratedListing,
} from '#db/seed/results-generator.ts';
import { ORGANISM_CONTEXTS, VOCABULARY, splitList, splitTagged, splitTerm, subjectCount } from '#db/seed/vocabulary/index.ts';

const INSTITUTIONS = [
  { id: 'u-lcu', name: '聊城大学', kind: 'university' },
  { id: 'u-sdau', name: '山东农业大学', kind: 'university' },
  { id: 'u-qlu', name: '齐鲁工业大学', kind: 'university' },
  { id: 'i-mat', name: '聊城市新材料研究院', kind: 'institute' },
  { id: 'i-ej', name: '东阿中医药产业研究院', kind: 'institute' },
  { id: 'i-agri', name: '聊城市农业科学研究院', kind: 'institute' },
  { id: 'e-bearing', name: '临清华瑞精密轴承有限公司', kind: 'enterprise' },
  { id: 'e-foil', name: '茌平信泰铜箔科技有限公司', kind: 'enterprise' },
  { id: 'e-cable', name: '阳谷恒信电缆集团有限公司', kind: 'enterprise' },
  { id: 'e-veg', name: '莘县绿源设施蔬菜科技有限公司', kind: 'enterprise' },
  { id: 'e-env', name: '临清润禾节能环保科技有限公司', kind: 'enterprise' },
  { id: 'a-ttc', name: '聊城市技术转移服务中心', kind: 'agency' },
];

/** An independent implementation of the check character, to test against. */
function expectedCheck(digits: string): string {
  const w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
  const sum = [...digits].reduce((acc, d, i) => acc + Number(d) * (w[i] ?? 0), 0);
  return sum % 11 === 10 ? 'X' : String(sum % 11);
}

const PATENT_TYPE_DIGIT: Partial<Record<string, string>> = { invention_patent: '1', utility_model: '2', design: '3' };
const HAN = /^[\u4e00-\u9fff]+$/;

describe('patent numbers', () => {
  it('compute the check character (Σ dᵢ·wᵢ mod 11, 10 → X)', () => {
    // 2·2+0·3+2·4+0·5+1·6+0·7+1·8+2·9+3·2+4·3+5·4+6·5 = 112 ≡ 2 (mod 11)
    expect(patentCheckChar('202010123456')).toBe('2');
    expect(makePatentNo('202010123456')).toBe('ZL202010123456.2');
    expect(isValidPatentNo('ZL202010123456.2')).toBe(true);
    expect(isValidPatentNo('ZL202010123456.7')).toBe(false);
    expect(isValidPatentNo('202010123456.2')).toBe(false);
    for (const d of ['201310000001', '201920000000', '202430999999', '201610779287', '201311297063']) expect(patentCheckChar(d)).toBe(expectedCheck(d));
    // Some number has X as its check character.
    const withX = Array.from({ length: 200 }, (_, i) => `2021100${String(i).padStart(5, '0')}`).find((d) => expectedCheck(d) === 'X');
    expect(withX && patentCheckChar(withX)).toBe('X');
    expect(() => patentCheckChar('12345')).toThrow();
  });
});

describe('mulberry32', () => {
  it('is deterministic and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBeGreaterThan(990);
  });
});

describe('generateListings', () => {
  it('is deterministic: the same seed gives the same listings, another seed others', () => {
    const a = generateListings({ count: 2_000, seed: 20260101, institutions: INSTITUTIONS });
    const b = generateListings({ count: 2_000, seed: 20260101, institutions: INSTITUTIONS });
    const c = generateListings({ count: 2_000, seed: 7, institutions: INSTITUTIONS });
    expect(a).toEqual(b);
    expect(c.map((x) => x.title)).not.toEqual(a.map((x) => x.title));
    // A prefix of a longer run is the shorter run.
    expect(generateListings({ count: 500, seed: 20260101, institutions: INSTITUTIONS })).toEqual(a.slice(0, 500));
  });

  it('rejects bad input and returns nothing for count 0', () => {
    expect(generateListings({ count: 0, seed: 1, institutions: [] })).toEqual([]);
    expect(() => generateListings({ count: 5, seed: 1, institutions: [] })).toThrow(/institution/);
    expect(() => generateListings({ count: -1, seed: 1, institutions: INSTITUTIONS })).toThrow();
    expect(() => generateListings({ count: 1.5, seed: 1, institutions: INSTITUTIONS })).toThrow();
  });

  const listings: GeneratedListing[] = generateListings({ count: 20_000, seed: 1234, institutions: INSTITUTIONS });

  it('produces valid listings: enums, patent numbers, keywords, inventors, prices, abstracts', () => {
    // Checked in plain code and reported at once: 20,000 listings × 40 expects would be slow.
    const ids = new Set(INSTITUTIONS.map((i) => i.id));
    const patentNos = new Set<string>();
    const problems: string[] = [];
    const check = (ok: boolean, x: GeneratedListing, what: string) => {
      if (!ok && problems.length < 20) problems.push(`${what}: ${x.title} (${x.ipType}) ${JSON.stringify(x)}`);
    };
    for (const x of listings) {
      check((FIELDS as readonly string[]).includes(x.field), x, 'field');
      check((IP_TYPES as readonly string[]).includes(x.ipType), x, 'ipType');
      check((MATURITIES as readonly string[]).includes(x.maturity), x, 'maturity');
      check(ids.has(x.holderOrgId), x, 'holderOrgId');

      const typeDigit = PATENT_TYPE_DIGIT[x.ipType];
      if (typeDigit) {
        check(x.kind === 'patent', x, 'kind of a patent');
        const no = x.patentNo ?? '';
        check(/^ZL\d{12}\.[\dX]$/.test(no), x, 'patentNo format');
        const digits = no.slice(2, 14);
        check(no.slice(15) === expectedCheck(digits), x, 'patentNo check char');
        check(isValidPatentNo(no), x, 'isValidPatentNo');
        const year = Number(digits.slice(0, 4));
        check(year >= 2010 && year <= 2025, x, 'application year');
        check(digits.charAt(4) === typeDigit, x, 'patent type digit');
        check(!patentNos.has(no), x, 'unique patentNo');
        patentNos.add(no);
      } else {
        check(x.kind === 'result' && x.patentNo === null, x, 'result without patentNo');
      }

      check(x.title.length >= 4 && x.title.length <= 60, x, 'title length');
      check(x.abstract.length >= 80 && x.abstract.length <= 300, x, 'abstract length');
      check(!/\{[a-z]+\}|undefined|null|\|/.test(x.abstract + x.title), x, 'unfilled template');
      check(x.titleEn === null || /^[A-Z0-9][\x20-\x7e’]*$/.test(x.titleEn), x, 'titleEn');

      check(x.keywords.length >= 3 && x.keywords.length <= 6, x, 'keyword count');
      check(new Set(x.keywords).size === x.keywords.length && x.keywords.every((k) => k.length >= 2), x, 'keywords unique, ≥ 2 chars');

      check(x.inventors.length >= 2 && x.inventors.length <= 5, x, 'inventor count');
      check(new Set(x.inventors).size === x.inventors.length, x, 'inventors unique');
      check(x.inventors.every((n) => HAN.test(n) && n.length >= 2 && n.length <= 4), x, 'inventor names');

      check(x.transferModes.length >= 1 && new Set(x.transferModes).size === x.transferModes.length, x, 'transfer modes');
      check(x.transferModes.every((m) => (TRANSFER_MODES as readonly string[]).includes(m)), x, 'transfer mode enum');

      if (x.price !== null) {
        const yuan = Number(x.price);
        check(/^\d+\.00$/.test(x.price) && yuan >= 50_000 && yuan <= 5_000_000 && yuan % 100 === 0, x, 'price');
      }
    }
    expect(problems).toEqual([]);

    const patents = listings.filter((x) => x.kind === 'patent');
    expect(patentNos.size).toBe(patents.length);
    expect(patents.length / listings.length).toBeGreaterThan(0.55);
    expect(patents.length / listings.length).toBeLessThan(0.65);
    const negotiable = listings.filter((x) => x.price === null).length / listings.length;
    expect(negotiable).toBeGreaterThan(0.2);
    expect(negotiable).toBeLessThan(0.3);
    expect(listings.filter((x) => x.titleEn !== null).length / listings.length).toBeGreaterThan(0.15);
  });

  it('spreads listings over the six fields and every IP type, holders mostly universities and institutes', () => {
    const byField = new Map<string, number>();
    for (const x of listings) byField.set(x.field, (byField.get(x.field) ?? 0) + 1);
    expect([...byField.keys()].sort()).toEqual([...FIELDS].sort());
    for (const [field, n] of byField) {
      expect(n / listings.length, field).toBeGreaterThan(0.12);
      expect(n / listings.length, field).toBeLessThan(0.22);
    }
    expect(new Set(listings.map((x) => x.ipType))).toEqual(new Set(IP_TYPES));
    expect(listings.filter((x) => x.ipType === 'plant_variety').every((x) => x.field === 'agriculture')).toBe(true);

    const perKind = (kind: string) => {
      const ids = new Set(INSTITUTIONS.filter((i) => i.kind === kind).map((i) => i.id));
      return listings.filter((x) => ids.has(x.holderOrgId)).length / ids.size;
    };
    expect(perKind('university')).toBeGreaterThan(perKind('enterprise'));
    expect(perKind('institute')).toBeGreaterThan(perKind('enterprise'));
    expect(perKind('enterprise')).toBeGreaterThan(perKind('agency'));
    // Field-specific holders get their own field's listings.
    const bearing = listings.filter((x) => x.holderOrgId === 'e-bearing');
    expect(bearing.filter((x) => x.field === 'optomechatronics').length / bearing.length).toBeGreaterThan(0.5);
  });

  it('generates 100,000 listings quickly, with < 2% duplicate titles and unique patent numbers', () => {
    const t0 = performance.now();
    const xs = generateListings({ count: 100_000, seed: 99, institutions: INSTITUTIONS });
    const ms = performance.now() - t0;
    console.log(`generateListings: 100,000 listings in ${ms.toFixed(0)} ms`);
    expect(xs).toHaveLength(100_000);
    const duplicates = xs.length - new Set(xs.map((x) => x.title)).size;
    console.log(`generateListings: ${duplicates} duplicate titles (${((duplicates / xs.length) * 100).toFixed(2)}%)`);
    expect(duplicates / xs.length).toBeLessThan(0.02);
    const patentNos = xs.flatMap((x) => (x.patentNo ? [x.patentNo] : []));
    expect(new Set(patentNos).size).toBe(patentNos.length);
  }, 60_000);
});

describe('vocabulary', () => {
  it('has at least 40 subjects per field, with scenes, objects and tags that resolve', () => {
    for (const field of FIELDS) {
      const v = VOCABULARY[field];
      expect(v.field).toBe(field);
      expect(subjectCount(v), field).toBeGreaterThanOrEqual(40);
      const scenes = new Set(v.scenes.map((s) => splitTerm(s).zh));
      const subjects = [...v.materials, ...v.devices, ...v.tasks, ...v.organisms].map(splitTerm);
      expect(new Set(subjects.map((s) => s.zh)).size, `${field}: duplicate subjects`).toBe(subjects.length);
      const topics = new Set(subjects.map((s) => s.tag).filter((t): t is string => t !== null));
      for (const s of [...v.materials, ...v.devices].map(splitTerm)) {
        expect(s.tag, `${field}: ${s.zh} has no topic`).not.toBeNull();
        for (const c of splitList(s.extra)) expect(scenes.has(c), `${field}: ${s.zh} → unknown scene ${c}`).toBe(true);
      }
      for (const s of v.organisms.map(splitTerm)) {
        expect(['veg', 'leafy', 'grain', 'fruit', 'fungus', 'animal', 'microbe'], s.zh).toContain(s.tag);
        expect(Object.keys(ORGANISM_CONTEXTS)).toContain(s.tag);
        if (s.tag === 'microbe') for (const c of splitList(s.extra)) expect(scenes.has(c), `${field}: ${s.zh} → unknown scene ${c}`).toBe(true);
      }
      // Every tag on a phrase, process, property or tech names a topic of some subject.
      const tagged = [
        ...[...v.methods, ...v.effects, ...v.problems, ...v.terms].map((x) => splitTagged(x).tags ?? []),
        ...Object.values(v.processes).flatMap((xs) => xs.map((x) => splitList(splitTerm(x).extra))),
        ...Object.values(v.properties).flatMap((xs) => xs.map((x) => splitList(splitTerm(x).extra))),
        ...v.techs.map((x) => splitList(splitTerm(x).extra)),
      ].flat();
      for (const t of tagged) expect(topics.has(t), `${field}: tag ${t} matches no subject`).toBe(true);
      // Materials, devices and microbes find methods and effects of their own topic (or untagged ones).
      const own = (list: readonly string[], t: string) => list.some((m) => { const tags = splitTagged(m).tags; return tags === null || tags.includes(t); });
      for (const s of [...v.materials, ...v.devices, ...v.organisms].map(splitTerm)) {
        if (s.tag === null || (v.organisms.length > 0 && ['veg', 'leafy', 'grain', 'fruit', 'fungus', 'animal'].includes(s.tag))) continue;
        expect(own(v.methods, s.tag), `${field}: no methods for ${s.tag}`).toBe(true);
        expect(own(v.effects, s.tag), `${field}: no effects for ${s.tag}`).toBe(true);
        expect(own(v.problems, s.tag), `${field}: no problems for ${s.tag}`).toBe(true);
      }
    }
  });
});
