import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '#db/client.ts';
import { searchSynonyms } from '#db/schema.ts';
import { makePatentNo } from '#domain/codes/patent.ts';
import { applyResultsSettings } from '#search/setup.ts';
import { DEFAULT_SYNONYMS } from '#search/synonyms.ts';
import { forgetSynonymTerms } from '#search/synonym-terms.ts';
import * as createRoute from '#app/routes/api.v1.results._index.ts';
import * as publishRoute from '#app/routes/api.v1.results.$id.publish.ts';
import * as searchRoute from '#app/routes/api.v1.search.results.ts';
import { call, json } from './api.ts';
import { patentInput, tokenOf } from './factories.ts';
import { withSearchAndWorker, within } from './search-harness.ts';

withSearchAndWorker();

// The synonym groups as the platform ships them (氮化镓 ⇄ GaN among them).
beforeAll(async () => {
  await getDb()
    .insert(searchSynonyms)
    .values(DEFAULT_SYNONYMS.map((terms) => ({ terms })));
  forgetSynonymTerms();
  await applyResultsSettings();
});

type Suggestion = {
  q: string;
  keepFilters: boolean;
  total: number;
  reason: string;
};
type SearchBody = {
  items: Array<{
    id: string;
    title: string;
    patentNo: string | null;
    field: string;
  }>;
  total: number;
  page: number;
  pageSize: number;
  facets: Record<string, Record<string, number>>;
  patentNo?: string | null;
  suggestions?: Suggestion[];
};

async function search(query: string): Promise<SearchBody & { status: number }> {
  const res = await call(searchRoute, {
    path: `/api/v1/search/results?${query}`,
  });
  return { status: res.status, ...(await json<SearchBody>(res)) };
}
const q = (text: string, extra = '') => `q=${encodeURIComponent(text)}${extra}`;
const ids = (b: SearchBody) => b.items.map((i) => i.id);

async function publish(over: Record<string, unknown>): Promise<string> {
  const { token } = await tokenOf();
  const created = await json<{ id: string }>(await call(createRoute, { token, body: patentInput(over) }));
  expect(
    (
      await call(publishRoute, {
        token,
        params: { id: created.id },
        method: 'POST',
      })
    ).status
  ).toBe(200);
  return created.id;
}

describe('GaN means 氮化镓, not Ganoderma', () => {
  it('finds gallium-nitride listings for GaN and never the 灵芝 (Ganoderma) ones', async () => {
    const gan = await publish({
      title: '一种氮化镓高电子迁移率晶体管外延结构',
      titleEn: 'GaN HEMT epitaxial structure',
      keywords: ['氮化镓', '功率器件'],
      field: 'electronic_information',
      abstract: '本发明公开一种氮化镓外延结构，降低电流崩塌，提高功率器件的可靠性。',
    });
    const nitrideOnly = await publish({
      title: '氮化镓功率器件栅极驱动电路',
      titleEn: null,
      keywords: ['功率器件'],
      field: 'electronic_information',
      abstract: '面向氮化镓功率器件的高速栅极驱动电路，抑制误导通。',
    });
    const lingzhi = await publish({
      kind: 'result',
      ipType: 'know_how',
      patentNo: undefined,
      title: '灵芝孢子粉破壁及孢子油萃取技术',
      titleEn: 'Ganoderma spore powder wall breaking',
      keywords: ['灵芝', 'Ganoderma'],
      field: 'biomedicine',
      abstract: '冠县赤灵芝孢子粉低温破壁，超临界萃取孢子油。',
    });
    await within(15_000, async () => ids(await search(q('灵芝'))).includes(lingzhi) && ids(await search(q('晶体管外延'))).includes(gan));
    for (const form of ['GaN', 'GaN 功率器件']) {
      const r = await search(q(form));
      expect(ids(r), form).not.toContain(lingzhi);
      expect(ids(r), form).toContain(nitrideOnly); // through the synonym 氮化镓 only
    }
    expect(ids(await search(q('GaN')))).toContain(gan);
    // Lower case is still typed as a word's start (as-you-type): gan → Ganoderma is fine there.
    expect(ids(await search(q('Ganoderma')))).toContain(lingzhi);
  });
});

describe('zero-result suggestions', () => {
  it('only suggests searches that were run and have hits, or none', async () => {
    const id = await publish({
      title: '设施大棚番茄无土栽培营养液循环装置',
      field: 'agriculture',
      keywords: ['无土栽培'],
    });
    await within(15_000, async () => ids(await search(q('无土栽培'))).includes(id));
    // Filtered away and an extra unknown word: both alternatives find the listing.
    const none = await search(q('无土栽培 zyxwvut', '&field=new_materials'));
    expect(none.total).toBe(0);
    expect(none.suggestions?.length).toBeGreaterThan(0);
    for (const s of none.suggestions!) {
      const again = await search(q(s.q, s.keepFilters ? '&field=new_materials' : ''));
      expect(again.total, JSON.stringify(s)).toBeGreaterThan(0);
    }
    // English that finds nothing in Chinese either: no suggestion at all (the page gives advice instead).
    const english = await search(q('piano sonata'));
    expect(english.total).toBe(0);
    expect(english.suggestions).toEqual([]);
  });
});

