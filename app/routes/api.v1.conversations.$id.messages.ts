import type { ActionFunctionArgs } from '@remix-run/node';
import { notFound } from '#domain/errors.ts';
import { api, isUuid, meta, ok, readJson } from '#app/lib/api.server.ts';
import { requireViewer } from '#app/lib/auth.server.ts';
import { messageSchema } from '#app/schemas/conversations.server.ts';
import { postMessage } from '#app/services/conversations.server.ts';

export { methodNotAllowed as loader } from '#app/lib/api.server.ts';

/** A participant writes (plain text, 1–4000 characters). */
export const action = api(async ({ request, params, context }: ActionFunctionArgs) => {
  const v = await requireViewer(request);
  if (!isUuid(params.id)) throw notFound();
  const { body } = await readJson(request, messageSchema);
  return ok(await postMessage(v, params.id, body, meta(request, context)), 201);
});
