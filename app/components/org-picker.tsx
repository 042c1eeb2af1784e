import { useFetcher } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import type { Msg } from '#domain/errors.ts';
import type { OrgRole } from '#app/schemas/organizations.server.ts';
import { describedBy, FieldFrame } from './form.tsx';
import { useT } from './i18n.tsx';

type Suggestion = { id: string; name: string; kind: string };

/** Long enough to skip the keystrokes of a word being typed, short enough to feel immediate. */
const DEBOUNCE_MS = 200;

/** The id the text names: the prefilled one while the text is unchanged, else the one suggestion of exactly that name. */
function chosenId(text: string, items: Suggestion[], initial: { id?: string; name?: string }): string {
  if (!text) return '';
  if (initial.id && text === initial.name?.trim()) return initial.id;
  const hits = items.filter((o) => o.name === text);
  return hits.length === 1 ? hits[0]!.id : '';
}

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

/**
 * An organisation chosen by name among thousands: a text input whose suggestions come from
 * /orgs/lookup as the user types, and a hidden input with the id of the one it names. Without
 * script the user types the exact name and the action resolves it (typedOrgs). The label, hint
 * and error come from FieldFrame, like every Field.
 */
export function OrgPicker({ name, label, role, required, placeholder, defaultId, defaultName, error }: Props) {
  const t = useT();
  const lookup = useFetcher<{ items?: Suggestion[] }>();
  const [text, setText] = useState(defaultName ?? '');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const id = `f-${name}`;
  const items = lookup.data?.items ?? [];
  const load = (q: string, delay: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => lookup.load(`/orgs/lookup?${new URLSearchParams({ q, role })}`), delay);
  };

  return (
    <FieldFrame id={id} label={label} required={required} hint={t('org.picker.hint')} error={error}>
      <input
        id={id}
        name={`${name}Name`}
        type="text"
        list={`${id}-list`}
        autoComplete="off"
        // LIMITS.orgNameMax: the lookup refuses a longer q.
        maxLength={100}
        value={text}
        placeholder={placeholder}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, true, error)}
        onChange={(e) => {
          setText(e.target.value);
          load(e.target.value.trim(), DEBOUNCE_MS);
        }}
        // On focus, the first organisations by name, so the list is there before any typing.
        onFocus={() => {
          if (!lookup.data && lookup.state === 'idle') load(text.trim(), 0);
        }}
      />
      <datalist id={`${id}-list`}>
        {items.map((o) => (
          <option key={o.id} value={o.name} />
        ))}
      </datalist>
      <input type="hidden" name={name} value={chosenId(text.trim(), items, { id: defaultId, name: defaultName })} />
    </FieldFrame>
  );
}
