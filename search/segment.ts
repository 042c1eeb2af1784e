/**
 * Chinese word segmentation for the search index and for queries (jieba, via
 * @node-rs/jieba, with our technical-term dictionary `dictionary/terms.txt`).
 *
 * Why: Meilisearch's own Chinese segmentation indexes 传统中药制剂新剂型开发 as
 * 传统/中/药制剂/…, so 中药 and 制剂 find nothing. We index an extra field of
 * tokens (`titleTokens`, `bodyTokens`) and rewrite the query with the same
 * dictionary, so every dictionary word contained in a document can be found.
 *
 * Index tokens = search mode (HMM on) ∪ full mode (`cutAll`) ∪ runs of unknown
 * single characters, minus single Chinese characters; Latin/digit words kept
 * whole. Query tokens = precise mode (HMM off) + runs of unknown single
 * characters; Latin words kept whole so typo tolerance still works.
 *
 * Probe (60 patent/result titles and 6 abstracts from the six fields, our
 * dictionary loaded; "word queries" = every dictionary term, every word and every
 * pair of adjacent words occurring in a text, 801 queries; a query matches when all
 * its tokens are among the text's index tokens — Meilisearch requires every query
 * word to match):
 *
 *   index tokens                   count   word queries matched
 *   search mode only                 736   790/801 (98.6%)
 *   search ∪ cutAll (chosen)         797   799/801 (99.8%)  (+8% tokens)
 *   search ∪ cutAll filtered to      767   796/801 (99.4%)
 *     tokens aligned with word
 *     boundaries
 *
 * Search mode alone misses 4+-character words inside longer compounds, which are
 * exactly what people search for: 复合材料 in 碳纤维复合材料, 燃料电池 in
 * 氢燃料电池, 稀土永磁 in 稀土永磁材料, 脱硫脱硝/烟气脱硫 in 烟气脱硫脱硝,
 * 诊断试剂 in 体外诊断试剂盒, 生物降解塑料 in 全生物降解塑料薄膜, 农业大学 in
 * 山东农业大学, 处理厂/切割机/培养基 across a compound's edge. `cutAll` adds them,
 * plus some cross-boundary noise (55 extra distinct tokens on the probe set, e.g.
 * 业余 from 企业余热, 理工 from 处理工艺, 有益 from 含有益生菌, 品质 from
 * 农产品质量). That noise only matters when someone searches for that very word,
 * and then such documents rank below real matches (attribute, proximity and
 * exactness rules); filtering it by word boundaries removes half of it but loses
 * 生物降解塑料 and 诊断试剂, so we keep the plain union.
 *
 * The query uses precise mode rather than search mode: recall is the same (799/801
 * on the probe — every search-mode sub-word of a query word is itself indexed), but
 * search mode triples the word count of a typical query (基于机器视觉的轴承滚子表面
 * 缺陷在线检测系统: 13 words instead of 7) and Meilisearch ignores every query word
 * after the 10th. HMM is off for queries: an HMM-guessed word (厌氧 before it was
 * in the dictionary) need not be among a document's tokens, while dictionary words
 * always are. `segmentQuery(q, { mode: 'search' })` keeps the search-mode variant.
 *
 * Bump SEGMENTER_VERSION whenever this algorithm or the dictionary changes (the
 * unit test pins the dictionary's hash), then reindex.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { parsePatentNo, patentNoVariants } from '#domain/codes/patent.ts';
import { normalizeText } from './normalize.ts';

/** Bump when the dictionary or the algorithm changes, so a reindex is triggered. */
export const SEGMENTER_VERSION = 2;

/** sha256 of dictionary/terms.txt as of SEGMENTER_VERSION; a unit test compares it with the file. */
export const DICTIONARY_SHA256 = 'fa6d766578d05ac729e97606e5acffa3192bf928c6d4fd5f2ee0014b06dc3e68';

/** Queries are cut to this many characters (code points) after normalisation. */
export const MAX_QUERY_LENGTH = 200;

/** Frequency given to a dictionary line that has only the word (jieba would otherwise give it 0 and ignore it). */
export const DEFAULT_TERM_FREQ = 10;

/**
 * Where the dictionary is: next to this module when run from source (tsx,
 * vitest), and ../search/dictionary when this module is bundled into build/.
 */
function dictionaryPath(): string {
  const candidates = [
    fileURLToPath(new URL('./dictionary/terms.txt', import.meta.url)),
    fileURLToPath(new URL('../search/dictionary/terms.txt', import.meta.url)),
    path.resolve(process.cwd(), 'search/dictionary/terms.txt'),
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`search dictionary terms.txt not found; looked in ${candidates.join(', ')}`);
  return found;
}

/** The dictionary file's text (read once). */
let termsText: string | undefined;
export function dictionaryText(): string {
  termsText ??= readFileSync(dictionaryPath(), 'utf8');
  return termsText;
}

