import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import type { Msg } from '#domain/errors.ts';
import { CLAUSE_ZH } from '#domain/grants/computation.ts';
import { can } from '#domain/permissions.ts';
import { describedBy, FieldFrame, FormErrors } from '#app/components/form.tsx';
import { ReauthLink } from '#app/components/reauth.tsx';
import { GRANT_STATUSES, GrantStatusBadge, yuan } from '#app/components/grant-status.tsx';
import { useT } from '#app/components/i18n.tsx';
import { isUuid, meta as reqMeta } from '#app/lib/api.server.ts';
import { subjectOf } from '#app/lib/auth.server.ts';
import { formAction, orThrowResponse, type FormResult } from '#app/lib/forms.server.ts';
import { requirePageViewer } from '#app/lib/pages.server.ts';
import { grantPageSchema, type GrantPageIntent } from '#app/schemas/grants.server.ts';
import { applyForGrant, approveGrant, getGrant, grantTimeline, payGrant, rejectGrant } from '#app/services/grants/review.server.ts';
import { policyTitles } from '#app/services/grants/policies.server.ts';
import { regionNameOf } from '#app/services/organizations.server.ts';
import type { MessageKey } from '#app/i18n/index.ts';
import { DocumentList, DocumentNotice, DocumentUpload, type DocumentFormState } from '#app/components/documents.tsx';
import { documentPageAction, pageDocuments } from '#app/lib/document-pages.server.ts';
import { cityDateTime } from '#config/city.ts';

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d ? `${d.grant.recipientName} ${d.grant.year} ${d.grant.clause}` : '补助'} · 科技成果转化平台` }];

const EVENTS: Record<string, MessageKey> = {
  'grant.apply': 'grant.event.apply',
  'grant.confirm_bank': 'grant.event.confirmBank',
  'grant.approve': 'grant.event.approve',
  'grant.reject': 'grant.event.reject',
  'grant.pay': 'grant.event.pay',
  'grant.adjustment': 'grant.event.adjustment',
};

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const v = await requirePageViewer(request);
  if (!isUuid(params.id)) throw data('未找到', { status: 404 });
  const g = await orThrowResponse(getGrant(v, params.id));
  const timeline = await grantTimeline(v, params.id);
  const titles = await policyTitles(v, [g.policy, ...g.adjustments.map((a) => a.policy)]);
  const s = subjectOf(v);
  return {
    documents: await orThrowResponse(pageDocuments(v, { type: 'grant', id: params.id })),
    grant: {
      id: g.id,
      clause: g.clause,
      clauseName: CLAUSE_ZH[g.clause],
      year: g.year,
      recipientName: g.recipientName ?? '',
      county: g.regionCode ? (regionNameOf(g.regionCode) ?? g.regionCode) : null,
      policy: titles[g.policy] ?? g.policy,
      policyWithdrawnOn: g.policyWithdrawnOn,
      applicationRequired: g.applicationRequired,
      status: g.status,
      amount: g.amount,
      amountInForce: g.amountInForce,
      approvedAmount: g.approvedAmount,
      decisionReason: g.decisionReason,
      paymentReference: g.paymentReference,
      bankAccount: g.bankAccount,
      bankConfirmedAt: g.bankConfirmedAt,
      computedAt: g.computedAt,
      explanation: g.explanation,
      contracts: g.contracts,
      adjustments: g.adjustments.map((a) => ({ id: a.id, amount: a.amount, delta: a.delta, policy: titles[a.policy] ?? a.policy, explanation: a.explanation, createdAt: a.createdAt })),
    },
    timeline: timeline.map((e) => {
      const after = (e.after ?? {}) as { status?: unknown; delta?: unknown };
      return {
        at: e.at,
        label: EVENTS[e.action] ?? null,
        raw: e.action,
        status: GRANT_STATUSES.find((x) => x === after.status) ?? null,
        delta: typeof after.delta === 'string' ? after.delta : null,
        reason: e.reason,
      };
    }),
    may: {
      apply: can(s, 'grant.apply') && !!v.user.orgId && v.user.orgId === g.recipientOrgId,
      review: can(s, 'bureau.grants.review'),
      pay: can(s, 'bureau.grants.pay'),
    },
  };
};

type Result = FormResult & { done?: GrantPageIntent };

/** The grant's steps, or (multipart, or intent=deleteDocument) the applicant's bank certificate. */
export const action = async (args: ActionFunctionArgs) => {
  if (!isUuid(args.params.id)) throw data('未找到', { status: 404 });
  return (await documentPageAction(args, { type: 'grant', id: args.params.id })) ?? grantStep(args);
};

const grantStep = (args: ActionFunctionArgs) =>
  formAction(grantPageSchema, async (input, { request, params, context }) => {
    const v = await requirePageViewer(request);
    if (!isUuid(params.id)) throw data('未找到', { status: 404 });
    const id = params.id;
    const m = reqMeta(request, context);
    if (input.intent === 'approve') await approveGrant(v, id, { amount: input.amount, reason: input.reason, acknowledgeOverBudget: input.acknowledgeOverBudget === 'on' }, m);
    else if (input.intent === 'reject') await rejectGrant(v, id, input.reason, m);
    else if (input.intent === 'pay') await payGrant(v, id, input.paymentReference, m);
    else await applyForGrant(v, id, { bankAccount: input.bankAccount }, m);
    return data<Result>({ done: input.intent });
  })(args);

const DONE: Record<GrantPageIntent, MessageKey> = {
  apply: 'grant.done.apply',
  confirmBank: 'grant.done.confirmBank',
  approve: 'grant.done.approve',
  reject: 'grant.done.reject',
  pay: 'grant.done.pay',
};

export default function GrantPage() {
  const { grant: g, timeline, may, documents } = useLoaderData<typeof loader>();
  const answer = useActionData<Result & DocumentFormState>();
  const docState = answer && 'document' in answer ? answer : undefined;
  const r = docState ? undefined : answer;
  const t = useT();
  const busy = useNavigation().state === 'submitting';
  /** Field errors belong to the form that was sent. */
  const errorsFor = (intent: GrantPageIntent) => (r?.values?.intent === intent ? (r.fields ?? {}) : {});
  const valueOf = (intent: GrantPageIntent, name: string) => (r?.values?.intent === intent && typeof r.values[name] === 'string' ? (r.values[name] as string) : undefined);
  const adjusted = g.adjustments.length > 0;
  const showApply = may.apply && g.applicationRequired && g.status === 'computed';
  const showConfirmBank = may.apply && !g.applicationRequired && (g.status === 'submitted' || g.status === 'approved');
  const showReview = may.review && g.status === 'submitted';
  const showPay = may.pay && g.status === 'approved';
  return (
    <article className="panel" aria-labelledby="grant-title">
      <p className="eyebrow">{t('grant.heading', { year: g.year, clause: g.clause })}</p>
      <h1 id="grant-title">{g.clauseName}</h1>
      <p>
        <GrantStatusBadge status={g.status} testId="grant-status" /> {g.recipientName}
      </p>
      {may.review && g.status === 'computed' ? <p className="muted">{t('grant.next.awaitApplication')}</p> : null}
      {r?.done ? (
        <p className="alert success" role="status">
          {t(DONE[r.done])}
        </p>
      ) : null}
      <FormErrors formError={r?.formError} fields={r?.fields} />
      <ReauthLink fields={r?.fields} />
      {g.policyWithdrawnOn ? <p className="alert warning">{t('grant.policyWithdrawn', { policy: g.policy, date: g.policyWithdrawnOn })}</p> : null}

      <dl className="facts">
        <dt>{t('grant.recipient')}</dt>
        <dd>{g.recipientName}</dd>
        {g.county ? (
          <>
            <dt>{t('grant.county')}</dt>
            <dd>{g.county}</dd>
          </>
        ) : null}
        <dt>{t('grant.policy')}</dt>
        <dd data-testid="grant-policy">{g.policy}</dd>
        <dt>{t('grant.applicationMode')}</dt>
        <dd>{t(g.applicationRequired ? 'grant.mode.apply' : 'grant.mode.auto')}</dd>
        <dt>{t('grant.amount')}</dt>
        <dd data-testid="grant-amount">{yuan(g.amount)}</dd>
        {adjusted ? (
          <>
            <dt>{t('grant.amountInForce')}</dt>
            <dd>{yuan(g.amountInForce)}</dd>
          </>
        ) : null}
        {g.approvedAmount ? (
          <>
            <dt>{t('grant.approvedAmount')}</dt>
            <dd data-testid="grant-approved">{yuan(g.approvedAmount)}</dd>
          </>
        ) : null}
        {g.decisionReason ? (
          <>
            <dt>{t('grant.decisionReason')}</dt>
            <dd>{g.decisionReason}</dd>
          </>
        ) : null}
        {g.bankAccount ? (
          <>
            <dt>{t('grant.bankAccount')}</dt>
            <dd className="mono">{g.bankAccount}</dd>
          </>
        ) : null}
        {g.paymentReference ? (
          <>
            <dt>{t('grant.paymentReference')}</dt>
            <dd className="mono">{g.paymentReference}</dd>
          </>
        ) : null}
        <dt>{t('grant.computedAt')}</dt>
        <dd>
          <time dateTime={g.computedAt}>{cityDateTime(g.computedAt)}</time>
        </dd>
      </dl>

      <section aria-labelledby="arith-title">
        <h2 id="arith-title">{t('grant.arithmetic')}</h2>
        <ol className="arithmetic" data-testid="grant-explanation">
          {g.explanation.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="contracts-title">
        <h2 id="contracts-title">{t('grant.contracts')}</h2>
        {g.contracts.length === 0 ? (
          <p className="empty">{t('grant.contracts.empty')}</p>
        ) : (
          <div className="table-wrap">
            <table className="cards">
              <thead>
                <tr>
                  <th scope="col">{t('contract.registrationNo')}</th>
                  <th scope="col" className="num">
                    {t('grant.contractAmount')}
                  </th>
                  <th scope="col" className="num">
                    {t('grant.eligibleAmount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {g.contracts.map((c) => (
                  <tr key={c.id}>
                    <th scope="row" className="mono">
                      <Link to={`/contracts/${c.id}`}>{c.registrationNo}</Link>
                    </th>
                    <td className="num" data-label={t('grant.contractAmount')}>
                      {yuan(c.amount)}
                    </td>
                    <td className="num" data-label={t('grant.eligibleAmount')}>
                      {yuan(c.eligibleAmount)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {adjusted ? (
        <section aria-labelledby="adjust-title">
          <h2 id="adjust-title">{t('grant.adjustments')}</h2>
          <p className="muted">{t('grant.adjustments.intro')}</p>
          <div className="table-wrap">
            <table className="cards">
              <thead>
                <tr>
                  <th scope="col">{t('grant.adjustment.at')}</th>
                  <th scope="col">{t('grant.policy')}</th>
                  <th scope="col" className="num">
                    {t('grant.adjustment.amount')}
                  </th>
                  <th scope="col" className="num">
                    {t('grant.adjustment.delta')}
                  </th>
                  <th scope="col">{t('grant.arithmetic')}</th>
                </tr>
              </thead>
              <tbody>
                {g.adjustments.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      <time dateTime={a.createdAt}>{cityDateTime(a.createdAt)}</time>
                    </th>
                    <td data-label={t('grant.policy')}>{a.policy}</td>
                    <td className="num" data-label={t('grant.adjustment.amount')}>
                      {yuan(a.amount)}
                    </td>
                    <td className="num" data-label={t('grant.adjustment.delta')}>
                      {a.delta.startsWith('-') ? yuan(a.delta) : `+${yuan(a.delta)}`}
                    </td>
                    <td className="small" data-label={t('grant.arithmetic')}>
                      {a.explanation.map((line, i) => (
                        <div key={i}>{line}</div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {showApply ? (
        <section aria-labelledby="apply-title" className="action-box">
          <h2 id="apply-title">{t('grant.apply.title')}</h2>
          {g.amount === '0.00' ? (
            <p className="muted">{t('grant.nothingToApply')}</p>
          ) : (
            <>
              <p>{t('grant.apply.intro')}</p>
              <Form method="post" className="inline-form" noValidate>
                <input type="hidden" name="intent" value="apply" />
                <Input id="apply-bank" name="bankAccount" label={t('grant.bankAccount')} hint={t('grant.bankAccount.hint')} inputMode="numeric" autoComplete="off" required maxLength={40} defaultValue={valueOf('apply', 'bankAccount')} error={errorsFor('apply').bankAccount} />
                <button type="submit" className="button primary" disabled={busy}>
                  {t('grant.apply')}
                </button>
              </Form>
            </>
          )}
        </section>
      ) : null}

      {showConfirmBank ? (
        <section aria-labelledby="bank-title" className="action-box">
          <h2 id="bank-title">{t('grant.confirmBank')}</h2>
          <p>{t('grant.confirmBank.intro')}</p>
          <Form method="post" className="inline-form" noValidate>
            <input type="hidden" name="intent" value="confirmBank" />
            <Input id="confirm-bank" name="bankAccount" label={t('grant.bankAccount')} hint={t('grant.bankAccount.hint')} inputMode="numeric" autoComplete="off" required maxLength={40} defaultValue={valueOf('confirmBank', 'bankAccount') ?? g.bankAccount ?? undefined} error={errorsFor('confirmBank').bankAccount} />
            <button type="submit" className="button primary" disabled={busy}>
              {t('grant.confirmBank')}
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="certificate-title">
        <h2 id="certificate-title">{t('doc.bankCertificate')}</h2>
        <DocumentNotice state={docState} />
        <DocumentList items={documents.items} canDelete={documents.write} busy={busy} testId="bank-certificate" />
        {documents.write ? <DocumentUpload purpose="bank_certificate" label={t('doc.bankCertificate')} busy={busy} /> : null}
      </section>

      {showReview ? (
        <section aria-labelledby="review-title" className="action-box">
          <h2 id="review-title">{t('grant.review.title')}</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="approve" />
            <div className="inline-form">
              <Input id="approve-amount" name="amount" label={t('grant.approve.amount')} hint={t('grant.approve.amount.hint')} inputMode="numeric" required defaultValue={valueOf('approve', 'amount') ?? g.amount} error={errorsFor('approve').amount} />
              <Input id="approve-reason" name="reason" label={t('grant.approve.reason')} maxLength={500} defaultValue={valueOf('approve', 'reason')} error={errorsFor('approve').reason} />
            </div>
            {errorsFor('approve').acknowledgeOverBudget ? (
              <label className="check alert warning">
                <input type="checkbox" name="acknowledgeOverBudget" /> {t('grant.overBudget')}
              </label>
            ) : null}
            <button type="submit" className="button primary" disabled={busy}>
              {t('grant.approve')}
            </button>
          </Form>
          <Form method="post" className="inline-form" noValidate>
            <input type="hidden" name="intent" value="reject" />
            <Input id="reject-reason" name="reason" label={t('grant.reject.reason')} required maxLength={500} defaultValue={valueOf('reject', 'reason')} error={errorsFor('reject').reason} />
            <button type="submit" className="button" disabled={busy}>
              {t('grant.reject')}
            </button>
          </Form>
        </section>
      ) : null}

      {showPay ? (
        <section aria-labelledby="pay-title" className="action-box">
          <h2 id="pay-title">{t('grant.pay.title')}</h2>
          <p>{t('grant.pay.intro')}</p>
          <Form method="post" className="inline-form" noValidate>
            <input type="hidden" name="intent" value="pay" />
            <Input id="pay-reference" name="paymentReference" label={t('grant.paymentReference')} required maxLength={200} defaultValue={valueOf('pay', 'paymentReference')} error={errorsFor('pay').paymentReference} />
            <button type="submit" className="button primary" disabled={busy}>
              {t('grant.pay')}
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('grant.timeline')}</h2>
        {timeline.length === 0 ? (
          <p className="muted">{t('grant.timeline.empty')}</p>
        ) : (
          <ol className="timeline">
            {timeline.map((e, i) => (
              <li key={i}>
                <time dateTime={e.at}>{cityDateTime(e.at)}</time> {e.label ? t(e.label) : e.raw}
                {e.status ? ` → ${t(`grant.status.${e.status}`)}` : ''}
                {e.delta ? ` (${e.delta.startsWith('-') ? yuan(e.delta) : `+${yuan(e.delta)}`})` : ''}
                {e.reason ? <span className="muted"> · {e.reason}</span> : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </article>
  );
}

type InputProps = { id: string; name: string; label: string; hint?: string; error?: Msg; required?: boolean; defaultValue?: string; maxLength?: number; inputMode?: 'numeric'; autoComplete?: string };

/** A labelled input with its hint and error tied to it; ids are per form, since two forms here share the name `reason`. */
function Input({ id, name, label, hint, error, required, ...rest }: InputProps) {
  return (
    <FieldFrame id={id} label={label} required={required} hint={hint} error={error}>
      <input id={id} name={name} required={required} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...rest} />
    </FieldFrame>
  );
}
