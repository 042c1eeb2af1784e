import { Link, useLocation } from '@remix-run/react';
import { useT } from './i18n.tsx';

/** Previous/next links that keep every other query parameter. */
export function Pager({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
  const t = useT();
  const location = useLocation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const hrefFor = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set('page', String(p));
    return `${location.pathname}?${params.toString()}`;
  };
  return (
    <nav className="pager" aria-label={t('pager.info', { page, pages, total })}>
      {page > 1 ? <Link to={hrefFor(page - 1)} rel="prev">{t('pager.prev')}</Link> : <span aria-hidden="true" />}
      <span>{t('pager.info', { page, pages, total })}</span>
      {page < pages ? <Link to={hrefFor(page + 1)} rel="next">{t('pager.next')}</Link> : <span aria-hidden="true" />}
    </nav>
  );
}
