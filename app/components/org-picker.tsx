import type { Msg } from '#domain/errors.ts';
import type { OrgRole } from '#app/schemas/organizations.server.ts';
import { useT } from './i18n.tsx';
import { LookupPicker } from './lookup-picker.tsx';

type Found = { items?: { id: string; name: string; kind: string }[] };

type Props = {
  /** The form field that carries the chosen id; the visible text goes in `${name}Name`. */
  name: string;
  label: string;
  role: OrgRole;
  required?: boolean;
  placeholder?: string;
  defaultId?: string;
  defaultName?: string;
  error?: Msg;
};

/** A verified organisation of a role, looked up at /orgs/lookup; without script the action resolves the typed name (typedOrgs). */
export function OrgPicker({ role, ...rest }: Props) {
  const t = useT();
  return (
    <LookupPicker<Found>
      {...rest}
      hint={t('org.picker.hint')}
      // LIMITS.orgNameMax: the lookup refuses a longer q.
      maxLength={100}
      url={(q) => `/orgs/lookup?${new URLSearchParams({ q, role })}`}
      suggest={(d) => (d.items ?? []).map((o) => ({ id: o.id, text: o.name }))}
    />
  );
}
