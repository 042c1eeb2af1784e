/**
 * Deterministic generator of demo / load-test listings (科技成果 and 专利) for
 * the marketplace: pure, no I/O, no dependency. The same `{ count, seed,
 * institutions }` always gives the same listings.
 *
 * Titles follow the real naming patterns of Chinese patents and results
 * (一种{性能}{材料}及其制备方法, 基于{技术}的{对象}{任务}系统, 一种{装置}的密封结构,
 * {作物}新品种聊麦27, …), abstracts the patterns of 说明书摘要 and 成果简介, drawn
 * from the per-field vocabulary in `db/seed/vocabulary/`. About 60% are patents
 * with valid, unique application numbers (ZL + 12 digits + '.' + check char).
 */
import Decimal from 'decimal.js';
import { makePatentNo, parsePatentNo, patentCheckChar } from '#domain/codes/patent.ts';
import { IP_TYPES, MATURITIES, TRANSFER_MODES } from '#domain/result-codes.ts';
import {
  DESIGN_VARIANTS,
  DEVICE_EFFECTS,
  DEVICE_FEATURES,
  DEVICE_PARTS,
  PART_SET_OF_TOPIC,
  type PartSet,
  DIGITAL_TECHS,
  EFFECT_LEADS,
  FIELDS,
  GIVEN_NAME_CHARS,
  KNOW_HOW_PROCESS_TAILS,
  KNOW_HOW_SUBJECT_TAILS,
  ORGANISM_CONTEXTS,
  ORGANISM_PROCESS_PHRASES,
  RESULT_VERBS,
  SOFTWARE_FUNCTIONS,
  SOFTWARE_SUFFIXES,
  STAGES,
  STRUCTURE_CLAUSES,
  STRUCTURES,
  SURNAMES,
  TASK_SUFFIXES,
  VARIETY_PARENT_PREFIXES,
  VARIETY_REGIONS,
  VOCABULARY,
  splitList,
  splitObjects,
  splitTagged,
  splitTerm,
  type Field,
  type FieldVocabulary,
  type SubjectKind,
  type Term,
} from '#db/seed/vocabulary/index.ts';

export { FIELDS, type Field };

export const LISTING_KINDS = ['patent', 'result'] as const;
export type ListingKind = (typeof LISTING_KINDS)[number];

export { IP_TYPES, MATURITIES, TRANSFER_MODES };
export type IpType = (typeof IP_TYPES)[number];

export const PATENT_IP_TYPES = ['invention_patent', 'utility_model', 'design'] as const satisfies readonly IpType[];

export type TransferMode = (typeof TRANSFER_MODES)[number];

export type Maturity = (typeof MATURITIES)[number];

export type GeneratedListing = {
  kind: ListingKind;
  title: string;
  /** English title, for about 40% of the listings whose vocabulary has one. */
  titleEn: string | null;
  abstract: string;
  field: Field;
  ipType: IpType;
  /** `ZL` + 12 digits + `.` + check char for patents, else null. */
  patentNo: string | null;
  transferModes: TransferMode[];
  /** Yuan as a decimal string (`'350000.00'`), or null for 面议. */
  price: string | null;
  maturity: Maturity;
  keywords: string[];
  inventors: string[];
  holderOrgId: string;
};

export type GeneratorInstitution = { id: string; name: string; kind: string };

export type GenerateOptions = { count: number; seed: number; institutions: ReadonlyArray<GeneratorInstitution> };

// ---------------------------------------------------------------------------
// Patent numbers: the one implementation lives in domain/codes/patent.ts.

export { makePatentNo, patentCheckChar };

/** Whether `no` is `ZL` + 12 digits + `.` + the right check char. */
export function isValidPatentNo(no: string): boolean {
  const p = parsePatentNo(no);
  return p.ok && p.normalized === no;
}

// ---------------------------------------------------------------------------
// PRNG

/** mulberry32: a tiny, fast 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Items with cumulative weights, for fast repeated weighted picks. */
class Table<T> {
  readonly items: T[];
  readonly cum: number[];
  readonly total: number;
  constructor(pairs: ReadonlyArray<readonly [T, number]>) {
    this.items = pairs.map(([v]) => v);
    let acc = 0;
    this.cum = pairs.map(([, w]) => (acc += w));
    this.total = acc;
  }
  get length(): number {
    return this.items.length;
  }
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(arr: readonly T[]): T {
    const v = arr[Math.floor(this.next() * arr.length)];
    if (v === undefined) throw new Error('pick from an empty list');
    return v;
  }
  /** Picks from [item, weight] pairs. */
  weighted<T>(pairs: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of pairs) total += w;
    let r = this.next() * total;
    for (const [v, w] of pairs) {
      r -= w;
      if (r < 0) return v;
    }
    const last = pairs[pairs.length - 1];
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }
  /** Index of one of the weights, picked in proportion to it. */
  index(...weights: number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }
  /** Picks from a prepared table (binary search over cumulative weights). */
  from<T>(table: Table<T>): T {
    const r = this.next() * table.total;
    let lo = 0;
    let hi = table.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((table.cum[mid] ?? 0) > r) hi = mid;
      else lo = mid + 1;
    }
    const v = table.items[lo];
    if (v === undefined) throw new Error('pick from an empty table');
    return v;
  }
  /** A different element than `not` when the list allows. */
  pickOther<T>(arr: readonly T[], not: T): T {
    if (arr.length < 2) return this.pick(arr);
    for (let i = 0; i < 6; i++) {
      const v = this.pick(arr);
      if (v !== not) return v;
    }
    return this.pick(arr);
  }
}

// ---------------------------------------------------------------------------
// Prepared vocabulary (parsed once)

type Phrase = { tags: string[] | null; text: string };

type Prepared = {
  v: FieldVocabulary;
  digital: boolean;
  subjects: Record<SubjectKind, Term[]>;
  processes: Record<SubjectKind, Term[]>;
  properties: Record<SubjectKind, Term[]>;
  techs: Term[];
  scenes: Map<string, Term>;
  problems: Phrase[];
  methods: Phrase[];
  effects: Phrase[];
  terms: Phrase[];
  /** Memo of phrase choices per list, subject kind and tag. */
  memo: Record<PhraseList, Record<SubjectKind, Map<string | null, readonly string[]>>>;
  fitting: Record<'processes' | 'properties', Record<SubjectKind, Map<string | null, Term[]>>>;
  techsFor: Record<SubjectKind, Map<string | null, Term[]>>;
  /** Plants and fungi with a variety-name prefix. */
  varieties: Term[];
  resultTypes: Table<IpType>;
  knowHowKinds: Table<SubjectKind>;
  inventionKinds: Table<SubjectKind>;
};

const terms = (xs: readonly string[]): Term[] => xs.map(splitTerm);
const byKind = <V>(): Record<SubjectKind, Map<string | null, V>> => ({ material: new Map(), device: new Map(), task: new Map(), organism: new Map() });

