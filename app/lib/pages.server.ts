import { data, redirect } from '@remix-run/node';
import { AppError } from '#domain/errors.ts';
import type { Action } from '#domain/permissions.ts';
import { localeOf, pick } from '#app/i18n/index.ts';
import { authorize, getViewer, type Viewer } from './auth.server.ts';

/** For pages: anonymous visitors go to the login page and come back afterwards. */
export async function requirePageViewer(request: Request): Promise<Viewer> {
  const v = await getViewer(request);
  if (!v) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return v;
}

export async function requirePageAction(request: Request, action: Action): Promise<Viewer> {
  const v = await requirePageViewer(request);
  try {
    authorize(v, action);
  } catch (e) {
    if (e instanceof AppError) throw data(pick(localeOf(request), e.msg), { status: e.status });
    throw e;
  }
  return v;
}

/** Only same-site relative paths, so a login link can't send people elsewhere. */
export function safeRedirect(to: unknown, fallback = '/'): string {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback;
  return to;
}
