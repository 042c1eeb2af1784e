import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { CONTRACT_STATUSES } from '#domain/contracts/rules.ts';
import { api, meta, ok, paging, readJson } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { idempotent } from '#app/lib/idempotency.server.ts';
import { contractCreateSchema } from '#app/schemas/contracts.server.ts';
import { createContract, getContract, listContracts } from '#app/services/contracts.server.ts';

/** Contracts the caller is party or broker to (the bureau: all), newest change first. */
export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const v = await requireViewer(request);
  const url = new URL(request.url);
  const status = CONTRACT_STATUSES.find((s) => s === url.searchParams.get('status'));
  return ok(await listContracts(v, { ...paging(url), status }));
});

/** A party or the broker drafts a contract. Takes an Idempotency-Key. */
export const action = api(async ({ request, context }: ActionFunctionArgs) => {
  const v = await requireViewer(request);
  return idempotent(request, v, async (req) => {
    const input = await readJson(req, contractCreateSchema);
    const c = await createContract(v, input, meta(req, context));
    return ok(await getContract(v, c.id), 201);
  });
});
