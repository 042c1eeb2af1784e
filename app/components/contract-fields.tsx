import { CONTRACT_KINDS } from '#domain/contracts/rules.ts';
import type { Msg } from '#domain/errors.ts';
import { Field } from './form.tsx';
import { useT } from './i18n.tsx';
import { OrgPicker } from './org-picker.tsx';
import { ResultPicker } from './result-picker.tsx';

type Props = {
  /** The form's strings. */
  values: Record<string, string | undefined>;
  /** The names of the organisations, and the title of the result, whose ids are in `values` (only those). */
  names: Record<string, string>;
  fields: Record<string, Msg>;
  /** `values` came back from a failed submit: the pickers show what was typed, even nothing. */
  echoed?: boolean;
  lockParties?: boolean;
};

/** The contract's fields, shared by the wizard and the edit page. */
export function ContractFields({ values, names, fields, echoed, lockParties }: Props) {
  const t = useT();
  const v = values;
  const f = fields;
  const nameOf = (field: 'sellerOrgId' | 'buyerOrgId' | 'brokerOrgId' | 'resultId') => (echoed ? v[`${field}Name`] : names[v[field] ?? '']) ?? '';
  return (
    <>
      <Field name="kind" label={t('contract.kind')} required defaultValue={v.kind} error={f.kind}>
        {CONTRACT_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`contract.kind.${k}`)}
          </option>
        ))}
      </Field>
      <label className="check">
        <input type="checkbox" name="licence" defaultChecked={v.licence === 'on'} /> {t('contract.licence')}
      </label>
      <Field name="title" label={t('contract.title')} required defaultValue={v.title} error={f.title} />
      {lockParties ? (
        <p className="muted">
          {t('contract.seller')}：{names[v.sellerOrgId ?? '']} · {t('contract.buyer')}：{names[v.buyerOrgId ?? '']}
        </p>
      ) : (
        <>
          <OrgPicker name="sellerOrgId" label={t('contract.seller')} role="party" required defaultId={v.sellerOrgId} defaultName={nameOf('sellerOrgId')} error={f.sellerOrgId} />
          <OrgPicker name="buyerOrgId" label={t('contract.buyer')} role="party" required defaultId={v.buyerOrgId} defaultName={nameOf('buyerOrgId')} error={f.buyerOrgId} />
        </>
      )}
      <OrgPicker name="brokerOrgId" label={t('contract.broker')} role="agency" placeholder={t('contract.none')} defaultId={v.brokerOrgId} defaultName={nameOf('brokerOrgId')} error={f.brokerOrgId} />
      <ResultPicker name="resultId" label={t('contract.result')} sellerField="sellerOrgId" defaultId={v.resultId} defaultName={nameOf('resultId')} error={f.resultId} />
      <Field name="amount" label={t('contract.amount')} required defaultValue={v.amount ?? ''} error={f.amount} inputMode="numeric" />
      <Field name="technologyAmount" label={t('contract.technologyAmount')} defaultValue={v.technologyAmount} error={f.technologyAmount} inputMode="numeric" />
      <Field name="signedOn" label={t('contract.signedOn')} type="date" required defaultValue={v.signedOn} error={f.signedOn} />
      <Field name="commissionRate" label={t('contract.commissionRate')} hint={t('contract.commission.hint')} defaultValue={v.commissionRate} error={f.commission} inputMode="numeric" />
      <Field name="commissionFixed" label={t('contract.commissionFixed')} defaultValue={v.commissionFixed} inputMode="numeric" />
      <Field name="instalments" label={t('contract.instalments')} hint={t('contract.instalments.hint')} type="textarea" defaultValue={v.instalments} error={f.instalments} />
    </>
  );
}
