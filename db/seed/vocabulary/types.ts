/**
 * Shapes of the seed vocabulary. Every term is written as `'中文|English|extra|tag'`
 * (all but the Chinese optional); `splitTerm` turns it into `{ zh, en, extra, tag }`.
 *
 * - materials, devices: `extra` = the scenes (by their Chinese name in `scenes`,
 *   comma-separated) the thing is really used in; `tag` = its topic
 *   (`'硅碳负极材料|silicon-carbon anode material|动力电池,消费电子|battery'`);
 * - tasks: `extra` = objects the task is applied to, `zh/en` pairs separated by `;`,
 *   `tag` = its topic (`'表面缺陷视觉检测|visual surface defect inspection|轴承/bearing;铜箔/copper foil|vision'`);
 * - organisms: `tag` = the category (veg, leafy, grain, fruit, fungus, animal, microbe);
 *   `extra` = for plants and fungi the variety-name prefix for plant variety rights
 *   (聊麦 → 聊麦27), for microbes the scenes they are applied in;
 * - processes and properties: `extra` = the topics / categories they fit,
 *   comma-separated; empty = every subject (but animals, for organism lists).
 *
 * Abstract phrases (`methods`, `effects`, `problems`) may start with `@topic,topic `
 * to say which subjects they fit; untagged phrases fit every subject of the field.
 */

export const FIELDS = [
  'new_materials',
  'electronic_information',
  'optomechatronics',
  'resources_environment_energy',
  'biomedicine',
  'agriculture',
] as const;
export type Field = (typeof FIELDS)[number];

/** What a subject noun names; decides which title templates and IP types fit it. */
export type SubjectKind = 'material' | 'device' | 'task' | 'organism';

export type PerKind<T> = Record<SubjectKind, readonly T[]>;

export interface FieldVocabulary {
  field: Field;
  zh: string;
  en: string;
  /** 材料、配方、制剂、试剂: things that are prepared / synthesised. */
  materials: readonly string[];
  /** 器件、装置、设备、机器: physical things with a structure. */
  devices: readonly string[];
  /** The core of a system or method name: 表面缺陷视觉检测 + 系统 / 方法 / 平台. */
  tasks: readonly string[];
  /** 作物、品种、菌株、畜禽: living things that are bred, cultivated, screened. */
  organisms: readonly string[];
  /** 制备方法, 控制方法, 选育方法 … per subject kind. */
  processes: PerKind<string>;
  /** 高导热, 便携式, 抗病 … adjectives per subject kind. */
  properties: PerKind<string>;
  /** Things a result is “based on” (基于{tech}的…) or made with. */
  techs: readonly string[];
  /** Application scenes / objects; used as 用于{scene}, {scene}用…, {scene}{task}. */
  scenes: readonly string[];
  /** Problems of the prior art, for 针对{problem}的问题. */
  problems: readonly string[];
  /** Technical-means clauses for abstracts (no final punctuation). */
  methods: readonly string[];
  /** Effects; `{p}` a percentage 10–60, `{q}` 95.0–99.9, `{n}` 2–20, `{t}` 30–300. */
  effects: readonly string[];
  /** Broader keywords of the field (行业词). */
  terms: readonly string[];
}

export type Term = { zh: string; en: string | null; extra: string | null; tag: string | null };

const orNull = (s: string | undefined): string | null => (s && s.length > 0 ? s : null);

export function splitTerm(s: string): Term {
  const [zh = '', en, extra, tag] = s.split('|');
  return { zh, en: orNull(en), extra: orNull(extra), tag: orNull(tag) };
}

/** `'轴承/bearing;铜箔/copper foil'` → pairs. */
export function splitObjects(extra: string | null): Array<{ zh: string; en: string | null }> {
  if (!extra) return [];
  return extra.split(';').map((p) => {
    const [zh = '', en] = p.split('/');
    return { zh, en: orNull(en) };
  });
}

/** `'动力电池,消费电子'` → names. */
export function splitList(extra: string | null): string[] {
  return extra ? extra.split(',').filter((x) => x.length > 0) : [];
}

export function subjectCount(v: FieldVocabulary): number {
  return v.materials.length + v.devices.length + v.tasks.length + v.organisms.length;
}

/** `'@battery,metal 采用…'` → `{ tags: ['battery', 'metal'], text: '采用…' }`; untagged → `tags: null`. */
export function splitTagged(s: string): { tags: string[] | null; text: string } {
  if (!s.startsWith('@')) return { tags: null, text: s };
  const space = s.indexOf(' ');
  if (space < 0) return { tags: null, text: s };
  return { tags: s.slice(1, space).split(','), text: s.slice(space + 1) };
}