function prepare(v: FieldVocabulary): Prepared {
  const sceneList = terms(v.scenes);
  const subjects: Record<SubjectKind, Term[]> = { material: terms(v.materials), device: terms(v.devices), task: terms(v.tasks), organism: terms(v.organisms) };
  const n = (k: SubjectKind) => subjects[k].length;
  const varieties = subjects.organism.filter((o) => o.extra && o.tag !== 'microbe' && o.tag !== 'animal');
  const hasVariety = varieties.length > 0;
  return {
    varieties,
    resultTypes: new Table<IpType>([
      ['software_copyright', v.field === 'electronic_information' ? 0.6 : 0.3],
      ['know_how', 0.7 - (hasVariety ? 0.15 : 0)],
      ['plant_variety', hasVariety ? 0.35 : 0],
    ]),
    knowHowKinds: new Table<SubjectKind>([
      ['material', n('material') * 1.2],
      ['organism', n('organism')],
      ['device', n('device') * 0.7],
      ['task', n('task') * 0.7],
    ]),
    inventionKinds: new Table<SubjectKind>([
      ['material', n('material')],
      ['device', n('device') * 0.8],
      ['task', n('task')],
      ['organism', n('organism') * 0.8],
    ]),
    v,
    digital: v.field === 'electronic_information' || v.field === 'optomechatronics',
    subjects,
    processes: {
      material: terms(v.processes.material),
      device: terms(v.processes.device),
      task: terms(v.processes.task),
      organism: terms(v.processes.organism),
    },
    properties: {
      material: terms(v.properties.material),
      device: terms(v.properties.device),
      task: terms(v.properties.task),
      organism: terms(v.properties.organism),
    },
    techs: terms(v.techs),
    scenes: new Map(sceneList.map((s) => [s.zh, s])),
    problems: v.problems.map(splitTagged),
    methods: v.methods.map(splitTagged),
    effects: v.effects.map(splitTagged),
    terms: v.terms.map(splitTagged),
    memo: { problems: byKind(), methods: byKind(), effects: byKind(), terms: byKind() },
    fitting: { processes: byKind(), properties: byKind() },
    techsFor: byKind(),
  };
}

let PREPARED: Record<Field, Prepared> | null = null;
function prepared(): Record<Field, Prepared> {
  if (!PREPARED) {
    PREPARED = {
      new_materials: prepare(VOCABULARY.new_materials),
      electronic_information: prepare(VOCABULARY.electronic_information),
      optomechatronics: prepare(VOCABULARY.optomechatronics),
      resources_environment_energy: prepare(VOCABULARY.resources_environment_energy),
      biomedicine: prepare(VOCABULARY.biomedicine),
      agriculture: prepare(VOCABULARY.agriculture),
    };
  }
  return PREPARED;
}

const DIGITAL = terms(DIGITAL_TECHS);
const FEATURES = terms(DEVICE_FEATURES);
const FEATURES_BY_SET: Record<PartSet, Term[]> = {
  mech: FEATURES.filter((f) => fits(f, 'mech')),
  elec: FEATURES.filter((f) => fits(f, 'elec')),
  chip: FEATURES.filter((f) => fits(f, 'elec')),
  med: FEATURES.filter((f) => fits(f, 'med')),
};
const partSet = (s: Term): PartSet => PART_SET_OF_TOPIC[s.tag ?? ''] ?? 'mech';
const PROCESS_TAILS = terms(KNOW_HOW_PROCESS_TAILS);
const SUBJECT_TAILS = terms(KNOW_HOW_SUBJECT_TAILS);
const STRUCTURE_TERMS: Record<PartSet, Term[]> = { mech: terms(STRUCTURES.mech), elec: terms(STRUCTURES.elec), chip: terms(STRUCTURES.chip), med: terms(STRUCTURES.med) };
const TASK_SUFFIX_TERMS = terms(TASK_SUFFIXES);
const CONTEXTS: Record<string, Term[]> = Object.fromEntries(Object.entries(ORGANISM_CONTEXTS).map(([k, xs]) => [k, terms(xs)]));

type PhraseList = 'problems' | 'methods' | 'effects' | 'terms';

const tagged = (xs: Phrase[], tag: string | null): string[] => (tag ? xs.filter((x) => x.tags?.includes(tag)).map((x) => x.text) : []);
const untagged = (xs: Phrase[]): string[] => xs.filter((x) => !x.tags).map((x) => x.text);

/**
 * Abstract phrases that fit a subject: those tagged with its topic, plus the
 * untagged ones. Systems and methods (tasks) outside electronic information and
 * optomechatronics borrow the digital phrases of electronic information.
 */
function phrases(p: Prepared, list: PhraseList, kind: SubjectKind, tag: string | null): readonly string[] {
  const byKind = p.memo[list][kind];
  const hit = byKind.get(tag);
  if (hit) return hit;
  let out: string[];
  if (kind === 'task' && !p.digital) {
    const ei = prepared().electronic_information[list];
    out = [...tagged(p[list], tag), ...tagged(ei, tag)];
    if (out.length < 2) out = [...out, ...untagged(ei)];
    if (list === 'terms') out = [...out, ...untagged(p[list])];
  } else {
    out = [...tagged(p[list], tag), ...untagged(p[list])];
  }
  if (out.length === 0) out = p[list].map((x) => x.text);
  byKind.set(tag, out);
  return out;
}

/** 医学图像 + 图像分割 → 医学图像分割. */
function joinOverlap(a: string, b: string): string {
  for (let k = Math.min(a.length, b.length); k >= 2; k--) if (a.endsWith(b.slice(0, k))) return a + b.slice(k);
  return a + b;
}

// ---------------------------------------------------------------------------
// Small text helpers

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Whether the listing being generated gets an English title; set before its
 * title is composed so that titles without one skip the English entirely.
 */
let wantEnglish = false;

/** Joins English parts with spaces; null as soon as one needed part has no English. */
function en(...parts: Array<string | null | undefined>): string | null {
  if (!wantEnglish) return null;
  let out = '';
  for (const p of parts) {
    if (p === null || p === undefined) return null;
    if (p.length === 0) continue;
    out = out.length === 0 ? p : p.charCodeAt(0) === 44 /* , */ ? out + p : `${out} ${p}`;
  }
  return cap(out);
}

const EMPTY: Term = { zh: '', en: '', extra: null, tag: null };

/** Fills `{p}` 10–60, `{q}` 95.0–99.9, `{n}` 2–20, `{t}` 30–300, `{e}` 18.0–25.9. */
function fill(template: string, rng: Rng): string {
  if (template.indexOf('{') < 0) return template;
  let out = template;
  if (out.includes('{p}')) out = out.replace('{p}', String(rng.int(10, 60)));
  if (out.includes('{q}')) out = out.replace('{q}', `${rng.int(95, 99)}.${rng.int(0, 9)}`);
  if (out.includes('{n}')) out = out.replace('{n}', String(rng.int(2, 20)));
  if (out.includes('{t}')) out = out.replace('{t}', String(rng.int(3, 30) * 10));
  if (out.includes('{e}')) out = out.replace('{e}', `${rng.int(18, 25)}.${rng.int(0, 9)}`);
  return out;
}

// ---------------------------------------------------------------------------
// Titles

type Composed = {
  zh: string;
  en: string | null;
  subject: Term;
  subjectKind: SubjectKind;
  /** Extra keyword candidates, most specific first. */
  kw: string[];
  scene: Term | null;
  /** The object a task is applied to (轴承, 铜箔 …), if any. */
  object: string | null;
  /** The process named in the title (选育方法 …), for plants and animals. */
  process?: Term | null;
};

/** Whether a process / property / tech fits a subject's topic or category (see vocabulary/types.ts). */
function fits(t: Term, tag: string | null): boolean {
  if (t.extra === null) return tag !== 'animal';
  return tag !== null && t.extra.split(',').includes(tag);
}

/** Explicitly tagged for the topic (untagged terms do not count). */
function fitsStrictly(t: Term, tag: string | null): boolean {
  return t.extra !== null && tag !== null && t.extra.split(',').includes(tag);
}

/** The scenes a material, device or microbe is used in (not tasks, not plants). */
const sceneMemo = new WeakMap<Term, Term[]>();
const NO_TERMS: Term[] = [];
function subjectScenes(p: Prepared, s: Term, kind: SubjectKind): Term[] {
  if (kind === 'task' || (kind === 'organism' && s.tag !== 'microbe')) return NO_TERMS;
  let out = sceneMemo.get(s);
  if (!out) {
    out = splitList(s.extra).map((name) => p.scenes.get(name) ?? { zh: name, en: null, extra: null, tag: null });
    sceneMemo.set(s, out);
  }
  return out;
}

