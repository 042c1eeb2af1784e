import { z } from 'zod';
import { CONTRACT_KINDS } from '#domain/contracts/rules.ts';

/**
 * The dashboard's filters, as they stand in the URL: one schema for the page and any API. Unknown
 * parameters, a repeated parameter or a malformed value refuse the whole request (400), so a typo
 * never silently shows the unfiltered city. Empty values (a GET form's "all") mean no filter.
 * `county` is checked against the city's districts by the caller, who holds that list (regions are
 * server-only data).
 */
export const STATS_YEAR_MIN = 2000;
export const STATS_YEAR_MAX = 2100;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a date');

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

export const statsFilterSchema = z
  .object({
    year: z.preprocess(emptyToUndefined, z.string().regex(/^\d{4}$/, 'four digits').transform(Number).pipe(z.number().int().min(STATS_YEAR_MIN).max(STATS_YEAR_MAX)).optional()),
    from: z.preprocess(emptyToUndefined, isoDate.optional()),
    to: z.preprocess(emptyToUndefined, isoDate.optional()),
    county: z.preprocess(emptyToUndefined, z.string().regex(/^\d{6}$/, 'six digits').optional()),
    kind: z.preprocess(emptyToUndefined, z.enum(CONTRACT_KINDS).optional()),
  })
  .strict();

export type StatsFilters = { year: number; from: string | null; to: string | null; county: string | null; kind: (typeof CONTRACT_KINDS)[number] | null };

export type FilterParse = { ok: true; filters: StatsFilters } | { ok: false; fields: Record<string, { zh: string; en: string }> };

const FIELD_WORDS: Record<string, { zh: string; en: string }> = {
  year: { zh: '年份应为 2000–2100 之间的四位数字', en: 'The year must be four digits between 2000 and 2100' },
  from: { zh: '起始日期应为 YYYY-MM-DD，且在所选年份内', en: 'The start date must be YYYY-MM-DD within the chosen year' },
  to: { zh: '截止日期应为 YYYY-MM-DD，在所选年份内且不早于起始日期', en: 'The end date must be YYYY-MM-DD within the chosen year, not before the start' },
  county: { zh: '县（市、区）代码无效', en: 'Unknown county or district code' },
  kind: { zh: '合同类别无效', en: 'Unknown contract kind' },
};

/** Parses URL parameters; `defaultYear` is this year in the city; `isCounty` accepts the city's district codes. */
export function parseStatsFilters(params: URLSearchParams, defaultYear: number, isCounty: (code: string) => boolean): FilterParse {
  const fields: Record<string, { zh: string; en: string }> = {};
  const raw: Record<string, string> = {};
  for (const [k, v] of params) {
    if (k in raw) fields[k] = { zh: `参数 ${k} 重复`, en: `The parameter ${k} is repeated` };
    raw[k] = v;
  }
  const parsed = statsFilterSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const k of issue.keys) fields[k] = { zh: `未知的筛选条件：${k}`, en: `Unknown filter: ${k}` };
      } else {
        const k = String(issue.path[0] ?? 'filters');
        fields[k] = FIELD_WORDS[k] ?? { zh: '筛选条件有误', en: 'Invalid filter' };
      }
    }
  }
  if (Object.keys(fields).length > 0 || !parsed.success) return { ok: false, fields };
  const f = parsed.data;
  const year = f.year ?? defaultYear;
  if (f.from && !f.from.startsWith(`${year}-`)) fields.from = FIELD_WORDS.from!;
  if (f.to && (!f.to.startsWith(`${year}-`) || (f.from && f.to < f.from))) fields.to = FIELD_WORDS.to!;
  if (f.county && !isCounty(f.county)) fields.county = FIELD_WORDS.county!;
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return { ok: true, filters: { year, from: f.from ?? null, to: f.to ?? null, county: f.county ?? null, kind: f.kind ?? null } };
}

/** The filters back as URL parameters (defaults left out), for links that keep them. */
export function filtersToParams(f: StatsFilters): URLSearchParams {
  const p = new URLSearchParams({ year: String(f.year) });
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (f.county) p.set('county', f.county);
  if (f.kind) p.set('kind', f.kind);
  return p;
}

/** The public page takes one optional parameter, `year`; anything else is refused like the dashboard's filters. */
export function parsePublicYear(params: URLSearchParams): { ok: true; year: number | null } | { ok: false; fields: Record<string, { zh: string; en: string }> } {
  const fields: Record<string, { zh: string; en: string }> = {};
  for (const k of params.keys()) if (k !== 'year') fields[k] = { zh: `未知的参数：${k}`, en: `Unknown parameter: ${k}` };
  const all = params.getAll('year');
  if (all.length > 1) fields.year = { zh: '参数 year 重复', en: 'The parameter year is repeated' };
  const parsed = statsFilterSchema.shape.year.safeParse(all[0] ?? '');
  if (!parsed.success) fields.year = FIELD_WORDS.year!;
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return { ok: true, year: parsed.success ? (parsed.data ?? null) : null };
}
