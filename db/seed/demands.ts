/**
 * Demo technology demands (技术需求) of the demo enterprises, from the same per-field
 * vocabulary as the demo results (db/seed/vocabulary/), so that matching finds real
 * counterparts: a bearing maker asks for 轴承 defect inspection, a copper-foil maker
 * for 极薄铜箔, a vegetable company for 番茄 breeding. `generateDemands` is pure and
 * deterministic; `seedDemands` inserts them (most published, some closed, some expired).
 */
import Decimal from 'decimal.js';
import { and, eq } from 'drizzle-orm';
import { cityDate } from '#config/city.ts';
import { getDb, type DbOrTx } from '#db/client.ts';
import { demands, organizations } from '#db/schema.ts';
import { MATURITIES, TRANSFER_MODES } from '#domain/result-codes.ts';
import { mulberry32 } from './results-generator.ts';
import { FIELDS, VOCABULARY, splitObjects, splitTagged, splitTerm, type Field, type Term } from './vocabulary/index.ts';

export type DemoEnterprise = { id: string; name: string; description?: string | null };

export type GeneratedDemand = {
  ownerOrgId: string;
  title: string;
  description: string;
  field: Field;
  indicators: string[];
  keywords: string[];
  /** Yuan as a decimal string, or null for 面议. */
  budget: string | null;
  cooperationModes: Array<(typeof TRANSFER_MODES)[number]>;
  maturityNeeded: (typeof MATURITIES)[number] | null;
  status: 'published' | 'closed' | 'expired';
  /** Days from `today`: published up to a year ago; deadline (null: none) after or before today. */
  publishedDaysAgo: number;
  deadlineInDays: number | null;
  closedDaysAgo: number | null;
};

/** What an enterprise's name says about the fields it asks in, and the words its demands are about. */
const PROFILES: Array<{ re: RegExp; fields: Field[]; focus: RegExp }> = [
  { re: /铜箔/, fields: ['new_materials', 'electronic_information'], focus: /铜箔|电解|锂电池|印制电路/ },
  { re: /铝/, fields: ['new_materials', 'resources_environment_energy'], focus: /铝|合金|赤泥|熔炼|铸造/ },
  { re: /高分子|化工|塑/, fields: ['new_materials'], focus: /聚|树脂|塑料|薄膜|胶|改性/ },
  { re: /电缆/, fields: ['new_materials', 'electronic_information', 'optomechatronics'], focus: /电缆|绝缘|绞线|局部放电/ },
  { re: /轴承/, fields: ['optomechatronics', 'new_materials', 'electronic_information'], focus: /轴承|滚子|套圈|磨/ },
  { re: /机器人|装备|机械/, fields: ['optomechatronics', 'electronic_information'], focus: /机器人|减速器|伺服|视觉|AGV/ },
  { re: /汽车|新能源/, fields: ['optomechatronics', 'new_materials', 'resources_environment_energy'], focus: /汽车|电池|电机|轻量化|充电/ },
  { re: /电子|软件|数智|光电|信息/, fields: ['electronic_information', 'optomechatronics'], focus: /物联网|传感|检测|平台|芯片|LED|激光/ },
  { re: /节能|环保|绿/, fields: ['resources_environment_energy'], focus: /废水|污水|余热|固废|土壤|脱硝|回收/ },
  { re: /纸/, fields: ['resources_environment_energy', 'new_materials'], focus: /造纸|秸秆|废水|纤维素|污泥/ },
  { re: /纺织|印染/, fields: ['resources_environment_energy', 'new_materials', 'electronic_information'], focus: /印染|纺织|纤维|废水|瑕疵/ },
  { re: /阿胶/, fields: ['biomedicine', 'agriculture'], focus: /阿胶|驴|胶原|中药/ },
  { re: /生物|医药|药/, fields: ['biomedicine'], focus: /制剂|试剂|抗体|益生菌|中药|疫苗/ },
  { re: /蔬菜/, fields: ['agriculture', 'electronic_information'], focus: /番茄|黄瓜|辣椒|蔬菜|温室|设施|嫁接|水肥/ },
  { re: /食用菌|菌/, fields: ['agriculture', 'biomedicine'], focus: /菇|菌|灵芝|木耳/ },
  { re: /农业|种业|养殖|牧/, fields: ['agriculture'], focus: /小麦|玉米|饲料|养殖|肥|农药/ },
];

