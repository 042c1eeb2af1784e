import { z } from 'zod';
import { isoDate } from '#app/lib/validation.ts';

/** Filter values are short; the log's free text is searched by these prefixes, not in full. */
export const AUDIT_FILTER_MAX = 100;
/** At most this many rows in one export (narrow the filters for more). */
export const AUDIT_EXPORT_MAX = 50_000;

/** The audit log's filters, shared by /bureau/audit, its export and GET /api/v1/audit. Dates are the city's. */
export const auditQuerySchema = z
  .object({
    actor: z.string().trim().max(AUDIT_FILTER_MAX).optional(),
    org: z.string().trim().max(AUDIT_FILTER_MAX).optional(),
    action: z.string().trim().max(AUDIT_FILTER_MAX).regex(/^[a-z0-9_.:-]+$/i, { message: 'validation.auditAction' }).optional(),
    from: isoDate().optional(),
    to: isoDate().optional(),
  })
  // Checked only between two real dates: a malformed one already has its own message.
  .refine((q) => !q.from || !q.to || Number.isNaN(Date.parse(q.from)) || Number.isNaN(Date.parse(q.to)) || q.from <= q.to, { path: ['to'], message: 'validation.auditDateOrder' });

export type AuditQuery = z.output<typeof auditQuerySchema>;

export const auditExportSchema = z.object({ format: z.enum(['csv', 'xlsx'], { message: 'validation.exportFormat' }).default('csv') });

/** Query parameters as the schema reads them: empty form fields are no filter. */
export function auditParams(url: URL, skip: readonly string[] = ['page', 'pageSize', 'format']): Record<string, string> {
  return Object.fromEntries([...url.searchParams].filter(([k, v]) => !skip.includes(k) && v.trim() !== ''));
}
