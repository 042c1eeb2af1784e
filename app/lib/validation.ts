import { z } from 'zod';
import type { Msg } from '#domain/errors.ts';
import { message, zh, type MessageKey } from '#app/i18n/messages.ts';

const zhErrors = z.locales.zhCN().localeError;
const enErrors = z.locales.en().localeError;

/** A zod issue message in both languages: our own keys are translated, zod's are localised by zod. */
function bilingual(issue: z.core.$ZodIssue, input: unknown): Msg {
  const key = issue.message as MessageKey;
  if (key in zh) return message(key);
  const raw = { ...issue, input } as unknown as z.core.$ZodRawIssue;
  const zhMsg = zhErrors(raw);
  const enMsg = enErrors(raw);
  const asText = (m: unknown) => (typeof m === 'string' ? m : typeof m === 'object' && m && 'message' in m ? String(m.message) : issue.message);
  return { zh: asText(zhMsg), en: asText(enMsg) };
}

export type FieldErrors = Record<string, Msg>;

export type Parsed<T> = { ok: true; data: T } | { ok: false; fields: FieldErrors };

/** Validates input and returns one message per field (the first issue of each). */
export function validate<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.output<S>> {
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