type Rng = { f: () => number; int: (lo: number, hi: number) => number; pick: <T>(a: readonly T[]) => T; chance: (p: number) => boolean };

function rngOf(seed: number): Rng {
  const f = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(f() * (hi - lo + 1));
  return {
    f,
    int,
    pick: <T,>(a: readonly T[]) => {
      const v = a[Math.floor(f() * a.length)];
      if (v === undefined) throw new Error('pick from an empty list');
      return v;
    },
    chance: (p) => f() < p,
  };
}

type Kind = 'material' | 'device' | 'task' | 'organism';
type Subject = { kind: Kind; term: Term };

function subjectsOf(field: Field): Subject[] {
  const v = VOCABULARY[field];
  return [
    ...v.materials.map((s) => ({ kind: 'material' as const, term: splitTerm(s) })),
    ...v.devices.map((s) => ({ kind: 'device' as const, term: splitTerm(s) })),
    ...v.tasks.map((s) => ({ kind: 'task' as const, term: splitTerm(s) })),
    ...v.organisms.map((s) => ({ kind: 'organism' as const, term: splitTerm(s) })),
  ];
}

/** Phrases fitting a subject's topic tag, else the untagged ones, else any. */
function fitting(list: readonly string[], tag: string | null): string[] {
  const parsed = list.map(splitTagged);
  const tagged = tag ? parsed.filter((p) => p.tags?.includes(tag)).map((p) => p.text) : [];
  if (tagged.length > 0) return tagged;
  const untagged = parsed.filter((p) => !p.tags).map((p) => p.text);
  return untagged.length > 0 ? untagged : parsed.map((p) => p.text);
}

function fill(template: string, r: Rng): string {
  return template
    .replace('3{n}', `3${r.int(0, 9)}`)
    .replace('{p}', String(r.int(10, 60)))
    .replace('{q}', `${r.int(95, 99)}.${r.int(0, 9)}`)
    .replace('{n}', String(r.int(2, 20)))
    .replace('{t}', String(r.int(3, 30) * 10))
    .replace('{e}', `${r.int(18, 25)}.${r.int(0, 9)}`);
}

/** 制备方法 → 制备技术, 选育方法 → 选育技术: a demand asks for a technology, not a patent claim. */
const asTechnology = (process: string) => process.replace(/(方法|工艺)$/, '技术').replace(/^应用$/, '应用技术');

const processesOf = (field: Field, kind: Kind, tag: string | null) =>
  VOCABULARY[field].processes[kind].map(splitTerm).filter((p) => !p.extra || (tag !== null && p.extra.split(',').includes(tag)));
const propertiesOf = (field: Field, kind: Kind, tag: string | null) =>
  VOCABULARY[field].properties[kind].map(splitTerm).filter((p) => !p.extra || (tag !== null && p.extra.split(',').includes(tag)));

