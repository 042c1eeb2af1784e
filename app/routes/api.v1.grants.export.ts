import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { api, parseOr400 } from '#app/lib/api.server.ts';
import { authorize, requireViewer } from '#app/lib/auth.server.ts';
import { grantsCsv, grantsXlsx } from '#app/lib/grant-export.server.ts';
import { limitRequest } from '#app/lib/rate-limit.server.ts';
import { grantsForExport } from '#app/services/grants/exports.server.ts';

const query = z.object({ year: z.coerce.number().int().min(2000).max(2100), format: z.enum(['csv', 'xlsx']).default('csv') });

/** A year's grants as CSV (UTF-8 with BOM, for Excel) or .xlsx (the bureau). */
export const loader = api(async ({ request, context }: LoaderFunctionArgs) => {
  const v = await requireViewer(request);
  // The service authorises too; refusing here first keeps a stranger from spending the export budget or learning the query rules.
  authorize(v, 'bureau.records.view');
  await limitRequest('export', context, v.user.id);
  const { year, format } = parseOr400(query, Object.fromEntries(new URL(request.url).searchParams));
  const rows = await grantsForExport(v, year);
  const name = `grants-${year}.${format}`;
  const body = format === 'csv' ? grantsCsv(rows) : await grantsXlsx(rows, year);
  return new Response(body, {
    headers: {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
    },
  });
});