describe('patent numbers are exact lookups', () => {
  it('finds the listing by the dotted CNIPA form (and with spaces), and nothing else', async () => {
    const no = makePatentNo('201711091867');
    expect(no).toBe('ZL201711091867.2');
    const id = await publish({
      title: '一种稀土永磁同步电机的转子散热结构',
      patentNo: no,
    });
    // A listing whose text shares the number's pieces (2017, 1) must not come back.
    const decoy = await publish({
      kind: 'result',
      ipType: 'know_how',
      patentNo: undefined,
      title: '2017年度1号电机散热技术',
      abstract: '2017 年完成的 1 项电机散热技术，1091867 台次验证。',
    });
    await within(15_000, async () => ids(await search(q(no))).includes(id) && ids(await search(q('2017年度1号电机'))).includes(decoy));
    for (const form of ['2017.1.1091867.2', '2017 1 1091867.2', 'ZL2017.1.1091867.2']) {
      const r = await search(q(form));
      expect(ids(r), form).toEqual([id]);
      expect(r.total, form).toBe(1);
      expect(r.patentNo, form).toBe(no);
    }
    // A valid number nobody listed: an empty answer that says it was a patent lookup.
    const unlisted = makePatentNo('201911000001');
    const empty = await search(q(unlisted));
    expect(empty.items).toEqual([]);
    expect(empty.total).toBe(0);
    expect(empty.patentNo).toBe(unlisted);
    // Under a filter that hides it, the only suggestion is the same number without filters.
    const hidden = await search(q('2017.1.1091867.2', '&field=agriculture'));
    expect(hidden.total).toBe(0);
    expect(hidden.suggestions).toEqual([
      {
        q: '2017.1.1091867.2',
        keepFilters: false,
        total: 1,
        reason: 'withoutFilters',
      },
    ]);
  });
});

describe('disjunctive facets', () => {
  it('ORs values within a group, ANDs groups, and counts each group as if it were unfiltered', async () => {
    const word = '蠕墨铸铁缸体';
    const a = await publish({
      title: `${word}精密加工工艺`,
      field: 'new_materials',
      maturity: 'pilot',
    });
    const b = await publish({
      title: `${word}在线检测装置`,
      field: 'optomechatronics',
      maturity: 'pilot',
    });
    const c = await publish({
      title: `${word}铸造模具`,
      field: 'optomechatronics',
      maturity: 'industrial',
    });
    await within(15_000, async () => {
      const r = ids(await search(q(word)));
      return [a, b, c].every((x) => r.includes(x));
    });

    // (The semantic side may add a neighbour or two within the filters: counts are at least ours.)
    const atLeast = (counts: Record<string, number> | undefined, want: Record<string, number>) => {
      for (const [k, n] of Object.entries(want)) expect(counts?.[k] ?? 0, k).toBeGreaterThanOrEqual(n);
    };
    const one = await search(q(word, '&field=new_materials'));
    expect(ids(one)).toContain(a);
    expect(ids(one)).not.toContain(b);
    expect(one.items.every((i) => i.field === 'new_materials')).toBe(true);
    // The other 技术领域 keep their counts, so a second can be ticked.
    atLeast(one.facets.field, { new_materials: 1, optomechatronics: 2 });
    // Other groups count within the filter: c (industrial, optomechatronics) is not among them.
    expect(one.facets.maturity?.industrial ?? 0).toBe(0);

    const two = await search(q(word, '&field=new_materials&field=optomechatronics'));
    expect(ids(two)).toEqual(expect.arrayContaining([a, b, c]));
    atLeast(two.facets.field, { new_materials: 1, optomechatronics: 2 });

    // Across groups AND; the maturity group is counted without its own filter.
    const both = await search(q(word, '&field=new_materials&field=optomechatronics&maturity=industrial'));
    expect(ids(both)).toContain(c);
    expect(ids(both)).not.toContain(a);
    expect(ids(both)).not.toContain(b);
    atLeast(both.facets.maturity, { pilot: 2, industrial: 1 });
    expect(both.facets.field?.new_materials ?? 0).toBe(0);
    // The response keeps its fields.
    expect(Object.keys(both)).toEqual(expect.arrayContaining(['items', 'total', 'page', 'pageSize', 'facets']));
  });
});
