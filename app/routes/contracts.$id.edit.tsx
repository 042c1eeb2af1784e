import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import Decimal from 'decimal.js';
import { ContractFields } from '#app/components/contract-fields.tsx';
import { FormErrors } from '#app/components/form.tsx';
import { useT } from '#app/components/i18n.tsx';
import { isUuid, meta as reqMeta } from '#app/lib/api.server.ts';
import { formAction, orThrowResponse, prepareAll, type FormResult } from '#app/lib/forms.server.ts';
import { CONTRACT_ORG_FIELDS, typedOrgs } from '#app/lib/org-fields.server.ts';
import { requirePageAction } from '#app/lib/pages.server.ts';
import { typedResult } from '#app/lib/result-field.server.ts';
import { contractFormSchema } from '#app/schemas/contract-form.server.ts';
import { getContract, updateContract } from '#app/services/contracts.server.ts';
import { organizationNames } from '#app/services/organizations.server.ts';
import { resultTitles } from '#app/services/results.server.ts';

export const meta: MetaFunction = () => [{ title: '修改合同 · 科技成果转化平台' }];

/** A party edits a draft, a returned contract or an amendment; saving clears both confirmations. */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const v = await requirePageAction(request, 'contract.draft');
  if (!isUuid(params.id)) throw data('未找到', { status: 404 });
  const c = await orThrowResponse(getContract(v, params.id));
  if (c.status !== 'draft' && c.status !== 'returned') throw redirect(`/contracts/${c.id}`);
  const values: Record<string, string | undefined> = {
    kind: c.kind,
    licence: c.licence ? 'on' : undefined,
    title: c.title,
    sellerOrgId: c.sellerOrgId,
    buyerOrgId: c.buyerOrgId,
    brokerOrgId: c.brokerOrgId ?? '',
    resultId: c.resultId ?? '',
    amount: c.amount,
    technologyAmount: c.technologyAmount ?? '',
    signedOn: c.signedOn,
    commissionRate: c.commission?.rate ? new Decimal(c.commission.rate).times(100).toString() : '',
    commissionFixed: c.commission?.fixed ?? '',
    instalments: c.instalments.map((i) => `${i.dueOn} ${i.amount}`).join('\n'),
  };
  const names = new Map([...(await organizationNames([c.sellerOrgId, c.buyerOrgId, c.brokerOrgId])), ...(await resultTitles([c.resultId]))]);
  return { id: c.id, values, names: Object.fromEntries(names) };
};

// Authorised before the typed names are looked up.
export const action = async (args: ActionFunctionArgs) => {
  const v = await requirePageAction(args.request, 'contract.draft');
  return formAction(
    contractFormSchema,
    async (input, { request, params, context }) => {
      if (!isUuid(params.id)) throw data('未找到', { status: 404 });
      const { sellerOrgId: _s, buyerOrgId: _b, ...patch } = input;
      await updateContract(v, params.id, patch, reqMeta(request, context));
      return redirect(`/contracts/${params.id}`);
    },
    { prepare: prepareAll(typedOrgs(CONTRACT_ORG_FIELDS), typedResult(v)) },
  )(args);
};

export default function EditContract() {
  const { id, values, names } = useLoaderData<typeof loader>();
  const r = useActionData<FormResult>();
  const t = useT();
  const busy = useNavigation().state === 'submitting';
  const echoed = r?.values as Record<string, string | undefined> | undefined;
  // After a failed submit the broker is what was submitted, even none; the parties never change here.
  const v = echoed ? { ...values, ...echoed, brokerOrgId: echoed.brokerOrgId } : values;
  return (
    <section className="panel narrow" aria-labelledby="contract-edit-title">
      <h1 id="contract-edit-title">{t('contract.edit')}</h1>
      <FormErrors formError={r?.formError} fields={r?.fields} />
      <Form method="post" noValidate>
        <input type="hidden" name="sellerOrgId" value={values.sellerOrgId} />
        <input type="hidden" name="buyerOrgId" value={values.buyerOrgId} />
        <ContractFields names={names} echoed={!!echoed} fields={r?.fields ?? {}} values={v} lockParties />
        <button type="submit" className="button primary" disabled={busy}>
          {t('contract.save')}
        </button>{' '}
        <a href={`/contracts/${id}`} className="button">
          {t('contract.back')}
        </a>
      </Form>
    </section>
  );
}
