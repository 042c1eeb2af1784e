/**
 * A state-changing request that a browser made from another site. Browsers send
 * Sec-Fetch-Site (and Origin) on every POST; API clients with bearer tokens send
 * neither and are not exposed to CSRF, since they carry no ambient cookie.
 * `X-Forwarded-Host` counts only behind a trusted proxy (TRUST_PROXY): anyone else can set it.
 */
export function isCrossSiteWrite(method: string, header: (name: string) => string | null, opts: { trustProxy: boolean } = { trustProxy: false }): boolean {
  if (['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase())) return false;
  const site = header('sec-fetch-site');
  if (site) return !(site === 'same-origin' || site === 'none');
  const origin = header('origin');
  if (!origin || origin === 'null') return origin === 'null';
  const host = (opts.trustProxy ? header('x-forwarded-host')?.split(',')[0]?.trim() : undefined) || header('host');
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
