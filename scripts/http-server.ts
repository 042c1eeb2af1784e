import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createRequestHandler, writeReadableStreamToWritable, type ServerBuild } from '@remix-run/node';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { env } from '#config/env.ts';
import { isCrossSiteWrite } from '#app/lib/csrf.ts';
import { checkoutOrigin } from '#app/lib/stripe.server.ts';
import { MAX_DOCUMENT_BYTES } from '#domain/documents/rules.ts';

/** Anything larger is refused before Remix reads it (the JSON API has its own, smaller limit). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** A document upload (app/services/documents.server.ts) may carry a 20 MB file plus its multipart framing; the upload itself counts the file's bytes again. */
export const MAX_UPLOAD_BODY_BYTES = MAX_DOCUMENT_BYTES + 64 * 1024;
const UPLOAD_PATH = /^\/(?:api\/v1\/(?:results|contracts|grants)\/[^/]+\/documents|results\/[^/]+\/edit|contracts\/[^/]+|grants\/[^/]+)\/?$/;

/** The multipart POSTs to the pages and endpoints that take documents. */
export function isDocumentUpload(req: Pick<Request, 'method' | 'path' | 'headers'>): boolean {
  return req.method === 'POST' && UPLOAD_PATH.test(req.path) && /^multipart\/form-data/i.test(req.headers['content-type'] ?? '');
}

/** The methods the site answers; anything else (TRACE, CONNECT, WebDAV…) is a 405 here, never a crash in Remix. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

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

  app.use(methodGuard);
  app.use((req, res, next) => {
    if (isCrossSiteWrite(req.method, headerGetter(req), { trustProxy: e.TRUST_PROXY })) {
      res.status(403).json({ error: { code: 'forbidden', message: '跨站请求被拒绝 / Cross-site request refused' } });
      return;
    }
    next();
  });
  const limit = bodyLimit(MAX_BODY_BYTES);
  const uploadLimit = bodyLimit(MAX_UPLOAD_BODY_BYTES);
  app.use((req, res, next) => (isDocumentUpload(req) ? uploadLimit : limit)(req, res, next));

  app.use('/build', express.static(path.join(root, 'public/build'), { immutable: true, maxAge: '1y' }));
  app.use(express.static(path.join(root, 'public'), { maxAge: '1h' }));
  app.get('/favicon.ico', (_req, res) => res.redirect(301, '/favicon.svg'));

  app.all('*', remixHandler(build, e.TRUST_PROXY));

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

/** TRACE and the like never reach Remix (whose Request cannot even be built for them); OPTIONS is answered with the methods allowed. */
export function methodGuard(req: Request, res: Response, next: NextFunction) {
  if (METHODS.includes(req.method)) return next();
  res.setHeader('Allow', METHODS.join(', '));
  if (req.method === 'OPTIONS') res.status(204).end();
  else res.status(405).json({ error: { code: 'method_not_allowed', message: '不支持此请求方法 / Method not allowed' } });
}

/**
 * Reads a request body into memory, counting bytes as they arrive whatever the headers say
 * (a chunked body has no Content-Length): past `max` it answers 413 at once, stops reading
 * and closes the connection, so an oversized upload costs at most `max` bytes of memory.
 */
export function bodyLimit(max: number) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    const tooLarge = () => {
      req.pause();
      res.setHeader('Connection', 'close');
      res.once('finish', () => req.socket.destroy());
      res.status(413).json({ error: { code: 'payload_too_large', message: '请求体过大 / Request body too large' } });
    };
    if (Number(req.headers['content-length'] ?? 0) > max) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.off('data', onData).off('end', onEnd);
        chunks.length = 0;
        tooLarge();
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      res.locals.body = Buffer.concat(chunks, size);
      next();
    };
    req.on('data', onData).once('end', onEnd).once('error', next);
  };
}

/**
 * Remix behind Express, as @remix-run/express does it, but on the body bodyLimit has read
 * (that adapter streams `req` itself, past any limit), and with the host taken from
 * X-Forwarded-Host only behind a trusted proxy.
 */
function remixHandler(build: ServerBuild, trustProxy: boolean) {
  const handle = createRequestHandler(build, 'production');
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const host = (trustProxy ? req.get('x-forwarded-host')?.split(',')[0]?.trim() : undefined) || req.get('host') || 'localhost';
      let url: URL;
      try {
        url = new URL(`${req.protocol}://${host}${req.originalUrl}`);
      } catch {
        res.status(400).type('text/plain').send('Bad Request');
        return;
      }
      const controller = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) controller.abort();
      });
      const headers = new Headers();
      for (const [key, values] of Object.entries(req.headers)) {
        for (const v of Array.isArray(values) ? values : values === undefined ? [] : [values]) headers.append(key, v);
      }
      const body = res.locals.body as Buffer | undefined;
      const request = new Request(url, { method: req.method, headers, signal: controller.signal, ...(body ? { body: new Uint8Array(body) } : {}) });
      const response = await handle(request, { ip: req.ip ?? req.socket.remoteAddress ?? '0.0.0.0', nonce: res.locals.nonce as string });
      res.statusMessage = response.statusText;
      res.status(response.status);
      // Set-Cookie may repeat; every other header from the app replaces what middleware (helmet) set.
      for (const [key, value] of response.headers.entries()) {
        if (key === 'set-cookie') res.append(key, value);
        else res.setHeader(key, value);
      }
      if (/text\/event-stream/i.test(response.headers.get('content-type') ?? '')) res.flushHeaders();
      if (response.body) await writeReadableStreamToWritable(response.body, res);
      else res.end();
    } catch (err) {
      next(err);
    }
  };
}
