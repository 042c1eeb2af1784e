import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useT } from '#app/components/i18n.tsx';
import { Pager } from '#app/components/pager.tsx';
import { paging } from '#app/lib/api.server.ts';
import { orThrowResponse } from '#app/lib/forms.server.ts';
import { requirePageAction } from '#app/lib/pages.server.ts';
import { listEmails, usesSmtp } from '#app/services/mail.server.ts';
import { cityDateTime } from '#config/city.ts';

export const meta: MetaFunction = () => [{ title: '邮件发送记录 · 科技成果转化平台' }];

/** Every e-mail the platform sent; without SMTP_URL these are the .eml files of the development outbox. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const v = await requirePageAction(request, 'bureau.audit.view');
  const page = await orThrowResponse((async () => paging(new URL(request.url)))());
  return { ...(await listEmails(v, page)), ...page, smtp: usesSmtp() };
};

export default function MailOutbox() {
  const { items, total, page, pageSize, smtp } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="panel" aria-labelledby="mail-title">
      <h1 id="mail-title">{t('mail.title')}</h1>
      <p className="muted">{t(smtp ? 'mail.intro.smtp' : 'mail.intro.files')}</p>
      {items.length === 0 ? (
        <p className="empty">{t('mail.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('mail.sentAt')}</th>
                <th scope="col">{t('mail.to')}</th>
                <th scope="col">{t('mail.subject')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id}>
                  <td>
                    <time dateTime={m.sentAt}>{cityDateTime(m.sentAt)}</time>
                  </td>
                  <td className="mono">{m.to}</td>
                  <td>
                    <Link to={`/bureau/mail/${m.id}`}>{m.subject}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pageSize={pageSize} total={total} />
    </section>
  );
}
