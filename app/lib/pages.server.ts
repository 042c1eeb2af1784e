import { data, redirect } from '@remix-run/node';
import { env } from '#config/env.ts';
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

const LOCAL_BASE = 'http://local.invalid';

/**
 * Only a path on this site, so a login link can't send people elsewhere. Parsed as a URL (as
 * a browser would), never string-tested alone: control characters, backslashes and `//` are
 * refused outright, since browsers strip or rewrite them (`/\t/evil.example` becomes `//evil.example`).
 */
export function safeRedirect(to: unknown, fallback = '/'): string {
  if (typeof to !== 'string' || !to.startsWith('/') || to.length > 2048) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(to) || to.startsWith('//')) return fallback;
  let url: URL;
  try {
    url = new URL(to, LOCAL_BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== LOCAL_BASE || url.pathname.startsWith('//')) return fallback;
  return url.pathname + url.search + url.hash;
}

/** Whether a cookie set on this request gets `Secure`: the session cookie's rule (session.server.ts), or a request that came in over https. */
export function cookieSecure(request: Request): boolean {
  return env().COOKIE_SECURE ?? ((env().APP_URL?.startsWith('https://') ?? false) || new URL(request.url).protocol === 'https:');
}
