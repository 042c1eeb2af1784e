import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useT } from '#app/components/i18n.tsx';
import { MessageBody } from '#app/components/message-thread.tsx';
import { isUuid } from '#app/lib/api.server.ts';
import { orThrowResponse } from '#app/lib/forms.server.ts';
import { requirePageAction } from '#app/lib/pages.server.ts';
import { getEmail } from '#app/services/mail.server.ts';
import { cityDateTime } from '#config/city.ts';

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d?.email.subject ?? '邮件'} · 邮件发送记录` }];

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const v = await requirePageAction(request, 'bureau.audit.view');
  if (!isUuid(params.id)) throw data('未找到', { status: 404 });
  return { email: await orThrowResponse(getEmail(v, params.id)) };
};

export default function MailMessage() {
  const { email: m } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <article className="panel" aria-labelledby="mail-subject">
      <p className="eyebrow">
        <Link to="/bureau/mail">{t('mail.title')}</Link>
      </p>
      <h1 id="mail-subject">{m.subject}</h1>
      <dl className="facts">
        <dt>{t('mail.to')}</dt>
        <dd className="mono">{m.to}</dd>
        <dt>{t('mail.sentAt')}</dt>
        <dd>{cityDateTime(m.sentAt)}</dd>
        <dt>{t('mail.messageId')}</dt>
        <dd className="mono">{m.messageId ?? '—'}</dd>
        {m.file ? (
          <>
            <dt>{t('mail.file')}</dt>
            <dd className="mono">{m.file}</dd>
          </>
        ) : null}
      </dl>
      <MessageBody body={m.text} />
    </article>
  );
}
