import { useState } from 'react';
import type { Msg } from '#domain/errors.ts';
import { describedBy, FieldFrame } from './form.tsx';
import { useT } from './i18n.tsx';

export type RegionChoice = { code: string; name: string; fullName: string };

type Props = {
  name: string;
  label: string;
  hint: string;
  choices: RegionChoice[];
  defaultValue?: unknown;
  error?: Msg;
  required?: boolean;
};

/** The choice a typed text names, as the server resolves it: a code, a short name or a full name. */
function match(text: string, choices: RegionChoice[]): RegionChoice | undefined {
  const t = text.replace(/\s+/g, '');
  return choices.find((c) => c.code === t || c.name === t || c.fullName === t);
}

/**
 * A district or county chosen by name from a short list: a text input with a native datalist, so
 * the browser filters the names as the user types, with or without script. The form sends what the
 * input holds (a name such as 东昌府区, or a six-digit code) and the action turns it into the code.
 * Once hydrated, a line under the input says which region and code the text names.
 */
export function RegionPicker({ name, label, hint, choices, defaultValue, error, required }: Props) {
  const t = useT();
  const id = `f-${name}`;
  const [text, setText] = useState(typeof defaultValue === 'string' ? defaultValue : '');
  const hit = text ? match(text, choices) : undefined;
  return (
    <FieldFrame id={id} label={label} required={required} hint={hint} error={error}>
      <input
        id={id}
        name={name}
        type="text"
        list={`${id}-list`}
        autoComplete="off"
        maxLength={40}
        placeholder={t('signup.region.placeholder')}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={[describedBy(id, hint, error), `${id}-chosen`].filter(Boolean).join(' ')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
      />
      <datalist id={`${id}-list`}>
        {choices.map((c) => (
          <option key={c.code} value={c.name}>
            {`${c.fullName} · ${c.code}`}
          </option>
        ))}
      </datalist>
      <p className="hint region-chosen" id={`${id}-chosen`} role="status" data-testid="region-chosen">
        {hit ? t('signup.region.chosen', { name: hit.fullName, code: hit.code }) : ''}
      </p>
    </FieldFrame>
  );
}
