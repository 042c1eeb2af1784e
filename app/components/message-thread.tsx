import { useT } from './i18n.tsx';
import { cityDateTime } from '#config/city.ts';

export type ThreadMessage = { id: number; body: string; senderOrgId: string; senderOrgName: string; senderName: string; createdAt: string };

/**
 * A message is plain text and is rendered as text: React escapes it, and line breaks
 * are kept by CSS (white-space: pre-wrap). Never as HTML.
 */
export function MessageBody({ body }: { body: string }) {
  return <p className="message-body">{body}</p>;
}

export function MessageThread({ messages, myOrgId, lastReadAt }: { messages: ThreadMessage[]; myOrgId: string; lastReadAt: string | null }) {
  const t = useT();
  if (messages.length === 0) return <p className="empty">{t('conv.noMessages')}</p>;
  const firstUnread = messages.find((m) => m.senderOrgId !== myOrgId && (!lastReadAt || m.createdAt > lastReadAt))?.id;
  return (
    <ol className="thread" aria-label={t('conv.messages')}>
      {messages.map((m) => (
        <li key={m.id} className={`message${m.senderOrgId === myOrgId ? ' mine' : ''}`} data-testid="message">
          {m.id === firstUnread ? <p className="unread-rule">{t('conv.newMessages')}</p> : null}
          <p className="message-meta">
            <strong>{m.senderOrgName}</strong>
            {m.senderName ? ` · ${m.senderName}` : ''} · <time dateTime={m.createdAt}>{cityDateTime(m.createdAt)}</time>
          </p>
          <MessageBody body={m.body} />
        </li>
      ))}
    </ol>
  );
}