/** sha256 of the dictionary text with LF line ends (so a CRLF checkout hashes the same). */
export function dictionarySha256(): string {
  return createHash('sha256').update(dictionaryText().replace(/\r\n/g, '\n')).digest('hex');
}

export type DictionaryEntry = { word: string; freq: number; tag: string };

/**
 * Parses jieba user-dictionary text: `word [freq] [tag]` per line, `#` comments
 * and blank lines skipped, full-width forms normalised. A missing frequency
 * becomes DEFAULT_TERM_FREQ; a tag in the frequency's place is accepted.
 */
export function parseDictionary(text: string): DictionaryEntry[] {
  const out: DictionaryEntry[] = [];
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [w = '', second, third] = line.split(/\s+/);
    const word = normalizeText(w, { lowerCase: false });
    if (!word) continue;
    const numeric = second !== undefined && /^\d+$/.test(second);
    out.push({ word, freq: numeric ? Number(second) : DEFAULT_TERM_FREQ, tag: (numeric ? third : second) ?? 'n' });
  }
  return out;
}

let instance: Jieba | undefined;

/** The shared jieba instance, made on first use (the default dictionary is 5 MB). */
function jieba(): Jieba {
  if (!instance) {
    const require = createRequire(import.meta.url);
    // The same bytes as `dict` from '@node-rs/jieba/dict.js', without also reading its 6 MB idf.txt.
    const j = Jieba.withDict(readFileSync(require.resolve('@node-rs/jieba/dict.txt')));
    const lines: string[] = [];
    for (const { word, freq, tag } of parseDictionary(dictionaryText())) {
      lines.push(`${word} ${freq} ${tag}`);
      // Queries are typed in any case (3d打印): jieba's lookup is case-sensitive.
      const lower = word.toLowerCase();
      if (lower !== word) lines.push(`${lower} ${freq} ${tag}`);
    }
    j.loadDict(Buffer.from(lines.join('\n'), 'utf8'));
    instance = j;
  }
  return instance;
}

/** Loads the dictionaries now (about half a second) instead of on the first search; for server and worker start-up. */
export function warmUpSegmenter(): void {
  jieba();
}

