import { Link } from '@remix-run/react';
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

export type GrantRow = {
  id: string;
  clause: string;
  clauseName: string;
  year: number;
  amount: string;
  approvedAmount: string | null;
  status: GrantStatus;
  /** With these, the table is the bureau's queue: one row per recipient and clause. */
  recipientName?: string;
  county?: string | null;
};

/**
 * A list of grants, each row linking to its page: the bureau's queue (with
 * `byRecipient`: recipient, clause, year) or a recipient's own (clause only).
 */
export function GrantTable({ rows, byRecipient = false }: { rows: readonly GrantRow[]; byRecipient?: boolean }) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table className="cards">
        <thead>
          <tr>
            {byRecipient ? <th scope="col">{t('grant.recipient')}</th> : null}
            <th scope="col">{t('grant.clause')}</th>
            {byRecipient ? <th scope="col">{t('grant.year')}</th> : null}
            <th scope="col" className="num">
              {t('grant.amount')}
            </th>
            <th scope="col" className="num">
              {t('grant.approvedAmount')}
            </th>
            <th scope="col">{t('grant.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((g) => (
            <tr key={g.id} data-testid="grant-row">
              {byRecipient ? (
                <>
                  <th scope="row">
                    <Link to={`/grants/${g.id}`}>
                      {g.recipientName}
                      <span className="sr-only">
                        {' '}
                        · {g.year} {g.clause}
                      </span>
                    </Link>
                    {g.county ? <div className="small muted">{g.county}</div> : null}
                  </th>
                  <td data-label={t('grant.clause')}>
                    {g.clause}
                    <div className="small muted">{g.clauseName}</div>
                  </td>
                  <td data-label={t('grant.year')}>{g.year}</td>
                </>
              ) : (
                <th scope="row">
                  <Link to={`/grants/${g.id}`}>
                    {g.clause} {g.clauseName}
                    <span className="sr-only"> · {g.year}</span>
                  </Link>
                </th>
              )}
              <td className="num" data-label={t('grant.amount')}>
                {yuan(g.amount)}
              </td>
              <td className="num" data-label={t('grant.approvedAmount')}>
                {yuan(g.approvedAmount)}
              </td>
              <td data-label={t('grant.status')}>
                <GrantStatusBadge status={g.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
