/**
 * `npx tsx scripts/corpus-prepare.ts --from <dir or .tsv> [--from …] [--out .data/corpus] [--seed csl] [--splits dev,test] [--source …]`:
 * turns the benchmark subset of CSL (Chinese Scientific Literature, github.com/ydli-ai/CSL,
 * Apache-2.0) into an evaluation corpus of real Chinese text: listings.json (EvalListing),
 * search-queries.json (graded queries) and demands.json (pseudo-demands with judgments).
 * See docs/real-text-corpus.md. Nothing it reads or writes is committed: the raw files and
 * the output live under .data/.
 *
 * The input is CSL's `benchmark/` folder (or its .tsv files): four text2text tasks over the
 * same papers, one `prompt \t text_a \t text_b` row per paper —
 *   cls_ctg  title → category          cls_dcp  abstract → discipline
 *   kg       abstract + ' ' + title → keywords (joined by _)   ts  abstract → title
 * They are joined on the texts themselves (not on row numbers). Everything after that is
 * deterministic: the same input and seed give byte-identical output.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { demandCreateSchema } from '#app/schemas/demands.server.ts';
import { resultCreateSchema } from '#app/schemas/results.server.ts';
import { IP_TYPES, MATURITIES, RESULT_FIELDS, TRANSFER_MODES, type ResultField } from '#domain/result-codes.ts';
import type { EvalListing, Judgments } from '#search/eval.ts';
import { normalizeText } from '#search/normalize.ts';

const { values } = parseArgs({
  options: {
    from: { type: 'string', multiple: true },
    out: { type: 'string', default: '.data/corpus' },
    seed: { type: 'string', default: 'csl' },
    /** Which of a folder's split files to read: the benchmark's train.tsv would add ~8,000 papers. */
    splits: { type: 'string', default: 'dev,test' },
    /** Provenance written into manifest.json, e.g. "github:ydli-ai/CSL@0f1ac06… benchmark/". */
    source: { type: 'string', default: '' },
    keywordQueries: { type: 'string', default: '140' },
    multiQueries: { type: 'string', default: '50' },
    titleQueries: { type: 'string', default: '40' },
    demands: { type: 'string', default: '80' },
  },
});
if (!values.from?.length) {
  console.error('usage: npx tsx scripts/corpus-prepare.ts --from <CSL benchmark dir or .tsv files> [--out .data/corpus] [--seed csl]');
  process.exit(2);
}

// ---------------------------------------------------------------------------------------
// Reading and joining

type Row = { prompt: string; a: string; b: string; file: string; line: number };

function tsvFiles(p: string): string[] {
  if (statSync(p).isFile()) return [p];
  return readdirSync(p)
    .sort()
    .flatMap((n) => tsvFiles(path.join(p, n)))
    .filter((f) => f.endsWith('.tsv'));
}
const splits = new Set(values.splits!.split(','));
const files = [...new Set(values.from.flatMap(tsvFiles))].filter((f) => splits.has(path.basename(f, '.tsv'))).sort();
const rows: Row[] = [];
for (const file of files) {
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (!text.trim()) return;
      const [prompt, a, b, ...rest] = text.replace(/\r$/, '').split('\t');
      if (!prompt || a === undefined || b === undefined || rest.length) throw new Error(`${file}:${i + 1}: not prompt\\ttext_a\\ttext_b`);
      rows.push({
        prompt: prompt.trim(),
        a: a.trim(),
        b: b.trim(),
        file,
        line: i + 1,
      });
    });
}
const byPrompt = (p: string) => rows.filter((r) => r.prompt === p);
const titleOfAbstract = new Map(byPrompt('to title').map((r) => [r.a, r]));
const disciplineOfAbstract = new Map(byPrompt('to discipline').map((r) => [r.a, r.b]));
const categoryOfTitle = new Map(byPrompt('to category').map((r) => [r.a, r.b]));
const keywordsOfText = new Map(byPrompt('to keywords').map((r) => [r.a, r.b]));
if (!titleOfAbstract.size) throw new Error('no "to title" rows (ts/*.tsv) in the input');

