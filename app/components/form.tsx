import type { ReactNode } from 'react';
import type { Msg } from '#domain/errors.ts';
import { usePick, useT } from './i18n.tsx';

type FieldProps = {
  name: string;
  label: string;
  error?: Msg;
  hint?: string;
  type?: string;
  defaultValue?: unknown;
  required?: boolean;
  autoComplete?: string;
  children?: ReactNode;
  inputMode?: 'text' | 'numeric' | 'email';
  maxLength?: number;
};

/** A labelled input whose hint and error are tied to it for screen readers. */
export function Field({ name, label, error, hint, type = 'text', defaultValue, required, autoComplete, children, inputMode, maxLength }: FieldProps) {
  const pick = usePick();
  const t = useT();
  const id = `f-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    required,
  };
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="req"> *<span className="sr-only">{t('form.required')}</span></span> : null}
      </label>
      {children ? (
        <select {...common} defaultValue={typeof defaultValue === 'string' ? defaultValue : undefined}>
          {children}
        </select>
      ) : type === 'textarea' ? (
        <textarea {...common} defaultValue={typeof defaultValue === 'string' ? defaultValue : undefined} rows={4} maxLength={maxLength} />
      ) : (
        <input
          {...common}
          type={type}
          autoComplete={autoComplete}
          inputMode={inputMode}
          maxLength={maxLength}
          defaultValue={typeof defaultValue === 'string' ? defaultValue : undefined}
        />
      )}
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="error" id={`${id}-error`}>
          {pick(error)}
        </p>
      ) : null}
    </div>
  );
}

/** The summary at the top of a form that failed. */
export function FormErrors({ formError, fields }: { formError?: Msg; fields?: Record<string, Msg> }) {
  const pick = usePick();
  const t = useT();
  if (!formError && (!fields || Object.keys(fields).length === 0)) return null;
  return (
    <div className="alert error" role="alert">
      <p>{formError ? pick(formError) : t('form.errors')}</p>
    </div>
  );
}
