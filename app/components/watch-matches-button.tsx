import { useFetcher, useLocation } from '@remix-run/react';
import { useEffect } from 'react';
import { useT } from './i18n.tsx';
import { useHydrated } from './use-hydrated.ts';

type WatchState = { watching: string | null; signedIn: boolean };

/**
 * "提醒我新的匹配": watches a demand's (or a result's) new matches; each new match then
 * arrives as a notification and an e-mail. Without JavaScript the form posts and the
 * page comes back.
 */
export function WatchMatchesButton({ kind, subjectId }: { kind: 'demand_matches' | 'result_matches'; subjectId: string }) {
  const t = useT();
  const location = useLocation();
  const hydrated = useHydrated();
  const fetcher = useFetcher<WatchState>();
  const { load } = fetcher;
  useEffect(() => {
    load(`/saved-searches/watch?kind=${kind}&subjectId=${subjectId}`);
  }, [load, kind, subjectId]);
  const current = fetcher.data;
  if (current && !current.signedIn) return null;
  const watching = !!current?.watching;
  return (
    <fetcher.Form method="post" action="/saved-searches/watch" className="inline watch-matches">
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="subjectId" value={subjectId} />
      <input type="hidden" name="intent" value={watching ? 'unwatch' : 'watch'} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {hydrated ? <input type="hidden" name="via" value="fetcher" /> : null}
      <button type="submit" className={`button small${watching ? '' : ' primary'}`} aria-pressed={watching} disabled={fetcher.state !== 'idle' || (hydrated && !current)}>
        {watching ? t('watch.on') : t('watch.off')}
      </button>
    </fetcher.Form>
  );
}
