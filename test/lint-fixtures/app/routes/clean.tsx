// lint-expect: clean
// A route reaches the server through *.server modules; Remix strips its loader and action from the browser build.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { requirePageAction } from '#app/lib/pages.server.ts';
import { budgetStatus } from '#app/services/grants/budgets.server.ts';
import { yearInCity } from '#config/city.ts';

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const v = await requirePageAction(request, 'bureau.grants.review');
  return { budget: await budgetStatus(v, yearInCity()) };
};

export default function Budget() {
  const { budget } = useLoaderData<typeof loader>();
  return <p>{String(budget)}</p>;
}
