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

/** The ids a control's aria-describedby names: its hint and its error, where present. */
export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

/**
 * The frame of every form control: the label (with the required mark), the control, its hint and
 * its error, the last two with the ids `describedBy` gives. The control itself is the child.
 */
export function FieldFrame({ id, label, required, hint, error, children }: { id: string; label: string; required?: boolean; hint?: string; error?: Msg | string; children: ReactNode }) {
  const pick = usePick();
  const t = useT();
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="req"> *<span className="sr-only">{t('form.required')}</span></span> : null}
      </label>
      {children}
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="error" id={`${id}-error`}>
          {typeof error === 'string' ? error : pick(error)}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input whose hint and error are tied to it for screen readers. */
export function Field({ name, label, error, hint, type = 'text', defaultValue, required, autoComplete, children, inputMode, maxLength }: FieldProps) {
  const id = `f-${name}`;
  const common = {
    id,
    name,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, hint, error),
    required,
  };
  return (
    <FieldFrame id={id} label={label} required={required} hint={hint} error={error}>
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
    </FieldFrame>
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
