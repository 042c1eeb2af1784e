import { data, type ActionFunctionArgs } from '@remix-run/node';
import type { z } from 'zod';
import { AppError, type Msg } from '#domain/errors.ts';
import { message } from '#app/i18n/translate.server.ts';
import { formToObject, validate, type FieldErrors } from './validation.ts';

export type FormResult = { formError?: Msg; fields?: FieldErrors; values?: Record<string, unknown> };

const SECRET_FIELDS = new Set(['password', 'token']);

function echo(values: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(values).filter(([k]) => !SECRET_FIELDS.has(k)));
}

/**
 * A step before validation that needs the database, such as turning a typed name into an id:
 * the values to validate, or a message per field (400, nothing written).
 */
export type PrepareForm = (values: Record<string, unknown>) => Promise<{ values: Record<string, unknown> } | { fields: FieldErrors }>;

/** Prepare steps in order, each on the values the one before returned; the first with field errors stops. */
export function prepareAll(...steps: PrepareForm[]): PrepareForm {
  return async (values) => {
    let out = values;
    for (const step of steps) {
      const p = await step(out);
      if ('fields' in p) return p;
      out = p.values;
    }
    return { values: out };
  };
}

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/**
 * A page form's body: only form data (a 415 otherwise, and a 400 for a body that does not parse
 * as what it claims), so a JSON or text/plain POST to a page is refused, not a crash.
 */
export async function readForm(request: Request): Promise<FormData> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) throw data<FormResult>({ formError: message('validation.formBody') }, { status: 415 });
  try {
    return await request.formData();
  } catch {
    throw data<FormResult>({ formError: message('validation.formBody') }, { status: 400 });
  }
}

/**
 * The one way page forms work: validate with the same zod schema as the API,
 * answer 400 with a message per field, and turn an AppError into its status and message.
 */
export function formAction<S extends z.ZodType>(
  schema: S,
  handler: (input: z.output<S>, args: ActionFunctionArgs) => Promise<Response | ReturnType<typeof data<FormResult>>>,
  opts: { prepare?: PrepareForm } = {},
) {
  return async (args: ActionFunctionArgs) => {
    let values = formToObject(await readForm(args.request));
    if (opts.prepare) {
      const p = await opts.prepare(values);
      if ('fields' in p) return data<FormResult>({ fields: p.fields, values: echo(values) }, { status: 400 });
      values = p.values;
    }
    const r = validate(schema, values);
    if (!r.ok) return data<FormResult>({ fields: r.fields, values: echo(values) }, { status: 400 });
    try {
      return await handler(r.data, args);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      const headers = e.retryAfterSeconds ? { 'Retry-After': String(e.retryAfterSeconds) } : undefined;
      return data<FormResult>({ formError: e.msg, fields: e.fields, values: echo(values) }, { status: e.status, headers });
    }
  };
}

/** Loaders and actions of pages: an AppError becomes a Remix error response the boundary shows. */
export async function orThrowResponse<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof AppError) throw data(e.msg.zh, { status: e.status });
    throw e;
  }
}
