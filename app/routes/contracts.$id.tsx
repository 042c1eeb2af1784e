import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { groupDigits } from '#domain/money.ts';
import { FormErrors } from '#app/components/form.tsx';
import { useT } from '#app/components/i18n.tsx';
import { isUuid, meta as reqMeta } from '#app/lib/api.server.ts';
import { subjectOf } from '#app/lib/auth.server.ts';
import { formAction, orThrowResponse, type FormResult } from '#app/lib/forms.server.ts';
import { requirePageViewer } from '#app/lib/pages.server.ts';
import { can } from '#domain/permissions.ts';
import { commissionForContract } from '#app/services/commissions.server.ts';
import {
  confirmContract,
  contractCounterparties,
  contractTimeline,
  getContract,
  registerContract,
  returnContract,
  revokeContract,
  submitContract,
  terminateContract,
} from '#app/services/contracts.server.ts';
import type { MessageKey } from '#app/i18n/messages.ts';

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d?.contract.title ?? '技术合同'} · 科技成果转化平台` }];

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const v = await requirePageViewer(request);
  if (!isUuid(params.id)) throw data('未找到', { status: 404 });
  const contract = await orThrowResponse(getContract(v, params.id));
  const [timeline, commission, orgs] = await Promise.all([contractTimeline(params.id), commissionForContract(params.id), contractCounterparties()]);
  const name = (id: string | null) => (id ? (orgs.find((o) => o.id === id)?.name ?? id) : null);
  return {
    contract,
    names: { seller: name(contract.sellerOrgId), buyer: name(contract.buyerOrgId), broker: name(contract.brokerOrgId) },
    timeline,
    commission,
    side: (v.user.orgId === contract.sellerOrgId ? 'seller' : v.user.orgId === contract.buyerOrgId ? 'buyer' : null) as 'seller' | 'buyer' | null,
    isParty: !!v.user.orgId && [contract.sellerOrgId, contract.buyerOrgId, contract.brokerOrgId].includes(v.user.orgId),
    isRegistrar: can(subjectOf(v), 'bureau.contracts.register'),
    today: new Date().toISOString().slice(0, 10),
  };
};

const schema = z.discriminatedUnion('intent', [
  z.object({ intent: z.enum(['confirm', 'submit']) }),
  z.object({ intent: z.literal('register'), registeredOn: z.iso.date({ message: 'validation.date' }) }),
  z.object({ intent: z.enum(['return', 'revoke', 'terminate']), reason: z.string({ message: 'validation.reason' }).trim().min(2, { message: 'validation.reason' }).max(500) }),
]);

export const action = (args: ActionFunctionArgs) =>
  formAction(schema, async (input, { request, params, context }) => {
    const v = await requirePageViewer(request);
    if (!isUuid(params.id)) throw data('未找到', { status: 404 });
    const m = reqMeta(request, context);
    const id = params.id;
    if (input.intent === 'confirm') await confirmContract(v, id, m);
    else if (input.intent === 'submit') await submitContract(v, id, m);
    else if (input.intent === 'register') await registerContract(v, id, input.registeredOn, m);
    else if ('reason' in input) {
      const end = { return: returnContract, revoke: revokeContract, terminate: terminateContract }[input.intent];
      await end(v, id, input.reason, m);
    }
    return data<FormResult & { done: true }>({ done: true });
  })(args);

export default function ContractPage() {
  const { contract: c, names, timeline, commission, side, isParty, isRegistrar, today } = useLoaderData<typeof loader>();
  const r = useActionData<FormResult & { done?: boolean }>();
  const t = useT();
  const busy = useNavigation().state === 'submitting';
  const yuan = (s: string | null) => (s ? `¥${groupDigits(s)}` : '—');
  return (
    <article className="panel" aria-labelledby="contract-title">
      <p className="eyebrow">
        {t(`contract.kind.${c.kind}`)}
        {c.licence ? ` · ${t('contract.licence')}` : ''}
      </p>
      <h1 id="contract-title">{c.title}</h1>
      <p>
        <span className={`badge ${c.status}`} data-testid="contract-status">
          {t(`contract.status.${c.status}`)}
        </span>
        {c.registrationNo ? (
          <span className="mono">
            {' '}
            {t('contract.registrationNo')} {c.registrationNo}
          </span>
        ) : null}
      </p>
      {r?.done ? (
        <p className="alert success" role="status">
          {t('contract.done')}
        </p>
      ) : null}
      <FormErrors formError={r?.formError} fields={r?.fields} />
      {c.statusReason ? <p className="alert warning">{`${t('contract.reason')}：${c.statusReason}`}</p> : null}
      <dl className="facts">
        <dt>{t('contract.seller')}</dt>
        <dd>{names.seller}</dd>
        <dt>{t('contract.buyer')}</dt>
        <dd>{names.buyer}</dd>
        <dt>{t('contract.broker')}</dt>
        <dd>{names.broker ?? t('contract.none')}</dd>
        <dt>{t('contract.amount')}</dt>
        <dd>{yuan(c.amount)}</dd>
        <dt>{t('contract.technologyAmount')}</dt>
        <dd>{yuan(c.technologyAmount)}</dd>
        <dt>{t('contract.signedOn')}</dt>
        <dd>{c.signedOn}</dd>
        {c.registeredOn ? (
          <>
            <dt>{t('contract.registeredOn')}</dt>
            <dd>{c.registeredOn}</dd>
          </>
        ) : null}
        <dt>{t('contract.confirmations')}</dt>
        <dd>
          {t('contract.seller')}：{c.confirmations.seller ? t('contract.confirmed') : t('contract.notConfirmed')}；{t('contract.buyer')}：
          {c.confirmations.buyer ? t('contract.confirmed') : t('contract.notConfirmed')}
        </dd>
        {commission ? (
          <>
            <dt>{t('contract.owed')}</dt>
            <dd>
              {commission.agency}：{yuan(commission.amount)} · {t(`commission.status.${commission.status}` as MessageKey)}
            </dd>
          </>
        ) : null}
      </dl>
      {c.instalments.length ? (
        <section aria-labelledby="inst-title">
          <h2 id="inst-title">{t('contract.instalments')}</h2>
          <ol className="timeline">
            {c.instalments.map((i) => (
              <li key={i.seq}>
                <time dateTime={i.dueOn}>{i.dueOn}</time> {yuan(i.amount)} · {i.status}
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <div className="owner-bar">
        {isParty && side && c.status === 'draft' && !c.confirmations[side] ? (
          <Form method="post" className="inline">
            <button type="submit" name="intent" value="confirm" className="button small primary" disabled={busy}>
              {t('contract.confirm')}
            </button>
          </Form>
        ) : null}
        {isParty && c.status === 'draft' && c.confirmations.seller && c.confirmations.buyer ? (
          <Form method="post" className="inline">
            <button type="submit" name="intent" value="submit" className="button small primary" disabled={busy}>
              {t('contract.submit')}
            </button>
          </Form>
        ) : null}
        {isRegistrar && c.status === 'submitted' ? (
          <>
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="register" />
              <label>
                {t('contract.registeredOn')} <input type="date" name="registeredOn" defaultValue={today} required />
              </label>
              <button type="submit" className="button small primary" disabled={busy}>
                {t('contract.register')}
              </button>
            </Form>
            <ReasonForm intent="return" label={t('contract.return')} busy={busy} />
          </>
        ) : null}
        {isRegistrar && c.status === 'registered' ? (
          <>
            <ReasonForm intent="revoke" label={t('contract.revoke')} busy={busy} />
            <ReasonForm intent="terminate" label={t('contract.terminate')} busy={busy} />
          </>
        ) : null}
      </div>

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('contract.timeline')}</h2>
        <ol className="timeline">
          {timeline.map((e, i) => (
            <li key={i}>
              <time dateTime={e.at}>{e.at.slice(0, 16).replace('T', ' ')}</time> {e.action.replace('contract.', '')}
              {e.status ? ` → ${t(`contract.status.${e.status}` as MessageKey)}` : ''}
              {e.reason ? <span className="muted"> · {e.reason}</span> : null}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

function ReasonForm({ intent, label, busy }: { intent: string; label: string; busy: boolean }) {
  const t = useT();
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <label className="sr-only" htmlFor={`reason-${intent}`}>
        {t('contract.reason')}
      </label>
      <input id={`reason-${intent}`} name="reason" placeholder={t('contract.reason')} maxLength={500} required />
      <button type="submit" className="button small" disabled={busy}>
        {label}
      </button>
    </Form>
  );
}
