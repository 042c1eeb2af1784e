import { useFetcher } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import type { Msg } from '#domain/errors.ts';
import { describedBy, FieldFrame } from './form.tsx';

/** One suggestion: `text` is what the input holds once chosen, `detail` what tells equal texts apart. */
export type Suggestion = { id: string; text: string; detail?: string };

/** Long enough to skip the keystrokes of a word being typed, short enough to feel immediate. */
const DEBOUNCE_MS = 200;

/** The id the text names: the prefilled one while the text is unchanged, else the one suggestion of exactly that text. */
function chosenId(text: string, items: Suggestion[], initial: { id?: string; text?: string }): string {
  if (!text) return '';
  if (initial.id && text === initial.text?.trim()) return initial.id;
  const hits = items.filter((o) => o.text === text);
  return hits.length === 1 ? hits[0]!.id : '';
}

type Props<T> = {
  /** The form field that carries the chosen id; the visible text goes in `${name}Name`. */
  name: string;
  label: string;
  hint: string;
  /** The lookup's address for a typed text, read when the user types (so it may look at the rest of the form). */
  url: (q: string, input: HTMLInputElement) => string;
  /** The lookup's items as suggestions. */
  suggest: (data: T) => Suggestion[];
  maxLength: number;
  required?: boolean;
  placeholder?: string;
  defaultId?: string;
  defaultName?: string;
  error?: Msg;
};

/**
 * Something chosen by name among thousands: a text input whose suggestions come from a lookup
 * route as the user types, and a hidden input with the id of the one it names. Without script the
 * user types the exact name and the action resolves it. The label, hint and error come from
 * FieldFrame, like every Field.
 */
export function LookupPicker<T>({ name, label, hint, url, suggest, maxLength, required, placeholder, defaultId, defaultName, error }: Props<T>) {
  const lookup = useFetcher<T>();
  const [text, setText] = useState(defaultName ?? '');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const id = `f-${name}`;
  const items = lookup.data ? suggest(lookup.data) : [];
  const load = (q: string, input: HTMLInputElement, delay: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => lookup.load(url(q, input)), delay);
  };

  return (
    <FieldFrame id={id} label={label} required={required} hint={hint} error={error}>
      <input
        id={id}
        name={`${name}Name`}
        type="text"
        list={`${id}-list`}
        autoComplete="off"
        maxLength={maxLength}
        value={text}
        placeholder={placeholder}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, true, error)}
        onChange={(e) => {
          setText(e.target.value);
          load(e.target.value.trim(), e.target, DEBOUNCE_MS);
        }}
        // On focus, the first ones, so the list is there before any typing; again if the rest of the form changed the address.
        onFocus={(e) => {
          if (lookup.state === 'idle') load(text.trim(), e.target, 0);
        }}
      />
      <datalist id={`${id}-list`}>
        {items.map((o) => (
          <option key={o.id} value={o.text}>
            {o.detail}
          </option>
        ))}
      </datalist>
      <input type="hidden" name={name} value={chosenId(text.trim(), items, { id: defaultId, text: defaultName })} />
    </FieldFrame>
  );
}
