import type { LoaderFunctionArgs } from '@remix-run/node';
import { api, parseOr400 } from '#app/lib/api.server.ts';
import { requireAction } from '#app/lib/auth.server.ts';
import { csvDocument } from '#app/lib/csv.ts';
import { xlsxDocument } from '#app/lib/spreadsheet.server.ts';
import { auditExportSchema, auditParams, auditQuerySchema } from '#app/schemas/audit.server.ts';
import { AUDIT_EXPORT_COLUMNS, auditForExport } from '#app/services/audit.server.ts';
import { todayInCity } from '#config/city.ts';

/** The audit log as a spreadsheet: the same filters as /bureau/audit, every page of it. */
export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const v = await requireAction(request, 'bureau.audit.view');
  const url = new URL(request.url);
  const { format } = parseOr400(auditExportSchema, { format: url.searchParams.get('format') ?? undefined });
  const q = parseOr400(auditQuerySchema, auditParams(url));
  const rows = await auditForExport(v, q);
  const name = `audit-${todayInCity()}`;
  const headers = { 'Cache-Control': 'no-store' };
  if (format === 'xlsx') {
    const body = await xlsxDocument('审计日志', AUDIT_EXPORT_COLUMNS, rows, { wide: new Set(['before', 'after', 'reason', 'hash'] as const) });
    return new Response(body, { headers: { ...headers, 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Content-Disposition': `attachment; filename="${name}.xlsx"` } });
  }
  const body = csvDocument(
    AUDIT_EXPORT_COLUMNS.map(([, h]) => h),
    rows.map((r) => AUDIT_EXPORT_COLUMNS.map(([k]) => r[k])),
  );
  return new Response(body, { headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}.csv"` } });
});
