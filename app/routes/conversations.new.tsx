import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { MessageComposer } from '#app/components/message-composer.tsx';
import { FormErrors } from '#app/components/form.tsx';
import { useT } from '#app/components/i18n.tsx';
import { isUuid, meta as reqMeta } from '#app/lib/api.server.ts';
import { formAction, type FormResult } from '#app/lib/forms.server.ts';
import { requirePageAction } from '#app/lib/pages.server.ts';
import { inquiryCreateSchema } from '#app/schemas/conversations.server.ts';
import { inquirySubject, openConversationOn, openInquiry } from '#app/services/conversations.server.ts';

export const meta: MetaFunction = () => [{ title: '发起洽谈 · 科技成果转化平台' }];

/** Started from a result page (?resultId=) or a demand page (?demandId=); an open conversation there is reopened instead. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const v = await requirePageAction(request, 'inquiry.open');
  const url = new URL(request.url);
  const resultId = url.searchParams.get('resultId') ?? undefined;
  const demandId = url.searchParams.get('demandId') ?? undefined;
  const listing = isUuid(resultId) ? { resultId } : isUuid(demandId) ? { demandId } : null;
  if (!listing) throw data('请从成果或需求页面发起洽谈', { status: 404 });
  const subject = await inquirySubject(listing);
  if (!subject) throw data('未找到', { status: 404 });
  const existing = await openConversationOn(v, listing);
  if (existing) throw redirect(`/conversations/${existing}?existing=1`);
  const canOpen = subject.ownerOrgId !== v.user.orgId && (subject.kind === 'result' ? v.org?.kind === 'enterprise' : v.org?.kind === 'university' || v.org?.kind === 'institute');
  return { subject, canOpen };
};

export const action = (args: ActionFunctionArgs) =>
  formAction(inquiryCreateSchema, async (input, { request, context }) => {
    const v = await requirePageAction(request, 'inquiry.open');
    const { conversation, created } = await openInquiry(v, input, reqMeta(request, context));
    return redirect(`/conversations/${conversation.id}${created ? '' : '?existing=1'}`);
  })(args);

export default function NewConversation() {
  const { subject, canOpen } = useLoaderData<typeof loader>();
  const r = useActionData<FormResult>();
  const t = useT();
  const busy = useNavigation().state === 'submitting';
  const values = (r?.values ?? {}) as Record<string, string | undefined>;
  return (
    <section className="panel narrow" aria-labelledby="conv-new-title">
      <h1 id="conv-new-title">{t('conv.new')}</h1>
      <p>
        {t(subject.kind === 'result' ? 'conv.subject.result' : 'conv.subject.demand')}：
        <Link to={subject.kind === 'result' ? `/r/${subject.id}` : `/demands/${subject.id}`}>
          <strong>{subject.title}</strong>
        </Link>
        <span className="muted"> · {subject.ownerName}</span>
      </p>
      {canOpen ? (
        <>
          <p className="muted">{t(subject.kind === 'result' ? 'conv.new.hint.result' : 'conv.new.hint.demand')}</p>
          <FormErrors formError={r?.formError} fields={r?.fields} />
          <Form method="post" noValidate>
            <input type="hidden" name={subject.kind === 'result' ? 'resultId' : 'demandId'} value={subject.id} />
            <MessageComposer name="message" label={t('conv.firstMessage')} error={r?.fields?.message} defaultValue={values.message} placeholder={t('conv.firstMessage.placeholder')} />
            <button type="submit" className="button primary" disabled={busy}>
              {t('conv.start')}
            </button>
          </Form>
        </>
      ) : (
        <p className="alert warning">{t(subject.kind === 'result' ? 'conv.cannot.result' : 'conv.cannot.demand')}</p>
      )}
    </section>
  );
}
