/**
 * What of a query goes to the embedding model. Identifiers keep their exact, lexical
 * path: a patent number or a credit code means one record, and its nearest neighbours in
 * meaning would be noise. English and Latin abbreviations are brought to Chinese first,
 * because the model places them poorly (PLC – 可编程控制器 0.43, inside the unrelated band).
 */
import { parsePatentNo } from '#domain/codes/patent.ts';
import { validateUscc } from '#domain/codes/uscc.ts';
import { toChinese } from './english.ts';

/** Digits with dots, spaces or dashes, as patent numbers are pasted (2017.1.1091867.2, 2020 1012 3456.2). */
const NUMBERISH = /^[a-z]{0,2}[\d.\s\-—xX]{8,}$/iu;

/** True for a query that names one record: a patent number in any form, or a credit code. */
export function exactQuery(text: string): boolean {
  const t = text.trim();
  if (!t) return false;
  if (parsePatentNo(t).ok || validateUscc(t).ok) return true;
  return NUMBERISH.test(t) && (t.match(/\d/g)?.length ?? 0) >= 8;
}

const LATIN = /[a-z]/iu;

/** The text the model embeds for a query: as typed (case kept, for PET and the like), its English in Chinese. */
export function semanticQueryText(raw: string): string {
  return LATIN.test(raw) ? toChinese(raw).text : raw;
}
