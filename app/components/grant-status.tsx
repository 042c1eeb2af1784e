import { groupDigits } from '#domain/money.ts';
import { useT } from './i18n.tsx';

export type GrantStatus = 'computed' | 'submitted' | 'approved' | 'rejected' | 'paid';
export const GRANT_STATUSES: readonly GrantStatus[] = ['computed', 'submitted', 'approved', 'rejected', 'paid'];

/** The grant's state as a badge; the colour repeats what the text says. */
export function GrantStatusBadge({ status, testId }: { status: GrantStatus; testId?: string }) {
  const t = useT();
  return (
    <span className={`badge grant-${status}`} data-testid={testId}>
      {t(`grant.status.${status}`)}
    </span>
  );
}

/** "1234.50" → "¥1,234.50"; null → "—". */
export function yuan(money: string | null | undefined): string {
  if (!money) return '—';
  const negative = money.startsWith('-');
  return `${negative ? '−' : ''}¥${groupDigits(negative ? money.slice(1) : money)}`;
}
