import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { CONTRACT_KINDS } from '#domain/contracts/rules.ts';
import { Field, FormErrors } from '#app/components/form.tsx';
import { usePick, useT } from '#app/components/i18n.tsx';
import { isUuid, meta as reqMeta } from '#app/lib/api.server.ts';
import { getViewer } from '#app/lib/auth.server.ts';
import { formAction, type FormResult } from '#app/lib/forms.server.ts';
import { requirePageAction } from '#app/lib/pages.server.ts';
import { contractFormSchema } from '#app/schemas/contract-form.server.ts';
import { contractCounterparties, createContract } from '#app/services/contracts.server.ts';
import { getResult } from '#app/services/results.server.ts';

export const meta: MetaFunction = () => [{ title: '起草技术合同 · 科技成果转化平台' }];

/** The wizard, started from a result page (?resultId=) or blank. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const v = await requirePageAction(request, 'contract.draft');
  const resultId = new URL(request.url).searchParams.get('resultId');
  const result = isUuid(resultId ?? undefined) ? await getResult(await getViewer(request), resultId!).catch(() => null) : null;
  const orgs = await contractCounterparties();
  return {
    me: { orgId: v.user.orgId, kind: v.org?.kind ?? null },
    result: result ? { id: result.id, title: result.title, holderOrgId: result.holderOrgId, price: result.price } : null,
    orgs,
    today: new Date().toISOString().slice(0, 10),
  };
};

export const action = (args: ActionFunctionArgs) =>
  formAction(contractFormSchema, async (input, { request, context }) => {
    const v = await requirePageAction(request, 'contract.draft');
    const c = await createContract(v, input, reqMeta(request, context));
    return redirect(`/contracts/${c.id}`);
  })(args);

export default function NewContract() {
  const { me, result, orgs, today } = useLoaderData<typeof loader>();
  const r = useActionData<FormResult>();
  const t = useT();
  const pick = usePick();
  const busy = useNavigation().state === 'submitting';
  const f = r?.fields ?? {};
  const v = (r?.values ?? {}) as Record<string, string | undefined>;
  const parties = orgs.filter((o) => o.kind !== 'agency');
  const agencies = orgs.filter((o) => o.kind === 'agency');
  const defaultSeller = v.sellerOrgId ?? result?.holderOrgId ?? (me.kind !== 'enterprise' && me.kind !== 'agency' ? me.orgId : undefined);
  const defaultBuyer = v.buyerOrgId ?? (me.kind === 'enterprise' ? me.orgId : undefined);
  return (
    <section className="panel narrow" aria-labelledby="contract-new-title">
      <h1 id="contract-new-title">{t('contract.new')}</h1>
      <FormErrors formError={r?.formError} fields={r?.fields} />
      <Form method="post" noValidate>
        {result ? (
          <p>
            {t('contract.result')}：<strong>{result.title}</strong>
            <input type="hidden" name="resultId" value={result.id} />
          </p>
        ) : null}
        <Field name="kind" label={t('contract.kind')} required defaultValue={v.kind ?? (result ? 'transfer' : 'development')} error={f.kind}>
          {CONTRACT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`contract.kind.${k}`)}
            </option>
          ))}
        </Field>
        <label className="check">
          <input type="checkbox" name="licence" defaultChecked={v.licence === 'on'} /> {t('contract.licence')}
        </label>
        <Field name="title" label={t('contract.title')} required defaultValue={v.title ?? (result ? `${result.title}技术转让合同` : '')} error={f.title} />
        <Field name="sellerOrgId" label={t('contract.seller')} required defaultValue={defaultSeller} error={f.sellerOrgId}>
          {parties.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </Field>
        <Field name="buyerOrgId" label={t('contract.buyer')} required defaultValue={defaultBuyer} error={f.buyerOrgId}>
          {parties.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </Field>
        <Field name="brokerOrgId" label={t('contract.broker')} defaultValue={v.brokerOrgId ?? (me.kind === 'agency' ? me.orgId : '')} error={f.brokerOrgId}>
          <option value="">{t('contract.none')}</option>
          {agencies.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </Field>
        {f.resultId ? <p className="error">{pick(f.resultId)}</p> : null}
        <Field name="amount" label={t('contract.amount')} required defaultValue={v.amount ?? result?.price ?? ''} error={f.amount} inputMode="numeric" />
        <Field name="technologyAmount" label={t('contract.technologyAmount')} defaultValue={v.technologyAmount} error={f.technologyAmount} inputMode="numeric" />
        <Field name="signedOn" label={t('contract.signedOn')} type="date" required defaultValue={v.signedOn ?? today} error={f.signedOn} />
        <Field name="commissionRate" label={t('contract.commissionRate')} hint={t('contract.commission.hint')} defaultValue={v.commissionRate} error={f.commission} inputMode="numeric" />
        <Field name="commissionFixed" label={t('contract.commissionFixed')} defaultValue={v.commissionFixed} inputMode="numeric" />
        <Field name="instalments" label={t('contract.instalments')} hint={t('contract.instalments.hint')} type="textarea" defaultValue={v.instalments} error={f.instalments} />
        <button type="submit" className="button primary" disabled={busy}>
          {t('contract.save')}
        </button>
      </Form>
    </section>
  );
}