type Paper = {
  title: string;
  abstract: string;
  keywords: string[];
  discipline: string;
  category: string;
  source: string;
};

/** CSL joins keywords with `_`; a few rows use spaces instead. */
function splitKeywords(s: string): string[] {
  let parts = s.split('_');
  if (parts.length === 1) parts = s.split(/\s+/);
  return [...new Set(parts.map((k) => k.trim()).filter(Boolean))];
}

/**
 * The platform's six result fields (domain/result-codes.ts) from CSL's 67 disciplines.
 * Disciplines without a sensible technical field (humanities, social sciences, economics,
 * management, pure mathematics, astronomy, civil engineering and architecture) are left out.
 */
const FIELD_OF_DISCIPLINE: Record<string, ResultField> = {
  材料科学与工程: 'new_materials',
  '化学/化学工程与技术': 'new_materials',
  纺织科学与工程: 'new_materials',
  冶金工程: 'new_materials',
  信息与通信工程: 'electronic_information',
  计算机科学与技术: 'electronic_information',
  电子科学与技术: 'electronic_information',
  控制科学与工程: 'electronic_information',
  测绘科学与技术: 'electronic_information',
  机械工程: 'optomechatronics',
  电气工程: 'optomechatronics',
  光学工程: 'optomechatronics',
  兵器科学与技术: 'optomechatronics',
  交通运输工程: 'optomechatronics',
  力学: 'optomechatronics',
  船舶与海洋工程: 'optomechatronics',
  航空宇航科学与技术: 'optomechatronics',
  物理学: 'optomechatronics',
  环境科学与工程: 'resources_environment_energy',
  石油与天然气工程: 'resources_environment_energy',
  矿业工程: 'resources_environment_energy',
  水利工程: 'resources_environment_energy',
  核科学与技术: 'resources_environment_energy',
  动力工程及工程热物理: 'resources_environment_energy',
  '地质学/地质资源与地质工程': 'resources_environment_energy',
  大气科学: 'resources_environment_energy',
  海洋科学: 'resources_environment_energy',
  地理学: 'resources_environment_energy',
  地球物理学: 'resources_environment_energy',
  '中医学/中药学': 'biomedicine',
  '基础医学/临床医学': 'biomedicine',
  药学: 'biomedicine',
  口腔医学: 'biomedicine',
  公共卫生与预防医学: 'biomedicine',
  '生物学/生物科学与工程': 'biomedicine',
  园艺学: 'agriculture',
  水产: 'agriculture',
  作物学: 'agriculture',
  '林学/林业工程': 'agriculture',
  '畜牧学/兽医学': 'agriculture',
  农业资源利用: 'agriculture',
  植物保护: 'agriculture',
  农业工程: 'agriculture',
  食品科学与工程: 'agriculture',
};

const excluded: Record<string, number> = {};
const drop = (why: string) => void (excluded[why] = (excluded[why] ?? 0) + 1);
const papers: Array<Paper & { field: ResultField }> = [];
const seenTitles = new Set<string>();
for (const r of titleOfAbstract.values()) {
  const abstract = r.a;
  const title = r.b;
  const discipline = disciplineOfAbstract.get(abstract);
  const category = categoryOfTitle.get(title) ?? '';
  const kw = keywordsOfText.get(`${abstract} ${title}`);
  if (!discipline || kw === undefined) {
    drop('not in every task file');
    continue;
  }
  const field = FIELD_OF_DISCIPLINE[discipline];
  if (!field) {
    drop(`discipline without a technical field`);
    continue;
  }
  const keywords = splitKeywords(kw);
  // More than 8 are CSL's machine-indexed subject terms, not the authors' keywords.
  if (keywords.length < 3 || keywords.length > 8) {
    drop('fewer than 3 or more than 8 keywords');
    continue;
  }
  if (keywords.some((k) => k.length > 30) || title.length < 4 || title.length > 120 || abstract.length < 50) {
    drop('a keyword over 30 characters, title outside 4–120 or abstract under 50');
    continue;
  }
  const key = normalizeText(title);
  if (seenTitles.has(key)) {
    drop('duplicate title');
    continue;
  }
  seenTitles.add(key);
  papers.push({
    title,
    abstract,
    keywords,
    discipline,
    category,
    field,
    source: `${path.relative(process.cwd(), r.file)}:${r.line}`,
  });
}

