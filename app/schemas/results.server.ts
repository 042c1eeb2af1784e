import { z } from 'zod';
import { IP_TYPES, MATURITIES, RESULT_FIELDS, TRANSFER_MODES } from '#db/schema.ts';
import { parseMoney } from '#domain/money.ts';
import { parsePatentNo } from '#domain/codes/patent.ts';

export const RESULT_LIMITS = { titleMin: 4, titleMax: 120, abstractMin: 20, abstractMax: 5000, keywords: 10, keywordMax: 30, inventors: 30 } as const;

export const PATENT_IP_TYPES = ['invention_patent', 'utility_model', 'design'] as const;

const patentNo = z.string().transform((v, ctx) => {
  const p = parsePatentNo(v);
  if (p.ok) return p.normalized;
  ctx.addIssue({ code: 'custom', message: p.reason === 'check' ? 'validation.patentNoCheck' : 'validation.patentNo' });
  return z.NEVER;
});

/** Money as the API carries it: a decimal string, or null for 面议. */
export const price = z
  .string({ message: 'validation.price' })
  .transform((v, ctx) => {
    const d = parseMoney(v);
    if (d) return d;
    ctx.addIssue({ code: 'custom', message: 'validation.price' });
    return z.NEVER;
  })
  .nullable();

const terms = (max: number) =>
  z
    .array(z.string().trim().min(1).max(RESULT_LIMITS.keywordMax), { message: 'validation.list' })
    .max(max)
    .transform((a) => [...new Set(a)]);

const fields = {
  kind: z.enum(['patent', 'result'], { message: 'validation.resultKind' }),
  title: z.string({ message: 'validation.title' }).trim().min(RESULT_LIMITS.titleMin, { message: 'validation.title' }).max(RESULT_LIMITS.titleMax, { message: 'validation.title' }),
  titleEn: z.string().trim().max(300).nullable(),
  abstract: z
    .string({ message: 'validation.abstract' })
    .trim()
    .min(RESULT_LIMITS.abstractMin, { message: 'validation.abstract' })
    .max(RESULT_LIMITS.abstractMax, { message: 'validation.abstract' }),
  field: z.enum(RESULT_FIELDS, { message: 'validation.field' }),
  ipType: z.enum(IP_TYPES, { message: 'validation.ipType' }),
  patentNo: patentNo.nullable(),
  transferModes: z
    .array(z.enum(TRANSFER_MODES, { message: 'validation.transferModes' }), { message: 'validation.transferModes' })
    .min(1, { message: 'validation.transferModes' })
    .transform((a) => [...new Set(a)]),
  price,
  maturity: z.enum(MATURITIES, { message: 'validation.maturity' }),
  keywords: terms(RESULT_LIMITS.keywords),
  inventors: terms(RESULT_LIMITS.inventors),
};

export type ResultFields = {
  [K in keyof typeof fields]: z.output<(typeof fields)[K]>;
};

/** Rules across fields, checked on create and on the merged row after an edit. */
export function crossFieldIssues(r: Pick<ResultFields, 'kind' | 'ipType' | 'patentNo'>): Record<string, string> {
  const out: Record<string, string> = {};
  if (r.kind === 'patent' && !r.patentNo) out.patentNo = 'validation.patentNoRequired';
  if (r.kind === 'patent' && !(PATENT_IP_TYPES as readonly string[]).includes(r.ipType)) out.ipType = 'validation.patentIpType';
  if (r.kind === 'result' && r.patentNo && !(PATENT_IP_TYPES as readonly string[]).includes(r.ipType)) out.patentNo = 'validation.patentNoOnlyPatents';
  return out;
}

export const resultCreateSchema = z
  .object({
    ...fields,
    titleEn: fields.titleEn.optional().default(null),
    patentNo: fields.patentNo.optional().default(null),
    price: fields.price.optional().default(null),
    keywords: fields.keywords.optional().default([]),
    inventors: fields.inventors.optional().default([]),
  })
  .superRefine((r, ctx) => {
    for (const [path, message] of Object.entries(crossFieldIssues(r))) ctx.addIssue({ code: 'custom', path: [path], message });
  });
export type ResultCreate = z.output<typeof resultCreateSchema>;

/** PATCH: any subset; absent keys stay as they are. */
export const resultPatchSchema = z.object(fields).partial();
export type ResultPatch = z.output<typeof resultPatchSchema>;

/** Splits "a, b、c；d" as people type lists. */
export function splitList(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap(splitList);
  if (typeof v !== 'string') return [];
  return v
    .split(/[,，、;；\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A page form's fields in the API's shape: lists split, empty price = 面议, checkboxes as arrays. */
export function resultFormToInput(form: Record<string, unknown>): Record<string, unknown> {
  const modes = form.transferModes;
  return {
    ...form,
    titleEn: form.titleEn ?? null,
    patentNo: form.patentNo ?? null,
    price: form.price ?? null,
    transferModes: Array.isArray(modes) ? modes.filter(Boolean) : modes ? [modes] : [],
    keywords: splitList(form.keywords),
    inventors: splitList(form.inventors),
  };
}

export const resultFormSchema = z.preprocess((v) => resultFormToInput(v as Record<string, unknown>), resultCreateSchema);

export const RESULT_LOOKUP = { limitDefault: 20, limitMax: 50 } as const;

/** `GET /results/lookup?q=&sellerOrgId=&limit=`: the contract form's result picker; an empty q lists the first by title. */
export const resultLookupQuery = z.object({
  q: z.string().trim().max(RESULT_LIMITS.titleMax).default(''),
  sellerOrgId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid({ message: 'validation.sellerOrgId' }).optional()),
  limit: z.coerce.number({ message: 'validation.orgLookupLimit' }).int({ message: 'validation.orgLookupLimit' }).min(1, { message: 'validation.orgLookupLimit' }).max(RESULT_LOOKUP.limitMax, { message: 'validation.orgLookupLimit' }).default(RESULT_LOOKUP.limitDefault),
});
export type ResultLookupQuery = z.output<typeof resultLookupQuery>;