function titleOf(r: Rng, field: Field, s: Subject): { title: string; keywords: string[]; scene: string | null } {
  const t = s.term;
  const scenes = s.kind === 'material' || s.kind === 'device' ? (t.extra?.split(',').filter(Boolean) ?? []) : [];
  const scene = scenes.length ? r.pick(scenes) : null;
  const procs = processesOf(field, s.kind, t.tag);
  const props = propertiesOf(field, s.kind, t.tag);
  const proc = procs.length ? asTechnology(r.pick(procs).zh) : '技术';
  const prop = props.length ? r.pick(props).zh : '';
  switch (s.kind) {
    case 'material': {
      const title = r.pick([
        `${prop}${t.zh}${proc}需求`,
        `寻求${t.zh}${proc}`,
        scene ? `${scene}用${t.zh}国产化开发` : `${t.zh}产业化技术合作`,
        `${t.zh}性能提升与${proc}`,
      ]);
      return { title, keywords: [t.zh, ...(scene ? [scene] : [])], scene };
    }
    case 'device': {
      const title = r.pick([`${prop}${t.zh}研制`, `${t.zh}智能化升级改造`, `${t.zh}关键部件国产化`, `寻求${prop}${t.zh}设计与制造技术`]);
      return { title, keywords: [t.zh, ...(scene ? [scene] : [])], scene };
    }
    case 'task': {
      const objects = splitObjects(t.extra);
      const obj = objects.length ? r.pick(objects).zh : '';
      const title = r.pick([`${obj}${t.zh}系统开发`, `${obj}${t.zh}技术需求`, `基于人工智能的${obj}${t.zh}`]);
      return { title, keywords: [t.zh, ...(obj ? [obj] : [])], scene: obj || null };
    }
    case 'organism': {
      const title = r.pick([`${t.zh}${proc}合作`, `${t.zh}新品种引进与示范`, `${t.zh}${proc}需求`]);
      return { title, keywords: [t.zh], scene: null };
    }
  }
}

const BUDGETS_WAN = [5, 8, 10, 15, 20, 30, 50, 80, 100, 150, 200, 300, 500];
const PROFILE_LEADS = ['我公司', '本企业', '公司'];

/** Deterministic demands for the given enterprises: the same inputs always give the same demands. */
export function generateDemands({ count, seed, enterprises }: { count: number; seed: number; enterprises: readonly DemoEnterprise[] }): GeneratedDemand[] {
  if (enterprises.length === 0) throw new Error('generateDemands needs at least one enterprise');
  const r = rngOf(seed);
  const subjects = Object.fromEntries(FIELDS.map((f) => [f, subjectsOf(f)])) as Record<Field, Subject[]>;
  const out: GeneratedDemand[] = [];
  const titles = new Set<string>();
  for (let i = 0; out.length < count && i < count * 20; i++) {
    const e = enterprises[out.length % enterprises.length]!;
    const profile = PROFILES.find((p) => p.re.test(e.name));
    const ownIn = (f: Field) => (profile ? subjects[f].filter((s) => profile.focus.test(s.term.zh) || profile.focus.test(s.term.extra ?? '')) : []);
    // Mostly the enterprise's own line of business; now and then something new.
    const ownFields = profile ? profile.fields.filter((f) => ownIn(f).length > 0) : [];
    const field: Field = ownFields.length && r.chance(0.8) ? r.pick(ownFields) : profile && !r.chance(0.1) ? r.pick(profile.fields) : r.pick(FIELDS);
    const own = ownIn(field);
    const s = own.length && r.chance(0.8) ? r.pick(own) : r.pick(subjects[field]);
    const { title, keywords, scene } = titleOf(r, field, s);
    if (titles.has(title) || title.length < 4 || title.length > 120) continue;
    titles.add(title);

    const v = VOCABULARY[field];
    const problem = r.pick(fitting(v.problems, s.term.tag));
    const method = r.pick(fitting(v.methods, s.term.tag));
    const effects = fitting(v.effects, s.term.tag);
    const templates = [...new Set(Array.from({ length: 3 }, () => r.pick(effects)))].slice(0, r.int(1, 3));
    const indicators = templates.map((x) => fill(x, r));
    const terms = fitting(v.terms, s.term.tag);
    const allKeywords = [...new Set([...keywords, ...(terms.length ? [r.pick(terms)] : [])])].filter((k) => k.length <= 30).slice(0, 5);
    const modes = [...new Set([r.pick(['joint_development', 'transfer', 'license'] as const), ...(r.chance(0.5) ? [r.pick(TRANSFER_MODES)] : [])])];
    const maturityNeeded = r.chance(0.3) ? null : r.pick(['pilot_small', 'pilot', 'pilot', 'industrial', 'industrial', 'lab'] as const);
    const budget = r.chance(0.25) ? null : new Decimal(r.pick(BUDGETS_WAN)).times(10_000).toFixed(2);
    const lead = r.pick(PROFILE_LEADS);
    const about = e.description ? `${e.description.replace(/。$/, '')}。` : '';
    const description =
      `${about}${lead}在${scene ?? v.zh}方面的业务发展较快，目前存在${problem}等问题，制约了产品升级。` +
      `现寻求${keywords[0]}相关技术，例如${method}，希望达到：${indicators.join('；')}。` +
      `欢迎高校、科研院所和技术转移服务机构以${modes.map((m) => ({ transfer: '技术转让', license: '专利许可', equity: '作价入股', joint_development: '合作开发' })[m]).join('、')}等方式合作。`;

    const roll = r.f();
    const status = roll < 0.8 ? 'published' : roll < 0.9 ? 'closed' : 'expired';
    const publishedDaysAgo = r.int(status === 'expired' ? 60 : 0, 365);
    const deadlineInDays =
      status === 'expired' ? -r.int(1, Math.min(publishedDaysAgo - 1, 120)) : status === 'published' && r.chance(0.4) ? null : r.int(30, 365);
    const closedDaysAgo = status === 'closed' ? r.int(0, publishedDaysAgo) : null;
    out.push({
      ownerOrgId: e.id,
      title,
      description: description.slice(0, 5000),
      field,
      indicators,
      keywords: allKeywords,
      budget,
      cooperationModes: modes,
      maturityNeeded,
      status,
      publishedDaysAgo,
      deadlineInDays,
      closedDaysAgo,
    });
  }
  return out;
}

