import { CONTRACT_KINDS } from '#domain/contracts/rules.ts';
import type { Msg } from '#domain/errors.ts';
import { Field } from './form.tsx';
import { usePick, useT } from './i18n.tsx';

type Org = { id: string; name: string; kind: string };

/** The contract's fields, shared by the wizard and the edit page. Values are the form's strings. */
export function ContractFields({ orgs, values, fields, lockParties }: { orgs: Org[]; values: Record<string, string | undefined>; fields: Record<string, Msg>; lockParties?: boolean }) {
  const t = useT();
  const pick = usePick();
  const v = values;
  const f = fields;
  const parties = orgs.filter((o) => o.kind !== 'agency');
  const agencies = orgs.filter((o) => o.kind === 'agency');
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
          {t('contract.seller')}：{orgs.find((o) => o.id === v.sellerOrgId)?.name} · {t('contract.buyer')}：{orgs.find((o) => o.id === v.buyerOrgId)?.name}
        </p>
      ) : (
        <>
          <Field name="sellerOrgId" label={t('contract.seller')} required defaultValue={v.sellerOrgId} error={f.sellerOrgId}>
            {parties.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </Field>
          <Field name="buyerOrgId" label={t('contract.buyer')} required defaultValue={v.buyerOrgId} error={f.buyerOrgId}>
            {parties.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </Field>
        </>
      )}
      <Field name="brokerOrgId" label={t('contract.broker')} defaultValue={v.brokerOrgId ?? ''} error={f.brokerOrgId}>
        <option value="">{t('contract.none')}</option>
        {agencies.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </Field>
      {f.resultId ? <p className="error">{pick(f.resultId)}</p> : null}
      <Field name="amount" label={t('contract.amount')} required defaultValue={v.amount ?? ''} error={f.amount} inputMode="numeric" />
      <Field name="technologyAmount" label={t('contract.technologyAmount')} defaultValue={v.technologyAmount} error={f.technologyAmount} inputMode="numeric" />
      <Field name="signedOn" label={t('contract.signedOn')} type="date" required defaultValue={v.signedOn} error={f.signedOn} />
      <Field name="commissionRate" label={t('contract.commissionRate')} hint={t('contract.commission.hint')} defaultValue={v.commissionRate} error={f.commission} inputMode="numeric" />
      <Field name="commissionFixed" label={t('contract.commissionFixed')} defaultValue={v.commissionFixed} inputMode="numeric" />
      <Field name="instalments" label={t('contract.instalments')} hint={t('contract.instalments.hint')} type="textarea" defaultValue={v.instalments} error={f.instalments} />
    </>
  );
}