const objectMemo = new WeakMap<Term, Array<{ zh: string; en: string | null }>>();
function objectsOf(s: Term): Array<{ zh: string; en: string | null }> {
  let out = objectMemo.get(s);
  if (!out) {
    out = splitObjects(s.extra);
    objectMemo.set(s, out);
  }
  return out;
}

/** Processes or properties of a kind that fit a topic / category (memoised). */
function fitting(p: Prepared, list: 'processes' | 'properties', kind: SubjectKind, tag: string | null): Term[] {
  const memo = p.fitting[list][kind];
  let out = memo.get(tag);
  if (!out) {
    out = p[list][kind].filter((t) => fits(t, tag));
    memo.set(tag, out);
  }
  return out;
}

const SMART_TOPICS = new Set(['iot', 'sensor', 'greenhouse', 'livestock', 'mobile', 'robot', 'inspect', 'device', 'battery', 'solar', 'water', 'machine', 'equipment']);

/** Techs a subject can be “based on”. */
function techsFor(p: Prepared, kind: SubjectKind, tag: string | null): Term[] {
  const hit = p.techsFor[kind].get(tag);
  if (hit) return hit;
  let out: Term[];
  const digital = DIGITAL.filter((t) => fits(t, tag));
  if (kind === 'task') out = p.digital ? p.techs.filter((t) => fits(t, tag)) : [...p.techs.filter((t) => fitsStrictly(t, tag)), ...digital];
  else if (kind === 'device') out = [...p.techs.filter((t) => fitsStrictly(t, tag)), ...(SMART_TOPICS.has(tag ?? '') ? digital : [])];
  else out = p.techs.filter((t) => fitsStrictly(t, tag));
  p.techsFor[kind].set(tag, out);
  return out;
}

/** A property that fits the subject and is not already part of its name. */
function propertyFor(rng: Rng, p: Prepared, kind: SubjectKind, subject: Term, not?: Term): Term {
  const list = fitting(p, 'properties', kind, subject.tag);
  if (list.length === 0) return EMPTY;
  for (let i = 0; i < 5; i++) {
    const t = rng.pick(list);
    if (!subject.zh.includes(t.zh) && t !== not) return t;
  }
  return EMPTY;
}

function processFor(rng: Rng, p: Prepared, kind: SubjectKind, subject: Term, exclude: RegExp | null = null): Term {
  let list = fitting(p, 'processes', kind, subject.tag);
  if (exclude) list = list.filter((t) => !exclude.test(t.zh));
  return list.length > 0 ? rng.pick(list) : { zh: '制备方法', en: 'preparation method', extra: null, tag: null };
}

function pickObject(rng: Rng, s: Term, p: number): { zh: string; en: string | null } {
  const objects = objectsOf(s);
  return objects.length > 0 && rng.chance(p) ? rng.pick(objects) : { zh: '', en: '' };
}

function materialTitle(rng: Rng, p: Prepared, s: Term): Composed {
  const P = propertyFor(rng, p, 'material', s);
  const R = processFor(rng, p, 'material', s);
  const scenes = s.zh.includes('用') ? [] : subjectScenes(p, s, 'material').filter((c) => !s.zh.includes(c.zh) && !c.zh.includes(s.zh));
  const C = scenes.length > 0 ? rng.pick(scenes) : null;
  const techs = techsFor(p, 'material', s.tag);
  const T = techs.length > 0 ? rng.pick(techs) : null;
  const kw = [s.zh, P.zh];
  const variant = 'abcdefg'.charAt(rng.index(3, 3, T && !/应用|新剂型/.test(R.zh) ? 2 : 0, C ? 2 : 0, C ? 2 : 0, 0.5, C ? 1 : 0));
  const base = { subject: s, subjectKind: 'material' as const, scene: C, object: null };
  const c = C ?? EMPTY;
  switch (variant) {
    case 'a':
      return { ...base, zh: `一种${P.zh}${s.zh}及其制备方法`, en: en(P.en, s.en, 'and preparation method thereof'), kw };
    case 'b':
      return { ...base, zh: `一种${P.zh}${s.zh}的${R.zh}`, en: en(R.en, 'of', P.en, s.en), kw };
    case 'c': {
      const t = T ?? EMPTY;
      return { ...base, zh: `一种基于${t.zh}的${s.zh}${R.zh}`, en: en(R.en, 'of', s.en, 'based on', t.en), kw: [s.zh, t.zh] };
    }
    case 'd': {
      const P2 = propertyFor(rng, p, 'material', s, P);
      const props = P.en && P2.en ? `${P.en}, ${P2.en}` : P.en === '' || P2.en === '' ? `${P.en ?? ''}${P2.en ?? ''}` : null;
      return { ...base, zh: `一种${P.zh}${P2.zh}${s.zh}及其在${c.zh}中的应用`, en: en(props, s.en, 'and application thereof in', c.en), kw: [s.zh, c.zh, P.zh, P2.zh] };
    }
    case 'e':
      return { ...base, zh: `${c.zh}用${P.zh}${s.zh}及其制备方法`, en: en(P.en, s.en, 'for', c.en, 'and preparation method thereof'), kw: [s.zh, c.zh, P.zh] };
    case 'g':
      return { ...base, zh: `一种用于${c.zh}的${P.zh}${s.zh}`, en: en(P.en, s.en, 'for', c.en), kw: [s.zh, c.zh, P.zh] };
    default:
      return { ...base, zh: `${s.zh}的${R.zh}`, en: en(R.en, 'of', s.en), kw: [s.zh] };
  }
}

function deviceTitle(rng: Rng, p: Prepared, s: Term, ip: IpType): Composed {
  const P = propertyFor(rng, p, 'device', s);
  const R = processFor(rng, p, 'device', s);
  const scenes = subjectScenes(p, s, 'device').filter((c) => !s.zh.includes(c.zh));
  const C = scenes.length > 0 ? rng.pick(scenes) : null;
  const techs = techsFor(p, 'device', s.tag);
  const T = techs.length > 0 ? rng.pick(techs) : null;
  const invention = ip === 'invention_patent';
  const base = { subject: s, subjectKind: 'device' as const, scene: C, object: null };
  const variant = 'abcdefh'.charAt(rng.index(2, C ? 1.5 : 0, invention ? 2 : 0, invention && T ? 1.5 : 0, C ? 1.5 : 0, invention ? 0.5 : 2.5, invention ? 2 : 5));
  const c = C ?? EMPTY;
  switch (variant) {
    case 'h': {
      const F = rng.pick(FEATURES_BY_SET[partSet(s)]);
      return { ...base, zh: `一种${F.zh}${P.zh}${s.zh}`, en: en(F.en, P.en, s.en), kw: [s.zh, P.zh] };
    }
    case 'b':
      return { ...base, zh: `一种用于${c.zh}的${P.zh}${s.zh}`, en: en(P.en, s.en, 'for', c.en), kw: [s.zh, c.zh, P.zh] };
    case 'c':
      return { ...base, zh: `一种${P.zh}${s.zh}及其${R.zh}`, en: en(P.en, s.en, 'and', R.en, 'thereof'), kw: [s.zh, P.zh] };
    case 'd': {
      const t = T ?? EMPTY;
      return { ...base, zh: `一种基于${t.zh}的${P.zh}${s.zh}`, en: en(P.en, s.en, 'based on', t.en), kw: [s.zh, t.zh, P.zh] };
    }
    case 'e':
      return { ...base, zh: `一种${c.zh}用${P.zh}${s.zh}`, en: en(P.en, s.en, 'for', c.en), kw: [s.zh, c.zh, P.zh] };
    case 'f': {
      const st = rng.pick(STRUCTURE_TERMS[partSet(s)]);
      return { ...base, zh: `一种${P.zh}${s.zh}的${st.zh}`, en: en(st.en, 'of', P.en, s.en), kw: [s.zh, st.zh, P.zh] };
    }
    default:
      return { ...base, zh: `一种${P.zh}${s.zh}`, en: en(P.en, s.en), kw: [s.zh, P.zh] };
  }
}

