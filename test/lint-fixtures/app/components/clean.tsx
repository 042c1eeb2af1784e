// lint-expect: clean
// Pure modules, other components, the city's clock and types from server modules are fine in the browser.
import { cityDate } from '#config/city.ts';
import Decimal from 'decimal.js';
import { formatMoney } from '#domain/money.ts';
import { useT } from '#app/components/i18n.tsx';
import type { Viewer } from '#app/lib/auth.server.ts';

export function Line({ viewer, at }: { viewer: Viewer; at: string }) {
  const t = useT();
  return (
    <p title={t('nav.home')}>
      {viewer.user.email} {cityDate(at)} {formatMoney(new Decimal(1))}
    </p>
  );
}
