import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { env } from '#config/env.ts';
import { isCrossSiteWrite } from '#app/lib/csrf.ts';
import { checkoutOrigin } from '#app/lib/stripe.server.ts';

/** Anything larger is refused before Remix reads it (the JSON API has its own, smaller limit). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The web process: security headers, CSRF guard, body limit, static assets, then Remix. */
export function createHttpApp(build: ServerBuild, root: string) {
  const e = env();
  const https = e.APP_URL?.startsWith('https://') ?? false;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', e.TRUST_PROXY ? 1 : false);

  app.use((_req, res, next) => {
    res.locals.nonce = randomBytes(16).toString('base64');
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'", (_req, res) => `'nonce-${(res as Response).locals.nonce as string}'`],
          'style-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'font-src': ["'self'"],
          'object-src': ["'none'"],
          'base-uri': ["'self'"],
          // The buyer's browser goes on to Stripe Checkout (or the local fake) after posting the pay form.
          'form-action': ["'self'", checkoutOrigin()],
          'frame-ancestors': ["'none'"],
          ...(https ? { 'upgrade-insecure-requests': [] } : {}),
        },
      },
      strictTransportSecurity: https ? { maxAge: 31536000, includeSubDomains: true } : false,
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    }),
  );
  app.use((_req, res, next) => {
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    next();
  });

  app.use((req, res, next) => {
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > MAX_BODY_BYTES) {
      res.status(413).json({ error: { code: 'payload_too_large', message: '请求体过大 / Request body too large' } });
      return;
    }
    if (isCrossSiteWrite(req.method, headerGetter(req))) {
      res.status(403).json({ error: { code: 'forbidden', message: '跨站请求被拒绝 / Cross-site request refused' } });
      return;
    }
    next();
  });

  app.use('/build', express.static(path.join(root, 'public/build'), { immutable: true, maxAge: '1y' }));
  app.use(express.static(path.join(root, 'public'), { maxAge: '1h' }));
  app.get('/favicon.ico', (_req, res) => res.redirect(301, '/favicon.svg'));

  app.all(
    '*',
    createRequestHandler({
      build,
      mode: 'production',
      getLoadContext: (req, res) => ({ ip: req.ip ?? req.socket.remoteAddress ?? '0.0.0.0', nonce: res.locals.nonce as string }),
    }),
  );

  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    console.error('[http]', err);
    if (!res.headersSent) res.status(500).type('text/plain').send('Internal Server Error');
  });
  return app;
}

function headerGetter(req: Request) {
  return (name: string) => {
    const v = req.headers[name.toLowerCase()];
    return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
  };
}
