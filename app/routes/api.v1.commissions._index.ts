import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { api, ok, paging, parseOr400 } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { limitRequest } from '#app/lib/rate-limit.server.ts';
import { COMMISSION_STATUSES, commissionsCsv, listCommissions } from '#app/services/commissions.server.ts';

const query = z.object({
  agencyOrgId: z.uuid().optional(),
  status: z.enum(COMMISSION_STATUSES).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  format: z.enum(['json', 'csv']).default('json'),
  page: z.string().optional(),
  pageSize: z.string().optional(),
});

/** An agency's commissions (the bureau: any agency's), with totals by year and status; `format=csv` exports. */
export const loader = api(async ({ request, context }: LoaderFunctionArgs) => {
  const v = await requireViewer(request);
  const url = new URL(request.url);
  const q = parseOr400(query, Object.fromEntries(url.searchParams));
  if (q.format === 'csv') {
    await limitRequest('export', context, v.user.id);
    const all = await listCommissions(v, { ...q, page: 1, pageSize: 10_000 });
    return new Response(commissionsCsv(all.items), {
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="commissions.csv"', 'Cache-Control': 'no-store' },
    });
  }
  return ok(await listCommissions(v, { ...q, ...paging(url) }));
});
