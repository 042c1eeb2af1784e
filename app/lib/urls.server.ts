import { env } from '#config/env.ts';

/** This site's origin: APP_URL when set (behind a proxy), else the request's own. */
export const siteOrigin = (request: Request): string => env().APP_URL ?? new URL(request.url).origin;

/** Absolute URL on this site: APP_URL when set (behind a proxy), else the request's own origin. */
export function absoluteUrl(request: Request, path: string): string {
  return new URL(path, siteOrigin(request)).toString();
}

export const inviteUrl = (request: Request, token: string) => absoluteUrl(request, `/invite/${token}`);
