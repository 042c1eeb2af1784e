import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
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
import { stripeMode } from '#app/lib/stripe.server.ts';
import { siteOrigin } from '#app/lib/urls.server.ts';
import { isoDate } from '#app/lib/validation.ts';
import { startCheckout, recordManualPayment, refundInstalment } from '#app/services/payments.server.ts';
import {
  amendContract,
  confirmContract,
  contractTimeline,
  getContract,
  registerContract,
  returnContract,
  revokeContract,
  submitContract,
  terminateContract,
} from '#app/services/contracts.server.ts';
import { organizationNames } from '#app/services/organizations.server.ts';
import type { MessageKey } from '#app/i18n/index.ts';
import { DocumentList, DocumentNotice, DocumentUpload, type DocumentFormState } from '#app/components/documents.tsx';
import { documentPageAction, pageDocuments } from '#app/lib/document-pages.server.ts';
import { cityDateTime, todayInCity } from '#config/city.ts';

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d?.contract.title ?? '技术合同'} · 科技成果转化平台` }];

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const v = await requirePageViewer(request);
  if (!isUuid(params.id)) throw data('未找到', { status: 404 });
  const contract = await orThrowResponse(getContract(v, params.id));
  const [timeline, orgs] = await Promise.all([contractTimeline(params.id), organizationNames([contract.sellerOrgId, contract.buyerOrgId, contract.brokerOrgId])]);
  const commission = contract.owed.commission;
  const notice = new URL(request.url).searchParams.get('payment');
  const name = (id: string | null) => (id ? (orgs.get(id) ?? id) : null);
  return {
    contract,
    documents: await orThrowResponse(pageDocuments(v, { type: 'contract', id: params.id })),
    names: { seller: name(contract.sellerOrgId), buyer: name(contract.buyerOrgId), broker: name(contract.brokerOrgId) },
    timeline,
    commission,
    side: (v.user.orgId === contract.sellerOrgId ? 'seller' : v.user.orgId === contract.buyerOrgId ? 'buyer' : null) as 'seller' | 'buyer' | null,
    isParty: !!v.user.orgId && [contract.sellerOrgId, contract.buyerOrgId, contract.brokerOrgId].includes(v.user.orgId),
    isRegistrar: can(subjectOf(v), 'bureau.contracts.register'),
    today: todayInCity(),
    stripe: stripeMode(),
    notice: notice === 'success' || notice === 'cancelled' ? notice : null,
  };
};

const schema = z.discriminatedUnion('intent', [
  z.object({ intent: z.enum(['confirm', 'submit']) }),
  z.object({ intent: z.literal('register'), registeredOn: isoDate() }),
  z.object({ intent: z.enum(['return', 'revoke', 'terminate']), reason: z.string({ message: 'validation.reason' }).trim().min(2, { message: 'validation.reason' }).max(500) }),
  z.object({ intent: z.literal('amend') }),
  z.object({ intent: z.literal('pay'), seq: z.coerce.number().int().min(1).max(36) }),
  z.object({ intent: z.literal('refund'), seq: z.coerce.number().int().min(1).max(36), reason: z.string({ message: 'validation.reason' }).trim().min(2, { message: 'validation.reason' }).max(500) }),
  z.object({
    intent: z.enum(['record', 'reverse']),
    seq: z.coerce.number().int().min(1).max(36),
    reference: z.string({ message: 'validation.paymentReference' }).trim().min(2, { message: 'validation.paymentReference' }).max(200, { message: 'validation.paymentReference' }),
  }),
]);

/** The contract's steps, or (multipart, or intent=deleteDocument) its signed text. */
export const action = async (args: ActionFunctionArgs) => {
  if (!isUuid(args.params.id)) throw data('未找到', { status: 404 });
  return (await documentPageAction(args, { type: 'contract', id: args.params.id })) ?? contractStep(args);
};

const contractStep = (args: ActionFunctionArgs) =>
  formAction(schema, async (input, { request, params, context }) => {
    const v = await requirePageViewer(request);
    if (!isUuid(params.id)) throw data('未找到', { status: 404 });
    const m = reqMeta(request, context);
    const id = params.id;
    if (input.intent === 'amend') {
      const a = await amendContract(v, id, m);
      return redirect(`/contracts/${a.id}/edit`);
    }
    if (input.intent === 'pay') {
      const { url } = await startCheckout(v, id, input.seq, siteOrigin(request), m);
      return redirect(url);
    }
    if (input.intent === 'record' || input.intent === 'reverse') {
      await recordManualPayment(v, id, input.seq, { status: input.intent === 'record' ? 'paid' : 'reversed', reference: input.reference }, m);
      return data<FormResult & { done: true }>({ done: true });
    }
    if (input.intent === 'refund') {
      await refundInstalment(v, id, input.seq, input.reason, m);
      return data<FormResult & { done: true }>({ done: true });
    }
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
  const { contract: c, documents, names, timeline, commission, side, isParty, isRegistrar, today, stripe, notice } = useLoaderData<typeof loader>();
  const answer = useActionData<FormResult & { done?: boolean } & DocumentFormState>();
  const docState = answer && 'document' in answer ? answer : undefined;
  const r = docState ? undefined : answer;
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
      {notice ? (
        <p className={`alert ${notice === 'success' ? 'success' : 'warning'}`} role="status">
          {t(notice === 'success' ? 'pay.success' : 'pay.cancelled')}
        </p>
      ) : null}
      <FormErrors formError={r?.formError} fields={r?.fields} />
      {c.amendsId ? (
        <p>
          {t('contract.amends')}：<a href={`/contracts/${c.amendsId}`}>{c.amendsId.slice(0, 8)}</a>
        </p>
      ) : null}
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
              {commission.agency}：{yuan(commission.amount)}（{t('pay.commissionDue')} {yuan(commission.dueAmount)}）· {t(`commission.status.${commission.status}` as MessageKey)}
            </dd>
          </>
        ) : null}
      </dl>
      {c.instalments.length ? (
        <section aria-labelledby="inst-title">
          <h2 id="inst-title">{t('pay.title')}</h2>
          <p>
            {t('pay.outstanding')}：<strong data-testid="outstanding">{yuan(c.owed.outstanding)}</strong>
          </p>
          {stripe.fake && side === 'buyer' && c.status === 'registered' ? <p className="muted">{t('pay.fake')}</p> : null}
          <table className="data cards">
            <thead>
              <tr>
                <th scope="col">{t('pay.instalment')}</th>
                <th scope="col">{t('pay.dueOn')}</th>
                <th scope="col">{t('pay.amount')}</th>
                <th scope="col">{t('pay.status')}</th>
                <th scope="col">
                  <span className="sr-only">{t('pay.title')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {c.instalments.map((i) => (
                <tr key={i.seq} data-testid={`instalment-${i.seq}`}>
                  <td data-label={t('pay.instalment')}>{i.seq}</td>
                  <td data-label={t('pay.dueOn')}>
                    <time dateTime={i.dueOn}>{i.dueOn}</time>
                  </td>
                  <td className="num" data-label={t('pay.amount')}>
                    {yuan(i.amount)}
                  </td>
                  <td data-label={t('pay.status')}>
                    <span className={`badge ${i.status}`}>{t(`instalment.status.${i.status}`)}</span>
                  </td>
                  <td>
                    {c.status === 'registered' && side === 'buyer' && i.status !== 'paid' && stripe.enabled ? (
                      <Form method="post" className="inline">
                        <input type="hidden" name="seq" value={i.seq} />
                        <button type="submit" name="intent" value="pay" className="button small primary" disabled={busy}>
                          {t('pay.online')}
                        </button>
                      </Form>
                    ) : null}
                    {c.status === 'registered' && side === 'seller' ? <SellerPaymentForms seq={i.seq} paid={i.status === 'paid'} viaStripe={c.payments.some((p) => p.seq === i.seq && p.status === 'paid' && p.provider === 'stripe')} busy={busy} /> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {c.payments.length ? (
            <ul className="timeline">
              {c.payments.map((p) => (
                <li key={p.id}>
                  <time dateTime={p.createdAt}>{cityDateTime(p.createdAt)}</time> {t('pay.instalment')} {p.seq} · {yuan(p.amount)} · {t(`payment.provider.${p.provider}`)} ·{' '}
                  {t(`payment.status.${p.status}`)}
                  {p.reference ? <span className="muted"> · {p.reference}</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('pay.none')}</p>
          )}
        </section>
      ) : null}
      <section aria-labelledby="signed-title">
        <h2 id="signed-title">{t('doc.signedContract')}</h2>
        <DocumentNotice state={docState} />
        {isRegistrar && c.status === 'submitted' && documents.items.length ? <p>{t('doc.checkBeforeRegister')}</p> : null}
        <DocumentList items={documents.items} canDelete={documents.write} busy={busy} testId="signed-contract" />
        {!documents.items.length && ['draft', 'submitted', 'returned'].includes(c.status) ? (
          <p className="alert warning" data-testid="signed-missing">
            {t('doc.signedMissing')}
          </p>
        ) : null}
        {documents.write ? <DocumentUpload purpose="signed_contract" label={t('doc.signedContract')} busy={busy} /> : null}
      </section>
      {c.amendments.length ? (
        <section aria-labelledby="amend-title">
          <h2 id="amend-title">{t('contract.amendments')}</h2>
          <ul>
            {c.amendments.map((a) => (
              <li key={a.id}>
                <a href={`/contracts/${a.id}`}>{a.registrationNo ?? a.id.slice(0, 8)}</a> · {t(`contract.status.${a.status}`)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div className="owner-bar">
        {isParty && (c.status === 'draft' || c.status === 'returned') ? (
          <a href={`/contracts/${c.id}/edit`} className="button small">
            {t('contract.edit')}
          </a>
        ) : null}
        {isParty && c.status === 'registered' && !c.amendments.some((a) => ['draft', 'submitted', 'returned'].includes(a.status)) ? (
          <Form method="post" className="inline" title={t('contract.amend.hint')}>
            <button type="submit" name="intent" value="amend" className="button small" disabled={busy}>
              {t('contract.amend')}
            </button>
          </Form>
        ) : null}
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
              <time dateTime={e.at}>{cityDateTime(e.at)}</time> {t(e.label)}
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

function SellerPaymentForms({ seq, paid, viaStripe, busy }: { seq: number; paid: boolean; viaStripe: boolean; busy: boolean }) {
  const t = useT();
  if (paid && viaStripe) {
    return (
      <Form method="post" className="inline-form">
        <input type="hidden" name="seq" value={seq} />
        <label className="sr-only" htmlFor={`refund-${seq}`}>
          {t('contract.reason')}
        </label>
        <input id={`refund-${seq}`} name="reason" placeholder={t('contract.reason')} maxLength={500} required />
        <button type="submit" name="intent" value="refund" className="button small" disabled={busy}>
          {t('pay.refund')}
        </button>
      </Form>
    );
  }
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="seq" value={seq} />
      <label className="sr-only" htmlFor={`ref-${seq}`}>
        {t('pay.reference')}
      </label>
      <input id={`ref-${seq}`} name="reference" placeholder={t('pay.reference')} maxLength={200} required />
      <button type="submit" name="intent" value={paid ? 'reverse' : 'record'} className="button small" disabled={busy}>
        {paid ? t('pay.reverse') : t('pay.record')}
      </button>
    </Form>
  );
}
