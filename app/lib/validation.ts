import { z } from 'zod';
import { inDateYears } from '#domain/time/calendar-date.ts';
import type { Msg } from '#domain/errors.ts';
// Both dictionaries: validate() is server code (routes call it from loaders and actions only).
import { isMessageKey, message } from '#app/i18n/bilingual.ts';

const zhErrors = z.locales.zhCN().localeError;
const enErrors = z.locales.en().localeError;

/** A zod issue message in both languages: our own keys are translated, zod's are localised by zod. */
function bilingual(issue: z.core.$ZodIssue, input: unknown): Msg {
  if (isMessageKey(issue.message)) return message(issue.message);
  const raw = { ...issue, input } as unknown as z.core.$ZodRawIssue;
  const zhMsg = zhErrors(raw);
  const enMsg = enErrors(raw);
  const asText = (m: unknown) => (typeof m === 'string' ? m : typeof m === 'object' && m && 'message' in m ? String(m.message) : issue.message);
  return { zh: asText(zhMsg), en: asText(enMsg) };
}

export type FieldErrors = Record<string, Msg>;

export type Parsed<T> = { ok: true; data: T } | { ok: false; fields: FieldErrors };

/**
 * The input boundary's one rule for text, before any schema: PostgreSQL cannot store a NUL
 * (in text or jsonb) nor a lone UTF-16 surrogate (in jsonb), so neither gets past here.
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isStorableText(s: string): boolean {
  return !UNSTORABLE.test(s);
}

/** No schema of ours nests deeper than a few levels; deeper input is refused before anything walks it. */
export const MAX_INPUT_DEPTH = 32;

/** The fields (keys included) whose text breaks the rule above, or input nested beyond MAX_INPUT_DEPTH. */
export function boundaryErrors(input: unknown): FieldErrors | null {
  const fields: FieldErrors = {};
  const walk = (v: unknown, path: string[]): void => {
    const at = path.join('.') || '_';
    if (typeof v === 'string') {
      if (!isStorableText(v)) fields[at] ??= message('validation.text');
      return;
    }
    if (typeof v !== 'object' || v === null || v instanceof Date) return;
    if (path.length >= MAX_INPUT_DEPTH) {
      fields[at] ??= message('validation.nested');
      return;
    }
    for (const [k, item] of Object.entries(v)) {
      if (!isStorableText(k)) fields[at] ??= message('validation.text');
      else walk(item, [...path, k]);
    }
  };
  walk(input, []);
  return Object.keys(fields).length ? fields : null;
}

/** The shared date type of the API and the forms: YYYY-MM-DD within DATE_YEARS (the message says so too). */
export function isoDate() {
  return z.iso.date({ message: 'validation.date' }).refine(inDateYears, { message: 'validation.dateRange' });
}

/** Validates input and returns one message per field (the first issue of each). */
export function validate<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.output<S>> {
  const refused = boundaryErrors(input);
  if (refused) return { ok: false, fields: refused };
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, data: r.data };
  const fields: FieldErrors = {};
  for (const issue of r.error.issues) {
    const path = issue.path.join('.') || '_';
    if (!fields[path]) fields[path] = bilingual(issue, undefined);
  }
  return { ok: false, fields };
}

/** Form data as a plain object; repeated names become arrays. Empty strings become undefined. */
export function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of form.entries()) {
    if (typeof v !== 'string') continue;
    const value = v.trim() === '' ? undefined : v;
    if (k in out) {
      const prev = out[k];
      out[k] = Array.isArray(prev) ? [...prev, value] : [prev, value];
    } else out[k] = value;
  }
  return out;
}
