import { Link } from '@remix-run/react';
import { groupDigits } from '#domain/money.ts';
import { useT } from './i18n.tsx';
import type { ContractStatus } from '#domain/contracts/rules.ts';
import { cityDate } from '#config/city.ts';

export type ContractRow = { id: string; title: string; kind: 'development' | 'transfer' | 'consulting' | 'service'; status: ContractStatus; amount: string; registrationNo: string | null; updatedAt: string };

/** The table of contracts shared by the parties' list and the registrar's queue. */
export function ContractTable({ items }: { items: ContractRow[] }) {
  const t = useT();
  if (items.length === 0) return <p className="empty">{t('contract.empty')}</p>;
  return (
    <div className="table-wrap">
      <table className="cards">
        <thead>
          <tr>
            <th scope="col">{t('contract.title')}</th>
            <th scope="col">{t('contract.kind')}</th>
            <th scope="col">{t('contract.amount')}</th>
            <th scope="col">{t('result.status')}</th>
            <th scope="col">{t('contract.registrationNo')}</th>
            <th scope="col">{t('result.updatedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id}>
              <td data-label={t('contract.title')}>
                <Link to={`/contracts/${c.id}`}>{c.title}</Link>
              </td>
              <td data-label={t('contract.kind')}>{t(`contract.kind.${c.kind}`)}</td>
              <td data-label={t('contract.amount')}>¥{groupDigits(c.amount)}</td>
              <td data-label={t('result.status')}>
                <span className={`badge ${c.status}`}>{t(`contract.status.${c.status}`)}</span>
              </td>
              <td className="mono" data-label={t('contract.registrationNo')}>
                {c.registrationNo ?? '—'}
              </td>
              <td data-label={t('result.updatedAt')}>{cityDate(c.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
