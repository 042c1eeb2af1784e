import { env } from '#config/env.ts';

/** Absolute URL on this site: APP_URL when set (behind a proxy), else the request's own origin. */
export function absoluteUrl(request: Request, path: string): string {
  return new URL(path, env().APP_URL ?? new URL(request.url).origin).toString();
}

export const inviteUrl = (request: Request, token: string) => absoluteUrl(request, `/invite/${token}`);
