import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { ContractFields } from '#app/components/contract-fields.tsx';
import { FormErrors } from '#app/components/form.tsx';
import { useT } from '#app/components/i18n.tsx';
import { isUuid, meta as reqMeta } from '#app/lib/api.server.ts';
import { getViewer } from '#app/lib/auth.server.ts';
import { formAction, type FormResult } from '#app/lib/forms.server.ts';
import { requirePageAction } from '#app/lib/pages.server.ts';
import { contractFormSchema } from '#app/schemas/contract-form.server.ts';
import { contractCounterparties, createContract } from '#app/services/contracts.server.ts';
import { getResult } from '#app/services/results.server.ts';
import { contractPrefill, linkContract } from '#app/services/conversations.server.ts';

export const meta: MetaFunction = () => [{ title: '起草技术合同 · 科技成果转化平台' }];

/** The wizard, started from a result page (?resultId=) or blank. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const v = await requirePageAction(request, 'contract.draft');
  const resultId = new URL(request.url).searchParams.get('resultId');
  // Started from a conversation (?conversationId=): its sides, agency and result fill the parties.
  const conversationId = new URL(request.url).searchParams.get('conversationId') ?? undefined;
  const fromConversation = isUuid(conversationId) ? await contractPrefill(v, conversationId) : null;
  const result = isUuid(resultId ?? undefined) ? await getResult(await getViewer(request), resultId!).catch(() => null) : null;
  const orgs = await contractCounterparties();
  return {
    me: { orgId: v.user.orgId, kind: v.org?.kind ?? null },
    result: fromConversation ? fromConversation.result : result ? { id: result.id, title: result.title, holderOrgId: result.holderOrgId, price: result.price } : null,
    fromConversation,
    orgs,
    today: new Date().toISOString().slice(0, 10),
  };
};

export const action = (args: ActionFunctionArgs) =>
  formAction(contractFormSchema, async (input, { request, context }) => {
    const v = await requirePageAction(request, 'contract.draft');
    const c = await createContract(v, input, reqMeta(request, context));
    const conversationId = new URL(request.url).searchParams.get('conversationId') ?? undefined;
    if (isUuid(conversationId)) await linkContract(v, conversationId, c.id, reqMeta(request, context));
    return redirect(`/contracts/${c.id}`);
  })(args);

export default function NewContract() {
  const { me, result, fromConversation: conv, orgs, today } = useLoaderData<typeof loader>();
  const r = useActionData<FormResult>();
  const t = useT();
  const busy = useNavigation().state === 'submitting';
  const f = r?.fields ?? {};
  const v = (r?.values ?? {}) as Record<string, string | undefined>;
  const defaultSeller = v.sellerOrgId ?? conv?.sellerOrgId ?? result?.holderOrgId ?? (me.kind !== 'enterprise' && me.kind !== 'agency' ? me.orgId : undefined);
  const defaultBuyer = v.buyerOrgId ?? conv?.buyerOrgId ?? (me.kind === 'enterprise' ? me.orgId : undefined);
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
        <ContractFields
          orgs={orgs}
          fields={f}
          values={{
            ...v,
            kind: v.kind ?? (result ? 'transfer' : 'development'),
            title: v.title ?? conv?.title ?? (result ? `${result.title}技术转让合同` : ''),
            sellerOrgId: defaultSeller ?? undefined,
            buyerOrgId: defaultBuyer ?? undefined,
            brokerOrgId: v.brokerOrgId ?? conv?.brokerOrgId ?? (me.kind === 'agency' ? (me.orgId ?? '') : ''),
            amount: v.amount ?? result?.price ?? '',
            signedOn: v.signedOn ?? today,
          }}
        />
        <button type="submit" className="button primary" disabled={busy}>
          {t('contract.save')}
        </button>
      </Form>
    </section>
  );
}
