import { z } from 'zod';
import { MATURITIES, RESULT_FIELDS, TRANSFER_MODES } from '#db/schema.ts';
import { DEMAND_STATUSES } from '#domain/demands/codes.ts';
import { isoDate } from '#app/lib/validation.ts';
import { price, splitList } from './results.server.ts';
import { todayInCity } from '#config/city.ts';

export const DEMAND_LIMITS = {
  titleMin: 4,
  titleMax: 120,
  descriptionMin: 10,
  descriptionMax: 5000,
  indicators: 20,
  indicatorMax: 200,
  keywords: 10,
  keywordMax: 30,
  followupMax: 2000,
} as const;

const list = (max: number, itemMax: number, message: string) =>
  z
    .array(z.string().trim().min(1, { message }).max(itemMax, { message }), { message })
    .max(max, { message })
    .transform((a) => [...new Set(a)]);

/** A budget is a price (money string, two decimals at most, ≤ 999,999,999,999.99) that is more than 0; null = 面议. */
const budget = price.refine((d) => d === null || d.greaterThan(0), { message: 'validation.budget' });

const deadline = isoDate()
  .refine((d) => d >= todayInCity(), { message: 'validation.deadlinePast' })
  .nullable();

const fields = {
  title: z.string({ message: 'validation.title' }).trim().min(DEMAND_LIMITS.titleMin, { message: 'validation.title' }).max(DEMAND_LIMITS.titleMax, { message: 'validation.title' }),
  description: z
    .string({ message: 'validation.demandDescription' })
    .trim()
    .min(DEMAND_LIMITS.descriptionMin, { message: 'validation.demandDescription' })
    .max(DEMAND_LIMITS.descriptionMax, { message: 'validation.demandDescription' }),
  field: z.enum(RESULT_FIELDS, { message: 'validation.field' }),
  indicators: list(DEMAND_LIMITS.indicators, DEMAND_LIMITS.indicatorMax, 'validation.indicators'),
  keywords: list(DEMAND_LIMITS.keywords, DEMAND_LIMITS.keywordMax, 'validation.keywords'),
  budget,
  deadline,
  cooperationModes: z
    .array(z.enum(TRANSFER_MODES, { message: 'validation.cooperationModes' }), { message: 'validation.cooperationModes' })
    .min(1, { message: 'validation.cooperationModes' })
    .transform((a) => [...new Set(a)]),
  maturityNeeded: z.enum(MATURITIES, { message: 'validation.maturity' }).nullable(),
};

export const demandCreateSchema = z.object({
  ...fields,
  indicators: fields.indicators.optional().default([]),
  keywords: fields.keywords.optional().default([]),
  budget: fields.budget.optional().default(null),
  deadline: fields.deadline.optional().default(null),
  maturityNeeded: fields.maturityNeeded.optional().default(null),
});
export type DemandCreate = z.output<typeof demandCreateSchema>;

/** PATCH: any subset; absent keys stay as they are. */
export const demandPatchSchema = z.object(fields).partial();
export type DemandPatch = z.output<typeof demandPatchSchema>;

export const followupSchema = z.object({
  note: z.string({ message: 'validation.followup' }).trim().min(2, { message: 'validation.followup' }).max(DEMAND_LIMITS.followupMax, { message: 'validation.followup' }),
});

export const DEMAND_SCOPES = ['mine', 'public', 'all'] as const;

/** `GET /api/v1/demands`: one's own demands, the published ones, or (bureau and agencies) all of them. */
export const demandListQuery = z.object({
  scope: z.enum(DEMAND_SCOPES).optional(),
  status: z.enum(DEMAND_STATUSES).optional(),
  field: z.enum(RESULT_FIELDS, { message: 'validation.field' }).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const many = <T extends z.ZodType>(item: T) => z.array(item).max(10).default([]);

/** `GET /api/v1/search/demands`: the search's whole state, as in the URL. */
export const demandSearchSchema = z.object({
  q: z.string().default(''),
  field: many(z.enum(RESULT_FIELDS, { message: 'validation.field' })),
  cooperationMode: many(z.enum(TRANSFER_MODES, { message: 'validation.cooperationModes' })),
  maturityNeeded: many(z.enum(MATURITIES, { message: 'validation.maturity' })),
  page: z.coerce.number().int().min(1).max(250).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type DemandSearch = z.output<typeof demandSearchSchema>;
export const DEMAND_SEARCH_MULTI = ['field', 'cooperationMode', 'maturityNeeded'] as const;

/** URLSearchParams → plain object for the schema: repeated keys (and the facets) become arrays. */
export function demandSearchParams(params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key).filter((v) => v !== '');
    if (values.length === 0) continue;
    out[key] = (DEMAND_SEARCH_MULTI as readonly string[]).includes(key) ? values : values[0];
  }
  return out;
}

/** `GET …/matches?limit=` */
export const matchesQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(20) });

/** The page form's fields in the API's shape: lists split, empty budget = 面议, checkboxes as arrays. */
export function demandFormToInput(form: Record<string, unknown>): Record<string, unknown> {
  const modes = form.cooperationModes;
  const indicators = typeof form.indicators === 'string' ? form.indicators.split(/[\n;；]/).map((s) => s.trim()).filter(Boolean) : [];
  return {
    ...form,
    budget: form.budget ?? null,
    deadline: form.deadline ?? null,
    maturityNeeded: form.maturityNeeded ?? null,
    cooperationModes: Array.isArray(modes) ? modes.filter(Boolean) : modes ? [modes] : [],
    keywords: splitList(form.keywords),
    indicators,
  };
}

export const demandFormSchema = z.preprocess((v) => demandFormToInput(v as Record<string, unknown>), demandCreateSchema);
