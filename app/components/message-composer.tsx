import { useState } from 'react';
import { MESSAGE_MAX_CHARS } from '#domain/demands/codes.ts';
import type { Msg } from '#domain/errors.ts';
import { usePick, useT } from './i18n.tsx';

/** Counts as the server does: code points, not UTF-16 units. */
const chars = (s: string) => [...s].length;

/** A message box with a live character count against the 4000-character limit. */
export function MessageComposer({ name, label, error, defaultValue, placeholder }: { name: string; label: string; error?: Msg; defaultValue?: string; placeholder?: string }) {
  const t = useT();
  const pick = usePick();
  const [count, setCount] = useState(() => chars(defaultValue ?? ''));
  const id = `f-${name}`;
  const over = count > MESSAGE_MAX_CHARS;
  return (
    <div className={`field${error || over ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {label}
        <span className="req">
          {' '}
          *<span className="sr-only">{t('form.required')}</span>
        </span>
      </label>
      <textarea
        id={id}
        name={name}
        rows={5}
        required
        defaultValue={defaultValue}
        placeholder={placeholder}
        aria-invalid={error || over ? true : undefined}
        aria-describedby={`${id}-count${error ? ` ${id}-error` : ''}`}
        onInput={(e) => setCount(chars(e.currentTarget.value))}
      />
      <p className={`hint char-count${over ? ' over' : ''}`} id={`${id}-count`} aria-live="polite" data-testid="char-count">
        {t('conv.charCount', { count, max: MESSAGE_MAX_CHARS })}
      </p>
      {error ? (
        <p className="error" id={`${id}-error`}>
          {pick(error)}
        </p>
      ) : null}
    </div>
  );
}