const DAY = 86_400_000;

/**
 * Inserts `count` demo demands (default 320) from the verified demo enterprises: about 80 %
 * published, 10 % closed, 10 % expired. Their index versions lag, so the reconcile job (or
 * the start's search step, when the demands index is new) indexes the published ones.
 * Returns how many were inserted.
 */
export async function seedDemands(count = 320, db: DbOrTx = getDb(), { seed = 2027, today = new Date() }: { seed?: number; today?: Date } = {}): Promise<number> {
  const enterprises = await db
    .select({ id: organizations.id, name: organizations.name, description: organizations.description })
    .from(organizations)
    .where(and(eq(organizations.kind, 'enterprise'), eq(organizations.status, 'verified')))
    .orderBy(organizations.name);
  if (enterprises.length === 0) throw new Error('seedDemands needs verified demo enterprises: seed the organisations first');
  const generated = generateDemands({ count, seed, enterprises });
  const rows = generated.map((g) => {
    const publishedAt = new Date(today.getTime() - g.publishedDaysAgo * DAY);
    const closedAt = g.closedDaysAgo === null ? null : new Date(today.getTime() - g.closedDaysAgo * DAY);
    return {
      ownerOrgId: g.ownerOrgId,
      title: g.title,
      description: g.description,
      field: g.field,
      indicators: g.indicators,
      keywords: g.keywords,
      budget: g.budget ? new Decimal(g.budget) : null,
      deadline: g.deadlineInDays === null ? null : cityDate(new Date(today.getTime() + g.deadlineInDays * DAY)),
      cooperationModes: g.cooperationModes,
      maturityNeeded: g.maturityNeeded,
      status: g.status,
      closedAt,
      publishedAt,
      createdAt: publishedAt,
      updatedAt: closedAt ?? publishedAt,
    };
  });
  for (let i = 0; i < rows.length; i += 200) await db.insert(demands).values(rows.slice(i, i + 200));
  return rows.length;
}
