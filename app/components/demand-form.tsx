import { Form } from '@remix-run/react';
import type { Msg } from '#domain/errors.ts';
import { MATURITIES, RESULT_FIELDS, TRANSFER_MODES } from '#domain/result-codes.ts';
import { describedBy, Field, FieldFrame, FormErrors } from './form.tsx';
import { usePick, useT } from './i18n.tsx';

export type DemandFormValues = {
  title?: string;
  description?: string;
  field?: string;
  indicators?: string[] | string;
  keywords?: string[] | string;
  budget?: string | null;
  deadline?: string | null;
  cooperationModes?: string[] | string;
  maturityNeeded?: string | null;
};

const joined = (v: string[] | string | undefined, sep: string) => (Array.isArray(v) ? v.join(sep) : (v ?? ''));

/** Posting a demand; the server validates with the API's schema and answers errors per field. */
export function DemandForm({ values, fields = {}, formError, busy, submitLabel, minDate }: { values: DemandFormValues; fields?: Record<string, Msg>; formError?: Msg; busy: boolean; submitLabel: string; minDate: string }) {
  const t = useT();
  const pick = usePick();
  const modes = Array.isArray(values.cooperationModes) ? values.cooperationModes : values.cooperationModes ? [values.cooperationModes] : [];
  return (
    <Form method="post" noValidate>
      <FormErrors formError={formError} fields={fields} />
      <Field name="title" label={t('demand.title')} required defaultValue={values.title} error={fields.title} maxLength={120} />
      <Field name="description" label={t('demand.description')} hint={t('demand.description.hint')} type="textarea" required defaultValue={values.description} error={fields.description} maxLength={5000} />
      <Field name="field" label={t('demand.field')} required defaultValue={values.field ?? 'new_materials'} error={fields.field}>
        {RESULT_FIELDS.map((f) => (
          <option key={f} value={f}>
            {t(`field.${f}`)}
          </option>
        ))}
      </Field>
      <Field name="keywords" label={t('demand.keywords')} hint={t('demand.keywords.hint')} defaultValue={joined(values.keywords, '，')} error={fields.keywords} />
      <Field name="indicators" label={t('demand.indicators')} hint={t('demand.indicators.hint')} type="textarea" defaultValue={joined(values.indicators, '\n')} error={fields.indicators} />
      <fieldset className={`field${fields.cooperationModes ? ' has-error' : ''}`} aria-describedby={fields.cooperationModes ? 'f-cooperationModes-error' : undefined}>
        <legend>
          {t('demand.cooperationModes')}
          <span className="req"> *<span className="sr-only">{t('form.required')}</span></span>
        </legend>
        <div className="checks">
          {TRANSFER_MODES.map((m) => (
            <label key={m} className="check">
              <input type="checkbox" name="cooperationModes" value={m} defaultChecked={modes.includes(m)} /> {t(`transferMode.${m}`)}
            </label>
          ))}
        </div>
        {fields.cooperationModes ? (
          <p className="error" id="f-cooperationModes-error">
            {pick(fields.cooperationModes)}
          </p>
        ) : null}
      </fieldset>
      <Field name="maturityNeeded" label={t('demand.maturityNeeded')} defaultValue={values.maturityNeeded ?? ''} error={fields.maturityNeeded}>
        <option value="">{t('demand.maturityAny')}</option>
        {MATURITIES.map((m) => (
          <option key={m} value={m}>
            {t('demand.maturityAtLeast', { maturity: t(`maturity.${m}`) })}
          </option>
        ))}
      </Field>
      <Field name="budget" label={t('demand.budget')} hint={t('demand.budget.hint')} defaultValue={values.budget ?? ''} error={fields.budget} inputMode="numeric" />
      <DateField name="deadline" label={t('demand.deadline')} hint={t('demand.deadline.hint')} defaultValue={values.deadline ?? ''} error={fields.deadline ? pick(fields.deadline) : undefined} min={minDate} />
      <button type="submit" className="button primary" disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  );
}

/** A date input with its hint and error tied to it (Field has no `min`). */
function DateField({ name, label, hint, defaultValue, error, min }: { name: string; label: string; hint: string; defaultValue: string; error?: string; min: string }) {
  const id = `f-${name}`;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <input id={id} name={name} type="date" min={min} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} />
    </FieldFrame>
  );
}