function taskTitle(rng: Rng, p: Prepared, s: Term): Composed {
  const O = pickObject(rng, s, 0.85);
  const P = propertyFor(rng, p, 'task', s);
  const techs = techsFor(p, 'task', s.tag);
  const T = rng.pick(techs);
  const X = rng.pick(TASK_SUFFIX_TERMS);
  const base = { subject: s, subjectKind: 'task' as const, scene: null, object: O.zh || null };
  const core = joinOverlap(O.zh, s.zh);
  const kw = [core.length <= 12 ? core : s.zh, T.zh, O.zh, P.zh];
  const variant = 'abcde'.charAt(rng.index(4, 2, 2, 1, 1));
  switch (variant) {
    case 'b':
      return { ...base, zh: `一种${core}方法`, en: en(O.en, s.en, 'method'), kw: [core, O.zh, s.zh] };
    case 'c':
      return { ...base, zh: `一种基于${T.zh}的${P.zh}${core}方法`, en: en(P.en, O.en, s.en, 'method based on', T.en), kw };
    case 'd':
      return { ...base, zh: `一种${P.zh}${core}系统`, en: en(P.en, O.en, s.en, 'system'), kw: [core, P.zh, O.zh] };
    case 'e': {
      const T2 = rng.pickOther(techs, T);
      if (T2 === T) return { ...base, zh: `基于${T.zh}的${P.zh}${core}方法`, en: en(P.en, O.en, s.en, 'method based on', T.en), kw };
      return { ...base, zh: `基于${T.zh}和${T2.zh}的${core}方法`, en: en(O.en, s.en, 'method based on', T.en, 'and', T2.en), kw: [...kw, T2.zh] };
    }
    default:
      return { ...base, zh: `基于${T.zh}的${core}${X.zh}`, en: en(O.en, s.en, X.en, 'based on', T.en), kw };
  }
}

function organismTitle(rng: Rng, p: Prepared, s: Term): Composed {
  const category = s.tag ?? 'veg';
  const base: { subject: Term; subjectKind: 'organism'; object: null; process: Term | null } = { subject: s, subjectKind: 'organism', object: null, process: null };
  if (category === 'microbe') {
    const P = propertyFor(rng, p, 'organism', s);
    const scenes = subjectScenes(p, s, 'organism');
    const C = scenes.length > 0 ? rng.pick(scenes) : null;
    const one = s.zh.endsWith('群') ? '一种' : '一株';
    // Strains carry a collection code: 一株植物乳杆菌LP-12及其应用.
    const code = one === '一株' && rng.chance(0.6) ? strainCode(rng, s) : '';
    const name = `${s.zh}${code}`;
    const variant = 'abc'.charAt(rng.index(2, C ? 2 : 0, 1.5));
    if (variant === 'b' && C)
      return { ...base, scene: C, zh: `${one}${P.zh}${name}及其在${C.zh}中的应用`, en: en(P.en, s.en, code, 'strain and application thereof in', C.en), kw: [s.zh, C.zh, P.zh] };
    if (variant === 'c') {
      const R = processFor(rng, p, 'organism', s, /^应用$/);
      return { ...base, process: R, scene: C, zh: `一种${P.zh}${s.zh}的${R.zh}`, en: en(R.en, 'of', P.en, s.en), kw: [s.zh, P.zh] };
    }
    return { ...base, scene: C, zh: `${one}${P.zh}${name}及其应用`, en: en(P.en, s.en, code, 'strain and application thereof'), kw: [s.zh, P.zh] };
  }
  const R = processFor(rng, p, 'organism', s);
  base.process = R;
  const contexts = CONTEXTS[category] ?? [];
  const X = contexts.length > 0 ? rng.pick(contexts) : EMPTY;
  const techs = techsFor(p, 'organism', category).filter((t) => t.extra !== null);
  if (category === 'animal') {
    return rng.chance(0.5)
      ? { ...base, scene: null, zh: `一种${s.zh}${R.zh}`, en: en(R.en, 'of', s.en), kw: [s.zh] }
      : { ...base, scene: null, zh: `一种${X.zh}${s.zh}${R.zh}`, en: en(R.en, 'of', X.en, s.en), kw: [s.zh, `${X.zh}${s.zh}`] };
  }
  const P = propertyFor(rng, p, 'organism', s);
  const variant = 'abcd'.charAt(rng.index(3, 2, category === 'fungus' ? 0 : 1, techs.length > 0 && /选育|鉴定/.test(R.zh) ? 1 : 0));
  if (variant === 'b') return { ...base, scene: null, zh: `一种${X.zh}${s.zh}${R.zh}`, en: en(R.en, 'of', X.en, s.en), kw: [s.zh, `${X.zh}${s.zh}`] };
  if (variant === 'c') return { ...base, process: SELECTION, scene: null, zh: `一种${P.zh}${s.zh}新种质的创制方法`, en: en('method for creating', P.en, s.en, 'germplasm'), kw: [s.zh, '种质创新', P.zh] };
  if (variant === 'd') {
    const T = rng.pick(techs);
    return { ...base, scene: null, zh: `一种基于${T.zh}的${P.zh}${s.zh}${R.zh}`, en: en(R.en, 'of', P.en, s.en, 'based on', T.en), kw: [s.zh, T.zh, P.zh] };
  }
  return { ...base, scene: null, zh: `一种${P.zh}${s.zh}的${R.zh}`, en: en(R.en, 'of', P.en, s.en), kw: [s.zh, P.zh] };
}

/** LP-12, BS7, SC-203: letters from the Latin name, then a number. */
function strainCode(rng: Rng, s: Term): string {
  const initials = (s.en ?? '')
    .split(/\s+/)
    .filter((w) => /^[A-Za-z]/.test(w) && !/^(recombinant|engineered)$/i.test(w))
    .map((w) => w.charAt(0).toUpperCase())
    .join('')
    .slice(0, 2);
  const letters = initials.length === 2 ? initials : `${rng.pick(MODEL_LETTERS)}${rng.pick(MODEL_LETTERS)}`;
  return `${letters}${rng.chance(0.6) ? '-' : ''}${rng.int(1, 320)}`;
}

const SELECTION: Term = { zh: '选育方法', en: 'breeding method', extra: null, tag: null };
const MODEL_LETTERS = [...'ABCDEFGHJKLMNPQRSTWXYZ'];

function designTitle(rng: Rng, s: Term): Composed {
  const base = { subject: s, subjectKind: 'device' as const, scene: null, object: null };
  const r = rng.float();
  if (r < 0.1) return { ...base, zh: s.zh, en: en(s.en), kw: [s.zh] };
  if (r < 0.35) return { ...base, zh: `${s.zh}（${rng.pick(DESIGN_VARIANTS)}）`, en: null, kw: [s.zh] };
  const model = `${rng.pick(MODEL_LETTERS)}${rng.pick(MODEL_LETTERS)}-${rng.int(1, 99) * 10}`;
  return { ...base, zh: `${s.zh}（${model}）`, en: s.en ? en(s.en, `(${model})`) : null, kw: [s.zh] };
}

function softwareTitle(rng: Rng, p: Prepared, s: Term): Composed {
  const O = pickObject(rng, s, 0.8);
  const suffix = rng.pick(SOFTWARE_SUFFIXES);
  const version = `V${rng.weighted([
    [1, 6],
    [2, 3],
    [3, 1],
  ])}.${rng.chance(0.7) ? 0 : rng.int(1, 9)}`;
  const P = rng.chance(0.35) ? propertyFor(rng, p, 'task', s) : EMPTY;
  const core = joinOverlap(O.zh, s.zh);
  const base = { subject: s, subjectKind: 'task' as const, scene: null, object: O.zh || null };
  if (rng.chance(0.3)) {
    const T = rng.pick(techsFor(p, 'task', s.tag));
    return { ...base, zh: `基于${T.zh}的${P.zh}${joinOverlap(core, suffix)}${/[A-Z]$/.test(suffix) ? ' ' : ''}${version}`, en: null, kw: [core, T.zh, O.zh] };
  }
  return { ...base, zh: `${P.zh}${joinOverlap(core, suffix)}${/[A-Z]$/.test(suffix) ? ' ' : ''}${version}`, en: null, kw: [core, O.zh, s.zh] };
}

