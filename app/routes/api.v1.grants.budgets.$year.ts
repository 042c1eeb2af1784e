import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { api, meta, ok, readJson } from '#app/lib/api.server.ts';
import { authorize, requireViewer } from '#app/lib/auth.server.ts';
import { budgetSchema } from '#app/schemas/grants.server.ts';
import { budgetStatus, setBudget } from '#app/services/grants/budgets.server.ts';

function yearOf(s: string | undefined): number {
  if (!s || !/^20\d\d$/.test(s)) throw notFound();
  return Number(s);
}

/** The year's budget with approved and paid totals against it. */
export const loader = api(async ({ request, params }: LoaderFunctionArgs) => {
  const v = await requireViewer(request);
  // The service authorises too; refused here before the year is read, so a stranger gets 403, not 404.
  authorize(v, 'bureau.records.view');
  return ok(await budgetStatus(v, yearOf(params.year)));
});

/** PUT {amount}: sets the year's budget. */
export const action = api(async ({ request, params, context }: ActionFunctionArgs) => {
  const v = await requireViewer(request);
  if (request.method !== 'PUT') throw notFound();
  // The service authorises too; refused here before the body is read, so a stranger gets 403, not 400.
  authorize(v, 'bureau.budgets.edit');
  const year = yearOf(params.year);
  const { amount } = await readJson(request, budgetSchema);
  await setBudget(v, year, amount, meta(request, context));
  return ok(await budgetStatus(v, year));
});
