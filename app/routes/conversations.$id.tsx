import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { useEffect } from 'react';
import { CLOSE_REASONS } from '#domain/demands/codes.ts';
import { FormErrors } from '#app/components/form.tsx';
import { useT } from '#app/components/i18n.tsx';
import { MessageComposer } from '#app/components/message-composer.tsx';
import { MessageThread } from '#app/components/message-thread.tsx';
import { isUuid, meta as reqMeta, parseOr400 } from '#app/lib/api.server.ts';
import { formAction, orThrowResponse, type FormResult } from '#app/lib/forms.server.ts';
import { requirePageViewer } from '#app/lib/pages.server.ts';
import { conversationPageSchema, conversationStatusSchema } from '#app/schemas/conversations.server.ts';
import type { MessageKey } from '#app/i18n/index.ts';
import { getConversation, invitableAgencies, inviteAgency, markConversationRead, postMessage, setStatus } from '#app/services/conversations.server.ts';

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d?.c.subject.title ?? '洽谈'} · 洽谈 · 科技成果转化平台` }];

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const v = await requirePageViewer(request);
  if (!isUuid(params.id)) throw data('未找到', { status: 404 });
  const c = await orThrowResponse(getConversation(v, params.id));
  const canInvite = c.myRole !== 'agency' && c.status !== 'closed' && !c.participants.some((p) => p.role === 'agency');
  const unread = c.messages.filter((m) => m.senderOrgId !== c.myOrgId && (!c.lastReadAt || m.createdAt > c.lastReadAt)).length;
  return { c, agencies: canInvite ? await invitableAgencies() : [], canInvite, unread };
};

export const action = (args: ActionFunctionArgs) =>
  formAction(conversationPageSchema, async (input, { request, params, context }) => {
    const v = await requirePageViewer(request);
    if (!isUuid(params.id)) throw data('未找到', { status: 404 });
    const m = reqMeta(request, context);
    const id = params.id;
    switch (input.intent) {
      case 'message':
        await postMessage(v, id, input.body, m);
        return data<FormResult & { done: string }>({ done: 'message' });
      case 'invite':
        await inviteAgency(v, id, input.agencyOrgId, m);
        return data<FormResult & { done: string }>({ done: 'invite' });
      case 'read':
        await markConversationRead(v, id);
        return data<FormResult & { done: string }>({ done: 'read' });
      case 'status': {
        const change = parseOr400(conversationStatusSchema, { status: input.status, closeReason: input.closeReason, closeNote: input.closeNote });
        const { next } = await setStatus(v, id, change, m);
        if (next) return redirect(next);
        return data<FormResult & { done: string }>({ done: change.status });
      }
    }
  })(args);

export default function ConversationPage() {
  const { c, agencies, canInvite, unread } = useLoaderData<typeof loader>();
  const r = useActionData<FormResult & { done?: string }>();
  const t = useT();
  const [params] = useSearchParams();
  const busy = useNavigation().state === 'submitting';
  const reader = useFetcher();
  const { submit } = reader;
  // Reading is a change (the unread counts), so it is a POST, made once the page is shown.
  useEffect(() => {
    if (unread > 0) submit({ intent: 'read' }, { method: 'post' });
  }, [unread, submit]);
  const open = c.status !== 'closed';
  const isSide = c.myRole !== 'agency';
  const subjectHref = c.subject.kind === 'result' ? `/r/${c.subject.id}` : `/demands/${c.subject.id}`;
  return (
    <article className="panel conversation" aria-labelledby="conv-title">
      <p className="eyebrow">
        <Link to="/conversations">{t('nav.conversations')}</Link> · {t(c.subject.kind === 'result' ? 'conv.subject.result' : 'conv.subject.demand')}
      </p>
      <h1 id="conv-title">
        <Link to={subjectHref}>{c.subject.title}</Link>
      </h1>
      <p>
        <span className={`badge conv-${c.status}`} data-testid="conversation-status">
          {t(`conv.status.${c.status}`)}
        </span>
        {c.contractId ? (
          <>
            {' '}
            <Link to={`/contracts/${c.contractId}`}>{t('conv.contract')}</Link>
          </>
        ) : null}
      </p>
      {params.get('existing') ? (
        <p className="alert warning" role="status">
          {t('conv.existing')}
        </p>
      ) : null}
      {r?.done && r.done !== 'read' ? (
        <p className="alert success" role="status">
          {t(`conv.done.${r.done}` as MessageKey)}
        </p>
      ) : null}
      <FormErrors formError={r?.formError} fields={r?.fields} />
      {c.status === 'closed' && c.closeReason ? (
        <p className="alert warning">
          {t('conv.closedBecause')}：{t(`conv.reason.${c.closeReason}`)}
          {c.closeNote ? ` · ${c.closeNote}` : ''}
        </p>
      ) : null}

      <section aria-labelledby="parts-title" className="participants">
        <h2 id="parts-title" className="sr-only">
          {t('conv.participants')}
        </h2>
        <ul className="tags">
          {c.participants.map((p) => (
            <li key={p.orgId}>
              <Link to={`/orgs/${p.orgId}`}>{p.name}</Link> · {t(`conv.role.${p.role}`)}
            </li>
          ))}
        </ul>
      </section>

      <MessageThread messages={c.messages} myOrgId={c.myOrgId} lastReadAt={c.lastReadAt} />

      {open ? (
        <Form method="post" className="composer" key={c.messages.length} noValidate>
          <input type="hidden" name="intent" value="message" />
          <MessageComposer name="body" label={t('conv.reply')} error={r?.fields?.body} />
          <button type="submit" className="button primary" disabled={busy}>
            {t('conv.send')}
          </button>
        </Form>
      ) : null}

      {open ? (
        <section aria-labelledby="conv-actions-title" className="conv-actions">
          <h2 id="conv-actions-title">{t('conv.actions')}</h2>
          {c.status === 'open' || !c.contractId ? (
            <div className="owner-bar">
              {c.status === 'open' ? (
                <Form method="post" className="inline">
                  <input type="hidden" name="intent" value="status" />
                  <button type="submit" name="status" value="negotiating" className="button small" disabled={busy}>
                    {t('conv.toNegotiating')}
                  </button>
                </Form>
              ) : null}
              {c.status === 'contract_drafted' && !c.contractId ? (
                <Form method="post" className="inline">
                  <input type="hidden" name="intent" value="status" />
                  <button type="submit" name="status" value="negotiating" className="button small" disabled={busy}>
                    {t('conv.backToNegotiating')}
                  </button>
                </Form>
              ) : null}
              {!c.contractId ? (
                <Form method="post" className="inline">
                  <input type="hidden" name="intent" value="status" />
                  <button type="submit" name="status" value="contract_drafted" className="button small primary" disabled={busy}>
                    {t('conv.draftContract')}
                  </button>
                </Form>
              ) : null}
            </div>
          ) : null}
          {canInvite ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="invite" />
              <label htmlFor="agencyOrgId">{t('conv.inviteAgency')}</label>
              <select id="agencyOrgId" name="agencyOrgId" required defaultValue="">
                <option value="" disabled>
                  {t('conv.chooseAgency')}
                </option>
                {agencies.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
              <button type="submit" className="button small" disabled={busy}>
                {t('conv.invite')}
              </button>
            </Form>
          ) : null}
          {isSide ? (
            <Form method="post" className="close-form">
              <input type="hidden" name="intent" value="status" />
              <input type="hidden" name="status" value="closed" />
              <fieldset>
                <legend>{t('conv.close')}</legend>
                <label htmlFor="closeReason">{t('conv.closeReason')}</label>
                <select id="closeReason" name="closeReason" required defaultValue="" aria-invalid={r?.fields?.closeReason ? true : undefined}>
                  <option value="" disabled>
                    {t('conv.chooseReason')}
                  </option>
                  {CLOSE_REASONS.map((reason) => (
                    <option key={reason} value={reason}>
                      {t(`conv.reason.${reason}`)}
                    </option>
                  ))}
                </select>
                <label htmlFor="closeNote">{t('conv.closeNote')}</label>
                <input id="closeNote" name="closeNote" maxLength={500} />
                <button type="submit" className="button small" disabled={busy}>
                  {t('conv.closeSubmit')}
                </button>
              </fieldset>
            </Form>
          ) : null}
        </section>
      ) : null}
    </article>
  );
}
