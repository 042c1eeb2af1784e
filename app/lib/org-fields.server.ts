import { data, type ActionFunctionArgs } from '@remix-run/node';
import type { Msg } from '#domain/errors.ts';
import { en, zh, type MessageKey } from '#app/i18n/messages.ts';
import type { OrgRole } from '#app/schemas/organizations.server.ts';
import { organizationNames, resolveOrganization } from '#app/services/organizations.server.ts';
import { isUuid } from './api.server.ts';
import type { FormResult } from './forms.server.ts';
import { formToObject } from './validation.ts';

/** A form field holding an organisation id, chosen with an OrgPicker whose text input is `${field}Name`. */
type OrgField = { field: string; role: OrgRole };

export const CONTRACT_ORG_FIELDS: readonly OrgField[] = [
  { field: 'sellerOrgId', role: 'party' },
  { field: 'buyerOrgId', role: 'party' },
  { field: 'brokerOrgId', role: 'agency' },
];

const msg = (key: MessageKey): Msg => ({ zh: zh[key], en: en[key] });
const str = (v: FormDataEntryValue | null) => (typeof v === 'string' ? v.trim() : '');
const idIn = (form: FormData, field: string) => {
  const id = str(form.get(field));
  return isUuid(id) ? id : null;
};

/**
 * Runs before a form action: the picker's visible text is what the user chose. Its script keeps the
 * hidden id in step, but without script, or with an id left over from the prefill, only the text is
 * right. So an id stands only while its organisation's name is the text; otherwise the text is
 * resolved to an id, and a text that names no one is a 400 on that field with nothing written.
 * Fields whose picker is not on the form (the edit page's locked parties) are left alone.
 */
export function withTypedOrgs<R>(pickers: readonly OrgField[], action: (args: ActionFunctionArgs) => Promise<R>) {
  return async (args: ActionFunctionArgs) => {
    const form = await args.request.formData();
    const present = pickers.filter((p) => form.has(`${p.field}Name`));
    const names = await organizationNames(present.map((p) => idIn(form, p.field)));
    const fields: Record<string, Msg> = {};
    for (const { field, role } of present) {
      const text = str(form.get(`${field}Name`));
      const id = idIn(form, field);
      if (!text) form.set(field, '');
      else if (!id || names.get(id)?.trim() !== text) {
        const r = await resolveOrganization(text, role);
        if (r.ok) form.set(field, r.id);
        else fields[field] = msg(r.reason === 'ambiguous' ? 'org.picker.ambiguous' : 'org.picker.unknown');
      }
    }
    if (Object.keys(fields).length) return data<FormResult>({ fields, values: formToObject(form) }, { status: 400 });
    return action({ ...args, request: withBody(args.request, form) });
  };
}

/** The same request carrying this form: a body can be read only once, and the action reads it again. */
function withBody(request: Request, form: FormData): Request {
  const body = new URLSearchParams();
  for (const [k, v] of form) if (typeof v === 'string') body.append(k, v);
  const headers = new Headers(request.headers);
  headers.set('content-type', 'application/x-www-form-urlencoded;charset=UTF-8');
  headers.delete('content-length');
  return new Request(request.url, { method: request.method, headers, body, signal: request.signal });
}
