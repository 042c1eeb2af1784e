import type { LoaderFunctionArgs } from '@remix-run/node';
import { api, ok, paging, parseOr400 } from '#app/lib/api.server.ts';
import { requireAction } from '#app/lib/auth.server.ts';
import { auditParams, auditQuerySchema } from '#app/schemas/audit.server.ts';
import { listAuditEvents } from '#app/services/audit.server.ts';

/** The audit log (bureau): the same filters as /bureau/audit (actor, org, action, from, to as city dates), newest first, paged. */
export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const v = await requireAction(request, 'bureau.audit.view');
  const url = new URL(request.url);
  const q = parseOr400(auditQuerySchema, auditParams(url));
  const page = paging(url);
  const { items, total } = await listAuditEvents(v, q, page);
  return ok({ items: items.map(({ diff: _diff, ...e }) => e), total, ...page });
});