/** 制备方法 → 制备, 表面处理工艺 → 表面处理; null for 应用, 新剂型 and the like. */
function processCore(t: Term): Term | null {
  if (!/(方法|工艺)$/.test(t.zh)) return null;
  return { zh: t.zh.replace(/(方法|工艺)$/, ''), en: t.en ? t.en.replace(/ ?(method|process)$/, '') : null, extra: t.extra, tag: t.tag };
}

function knowHowTitle(rng: Rng, p: Prepared, s: Term, kind: SubjectKind): Composed {
  const base = { subject: s, subjectKind: kind, scene: null, object: null };
  const tail = rng.pick(PROCESS_TAILS);
  if (kind === 'task') {
    const O = pickObject(rng, s, 0.9);
    const core = joinOverlap(O.zh, s.zh);
    const P = rng.chance(0.4) ? propertyFor(rng, p, 'task', s) : EMPTY;
    return { ...base, object: O.zh || null, zh: `${P.zh}${core}${tail.zh}`, en: en(P.en, O.en, s.en, tail.en), kw: [core, O.zh, P.zh] };
  }
  const animal = kind === 'organism' && s.tag === 'animal';
  const P = animal ? EMPTY : propertyFor(rng, p, kind, s);
  if (kind !== 'organism' && rng.chance(0.25)) {
    const t = rng.pick(SUBJECT_TAILS);
    return { ...base, zh: `${P.zh}${s.zh}${t.zh}`, en: en(P.en, s.en, t.en), kw: [s.zh, P.zh] };
  }
  let R: Term | null = null;
  let proc: Term | null = null;
  for (let i = 0; i < 6 && !R; i++) {
    proc = processFor(rng, p, kind, s);
    R = processCore(proc);
  }
  const Rc = R ?? { zh: '生产', en: 'production', extra: null, tag: null };
  if (kind === 'organism') {
    const contexts = CONTEXTS[s.tag ?? ''] ?? [];
    const X = contexts.length > 0 && rng.chance(0.6) ? rng.pick(contexts) : EMPTY;
    const Q = X === EMPTY && !animal ? P : EMPTY;
    return { ...base, process: proc, zh: `${X.zh}${Q.zh}${s.zh}${Rc.zh}${tail.zh}`, en: en(X.en, Q.en, s.en, Rc.en, tail.en), kw: [s.zh, X.zh ? `${X.zh}${s.zh}` : Q.zh, `${s.zh}${Rc.zh}`] };
  }
  return { ...base, zh: `${P.zh}${s.zh}${Rc.zh}${tail.zh}`, en: en(P.en, s.en, Rc.en, tail.en), kw: [s.zh, P.zh] };
}

function varietyTitle(rng: Rng, p: Prepared, s: Term): Composed & { varietyName: string } {
  const name = `${s.extra ?? '聊'}${rng.int(1, 80)}${rng.chance(0.5) ? '号' : ''}`;
  const P = propertyFor(rng, p, 'organism', s);
  const base = { subject: s, subjectKind: 'organism' as const, scene: null, object: null, varietyName: name };
  if (rng.chance(0.4)) return { ...base, zh: `${P.zh}${s.zh}新品种${name}`, en: null, kw: [s.zh, name, P.zh, '新品种'] };
  return { ...base, zh: `${s.zh}新品种${name}`, en: null, kw: [s.zh, name, '新品种'] };
}

// ---------------------------------------------------------------------------
// Abstracts

const YIELDS: Record<string, readonly [number, number]> = {
  veg: [6500, 12000],
  leafy: [5500, 9000],
  grain: [520, 760],
  fruit: [1800, 3800],
  小麦: [540, 680],
  玉米: [620, 820],
  大豆: [210, 290],
  棉花: [95, 130],
  谷子: [380, 460],
};

const TRAITS: Record<string, readonly string[]> = {
  veg: ['果实商品性好', '坐果率高', '果形周正、色泽鲜亮', '耐贮运', '口感风味佳'],
  leafy: ['包球紧实', '商品性好', '耐抽薹'],
  grain: ['株型紧凑', '抗倒伏能力强', '籽粒饱满', '熟相好', '适宜机械化收获'],
  fruit: ['果肉细脆多汁', '可溶性固形物含量高', '成熟期一致', '耐贮藏'],
  fungus: ['菌盖肥厚', '转潮快', '出菇整齐', '生物学效率高'],
};

function sentenceEnd(s: string): string {
  return /[。！？]$/.test(s) ? s : `${s}。`;
}

function twoOf(rng: Rng, xs: readonly string[]): [string, string] {
  const a = rng.pick(xs);
  return [a, rng.pickOther(xs, a)];
}

function distinctParts(rng: Rng, set: PartSet, n: number): string[] {
  const parts = DEVICE_PARTS[set];
  const out: string[] = [];
  while (out.length < n) {
    const x = rng.pick(parts);
    if (!out.includes(x)) out.push(x);
  }
  return out;
}

/** Plants and animals: the phrases of the process in the title. */
function organismPhrases(c: Composed): { methods: readonly string[]; effects: readonly string[] } | null {
  if (c.subjectKind !== 'organism' || c.subject.tag === 'microbe' || !c.process) return null;
  for (const [key, v] of Object.entries(ORGANISM_PROCESS_PHRASES)) if (c.process.zh.includes(key)) return v;
  return null;
}

function methodsAndEffects(p: Prepared, c: Composed): { methods: readonly string[]; effects: readonly string[] } {
  return organismPhrases(c) ?? { methods: phrases(p, 'methods', c.subjectKind, c.subject.tag), effects: phrases(p, 'effects', c.subjectKind, c.subject.tag) };
}

function patentAbstract(rng: Rng, p: Prepared, c: Composed, label: '发明' | '实用新型'): string {
  const kind = c.subjectKind;
  const tag = c.subject.tag;
  const intro = /^一[种株]/.test(c.zh) ? c.zh : `一种${c.zh}`;
  const { methods, effects } = methodsAndEffects(p, c);
  const [m1, m2] = twoOf(rng, methods);
  const mm = m1 === m2 ? fill(m1, rng) : `${fill(m1, rng)}，${fill(m2, rng)}`;
  if (kind === 'device') {
    const set = partSet(c.subject);
    const [a = '', b = '', d = ''] = distinctParts(rng, set, 3);
    const clause = rng.pick(STRUCTURE_CLAUSES[set]).replace('{a}', a).replace('{b}', d);
    const [e1, e2] = twoOf(rng, DEVICE_EFFECTS[set]);
    if (label === '实用新型') return `本实用新型公开了${intro}，包括${a}、${b}和${d}，${clause}。${e1}${e1 === e2 ? '' : `，${e2}`}。`;
    return `本发明公开了${intro}，包括${a}、${b}和${d}，${clause}，${fill(m1, rng)}。${rng.pick(EFFECT_LEADS)}${fill(rng.pick(effects), rng)}，${e2}。`;
  }
  const first = rng.chance(0.35)
    ? `针对现有技术中${rng.pick(phrases(p, 'problems', kind, tag))}的问题，本发明提供了${intro}，${mm}。`
    : `本发明${rng.pick(['公开了', '提供了', '涉及'])}${intro}，${mm}。`;
  const [e1, e2] = twoOf(rng, effects);
  return `${first}${rng.pick(EFFECT_LEADS)}${fill(e1, rng)}${e1 === e2 ? '' : `，${fill(e2, rng)}`}。`;
}

