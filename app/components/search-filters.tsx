import { Link } from '@remix-run/react';
import { groupDigits } from '#domain/money.ts';
import { useT } from '#app/components/i18n.tsx';
import type { MessageKey } from '#app/i18n/index.ts';

export type FacetKey = 'field' | 'ipType' | 'maturity' | 'transferMode' | 'institution';

/** The search page's facet groups: URL parameter, index attribute, label, and the codes' message prefix. */
export const FACETS: ReadonlyArray<{
  key: FacetKey;
  from: 'field' | 'ipType' | 'maturity' | 'transferModes' | 'institution';
  label: MessageKey;
  prefix?: string;
}> = [
  { key: 'field', from: 'field', label: 'result.field', prefix: 'field' },
  { key: 'ipType', from: 'ipType', label: 'result.ipType', prefix: 'ipType' },
  {
    key: 'maturity',
    from: 'maturity',
    label: 'result.maturity',
    prefix: 'maturity',
  },
  {
    key: 'transferMode',
    from: 'transferModes',
    label: 'result.transferModes',
    prefix: 'transferMode',
  },
  { key: 'institution', from: 'institution', label: 'result.institution' },
];

/** The search URL with one parameter value taken out (and back to page 1). */
export function without(params: URLSearchParams, key: string, value?: string): string {
  const next = new URLSearchParams();
  for (const [k, v] of params) if (k !== 'page' && !(k === key && (value === undefined || v === value))) next.append(k, v);
  const s = next.toString();
  return s ? `/search?${s}` : '/search';
}

type Chip = { id: string; label: string; href: string };

/** How many filters the URL has on. */
export function activeFilterCount(params: URLSearchParams): number {
  return FACETS.reduce((n, f) => n + params.getAll(f.key).filter(Boolean).length, 0) + (params.get('priceMin') ? 1 : 0) + (params.get('priceMax') ? 1 : 0);
}

/**
 * The filters that are on, as chips: each a link to the same search without that one
 * filter, so a filter kept under a new query is in view and one click (or Enter) away.
 */
export function ActiveFilterChips({ params }: { params: URLSearchParams }) {
  const t = useT();
  const chips: Chip[] = [];
  for (const f of FACETS) {
    for (const v of new Set(params.getAll(f.key).filter(Boolean))) {
      chips.push({
        id: `${f.key}=${v}`,
        label: `${t(f.label)}：${f.prefix ? t(`${f.prefix}.${v}` as MessageKey) : v}`,
        href: without(params, f.key, v),
      });
    }
  }
  for (const key of ['priceMin', 'priceMax'] as const) {
    const v = params.get(key);
    if (v)
      chips.push({
        id: key,
        label: t(key === 'priceMin' ? 'search.chip.priceMin' : 'search.chip.priceMax', { value: groupDigits(v) }),
        href: without(params, key),
      });
  }
  if (chips.length === 0) return null;
  return (
    <div className="filter-chips" role="group" aria-label={t('search.chips')}>
      <span className="filter-chips-label">{t('search.chips')}</span>
      <ul>
        {chips.map((c) => (
          <li key={c.id}>
            <Link to={c.href} className="filter-chip" aria-label={t('search.chip.remove', { label: c.label })} preventScrollReset replace>
              {c.label}
              <span aria-hidden="true" className="filter-chip-x">
                ×
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
