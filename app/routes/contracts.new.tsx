import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { ContractFields } from '#app/components/contract-fields.tsx';
import { FormErrors } from '#app/components/form.tsx';
import { useT } from '#app/components/i18n.tsx';
import { isUuid, meta as reqMeta } from '#app/lib/api.server.ts';
import { getViewer } from '#app/lib/auth.server.ts';
import { formAction, prepareAll, type FormResult } from '#app/lib/forms.server.ts';
import { CONTRACT_ORG_FIELDS, typedOrgs } from '#app/lib/org-fields.server.ts';
import { requirePageAction } from '#app/lib/pages.server.ts';
import { typedResult } from '#app/lib/result-field.server.ts';
import { contractFormSchema } from '#app/schemas/contract-form.server.ts';
import { createContract } from '#app/services/contracts.server.ts';
import { organizationNames } from '#app/services/organizations.server.ts';
import { getResult } from '#app/services/results.server.ts';
import { contractPrefill, linkContract } from '#app/services/conversations.server.ts';
import { todayInCity } from '#config/city.ts';

export const meta: MetaFunction = () => [{ title: '起草技术合同 · 科技成果转化平台' }];

/** The wizard, started from a result page (?resultId=) or blank. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const v = await requirePageAction(request, 'contract.draft');
  const resultId = new URL(request.url).searchParams.get('resultId');
  // Started from a conversation (?conversationId=): its sides, agency and result fill the parties.
  const conversationId = new URL(request.url).searchParams.get('conversationId') ?? undefined;
  const fromConversation = isUuid(conversationId) ? await contractPrefill(v, conversationId) : null;
  const fromResult = isUuid(resultId ?? undefined) ? await getResult(await getViewer(request), resultId!).catch(() => null) : null;
  const result = fromConversation ? fromConversation.result : fromResult ? { id: fromResult.id, title: fromResult.title, holderOrgId: fromResult.holderOrgId, price: fromResult.price } : null;
  // The viewer's own organisation takes the side its kind usually takes.
  const mine = v.user.orgId ?? undefined;
  const kind = v.org?.kind;
  const parties = {
    sellerOrgId: fromConversation?.sellerOrgId ?? result?.holderOrgId ?? (kind !== 'enterprise' && kind !== 'agency' ? mine : undefined),
    buyerOrgId: fromConversation?.buyerOrgId ?? (kind === 'enterprise' ? mine : undefined),
    brokerOrgId: fromConversation?.brokerOrgId ?? (kind === 'agency' ? mine : undefined),
  };
  const names = await organizationNames(Object.values(parties).map((id) => id ?? null));
  if (result) names.set(result.id, result.title);
  return {
    result,
    fromConversation,
    parties,
    names: Object.fromEntries(names),
    today: todayInCity(),
  };
};

// Authorised before the typed names are looked up.
export const action = async (args: ActionFunctionArgs) => {
  const v = await requirePageAction(args.request, 'contract.draft');
  return formAction(
    contractFormSchema,
    async (input, { request, context }) => {
      const c = await createContract(v, input, reqMeta(request, context));
      const conversationId = new URL(request.url).searchParams.get('conversationId') ?? undefined;
      if (isUuid(conversationId)) await linkContract(v, conversationId, c.id, reqMeta(request, context));
      return redirect(`/contracts/${c.id}`);
    },
    { prepare: prepareAll(typedOrgs(CONTRACT_ORG_FIELDS), typedResult(v)) },
  )(args);
};

export default function NewContract() {
  const { result, fromConversation: conv, parties, names, today } = useLoaderData<typeof loader>();
  const r = useActionData<FormResult>();
  const t = useT();
  const busy = useNavigation().state === 'submitting';
  const f = r?.fields ?? {};
  const v = (r?.values ?? {}) as Record<string, string | undefined>;
  // After a failed submit the parties are what was submitted, even none.
  const echoed = !!r?.values;
  return (
    <section className="panel narrow" aria-labelledby="contract-new-title">
      <h1 id="contract-new-title">{t('contract.new')}</h1>
      <FormErrors formError={r?.formError} fields={r?.fields} />
      <Form method="post" noValidate>
        <ContractFields
          names={names}
          echoed={echoed}
          fields={f}
          values={{
            ...(echoed ? {} : { ...parties, resultId: result?.id }),
            ...v,
            kind: v.kind ?? (result ? 'transfer' : 'development'),
            title: v.title ?? conv?.title ?? (result ? `${result.title}技术转让合同` : ''),
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
