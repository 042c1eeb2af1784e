import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { CONTRACT_STATUSES } from '#domain/contracts/rules.ts';
import { api, parseOr400 } from '#app/lib/api.server.ts';
import { requireAction } from '#app/lib/auth.server.ts';
import { csvDocument } from '#app/lib/csv.ts';
import { limitRequest } from '#app/lib/rate-limit.server.ts';
import { xlsxDocument } from '#app/lib/spreadsheet.server.ts';
import { CONTRACT_EXPORT_COLUMNS, contractsForExport } from '#app/services/contracts.server.ts';
import { todayInCity } from '#config/city.ts';

const query = z.object({
  format: z.enum(['csv', 'xlsx'], { message: 'validation.exportFormat' }).default('csv'),
  status: z.enum(CONTRACT_STATUSES, { message: 'validation.contractStatus' }).optional(),
  q: z.string().trim().max(100).optional(),
});

/** The registrar's list as a spreadsheet: the same filters as /bureau/contracts (text and status), every page of it. */
export const loader = api(async ({ request, context }: LoaderFunctionArgs) => {
  const v = await requireAction(request, 'bureau.contracts.register');
  await limitRequest('export', context, v.user.id);
  const f = parseOr400(query, Object.fromEntries(new URL(request.url).searchParams));
  const rows = await contractsForExport(v, f);
  const name = `contracts-${todayInCity()}`;
  const headers = { 'Cache-Control': 'no-store' };
  if (f.format === 'xlsx') {
    const body = await xlsxDocument('技术合同', CONTRACT_EXPORT_COLUMNS, rows, { money: new Set(['amount', 'technologyAmount'] as const), wide: new Set(['title', 'seller', 'buyer', 'broker'] as const) });
    return new Response(body, { headers: { ...headers, 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Content-Disposition': `attachment; filename="${name}.xlsx"` } });
  }
  const body = csvDocument(
    CONTRACT_EXPORT_COLUMNS.map(([, h]) => h),
    rows.map((r) => CONTRACT_EXPORT_COLUMNS.map(([k]) => r[k])),
  );
  return new Response(body, { headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}.csv"` } });
});
