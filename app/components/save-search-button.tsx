import { useFetcher, useLocation } from '@remix-run/react';
import type { Msg } from '#domain/errors.ts';
import { usePick, useT } from './i18n.tsx';
import { useHydrated } from './use-hydrated.ts';

/**
 * "保存搜索并提醒": keeps the current query and filters of the result search (or, with
 * kind="demands", the demand search); new hits then arrive as notifications and e-mail.
 */
export function SaveSearchButton({ kind = 'results' }: { kind?: 'results' | 'demands' }) {
  const t = useT();
  const pick = usePick();
  const location = useLocation();
  const hydrated = useHydrated();
  const f = useFetcher<{ saved?: { id: string; created: boolean }; formError?: Msg }>();
  const idle = f.state === 'idle';
  return (
    <f.Form method="post" action="/saved-searches" className="inline save-search">
      <input type="hidden" name="intent" value="save-search" />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="search" value={location.search} />
      {hydrated ? <input type="hidden" name="via" value="fetcher" /> : null}
      <button type="submit" className="button small" disabled={!idle}>
        {t('saved.save')}
      </button>
      {idle && f.data?.saved ? (
        <span role="status" className="muted">
          {t(f.data.saved.created ? 'saved.done' : 'saved.already')} <a href="/saved-searches">{t('saved.manage')}</a>
        </span>
      ) : null}
      {idle && f.data?.formError ? (
        <span role="alert" className="error">
          {pick(f.data.formError)}
        </span>
      ) : null}
    </f.Form>
  );
}
