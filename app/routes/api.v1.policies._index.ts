import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { serializePolicy } from '#domain/grants/policy.ts';
import { api, meta, ok, readJson } from '#app/lib/api.server.ts';
import { authorize, requireViewer } from '#app/lib/auth.server.ts';
import { z } from 'zod';
import { createPolicyVersion, listPolicies } from '#app/services/grants/policies.server.ts';

/** Every policy version with all its parameters (the bureau). */
export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const v = await requireViewer(request);
  return ok({ items: await listPolicies(v) });
});

/** A new version (the whole record, as GET shows it), in force from its effectiveFrom. */
export const action = api(async ({ request, context }: ActionFunctionArgs) => {
  const v = await requireViewer(request);
  // The service authorises too; refused here before the body is read, so a stranger gets 403, not 400.
  authorize(v, 'bureau.policy.edit');
  const body = await readJson(request, z.record(z.string(), z.unknown()));
  const p = await createPolicyVersion(v, body, meta(request, context));
  return ok(serializePolicy(p), 201);
});