const AREAS: Record<string, string> = { veg: '设施蔬菜生产', leafy: '蔬菜生产', grain: '粮食生产', fruit: '果品生产', fungus: '食用菌生产', animal: '规模化养殖' };

function applicationSentence(rng: Rng, p: Prepared, c: Composed): string {
  if (c.subjectKind === 'organism' && c.subject.tag !== 'microbe') {
    const area = AREAS[c.subject.tag ?? ''] ?? '农业生产';
    return `该方法${rng.pick(['操作简便、成本低', '技术成熟、易于推广', '适合规模化应用', '增产增效显著'])}，可在${area}中推广应用。`;
  }
  const props = fitting(p, 'properties', c.subjectKind, c.subject.tag);
  const noun = { material: '该产品', device: '该装置', task: '该方法', organism: c.subject.tag === 'microbe' ? '该菌株' : '该技术' }[c.subjectKind];
  let where: string;
  if (c.subjectKind === 'task') {
    const objects = objectsOf(c.subject).map((o) => o.zh);
    where = objects.length > 0 ? `${objects.slice(0, 3).join('、')}等对象的${c.subject.zh}` : `${p.v.zh}领域`;
  } else {
    const scenes = c.scene ? [c.scene] : subjectScenes(p, c.subject, c.subjectKind);
    where = scenes.length > 0 ? `${scenes.slice(0, 2).map((s) => s.zh).join('、')}等领域` : rng.pick(['相关企业', '行业生产实践', `${p.v.zh}领域`]);
  }
  if (props.length >= 2) {
    const a = rng.pick(props);
    const b = rng.pickOther(props, a);
    if (a.zh !== b.zh) return `${noun}具有${a.zh}、${b.zh}等特点，可应用于${where}。`;
  }
  return `${noun}可应用于${where}，推广前景广阔。`;
}

function designAbstract(rng: Rng, p: Prepared, c: Composed): string {
  const scenes = subjectScenes(p, c.subject, 'device');
  const use = scenes.length > 0 ? rng.pick(scenes).zh : p.v.zh;
  const point = rng.pick(['形状', '形状与图案的结合', '形状与色彩的结合']);
  return [
    `本外观设计产品的名称为${c.zh}。`,
    `本外观设计产品用于${use}。`,
    `本外观设计产品的设计要点在于${point}。`,
    `最能表明设计要点的图片或照片为${rng.pick(['立体图', '主视图', '立体图1'])}。`,
    rng.pick(['后视图与主视图对称，省略后视图。', '省略仰视图。', '左视图与右视图对称，省略左视图。']),
    point.includes('色彩') ? '请求保护的外观设计包含色彩。' : '请求保护的外观设计不包含色彩。',
  ].join('');
}

function softwareAbstract(rng: Rng, p: Prepared, c: Composed): string {
  const picked: string[] = [];
  while (picked.length < 4) {
    const x = rng.pick(SOFTWARE_FUNCTIONS);
    if (!picked.includes(x)) picked.push(x);
  }
  const T = rng.pick(techsFor(p, 'task', c.subject.tag));
  const e1 = fill(rng.pick(phrases(p, 'effects', 'task', c.subject.tag)), rng);
  const target = c.object ? joinOverlap(c.object, c.subject.zh) : c.subject.zh;
  return (
    `本软件面向${target}的业务需求，基于${T.zh}技术开发，主要功能包括${picked[0]}、${picked[1]}、${picked[2]}和${picked[3]}。` +
    `${rng.pick(['经用户试用，', '实际应用表明，', ''])}${e1}，${rng.pick(['界面友好、部署简便', '支持国产操作系统与数据库', '支持私有化部署与云端部署'])}。`
  );
}

function knowHowAbstract(rng: Rng, p: Prepared, c: Composed): string {
  const tag = c.subject.tag;
  const { methods, effects } = methodsAndEffects(p, c);
  const [m1, m2] = twoOf(rng, methods);
  const e1 = fill(rng.pick(effects), rng);
  const stage = fill(rng.pick(STAGES), rng);
  return (
    `该成果针对${rng.pick(phrases(p, 'problems', c.subjectKind, tag))}的问题，${rng.pick(RESULT_VERBS)}${c.zh}，${fill(m1, rng)}${m1 === m2 ? '' : `，${fill(m2, rng)}`}。` +
    `${rng.pick(EFFECT_LEADS)}${e1}。目前已${stage}，可通过${rng.pick(['技术许可', '合作开发', '技术入股', '技术许可或合作开发'])}方式转化。`
  );
}

function varietyAbstract(rng: Rng, s: Term, name: string, propertyList: Term[]): string {
  const category = s.tag ?? 'veg';
  const pa = `${rng.pick(VARIETY_PARENT_PREFIXES)}${rng.int(10, 999)}`;
  const pb = `${rng.pick(VARIETY_PARENT_PREFIXES)}${rng.int(10, 999)}${rng.chance(0.3) ? `-${rng.int(1, 9)}` : ''}`;
  const props = propertyList.filter((t) => fits(t, category)).map((t) => t.zh);
  const [a, b] = props.length > 0 ? twoOf(rng, props) : ['优质', '高产'];
  const [t1, t2] = twoOf(rng, TRAITS[category] ?? TRAITS.veg ?? ['商品性好']);
  const region = rng.pick(VARIETY_REGIONS);
  let yieldText: string;
  if (category === 'fungus') {
    yieldText = `生物学效率达到${rng.int(95, 135)}%`;
  } else {
    const range = YIELDS[s.zh] ?? YIELDS[category] ?? [500, 800];
    yieldText = `${rng.pick(['区域试验', '生产试验', '多点试验'])}平均亩产${rng.int(range[0], range[1])}公斤，比对照品种增产${rng.int(5, 18)}.${rng.int(0, 9)}%`;
  }
  const how = category === 'grain' ? '作为夏播或秋播品种' : rng.pick(['设施', '露地', '设施和露地']);
  const status = rng.pick(['已通过山东省农作物品种审定', '已完成非主要农作物品种登记', '已获得植物新品种权', '已申请植物新品种权保护']);
  return `${name}是以${pa}为母本、${pb}为父本杂交选育而成的${s.zh}新品种，${status}。该品种${a === b ? a : `${a}、${b}`}，${t1}${t1 === t2 ? '' : `，${t2}`}。${yieldText}。适宜在${region}${how}种植。`;
}

// ---------------------------------------------------------------------------
// The rest of a listing