const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/u;
const ALNUM = /[\p{L}\p{N}]/u;
/** Splits text into pieces jieba sees whole: separators are everything but letters, digits, marks and . + # & _ % -. */
const SEPARATORS = /[^\p{L}\p{N}\p{M}.+#&_%-]+/u;
const EDGE_START = /^[^\p{L}\p{N}]+/u;
const EDGE_END = /[^\p{L}\p{N}+#]+$/u;

const isHan = (t: string) => HAN.test(t);
const charCount = (t: string) => {
  let n = 0;
  for (const _ of t) n++;
  return n;
};
const isSingleHan = (t: string) => charCount(t) === 1 && isHan(t);
const trimEdges = (t: string) => t.replace(EDGE_START, '').replace(EDGE_END, '');

/** Runs of two or more consecutive single-character Chinese tokens, joined: words the dictionary doesn't know (电堆, 尾水). */
function unknownRuns(tokens: readonly string[]): string[] {
  const out: string[] = [];
  let run = '';
  let length = 0;
  const flush = () => {
    if (length >= 2) out.push(run);
    run = '';
    length = 0;
  };
  for (const t of tokens) {
    if (isSingleHan(t)) {
      run += t;
      length++;
    } else flush();
  }
  flush();
  return out;
}

/** Latin/digit words of a piece, in order, whole (li-ion, pm2.5, c++): jieba would split them. */
function latinWords(piece: string): string[] {
  return piece
    .split(HAN_RUN)
    .map(trimEdges)
    .filter((w) => ALNUM.test(w));
}

/** Keeps multi-character Chinese tokens (a token with a Latin part, like 5G通信, counts as Chinese). */
const keepHan = (t: string) => isHan(t) && charCount(t) >= 2;

function indexTokensOfPiece(piece: string, out: string[]): void {
  if (!isHan(piece)) {
    const w = trimEdges(piece);
    if (ALNUM.test(w)) out.push(w);
    return;
  }
  const j = jieba();
  for (const t of j.cutForSearch(piece, true)) if (keepHan(t)) out.push(t);
  for (const t of j.cutAll(piece)) if (keepHan(t)) out.push(t);
  out.push(...unknownRuns(j.cut(piece, false)));
  out.push(...latinWords(piece));
}

export type QueryMode = 'precise' | 'search';

function queryTokensOfPiece(piece: string, mode: QueryMode, out: string[]): void {
  if (!isHan(piece)) {
    const w = trimEdges(piece);
    if (ALNUM.test(w)) out.push(w);
    return;
  }
  const j = jieba();
  const precise = j.cut(piece, false);
  const tokens = mode === 'search' ? j.cutForSearch(piece, false) : precise;
  const before = out.length;
  // In text order; consecutive non-Chinese tokens are glued back (jieba cuts li-ion into li / - / ion).
  let latin = '';
  const flushLatin = () => {
    const w = trimEdges(latin);
    if (ALNUM.test(w)) out.push(w);
    latin = '';
  };
  let run = '';
  let runLength = 0;
  const flushRun = () => {
    if (runLength >= 2) out.push(run);
    run = '';
    runLength = 0;
  };
  for (const t of tokens) {
    if (!isHan(t)) {
      flushRun();
      latin += t;
    } else if (isSingleHan(t)) {
      flushLatin();
      run += t;
      runLength++;
    } else {
      flushLatin();
      flushRun();
      out.push(t);
    }
  }
  flushLatin();
  flushRun();
  // Nothing but lone characters (锂, 中 的): search for what was typed; Meilisearch matches it as a prefix too.
  if (out.length === before) out.push(piece);
}

/**
 * Patent numbers in any common written form (ZL202010123456.7, CN…, 202010123456.7,
 * 2020101234567, ZL 2020 1012 3456.7; full-width forms are already normalised
 * here). Spaces or dashes inside the digits are accepted only with a ZL/CN prefix
 * or a dot before the check character, so a list of numbers in an abstract is not
 * taken for one; and only numbers whose check character is right count.
 */
const PATENT = /(?<![a-z0-9])(?:(zl|cn)\s?[:.]?\s?)?((?:\d[\s-]?){11}\d)(\s?\.\s?|\s?)([\dx])(?![a-z0-9])/giu;

function extractPatents(text: string): { digits: string[]; rest: string } {
  const digits: string[] = [];
  const rest = text.replace(PATENT, (match: string, prefix: string | undefined, d: string, dot: string, check: string) => {
    const separated = /[\s-]/.test(d) || dot === ' ';
    if (separated && !prefix && !dot.includes('.')) return match;
    const p = parsePatentNo(`${d.replace(/[\s-]/g, '')}.${check}`);
    if (!p.ok) return match;
    digits.push(p.digits);
    return ' ';
  });
  return { digits, rest };
}

function unique(tokens: readonly string[]): string[] {
  return [...new Set(tokens.map((t) => t.toLowerCase()))];
}

/** The index tokens of a text, unique, in first-seen order. */
export function indexTokens(text: string): string[] {
  const { digits, rest } = extractPatents(normalizeText(text, { lowerCase: false }));
  const out: string[] = [...digits];
  for (const piece of rest.split(SEPARATORS)) if (piece) indexTokensOfPiece(piece, out);
  return unique(out);
}

/** Space-joined index tokens, for the `titleTokens` / `bodyTokens` fields. */
export function segmentForIndex(text: string): string {
  return indexTokens(text).join(' ');
}

/** The query as normalised and cut to MAX_QUERY_LENGTH characters (case kept, for jieba). */
function normalizeQueryKeepCase(q: string): string {
  // A cheap cut first, so a 10 KB query costs nothing; normalisation can only shrink it by control characters and spaces.
  const head = q.length > MAX_QUERY_LENGTH * 4 ? q.slice(0, MAX_QUERY_LENGTH * 4) : q;
  const s = normalizeText(head, { lowerCase: false });
  if (s.length <= MAX_QUERY_LENGTH) return s;
  return Array.from(s).slice(0, MAX_QUERY_LENGTH).join('').trimEnd();
}

/** The query as the search sees it: normalised, lower case, at most MAX_QUERY_LENGTH characters. */
export function normalizeQuery(q: string): string {
  return normalizeQueryKeepCase(q).toLowerCase();
}

/**
 * The query's tokens, unique, in text order. A valid patent number (any form)
 * becomes its 12 application digits, the token `patentTokens` always contains.
 */
export function queryTokens(q: string, options: { mode?: QueryMode } = {}): string[] {
  const mode = options.mode ?? 'precise';
  const { digits, rest } = extractPatents(normalizeQueryKeepCase(q));
  const out: string[] = [...digits];
  for (const piece of rest.split(SEPARATORS)) if (piece) queryTokensOfPiece(piece, mode, out);
  return unique(out);
}

/** The query rewritten for Meilisearch's `q`: space-joined tokens ('' for an empty query). */
export function segmentQuery(q: string, options: { mode?: QueryMode } = {}): string {
  return queryTokens(q, options).join(' ');
}

/**
 * What to index for a patent so every written form finds it: ZL…, CN…, with and
 * without the dot, and the bare 12 digits (the token `segmentQuery` produces). An
 * unparsable number is indexed as written (normalised), so at least that form works.
 */
export function patentTokens(patentNo: string): string[] {
  const p = parsePatentNo(patentNo);
  if (!p.ok) {
    const s = normalizeText(patentNo).toUpperCase().replace(/\s+/g, '');
    return s ? [s] : [];
  }
  return [...new Set([...patentNoVariants(p.normalized), p.digits])];
}
