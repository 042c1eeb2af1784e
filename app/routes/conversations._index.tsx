import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { CLOSE_REASONS, CONVERSATION_STATUSES } from '#domain/demands/codes.ts';
import { useT } from '#app/components/i18n.tsx';
import { Pager } from '#app/components/pager.tsx';
import { paging } from '#app/lib/api.server.ts';
import { orThrowResponse } from '#app/lib/forms.server.ts';
import { requirePageAction } from '#app/lib/pages.server.ts';
import { closeReasonSummary, listConversations } from '#app/services/conversations.server.ts';
import { cityDateTime } from '#config/city.ts';

export const meta: MetaFunction = () => [{ title: '洽谈 · 科技成果转化平台' }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const v = await requirePageAction(request, 'inquiry.open');
  const url = new URL(request.url);
  const status = CONVERSATION_STATUSES.find((s) => s === url.searchParams.get('status')) ?? null;
  const page = await orThrowResponse(Promise.resolve().then(() => paging(url)));
  const [list, reasons] = await Promise.all([listConversations(v, { ...page, status: status ?? undefined }), closeReasonSummary(v)]);
  return { ...list, ...page, status, reasons, myOrgId: v.user.orgId };
};

export default function Conversations() {
  const { items, total, page, pageSize, status, reasons, myOrgId } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="panel" aria-labelledby="convs-title">
      <div className="panel-head">
        <h1 id="convs-title">{t('nav.conversations')}</h1>
        <Link to="/search">{t('conv.findResults')}</Link>
      </div>
      <p className="muted">{t('conv.intro')}</p>
      <nav className="tabs" aria-label={t('conv.statusFilter')}>
        <Link to="?" aria-current={status === null ? 'page' : undefined}>
          {t('conv.all')}
        </Link>
        {CONVERSATION_STATUSES.map((s) => (
          <Link key={s} to={`?status=${s}`} aria-current={status === s ? 'page' : undefined}>
            {t(`conv.status.${s}`)}
          </Link>
        ))}
      </nav>
      {items.length === 0 ? (
        <p className="empty">{t('conv.empty')}</p>
      ) : (
        <ul className="conv-list">
          {items.map((c) => {
            const other = c.initiatorOrgId === myOrgId ? c.ownerName : c.initiatorName;
            return (
              <li key={c.id} className={c.unread ? 'unread' : undefined} data-testid="conversation-row">
                <p className="conv-head">
                  <Link to={`/conversations/${c.id}`}>{c.subject.title}</Link> <span className={`badge conv-${c.status}`}>{t(`conv.status.${c.status}`)}</span>
                  {c.unread ? (
                    <span className="count-badge" aria-label={t('conv.unreadCount', { count: c.unread })}>
                      {c.unread}
                    </span>
                  ) : null}
                </p>
                <p className="meta">
                  {t(c.subject.kind === 'result' ? 'conv.subject.result' : 'conv.subject.demand')} · {t('conv.with', { name: other })} · {t(`conv.role.${c.myRole}`)} ·{' '}
                  <time dateTime={c.lastMessageAt}>{cityDateTime(c.lastMessageAt)}</time>
                </p>
                {c.lastMessage ? <p className="snippet">{c.lastMessage}</p> : null}
              </li>
            );
          })}
        </ul>
      )}
      <Pager page={page} pageSize={pageSize} total={total} />

      <section aria-labelledby="reasons-title" className="close-reasons">
        <h2 id="reasons-title">{t('conv.reasons.title')}</h2>
        {reasons.total === 0 ? (
          <p className="muted">{t('conv.reasons.empty')}</p>
        ) : (
          <>
            <p className="muted">{t('conv.reasons.intro', { total: reasons.total })}</p>
            <table className="data" data-testid="close-reasons">
              <thead>
                <tr>
                  <th scope="col">{t('conv.closeReason')}</th>
                  <th scope="col">{t('conv.reasons.count')}</th>
                  <th scope="col">{t('conv.reasons.share')}</th>
                </tr>
              </thead>
              <tbody>
                {CLOSE_REASONS.map((r) => (
                  <tr key={r}>
                    <th scope="row">{t(`conv.reason.${r}`)}</th>
                    <td className="num">{reasons.reasons[r]}</td>
                    <td>
                      <meter min={0} max={reasons.total} value={reasons.reasons[r]} aria-hidden="true" /> {Math.round((reasons.reasons[r] / reasons.total) * 100)}%
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {reasons.listings.length ? (
              <>
                <h3>{t('conv.reasons.byListing')}</h3>
                <ul className="reason-listings">
                  {reasons.listings.map((l) => (
                    <li key={l.id}>
                      <Link to={l.kind === 'result' ? `/r/${l.id}` : `/demands/${l.id}`}>{l.title}</Link>
                      <span className="muted">
                        {' '}
                        ·{' '}
                        {CLOSE_REASONS.filter((r) => l.reasons[r] > 0)
                          .map((r) => `${t(`conv.reason.${r}`)} ${l.reasons[r]}`)
                          .join('，')}
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        )}
      </section>
    </section>
  );
}
