import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import type { z } from 'zod';
import { AppError, invalid, type Msg } from '#domain/errors.ts';
import { message } from '#app/i18n/translate.server.ts';
import { pick, prefersEnglish, type Locale } from '#app/i18n/index.ts';
import { validate } from './validation.ts';

/** Bodies beyond this are refused before parsing. */
export const MAX_JSON_BYTES = 64 * 1024;

export function apiLocale(request: Request): Locale {
  return prefersEnglish(request.headers.get('accept-language')) ? 'en' : 'zh';
}

export function errorBody(err: AppError, locale: Locale) {
  const fields = Object.fromEntries(Object.entries(err.fields).map(([k, m]) => [k, pick(locale, m)]));
  return { error: { code: err.code, message: pick(locale, err.msg), ...(Object.keys(fields).length ? { fields } : {}) } };
}

export function apiError(err: AppError, request: Request): Response {
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  if (err.retryAfterSeconds) headers.set('Retry-After', String(err.retryAfterSeconds));
  return Response.json(errorBody(err, apiLocale(request)), { status: err.status, headers });
}

const internal: Msg = { zh: '服务器内部错误', en: 'Internal server error' };

/**
 * Wraps an API loader or action: expected failures become the documented error
 * format; anything else is logged and answered with a bare 500, never a stack trace.
 */
export function api<A extends LoaderFunctionArgs | ActionFunctionArgs>(handler: (args: A) => Promise<Response>) {
  return async (args: A): Promise<Response> => {
    try {
      return await handler(args);
    } catch (e) {
      if (e instanceof AppError) return apiError(e, args.request);
      if (e instanceof Response) return e;
      console.error('[api]', args.request.method, new URL(args.request.url).pathname, e);
      return Response.json({ error: { code: 'internal', message: pick(apiLocale(args.request), internal) } }, { status: 500 });
    }
  };
}

export function ok(data: unknown, status = 200, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set('Cache-Control', 'no-store');
  return Response.json(data, { status, headers: h });
}

/** Reads a JSON body of bounded size and validates it; a bad body is a 400 with a message per field. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const text = await readBoundedText(request, MAX_JSON_BYTES);
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    throw invalid({}, message('validation.body'));
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid({}, message('validation.body'));
  }
  return parseOr400(schema, body);
}

export function parseOr400<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = validate(schema, input);
  if (!r.ok) throw invalid(r.fields);
  return r.data;
}

function tooLarge(max: number) {
  return new AppError('payload_too_large', {
    zh: `请求体超过 ${max / 1024} KB 上限`,
    en: `The request body exceeds ${max / 1024} KB`,
  });
}

/**
 * A request body as text, counted as it streams in (a chunked body declares no length):
 * past `max` bytes reading stops and the answer is a 413. Invalid UTF-8 stays U+FFFD, as in `request.text()`.
 */
export async function readBoundedText(request: Request, max: number): Promise<string> {
  if (Number(request.headers.get('content-length') ?? 0) > max) throw tooLarge(max);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks, size));
}

export const PAGE_SIZE_MAX = 100;

/** `?page=&pageSize=` with the documented bounds; out of bounds is a 400, not a silent clamp. */
export function paging(url: URL): { page: number; pageSize: number } {
  const page = url.searchParams.get('page') ?? '1';
  const size = url.searchParams.get('pageSize') ?? '20';
  const fields: Record<string, Msg> = {};
  if (!/^\d{1,6}$/.test(page) || Number(page) < 1) fields.page = { zh: '页码须为正整数', en: 'page must be a positive integer' };
  if (!/^\d{1,6}$/.test(size) || Number(size) < 1 || Number(size) > PAGE_SIZE_MAX) {
    fields.pageSize = { zh: `每页条数须在 1–${PAGE_SIZE_MAX} 之间`, en: `pageSize must be between 1 and ${PAGE_SIZE_MAX}` };
  }
  if (Object.keys(fields).length) throw invalid(fields);
  return { page: Number(page), pageSize: Number(size) };
}

export function isUuid(s: string | undefined): s is string {
  return !!s && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}

export function meta(request: Request, context: { ip?: string } | undefined) {
  return { ip: context?.ip ?? '0.0.0.0', userAgent: request.headers.get('user-agent') };
}

/** For action-only API routes: a GET is answered, not crashed. */
export const methodNotAllowed = api(async () => {
  throw new AppError('forbidden', { zh: '不支持此请求方法', en: 'Method not allowed' });
});
