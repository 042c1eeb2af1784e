import type { Msg } from '#domain/errors.ts';
import { message } from '#app/i18n/translate.server.ts';
import type { OrgRole } from '#app/schemas/organizations.server.ts';
import { organizationNames, resolveOrganization } from '#app/services/organizations.server.ts';
import { isUuid } from './api.server.ts';
import type { PrepareForm } from './forms.server.ts';

/** A form field holding an organisation id, chosen with an OrgPicker whose text input is `${field}Name`. */
type OrgField = { field: string; role: OrgRole };

export const CONTRACT_ORG_FIELDS: readonly OrgField[] = [
  { field: 'sellerOrgId', role: 'party' },
  { field: 'buyerOrgId', role: 'party' },
  { field: 'brokerOrgId', role: 'agency' },
];

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * formAction's prepare step for forms with OrgPickers: the picker's visible text is what the user
 * chose. Its script keeps the hidden id in step, but without script, or with an id left over from
 * the prefill, only the text is right. So an id stands only while its organisation's name is the
 * text; otherwise the text is resolved to an id, and a text that names no one (or several) is a
 * 400 on that field with nothing written. Fields whose picker is not on the form (the edit page's
 * locked parties) are left alone.
 */
export function typedOrgs(pickers: readonly OrgField[]): PrepareForm {
  return async (values) => {
    const out = { ...values };
    const present = pickers.filter((p) => `${p.field}Name` in values);
    const idOf = (field: string) => {
      const id = str(values[field]);
      return isUuid(id) ? id : null;
    };
    const names = await organizationNames(present.map((p) => idOf(p.field)));
    const fields: Record<string, Msg> = {};
    for (const { field, role } of present) {
      const text = str(values[`${field}Name`]);
      const id = idOf(field);
      if (!text) out[field] = undefined;
      else if (!id || names.get(id)?.trim() !== text) {
        const r = await resolveOrganization(text, role);
        if (r.ok) out[field] = r.id;
        else fields[field] = message(r.reason === 'ambiguous' ? 'org.picker.ambiguous' : 'org.picker.unknown');
      }
    }
    return Object.keys(fields).length ? { fields } : { values: out };
  };
}
