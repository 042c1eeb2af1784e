import { Link, useLocation } from '@remix-run/react';
import type { Msg } from '#domain/errors.ts';
import { useT } from './i18n.tsx';

/** Under a refused grant decision that needs a fresh password + TOTP: the way there and back. */
export function ReauthLink({ fields }: { fields?: Record<string, Msg> }) {
  const t = useT();
  const location = useLocation();
  if (!fields?.reauth) return null;
  return (
    <p>
      <Link className="button primary" to={`/reauth?redirectTo=${encodeURIComponent(location.pathname + location.search)}`}>
        {t('reauth.link')}
      </Link>
    </p>
  );
}