const listings: EvalListing[] = papers.map((p, i) => ({
  id: `csl-${String(i + 1).padStart(4, '0')}`,
  kind: 'result',
  title: p.title,
  titleEn: null,
  abstract: p.abstract,
  field: p.field,
  // A journal paper is no patent: 技术秘密 (know-how) is the closest of the IP types.
  ipType: 'know_how',
  patentNo: null,
  transferModes: ['license', 'joint_development'],
  price: null,
  maturity: 'pilot_small',
  keywords: p.keywords,
  inventors: [],
  institution: '某高校',
}));
const info = new Map(listings.map((l, i) => [l.id, papers[i]!]));

// ---------------------------------------------------------------------------------------
// Seeded choice, spread over fields and disciplines

function rng(seed: string) {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  return () => {
    h = (h + 0x6d2b79f5) >>> 0;
    let t = h;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function shuffled<T>(xs: readonly T[], seed: string): T[] {
  const r = rng(seed);
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
/**
 * Up to n items, round-robin over the six fields and, within a field, over its disciplines,
 * each bucket in seeded random order; `accept` may still refuse an item (e.g. a query
 * string already taken).
 */
function spread<T>(items: readonly T[], n: number, seed: string, facet: (x: T) => { field: string; discipline: string }, accept: (x: T) => boolean = () => true): T[] {
  const buckets = new Map<string, Map<string, T[]>>();
  for (const x of shuffled(items, seed)) {
    const { field, discipline } = facet(x);
    const f = buckets.get(field) ?? new Map<string, T[]>();
    buckets.set(field, f);
    f.set(discipline, [...(f.get(discipline) ?? []), x]);
  }
  const cursor = new Map<string, number>();
  const out: T[] = [];
  const fields = RESULT_FIELDS.filter((f) => buckets.has(f));
  let progress = true;
  while (out.length < n && progress) {
    progress = false;
    for (const f of fields) {
      if (out.length >= n) break;
      const ds = [...buckets.get(f)!.keys()].sort();
      // The next discipline of this field that still has items, in turn.
      for (let tries = 0; tries < ds.length; tries++) {
        const c = cursor.get(f) ?? 0;
        cursor.set(f, c + 1);
        const list = buckets.get(f)!.get(ds[c % ds.length]!)!;
        let took = false;
        while (list.length) {
          const x = list.shift()!;
          if (accept(x)) {
            out.push(x);
            took = true;
            break;
          }
        }
        if (took) {
          progress = true;
          break;
        }
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Where a term occurs

const norm = (s: string) => normalizeText(s);
const normKeywords = new Map(listings.map((l) => [l.id, l.keywords.map(norm)]));
const normTitle = new Map(listings.map((l) => [l.id, norm(l.title)]));
const normAbstract = new Map(listings.map((l) => [l.id, norm(l.abstract)]));
/** The term is one of the record's keywords or part of one (铜箔 in 电解铜箔). */
const listed = (id: string, t: string) => normKeywords.get(id)!.some((k) => k.includes(t));
const inTitle = (id: string, t: string) => normTitle.get(id)!.includes(t);
const inText = (id: string, t: string) => inTitle(id, t) || normAbstract.get(id)!.includes(t);
const ids = listings.map((l) => l.id);
const HAN = /\p{Script=Han}/u;
/**
 * Keywords that name no topic (CSL papers list 应用, 发展, 综述 …): never a query, never
 * a demand's keyword, and sharing them does not make two papers related.
 */
const GENERIC = new Set(
  (
    '应用 发展 技术 市场 研究 研究进展 进展 综述 分析 性能 制备 合成 测定 管理 对策 问题 现状 影响 影响因素 方法 模型 设计 ' +
    '中国 理论研究 评价 效果 机理 特征 特性 优化 策略 措施 展望 趋势 干预 生长 实验 试验 实验研究 因素 作用 结构 系统 计算 检测 ' +
    '控制 处理 质量 变化 原理 理论 改进 探讨 思考 建议 意义 现代化 科学 基础 条件 程序 生产 产品 治疗 预防 机制'
  ).split(' '),
);
const topical = (k: string) => !GENERIC.has(k);

/** Every distinct keyword, normalised, with the records that list it (or a longer keyword containing it). */
const keywordDf = new Map<string, string[]>();
for (const k of new Set([...normKeywords.values()].flat()))
  keywordDf.set(
    k,
    ids.filter((id) => listed(id, k)),
  );
/** The listing a term "belongs to" for spreading: the first record that has it as a keyword. */
const facetOfKeyword = (k: string) => {
  const owner = ids.find((id) => normKeywords.get(id)!.includes(k)) ?? keywordDf.get(k)![0]!;
  return {
    field: info.get(owner)!.field,
    discipline: info.get(owner)!.discipline,
  };
};
/** A keyword as written in the first record that lists it (the query users would type). */
const surface = (k: string) => {
  for (const l of listings) {
    const i = normKeywords.get(l.id)!.indexOf(k);
    if (i >= 0) return l.keywords[i]!;
  }
  return k;
};

type Query = {
  id: string;
  q: string;
  lang: 'zh';
  kind: 'keyword' | 'multi' | 'title-paraphrase';
  judgments: Judgments;
};
const queries: Query[] = [];
const usedQ = new Set<string>();
const sortJudgments = (j: Judgments): Judgments => Object.fromEntries(Object.entries(j).sort(([a], [b]) => a.localeCompare(b)));

// Keyword queries: terms that 2–15 records list; 3 = listed and in the title, 2 = listed, 1 = only in the text.
// Generic words (效率, 含量, 机理) that many more records use without listing them are left out:
// for those, "listed as a keyword" says little about which records are about the term.
const textOnly = (k: string, df: string[]) => ids.filter((id) => !df.includes(id) && inText(id, k)).length;
const keywordCandidates = [...keywordDf.entries()]
  .filter(([k, df]) => topical(k) && df.length >= 2 && df.length <= 15 && HAN.test(k) && [...k].length >= 2 && [...k].length <= 12 && textOnly(k, df) <= Math.max(5, 2 * df.length))
  .map(([k]) => k)
  .sort();
for (const k of spread(keywordCandidates, Number(values.keywordQueries), `${values.seed}/keyword`, facetOfKeyword, (k) => !usedQ.has(k))) {
  const judgments: Judgments = {};
  for (const id of ids) {
    if (listed(id, k)) judgments[id] = inTitle(id, k) ? 3 : 2;
    else if (inText(id, k)) judgments[id] = 1;
  }
  usedQ.add(k);
  queries.push({
    id: '',
    q: surface(k),
    lang: 'zh',
    kind: 'keyword',
    judgments: sortJudgments(judgments),
  });
}

// Two-keyword queries: pairs listed together by a record, each listed by 2–15 records;
// 3 = both listed, 2 = both occur (at least one only in the text), 1 = only one occurs.
const pairCandidates: Array<{ a: string; b: string; owner: string }> = [];
for (const id of ids) {
  const ks = normKeywords.get(id)!.filter((k) => topical(k) && HAN.test(k) && (keywordDf.get(k)?.length ?? 0) >= 2 && (keywordDf.get(k)?.length ?? 0) <= 15);
  for (let i = 0; i < ks.length; i++) for (let j = i + 1; j < ks.length; j++) if (!ks[i]!.includes(ks[j]!) && !ks[j]!.includes(ks[i]!)) pairCandidates.push({ a: ks[i]!, b: ks[j]!, owner: id });
}
const pairKey = (p: { a: string; b: string }) => [p.a, p.b].sort().join(' ');
const seenPairs = new Set<string>();
const multi = spread(
  pairCandidates,
  Number(values.multiQueries),
  `${values.seed}/multi`,
  (p) => ({
    field: info.get(p.owner)!.field,
    discipline: info.get(p.owner)!.discipline,
  }),
  (p) => {
    const key = pairKey(p);
    const q = `${surface(p.a)} ${surface(p.b)}`;
    if (seenPairs.has(key) || usedQ.has(norm(q))) return false;
    seenPairs.add(key);
    return true;
  },
);
for (const p of multi) {
  const judgments: Judgments = {};
  for (const id of ids) {
    const la = listed(id, p.a);
    const lb = listed(id, p.b);
    const ha = la || inText(id, p.a);
    const hb = lb || inText(id, p.b);
    if (la && lb) judgments[id] = 3;
    else if (ha && hb) judgments[id] = 2;
    else if (ha || hb) judgments[id] = 1;
  }
  const q = `${surface(p.a)} ${surface(p.b)}`;
  usedQ.add(norm(q));
  queries.push({
    id: '',
    q,
    lang: 'zh',
    kind: 'multi',
    judgments: sortJudgments(judgments),
  });
}

// Title paraphrases: the title cut to its core noun phrase; 3 for that paper only.
const LEADING = /^(?:一种|浅谈|浅析|试论|论|关于|对|谈)/;
const TRAILING =
  /(?:的)?(?:研究进展|研究现状|应用研究|实验研究|试验研究|对比研究|初步研究|研究与应用|研究与实践|研究与设计|设计与实现|设计与开发|及其应用|中的应用|的应用|应用|研究|分析|探讨|探究|探索|初探|浅析|综述|进展|评价|试验|实验|观察|调查|思考|对策|比较|为例)$/;
/** What a stripped 数值分析, 临床观察 or 方法及应用 leaves behind. */
const DANGLING = /(?:的)?(?:数值|临床|相关|初步|理论|实验|试验|定量|综合)$|[及与和]$/;
function coreTitle(title: string): string {
  let t = normalizeText(title, { lowerCase: false });
  t = t.split(/——|—|--|:|：/)[0]!.trim(); // the main title, without its subtitle
  t = t
    .replace(/[?？!！。.]+$/, '')
    .replace(/[(（][^)）]*[)）]$/, '')
    .trim();
  t = t.replace(/^(.+)在(.+)中的应用(?:研究)?$/, '$1 $2'); // X在Y中的应用 → X Y
  const based = /^(?:一种)?基于(.+?)的(.{6,})$/.exec(t); // 基于X的Y → Y
  if (based) t = based[2]!;
  for (let i = 0; i < 4; i++) {
    const before = t;
    t = t.replace(LEADING, '').replace(TRAILING, '').replace(DANGLING, '').trim();
    if (t === before) break;
  }
  return t
    .replace(/(?<!目)的/g, '')
    .replace(/[，,、\s]+$/, '')
    .trim();
}
const titleCandidates = ids.filter((id) => {
  const c = coreTitle(listings[ids.indexOf(id)]!.title);
  const n = [...c].length;
  return n >= 5 && n <= 20 && norm(c) !== normTitle.get(id);
});
for (const id of spread(
  titleCandidates,
  Number(values.titleQueries),
  `${values.seed}/title`,
  (x) => ({ field: info.get(x)!.field, discipline: info.get(x)!.discipline }),
  (x) => {
    const q = norm(coreTitle(info.get(x)!.title));
    // Another record whose title holds the whole phrase would be an unjudged hit: skip those.
    return !usedQ.has(q) && ids.every((o) => o === x || !normTitle.get(o)!.includes(q));
  },
)) {
  const q = coreTitle(info.get(id)!.title);
  usedQ.add(norm(q));
  queries.push({
    id: '',
    q,
    lang: 'zh',
    kind: 'title-paraphrase',
    judgments: { [id]: 3 },
  });
}
queries.forEach((q, i) => (q.id = `csl-q-${String(i + 1).padStart(3, '0')}`));

// ---------------------------------------------------------------------------------------
// Pseudo-demands from a paper's keywords and discipline

type Demand = {
  id: string;
  title: string;
  description: string;
  field: ResultField;
  keywords: string[];
  indicators: string[];
  budget: string | null;
  cooperationModes: Array<(typeof TRANSFER_MODES)[number]>;
  maturityNeeded: (typeof MATURITIES)[number] | null;
  judgments: Judgments;
};
/** Topical keywords the two papers both list (exact, after normalisation). */
const shared = (a: string, b: string) => {
  const kb = new Set(normKeywords.get(b)!);
  return new Set(normKeywords.get(a)!.filter((k) => topical(k) && kb.has(k))).size;
};
const topicalKeywords = (id: string) => info.get(id)!.keywords.filter((k) => topical(norm(k)));
const neighbours = new Map(ids.map((id) => [id, ids.filter((o) => o !== id && shared(id, o) >= 2)]));
// Half the demands from papers that share ≥ 2 keywords with another one, so that not every demand has a single answer.
const nDemands = Number(values.demands);
const facetOfId = (x: string) => ({
  field: info.get(x)!.field,
  discipline: info.get(x)!.discipline,
});
const demandable = ids.filter((id) => topicalKeywords(id).length >= 3);
const withN = spread(
  demandable.filter((id) => neighbours.get(id)!.length > 0),
  Math.ceil(nDemands / 2),
  `${values.seed}/demand+`,
  facetOfId,
);
const withoutN = spread(
  demandable.filter((id) => neighbours.get(id)!.length === 0),
  nDemands - withN.length,
  `${values.seed}/demand-`,
  facetOfId,
);
const demands: Demand[] = [...withN, ...withoutN].map((id, i) => {
  const p = info.get(id)!;
  const keywords = topicalKeywords(id);
  const [k1, k2] = keywords;
  const judgments: Judgments = { [id]: 3 };
  for (const o of ids) {
    if (o === id) continue;
    const s = shared(id, o);
    if (s >= 2) judgments[o] = 2;
    else if (s === 1) judgments[o] = 1;
  }
  return {
    id: `csl-m-${String(i + 1).padStart(3, '0')}`,
    title: `寻求${k1}与${k2}相关技术`,
    description: `我单位从事${p.discipline.replace('/', '、')}相关的研发与生产，现寻求${keywords.join('、')}方面的技术成果或研发团队，希望通过技术许可或联合开发开展合作。`,
    field: p.field,
    keywords,
    indicators: [],
    budget: null,
    cooperationModes: ['license', 'joint_development'],
    maturityNeeded: 'pilot_small',
    judgments: sortJudgments(judgments),
  };
});

// ---------------------------------------------------------------------------------------
// Checks: what the dev-set tests and the API would ask of the same data

const problems: string[] = [];
const check = (ok: boolean, what: string) => void (ok || problems.push(what));
const idSet = new Set(ids);
check(idSet.size === listings.length, 'listing ids unique');
check(new Set(listings.map((l) => norm(l.title))).size === listings.length, 'listing titles unique');
for (const l of listings) {
  check((RESULT_FIELDS as readonly string[]).includes(l.field), `${l.id} field`);
  check((IP_TYPES as readonly string[]).includes(l.ipType), `${l.id} ipType`);
  check((MATURITIES as readonly string[]).includes(l.maturity), `${l.id} maturity`);
  check(l.transferModes.length > 0 && l.transferModes.every((m) => (TRANSFER_MODES as readonly string[]).includes(m)), `${l.id} transferModes`);
  const { id: _, institution: __, ...input } = l;
  const r = resultCreateSchema.safeParse(input);
  check(r.success, `${l.id} resultCreateSchema: ${r.error?.message}`);
}
check(new Set(queries.map((q) => q.id)).size === queries.length, 'query ids unique');
check(new Set(queries.map((q) => norm(q.q))).size === queries.length, 'query strings unique');
for (const q of queries) {
  check(
    Object.values(q.judgments).some((g) => g >= 2),
    `${q.id} has a relevant listing`,
  );
  for (const [id, g] of Object.entries(q.judgments)) check(idSet.has(id) && [1, 2, 3].includes(g), `${q.id} → ${id} ${g}`);
}
check(new Set(demands.map((d) => d.id)).size === demands.length, 'demand ids unique');
for (const d of demands) {
  const { id: _, judgments: __, ...input } = d;
  const r = demandCreateSchema.safeParse(input);
  check(r.success, `${d.id} demandCreateSchema: ${r.error?.message}`);
  check(
    Object.values(d.judgments).some((g) => g >= 2),
    `${d.id} has a relevant listing`,
  );
  for (const [id, g] of Object.entries(d.judgments)) check(idSet.has(id) && [1, 2, 3].includes(g), `${d.id} → ${id} ${g}`);
}
if (problems.length) {
  console.error(`${problems.length} problems:\n  ${problems.slice(0, 30).join('\n  ')}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------
// Output and summary

const out = path.resolve(values.out!);
mkdirSync(out, { recursive: true });
const write = (name: string, data: unknown) => writeFileSync(path.join(out, name), `${JSON.stringify(data, null, 1)}\n`);
write('listings.json', listings);
write('search-queries.json', queries);
write('demands.json', demands);
write('manifest.json', {
  source: values.source || 'CSL benchmark subset (github.com/ydli-ai/CSL, Apache-2.0)',
  seed: values.seed,
  inputs: files.map((f) => ({
    file: path.relative(process.cwd(), f),
    sha256: createHash('sha256').update(readFileSync(f)).digest('hex'),
  })),
  papersRead: titleOfAbstract.size,
  excluded,
  listings: listings.length,
  queries: queries.length,
  demands: demands.length,
  /** Listing id → the ts/*.tsv row it came from. */
  origin: Object.fromEntries(listings.map((l) => [l.id, info.get(l.id)!.source])),
});

const count = <T>(xs: T[], key: (x: T) => string) => {
  const m = new Map<string, number>();
  for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1]);
};
const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0).toFixed(1);
const relevant = (j: Judgments) => Object.values(j).filter((g) => g >= 2).length;
const lens = listings.map((l) => l.abstract.length).sort((a, b) => a - b);
console.log(
  `read ${titleOfAbstract.size} papers from ${files.length} files; excluded: ${
    Object.entries(excluded)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ') || 'none'
  }`,
);
console.log(`\nlistings.json: ${listings.length} listings`);
console.log(
  `  by field: ${count(listings, (l) => l.field)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}`,
);
console.log(`  disciplines: ${new Set(papers.map((p) => p.discipline)).size}; keywords per listing: mean ${avg(listings.map((l) => l.keywords.length))}`);
console.log(`  abstract length: min ${lens[0]}, median ${lens[Math.floor(lens.length / 2)]}, max ${lens.at(-1)}; over 300 characters: ${lens.filter((n) => n > 300).length}`);
console.log(`\nsearch-queries.json: ${queries.length} queries`);
for (const [kind, n] of count(queries, (q) => q.kind)) {
  const sel = queries.filter((q) => q.kind === kind);
  console.log(
    `  ${kind.padEnd(17)} ${String(n).padStart(3)}  relevant (≥ 2) per query: mean ${avg(sel.map((q) => relevant(q.judgments)))}, max ${Math.max(
      ...sel.map((q) => relevant(q.judgments)),
    )}; grade 1 per query: mean ${avg(sel.map((q) => Object.values(q.judgments).filter((g) => g === 1).length))}`,
  );
}
const qFields = count(queries, (q) => info.get(Object.entries(q.judgments).sort((a, b) => b[1] - a[1])[0]![0])!.field);
console.log(`  by field of the top-graded listing: ${qFields.map(([k, v]) => `${k} ${v}`).join(', ')}`);
console.log(
  `  examples: ${queries
    .filter((_, i) => i % 23 === 0)
    .map((q) => `${q.kind}:“${q.q}”`)
    .join('  ')}`,
);
console.log(
  `\ndemands.json: ${demands.length} demands; by field: ${count(demands, (d) => d.field)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}`,
);
console.log(
  `  relevant (≥ 2) per demand: mean ${avg(demands.map((d) => relevant(d.judgments)))}, max ${Math.max(...demands.map((d) => relevant(d.judgments)))}; only the source paper: ${
    demands.filter((d) => relevant(d.judgments) === 1).length
  }`,
);
console.log(`  ceiling of precision@5: ${(demands.reduce((s, d) => s + Math.min(5, relevant(d.judgments)) / 5, 0) / demands.length).toFixed(3)}`);
console.log(`  example: ${demands[0]!.title} / ${demands[0]!.description}`);
console.log(`\nall checks passed; written to ${path.relative(process.cwd(), out) || '.'}/`);
