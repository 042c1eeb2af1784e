/**
 * Calls real route loaders and actions with real Requests, against the test
 * database: the same code path as HTTP, minus the socket.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';

type RouteModule = {
  loader?: (args: LoaderFunctionArgs) => unknown;
  action?: (args: ActionFunctionArgs) => unknown;
};

type CallOptions = {
  method?: string;
  path?: string;
  params?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  form?: Record<string, string>;
  token?: string;
  cookie?: string;
  headers?: Record<string, string>;
  ip?: string;
};

export async function call(route: RouteModule, opts: CallOptions = {}): Promise<Response> {
  const method = opts.method ?? (opts.body !== undefined || opts.rawBody !== undefined || opts.form ? 'POST' : 'GET');
  const headers = new Headers(opts.headers);
  if (opts.token) headers.set('authorization', `Bearer ${opts.token}`);
  if (opts.cookie) headers.set('cookie', opts.cookie);
  let body: BodyInit | undefined;
  if (opts.form) {
    body = new URLSearchParams(opts.form);
    headers.set('content-type', 'application/x-www-form-urlencoded');
  } else if (opts.rawBody !== undefined) {
    body = opts.rawBody;
    headers.set('content-type', 'application/json');
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers.set('content-type', 'application/json');
  }
  const request = new Request(`http://localhost${opts.path ?? '/'}`, { method, headers, body });
  const args = { request, params: opts.params ?? {}, context: { ip: opts.ip ?? '127.0.0.1', nonce: 'test' } };
  const fn = method === 'GET' || method === 'HEAD' ? route.loader : route.action;
  if (!fn) throw new Error(`route has no ${method === 'GET' ? 'loader' : 'action'}`);
  try {
    return toResponse(await fn(args as never));
  } catch (thrown) {
    return toResponse(thrown);
  }
}

/** Loaders may return a Response, Remix `data()` or a plain object; tests see a Response. */
function toResponse(value: unknown): Response {
  if (value instanceof Response) return value;
  if (value && typeof value === 'object' && 'type' in value && (value as { type: string }).type === 'DataWithResponseInit') {
    const d = value as unknown as { data: unknown; init?: ResponseInit | null };
    return Response.json(d.data, d.init ?? undefined);
  }
  if (value instanceof Error) throw value;
  return Response.json(value ?? null);
}

export async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
