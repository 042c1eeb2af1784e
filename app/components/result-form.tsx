import { Form } from '@remix-run/react';
import type { Msg } from '#domain/errors.ts';
import { Field, FormErrors } from './form.tsx';
import { usePick, useT } from './i18n.tsx';
import { IP_TYPES, MATURITIES, RESULT_FIELDS, TRANSFER_MODES } from '#domain/result-codes.ts';

export type ResultFormValues = {
  kind?: string;
  title?: string;
  titleEn?: string | null;
  abstract?: string;
  field?: string;
  ipType?: string;
  patentNo?: string | null;
  transferModes?: string[] | string;
  price?: string | null;
  maturity?: string;
  keywords?: string[] | string;
  inventors?: string[] | string;
};

const joined = (v: string[] | string | undefined) => (Array.isArray(v) ? v.join('，') : (v ?? ''));

/** The form for a new result and for editing one; the server validates with the API's schema. */
export function ResultForm({
  values,
  fields = {},
  formError,
  busy,
  submitLabel,
}: {
  values: ResultFormValues;
  fields?: Record<string, Msg>;
  formError?: Msg;
  busy: boolean;
  submitLabel: string;
}) {
  const t = useT();
  const pick = usePick();
  const modes = Array.isArray(values.transferModes) ? values.transferModes : values.transferModes ? [values.transferModes] : [];
  return (
    <Form method="post" noValidate>
      <FormErrors formError={formError} fields={fields} />
      <Field name="kind" label={t('result.kind')} required defaultValue={values.kind ?? 'patent'} error={fields.kind}>
        <option value="patent">{t('resultKind.patent')}</option>
        <option value="result">{t('resultKind.result')}</option>
      </Field>
      <Field name="title" label={t('result.title')} required defaultValue={values.title} error={fields.title} maxLength={120} />
      <Field name="titleEn" label={t('result.titleEn')} defaultValue={values.titleEn ?? ''} error={fields.titleEn} />
      <Field name="abstract" label={t('result.abstract')} type="textarea" required defaultValue={values.abstract} error={fields.abstract} maxLength={5000} />
      <Field name="field" label={t('result.field')} required defaultValue={values.field ?? 'new_materials'} error={fields.field}>
        {RESULT_FIELDS.map((f) => (
          <option key={f} value={f}>
            {t(`field.${f}`)}
          </option>
        ))}
      </Field>
      <Field name="ipType" label={t('result.ipType')} required defaultValue={values.ipType ?? 'invention_patent'} error={fields.ipType}>
        {IP_TYPES.map((f) => (
          <option key={f} value={f}>
            {t(`ipType.${f}`)}
          </option>
        ))}
      </Field>
      <Field name="patentNo" label={t('result.patentNo')} hint={t('result.patentNo.hint')} defaultValue={values.patentNo ?? ''} error={fields.patentNo} />
      <fieldset className={`field${fields.transferModes ? ' has-error' : ''}`} aria-describedby={fields.transferModes ? 'f-transferModes-error' : undefined}>
        <legend>
          {t('result.transferModes')}
          <span className="req"> *</span>
        </legend>
        <div className="checks">
          {TRANSFER_MODES.map((m) => (
            <label key={m} className="check">
              <input type="checkbox" name="transferModes" value={m} defaultChecked={modes.includes(m)} /> {t(`transferMode.${m}`)}
            </label>
          ))}
        </div>
        {fields.transferModes ? (
          <p className="error" id="f-transferModes-error">
            {pick(fields.transferModes)}
          </p>
        ) : null}
      </fieldset>
      <Field name="price" label={t('result.price')} hint={t('result.price.hint')} defaultValue={values.price ?? ''} error={fields.price} inputMode="numeric" />
      <Field name="maturity" label={t('result.maturity')} required defaultValue={values.maturity ?? 'lab'} error={fields.maturity}>
        {MATURITIES.map((m) => (
          <option key={m} value={m}>
            {t(`maturity.${m}`)}
          </option>
        ))}
      </Field>
      <Field name="keywords" label={t('result.keywords')} hint={t('result.keywords.hint')} defaultValue={joined(values.keywords)} error={fields.keywords} />
      <Field name="inventors" label={t('result.inventors')} hint={t('result.inventors.hint')} defaultValue={joined(values.inventors)} error={fields.inventors} />
      <button type="submit" className="button primary" disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  );
}
