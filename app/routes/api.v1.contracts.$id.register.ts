import type { ActionFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { api, isUuid, meta, ok, readJson } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { idempotent } from '#app/lib/idempotency.server.ts';
import { registerSchema } from '#app/schemas/contracts.server.ts';
import { getContract, registerContract } from '#app/services/contracts.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

/** The bureau's registrar certifies a submitted contract and gets its registration number. Takes an Idempotency-Key. */
export const action = api(async ({ request, params, context }: ActionFunctionArgs) => {
  const v = await requireViewer(request);
  if (!isUuid(params.id)) throw notFound();
  const id = params.id;
  return idempotent(request, v, async (req) => {
    const { registeredOn } = await readJson(req, registerSchema);
    await registerContract(v, id, registeredOn, meta(req, context));
    return ok(await getContract(v, id));
  });
});
