import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { z } from 'zod';
import { isUuid } from '#app/lib/api.server.ts';
import { getViewer } from '#app/lib/auth.server.ts';
import { formAction, type FormResult } from '#app/lib/forms.server.ts';
import { requirePageViewer, safeRedirect } from '#app/lib/pages.server.ts';
import { limitRequest } from '#app/lib/rate-limit.server.ts';
import { createSavedSearch, deleteSavedSearch, listSavedSearches } from '#app/services/alerts.server.ts';

const kind = z.enum(['demand_matches', 'result_matches']);

/** Whether the viewer watches this subject's matches (for WatchMatchesButton). */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const v = await getViewer(request);
  const url = new URL(request.url);
  const k = kind.safeParse(url.searchParams.get('kind'));
  const subjectId = url.searchParams.get('subjectId') ?? undefined;
  if (!v?.user.orgId || !k.success || !isUuid(subjectId)) return { watching: null, signedIn: !!v?.user.orgId };
  const { items } = await listSavedSearches(v, { kind: k.data, subjectId });
  return { watching: items[0]?.id ?? null, signedIn: true };
};

const schema = z.object({
  intent: z.enum(['watch', 'unwatch']),
  kind,
  subjectId: z.uuid(),
  redirectTo: z.string().optional(),
  via: z.literal('fetcher').optional(),
});

export const action = (args: ActionFunctionArgs) =>
  formAction(schema, async (input, { request, context }) => {
    const v = await requirePageViewer(request);
    let watching: string | null = null;
    if (input.intent === 'watch') {
      await limitRequest('matching', context, v.user.id);
      watching = (await createSavedSearch(v, { kind: input.kind, subjectId: input.subjectId, alert: true })).saved.id;
    } else {
      const { items } = await listSavedSearches(v, { kind: input.kind, subjectId: input.subjectId });
      for (const s of items) await deleteSavedSearch(v, s.id);
    }
    if (input.via !== 'fetcher') return redirect(safeRedirect(input.redirectTo));
    return data<FormResult & { watching: string | null; signedIn: boolean }>({ watching, signedIn: true });
  })(args);
