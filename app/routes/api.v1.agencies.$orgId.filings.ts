import type { ActionFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { api, isUuid, meta, ok, readJson } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { filingSchema } from '#app/schemas/grants.server.ts';
import { fileAgency } from '#app/services/grants/agencies.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

/** The bureau records an agency's filing {level, filedOn, newlyRecognized}; its awards are recomputed. */
export const action = api(async ({ request, params, context }: ActionFunctionArgs) => {
  const v = await requireViewer(request);
  if (!isUuid(params.orgId)) throw notFound();
  const f = await fileAgency(v, params.orgId, await readJson(request, filingSchema), meta(request, context));
  return ok({ id: f.id, agencyOrgId: f.agencyOrgId, level: f.level, filedOn: f.filedOn, newlyRecognized: f.newlyRecognized }, 201);
});
