import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { useT } from '#app/components/i18n.tsx';
import { Pager } from '#app/components/pager.tsx';
import { paging } from '#app/lib/api.server.ts';
import { formAction, orThrowResponse, type FormResult } from '#app/lib/forms.server.ts';
import { requirePageViewer, safeRedirect } from '#app/lib/pages.server.ts';
import { listNotifications, markRead } from '#app/services/notifications.server.ts';
import { cityDateTime } from '#config/city.ts';

export const meta: MetaFunction = () => [{ title: '通知 · 科技成果转化平台' }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const v = await requirePageViewer(request);
  const url = new URL(request.url);
  const page = await orThrowResponse((async () => paging(url))());
  const unreadOnly = url.searchParams.get('unread') === 'true';
  return { ...(await listNotifications(v, { ...page, unread: unreadOnly })), ...page, unreadOnly };
};

const schema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('read-all') }),
  z.object({ intent: z.literal('read'), id: z.uuid() }),
  z.object({ intent: z.literal('open'), id: z.uuid(), to: z.string() }),
]);

export const action = (args: ActionFunctionArgs) =>
  formAction(schema, async (input, { request }) => {
    const v = await requirePageViewer(request);
    if (input.intent === 'read-all') await markRead(v, { all: true });
    else await markRead(v, { ids: [input.id] });
    // Opening one marks it read and goes where it points.
    if (input.intent === 'open') return redirect(safeRedirect(input.to, '/notifications'));
    return data<FormResult>({});
  })(args);

export default function Notifications() {
  const { items, total, unread, page, pageSize, unreadOnly } = useLoaderData<typeof loader>();
  const t = useT();
  const busy = useNavigation().state === 'submitting';
  return (
    <section className="panel" aria-labelledby="notif-title">
      <div className="panel-head">
        <h1 id="notif-title">{t('nav.notifications')}</h1>
        <Link to="/saved-searches">{t('saved.title')}</Link>
        <Link to="/settings/notifications">{t('nav.notificationSettings')}</Link>
      </div>
      <p data-testid="unread-total">{t('notif.unread', { count: unread })}</p>
      <div className="owner-bar">
        <nav className="tabs" aria-label={t('notif.filter')}>
          <Link to="?" aria-current={!unreadOnly ? 'page' : undefined}>
            {t('notif.all')}
          </Link>
          <Link to="?unread=true" aria-current={unreadOnly ? 'page' : undefined}>
            {t('notif.unreadOnly')}
          </Link>
        </nav>
        {unread > 0 ? (
          <Form method="post" className="inline">
            <button type="submit" name="intent" value="read-all" className="button small" disabled={busy}>
              {t('notif.readAll')}
            </button>
          </Form>
        ) : null}
      </div>
      {items.length === 0 ? (
        <p className="empty">{t('notif.empty')}</p>
      ) : (
        <ul className="notif-list">
          {items.map((n) => (
            <li key={n.id} className={n.readAt ? undefined : 'unread'} data-testid="notification">
              <div className="conv-head">
                {n.link ? (
                  <Form method="post" className="inline">
                    <input type="hidden" name="id" value={n.id} />
                    <input type="hidden" name="to" value={n.link} />
                    <button type="submit" name="intent" value="open" className="link-button notif-open">
                      {n.title}
                    </button>
                  </Form>
                ) : (
                  <strong>{n.title}</strong>
                )}
                {!n.readAt ? <span className="badge conv-open">{t('notif.new')}</span> : null}
              </div>
              {n.body ? <p className="message-body">{n.body}</p> : null}
              <div className="meta">
                <time dateTime={n.createdAt}>{cityDateTime(n.createdAt)}</time>
                {!n.readAt ? (
                  <Form method="post" className="inline">
                    <input type="hidden" name="id" value={n.id} />
                    <button type="submit" name="intent" value="read" className="link-button" disabled={busy}>
                      {t('notif.markRead')}
                    </button>
                  </Form>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pager page={page} pageSize={pageSize} total={total} />
    </section>
  );
}