function inventors(rng: Rng): string[] {
  const n = rng.from(INVENTOR_COUNTS);
  const out: string[] = [];
  while (out.length < n) {
    const surname = rng.from(SURNAME_TABLE);
    const a = rng.pick(GIVEN_NAME_CHARS);
    let name = surname + a;
    if (rng.chance(0.72)) name += rng.pickOther(GIVEN_NAME_CHARS, a);
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

const INVENTOR_COUNTS = new Table<number>([
  [2, 2],
  [3, 3.5],
  [4, 2.5],
  [5, 2],
]);
const SURNAME_TABLE = new Table<string>(SURNAMES);

const MODE_ODDS: Record<IpType, Record<TransferMode, number>> = {
  invention_patent: { transfer: 0.6, license: 0.55, equity: 0.18, joint_development: 0.3 },
  utility_model: { transfer: 0.7, license: 0.45, equity: 0.05, joint_development: 0.15 },
  design: { transfer: 0.8, license: 0.4, equity: 0, joint_development: 0 },
  software_copyright: { transfer: 0.5, license: 0.6, equity: 0.05, joint_development: 0.2 },
  know_how: { transfer: 0.2, license: 0.5, equity: 0.3, joint_development: 0.6 },
  plant_variety: { transfer: 0.5, license: 0.7, equity: 0.05, joint_development: 0.2 },
};

function transferModes(rng: Rng, ip: IpType): TransferMode[] {
  const odds = MODE_ODDS[ip];
  const out = TRANSFER_MODES.filter((m) => rng.chance(odds[m]));
  if (out.length > 0) return out;
  return [rng.weighted(TRANSFER_MODES.map((m) => [m, odds[m]] as const))];
}

const PRICE_CAP: Record<IpType, number> = {
  invention_patent: 5_000_000,
  utility_model: 1_200_000,
  design: 300_000,
  software_copyright: 1_000_000,
  know_how: 5_000_000,
  plant_variety: 3_000_000,
};

function price(rng: Rng, ip: IpType): string | null {
  if (rng.chance(0.25)) return null;
  const lo = Math.log(50_000);
  const hi = Math.log(PRICE_CAP[ip]);
  const raw = Math.exp(lo + rng.float() * (hi - lo));
  const step = rng.chance(0.65) ? 10_000 : 100;
  const yuan = Math.min(5_000_000, Math.max(50_000, Math.round(raw / step) * step));
  return `${yuan}.00`;
}

const MATURITY_ODDS: Record<IpType, Table<Maturity>> = {
  invention_patent: new Table<Maturity>([['lab', 3], ['pilot_small', 3], ['pilot', 2.5], ['industrial', 1.5]]),
  utility_model: new Table<Maturity>([['lab', 1], ['pilot_small', 2], ['pilot', 3], ['industrial', 4]]),
  design: new Table<Maturity>([['pilot', 1], ['industrial', 4]]),
  software_copyright: new Table<Maturity>([['pilot_small', 1], ['pilot', 2], ['industrial', 3]]),
  know_how: new Table<Maturity>([['lab', 1], ['pilot_small', 2], ['pilot', 3], ['industrial', 3]]),
  plant_variety: new Table<Maturity>([['pilot', 2], ['industrial', 3]]),
};

/** Application year: more recent years more often. */
const YEARS = new Table<number>(
  Array.from({ length: 16 }, (_, i) => {
    const y = 2010 + i;
    return [y, y >= 2024 ? 3 : 1 + i * 0.5] as const;
  }),
);

function patentNumber(rng: Rng, ip: IpType, used: Set<number>): string {
  const typeDigit = ip === 'invention_patent' ? 1 : ip === 'utility_model' ? 2 : 3;
  const max = ip === 'invention_patent' ? 1_999_999 : ip === 'utility_model' ? 2_999_999 : 999_999;
  for (;;) {
    const key = rng.from(YEARS) * 100_000_000 + typeDigit * 10_000_000 + rng.int(1, max);
    if (!used.has(key)) {
      used.add(key);
      const digits = String(key);
      return `ZL${digits}.${patentCheckChar(digits)}`;
    }
  }
}

/** 3–6 keywords: the subject, what the title names, then field terms that fit the subject. */
function keywords(rng: Rng, p: Prepared, c: Composed): string[] {
  const want = rng.int(3, 6);
  const out: string[] = [];
  const add = (k: string | null | undefined) => {
    if (!k) return;
    const t = k.trim();
    if (t.length < 2 || t.length > 14 || out.includes(t)) return;
    out.push(t);
  };
  add(c.subject.zh.length <= 14 ? c.subject.zh : null);
  for (const k of c.kw) if (out.length < want) add(k);
  if (c.scene && out.length < want) add(c.scene.zh);
  const pool = phrases(p, 'terms', c.subjectKind, c.subject.tag);
  for (let i = 0; i < 12 && out.length < want; i++) add(rng.pick(pool));
  for (const t of pool) if (out.length < 3) add(t);
  for (const t of [p.v.zh.split('/')[0], '科技成果', '技术转移']) if (out.length < 3) add(t);
  return out;
}

// ---------------------------------------------------------------------------
// Institutions

const AFFINITY: Record<Field, RegExp> = {
  new_materials: /材料|铜箔|铜业|铝|有色|化工|碳素|金属|纸业|板材/,
  electronic_information: /电子|信息|智联|软件|通信|数据|网络|计算|智能制造/,
  optomechatronics: /轴承|机器人|光电|激光|机械|装备|智造|智能制造|数控|汽车零部件|电缆/,
  resources_environment_energy: /环保|节能|储能|新能源|能源|环境|纸业|水务|光伏|电缆|生物质|过程/,
  biomedicine: /医药|中医|生物|阿胶|制药|医学|医院|药/,
  agriculture: /农|蔬菜|种业|畜牧|果|食用菌|黄牛|肥/,
};

const KIND_WEIGHT: Record<string, number> = { university: 3, institute: 2.5, enterprise: 1.2, agency: 0.15 };

type Pool = Table<GeneratorInstitution>;

function institutionPools(institutions: ReadonlyArray<GeneratorInstitution>): { all: Pool; byField: Record<Field, Pool> } {
  const weighted = (xs: ReadonlyArray<GeneratorInstitution>): Pool => new Table(xs.map((x) => [x, KIND_WEIGHT[x.kind] ?? 1] as const));
  // Universities and institutes with no field in their name (聊城大学, 山东大学) belong to every field.
  const generic = institutions.filter((x) => (x.kind === 'university' || x.kind === 'institute') && FIELDS.every((f) => !AFFINITY[f].test(x.name)));
  const byField = {} as Record<Field, Pool>;
  for (const f of FIELDS) {
    const own = institutions.filter((x) => AFFINITY[f].test(x.name));
    byField[f] = weighted([...own.filter((x) => x.kind !== 'agency'), ...generic]);
  }
  return { all: weighted(institutions), byField };
}

// ---------------------------------------------------------------------------
// The generator

const FIELD_WEIGHTS = new Table<Field>([
  ['new_materials', 1.1],
  ['electronic_information', 1.0],
  ['optomechatronics', 1.05],
  ['resources_environment_energy', 0.95],
  ['biomedicine', 0.95],
  ['agriculture', 1.0],
]);

const PATENT_TYPES = new Table<IpType>([
  ['invention_patent', 72],
  ['utility_model', 24],
  ['design', 4],
]);

function chooseIpType(rng: Rng, p: Prepared): IpType {
  return rng.from(rng.chance(0.6) ? PATENT_TYPES : p.resultTypes);
}

function chooseSubjectKind(rng: Rng, p: Prepared, ip: IpType): SubjectKind {
  switch (ip) {
    case 'utility_model':
    case 'design':
      return 'device';
    case 'software_copyright':
      return 'task';
    case 'plant_variety':
      return 'organism';
    case 'know_how':
      return rng.from(p.knowHowKinds);
    default:
      return rng.from(p.inventionKinds);
  }
}

/**
 * Titles from the largest combinations, for when the ordinary ones keep
 * repeating (a few thousand listings on one small subject list).
 */
function richTitle(rng: Rng, p: Prepared, ip: IpType, kind: SubjectKind): Composed | null {
  const s = rng.pick(p.subjects[kind]);
  const base = { subject: s, subjectKind: kind, scene: null, object: null };
  if (ip === 'know_how' && kind !== 'task') {
    const list = fitting(p, 'processes', kind, s.tag);
    const r1 = processCore(rng.pick(list.length > 0 ? list : p.processes[kind]) ?? EMPTY);
    const r2 = processCore(rng.pick(list.length > 0 ? list : p.processes[kind]) ?? EMPTY);
    if (!r1 || !r2 || r1.zh === r2.zh) return null;
    const P = s.tag === 'animal' ? EMPTY : propertyFor(rng, p, kind, s);
    const tail = rng.pick(PROCESS_TAILS);
    return { ...base, zh: `${P.zh}${s.zh}${r1.zh}与${r2.zh}${tail.zh}`, en: en(P.en, s.en, r1.en, 'and', r2.en, tail.en), kw: [s.zh, P.zh, `${s.zh}${r1.zh}`] };
  }
  if (ip !== 'invention_patent' && ip !== 'utility_model') return null;
  switch (kind) {
    case 'device': {
      const features = FEATURES_BY_SET[partSet(s)];
      const f1 = rng.pick(features);
      const f2 = rng.pickOther(features, f1);
      if (f1 === f2) return null;
      const P = propertyFor(rng, p, 'device', s);
      return { ...base, zh: `一种${f1.zh.replace(/的$/, '')}且${f2.zh}${P.zh}${s.zh}`, en: null, kw: [s.zh, P.zh] };
    }
    case 'material': {
      const P = propertyFor(rng, p, 'material', s);
      const P2 = propertyFor(rng, p, 'material', s, P);
      if (P.zh === P2.zh) return null;
      return { ...base, zh: `一种${P.zh}${P2.zh}${s.zh}及其制备方法和应用`, en: en(P.en && P2.en ? `${P.en}, ${P2.en}` : null, s.en, ', preparation method and application thereof'), kw: [s.zh, P.zh, P2.zh] };
    }
    case 'task': {
      const techs = techsFor(p, 'task', s.tag);
      const T = rng.pick(techs);
      const T2 = rng.pickOther(techs, T);
      const O = pickObject(rng, s, 0.9);
      const P = propertyFor(rng, p, 'task', s);
      const X = rng.pick(TASK_SUFFIX_TERMS);
      if (T === T2) return null;
      const core = joinOverlap(O.zh, s.zh);
      return { ...base, object: O.zh || null, zh: `基于${T.zh}和${T2.zh}的${P.zh}${core}${X.zh}`, en: en(P.en, O.en, s.en, X.en, 'based on', T.en, 'and', T2.en), kw: [core, T.zh, T2.zh] };
    }
    default: {
      if (s.tag === 'microbe' || s.tag === 'animal') return null;
      const contexts = CONTEXTS[s.tag ?? ''] ?? [];
      if (contexts.length === 0) return null;
      const X = rng.pick(contexts);
      const P = propertyFor(rng, p, 'organism', s);
      const R = processFor(rng, p, 'organism', s);
      return { ...base, process: R, zh: `一种${X.zh}${P.zh}${s.zh}${R.zh}`, en: en(R.en, 'of', X.en, P.en, s.en), kw: [s.zh, `${X.zh}${s.zh}`, P.zh] };
    }
  }
}

function composeTitle(rng: Rng, p: Prepared, ip: IpType, kind: SubjectKind): { c: Composed; varietyName: string | null } {
  if (ip === 'plant_variety') {
    const varieties = p.varieties;
    const v = varietyTitle(rng, p, rng.pick(varieties));
    return { c: v, varietyName: v.varietyName };
  }
  const s = rng.pick(p.subjects[kind]);
  if (ip === 'design') return { c: designTitle(rng, s), varietyName: null };
  if (ip === 'software_copyright') return { c: softwareTitle(rng, p, s), varietyName: null };
  if (ip === 'know_how') return { c: knowHowTitle(rng, p, s, kind), varietyName: null };
  switch (kind) {
    case 'material':
      return { c: materialTitle(rng, p, s), varietyName: null };
    case 'device':
      return { c: deviceTitle(rng, p, s, ip), varietyName: null };
    case 'task':
      return { c: taskTitle(rng, p, s), varietyName: null };
    default:
      return { c: organismTitle(rng, p, s), varietyName: null };
  }
}

/**
 * Strings built by concatenation are trees in V8 (cons strings); turning them
 * into flat strings right away keeps 100k listings small and the GC cheap.
 * ToNumber flattens (the trick of the flatstr package).
 */
function flat(s: string): string {
  void Number(s);
  return s;
}

function clampAbstract(text: string, extra: () => string): string {
  let out = text;
  for (let i = 0; i < 3 && out.length < 80; i++) out += extra();
  if (out.length > 300) {
    const cut = out.lastIndexOf('。', 299);
    out = cut >= 80 ? out.slice(0, cut + 1) : `${out.slice(0, 299)}。`;
  }
  return out;
}

/**
 * Generates `count` listings. Deterministic in `seed` (and the institutions'
 * order); titles are kept unique where the vocabulary allows (a few retries),
 * patent numbers always.
 */
export function generateListings({ count, seed, institutions }: GenerateOptions): GeneratedListing[] {
  if (!Number.isInteger(count) || count < 0) throw new Error(`generateListings: count must be a non-negative integer, got ${count}`);
  if (count === 0) return [];
  if (institutions.length === 0) throw new Error('generateListings: at least one institution is needed');
  const rng = new Rng(seed);
  const vocab = prepared();
  const pools = institutionPools(institutions);
  const titles = new Set<string>();
  const patentDigits = new Set<number>();
  const out: GeneratedListing[] = new Array(count);

  for (let i = 0; i < count; i++) {
    const field = rng.from(FIELD_WEIGHTS);
    const p = vocab[field];
    const ipType = chooseIpType(rng, p);
    const subjectKind = chooseSubjectKind(rng, p, ipType);

    wantEnglish = rng.chance(0.4);
    let composed = composeTitle(rng, p, ipType, subjectKind);
    // A title seen before: try again, with a fresh subject kind too, then from the largest combinations.
    for (let attempt = 0; attempt < 12 && titles.has(composed.c.zh); attempt++) {
      const kind = chooseSubjectKind(rng, p, ipType);
      const rich = attempt >= 2 ? richTitle(rng, p, ipType, kind) : null;
      composed = rich ? { c: rich, varietyName: null } : composeTitle(rng, p, ipType, kind);
    }
    const { c, varietyName } = composed;
    titles.add(c.zh);

    const isPatent = ipType === 'invention_patent' || ipType === 'utility_model' || ipType === 'design';
    let abstract: string;
    switch (ipType) {
      case 'invention_patent':
        abstract = patentAbstract(rng, p, c, '发明');
        break;
      case 'utility_model':
        abstract = patentAbstract(rng, p, c, '实用新型');
        break;
      case 'design':
        abstract = designAbstract(rng, p, c);
        break;
      case 'software_copyright':
        abstract = softwareAbstract(rng, p, c);
        break;
      case 'plant_variety':
        abstract = varietyAbstract(rng, c.subject, varietyName ?? c.zh, p.properties.organism);
        break;
      default:
        abstract = knowHowAbstract(rng, p, c);
    }
    if (ipType !== 'design' && ipType !== 'plant_variety' && rng.chance(0.55)) abstract = sentenceEnd(abstract) + applicationSentence(rng, p, c);
    abstract = flat(clampAbstract(abstract, () => applicationSentence(rng, p, c)));

    const holder = rng.chance(0.65) && pools.byField[field].length > 0 ? rng.from(pools.byField[field]) : rng.from(pools.all);

    out[i] = {
      kind: isPatent ? 'patent' : 'result',
      title: c.zh,
      titleEn: c.en,
      abstract,
      field,
      ipType,
      patentNo: isPatent ? patentNumber(rng, ipType, patentDigits) : null,
      transferModes: transferModes(rng, ipType),
      price: price(rng, ipType),
      maturity: rng.from(MATURITY_ODDS[ipType]),
      keywords: keywords(rng, p, c),
      inventors: inventors(rng),
      holderOrgId: holder.id,
    };
  }
  return out;
}

/** A generated listing as a published row of `results` (the demo seed and the benchmarks insert these). */
export function publishedResultRow(l: GeneratedListing, publishedAt: Date) {
  return {
    ownerOrgId: l.holderOrgId,
    holderOrgId: l.holderOrgId,
    kind: l.kind,
    title: l.title,
    titleEn: l.titleEn ?? null,
    abstract: l.abstract,
    field: l.field,
    ipType: l.ipType,
    patentNo: l.patentNo ?? null,
    transferModes: l.transferModes,
    price: l.price ? new Decimal(l.price) : null,
    maturity: l.maturity,
    keywords: l.keywords,
    inventors: l.inventors,
    status: 'published' as const,
    publishedAt,
    createdAt: publishedAt,
    updatedAt: publishedAt,
  };
}
