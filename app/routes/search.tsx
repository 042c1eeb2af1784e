import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useLoaderData, useLocation, useNavigation, useSubmit } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { groupDigits } from '#domain/money.ts';
import { IP_TYPES, MATURITIES, RESULT_FIELDS, TRANSFER_MODES } from '#domain/result-codes.ts';
import type { Msg } from '#domain/errors.ts';
import { usePick, useT } from '#app/components/i18n.tsx';
import { Pager } from '#app/components/pager.tsx';
import { ActiveFilterChips, activeFilterCount, FACETS, type FacetKey } from '#app/components/search-filters.tsx';
import { SaveSearchButton } from '#app/components/save-search-button.tsx';
import { useRootData } from '#app/root.tsx';
import { AppError } from '#domain/errors.ts';
import { searchFromUrl, type SearchAnswer } from '#app/services/search.server.ts';
import { getViewer } from '#app/lib/auth.server.ts';
import { limitRequest } from '#app/lib/rate-limit.server.ts';
import type { MessageKey } from '#app/i18n/index.ts';

export const meta: MetaFunction = () => [{ title: '科技成果检索 · 科技成果转化平台' }];

export const loader = async ({ request, context }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  try {
    await limitRequest('search', context, (await getViewer(request))?.user.id);
    return data<{ answer: SearchAnswer | null; error: Msg | null }>({ answer: await searchFromUrl(url), error: null });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const headers = e.retryAfterSeconds ? { 'Retry-After': String(e.retryAfterSeconds) } : undefined;
    return data<{ answer: SearchAnswer | null; error: Msg | null }>({ answer: null, error: e.msg }, { status: e.status, headers });
  }
};

const CODES: Partial<Record<FacetKey, readonly string[]>> = { field: RESULT_FIELDS, ipType: IP_TYPES, maturity: MATURITIES, transferMode: TRANSFER_MODES };

/** Phones: the facets fold behind a 筛选 button, so the first result is near the top. */
const PHONE = '(max-width: 480px)';

/** Open everywhere but on a phone; before hydration (and without JS) always open. */
function useFacetsOpen(): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(true);
  useEffect(() => {
    const mq = window.matchMedia(PHONE);
    const apply = () => setOpen(!mq.matches);
    apply();
    mq.addEventListener('change', apply);
    return () => mq.removeEventListener('change', apply);
  }, []);
  return [open, setOpen];
}

export default function Search() {
  const { answer, error } = useLoaderData<typeof loader>();
  const t = useT();
  const pick = usePick();
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const submit = useSubmit();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const searching = navigation.state === 'loading' && navigation.location?.pathname === '/search';

  useEffect(() => () => clearTimeout(timer.current), []);

  // As the user types: a short pause, then the same GET the button would send, replacing history.
  const onType = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (formRef.current) submit(formRef.current, { replace: true, preventScrollReset: true });
    }, 250);
  };
  const onChange = () => formRef.current && submit(formRef.current, { replace: true, preventScrollReset: true });
  const selected = (key: string) => params.getAll(key);
  const [facetsOpen, setFacetsOpen] = useFacetsOpen();
  const filterCount = activeFilterCount(params);

  // The checkboxes are uncontrolled: a chip or the clear link changes the URL, not them, so bring them in line.
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    const now = new URLSearchParams(location.search);
    for (const input of form.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) input.checked = now.getAll(input.name).includes(input.value);
    for (const name of ['priceMin', 'priceMax']) {
      const input = form.elements.namedItem(name);
      if (input instanceof HTMLInputElement && document.activeElement !== input) input.value = now.get(name) ?? '';
    }
  }, [location.search]);

  return (
    <section className="search-page" aria-labelledby="search-title">
      <h1 id="search-title">{t('search.title')}</h1>
      {useRootData()?.viewer?.orgId ? <SaveSearchButton /> : null}
      <Form method="get" ref={formRef} role="search" className="search-form" onChange={onChange}>
        <div className="search-box">
          <label htmlFor="q" className="sr-only">
            {t('search.label')}
          </label>
          <input id="q" name="q" type="search" defaultValue={params.get('q') ?? ''} placeholder={t('search.placeholder')} onInput={onType} autoComplete="off" maxLength={200} />
          <button type="submit" className="button primary">
            {t('search.submit')}
          </button>
        </div>
        <div className="search-layout">
          <aside className="facets" aria-label={t('search.facets')}>
            <details className="facets-fold" open={facetsOpen} onToggle={(e) => setFacetsOpen(e.currentTarget.open)}>
              <summary className="button facets-toggle">{filterCount ? t('search.facets.toggleCount', { n: filterCount }) : t('search.facets.toggle')}</summary>
              {FACETS.map((f) => {
                const counts = answer?.facets[f.from] ?? {};
                const codes = CODES[f.key];
                // Checked values stay listed (with their counts) even where the search finds none of them.
                const values = codes ? codes.filter((c) => counts[c] || selected(f.key).includes(c)) : [...new Set([...selected(f.key), ...Object.keys(counts).slice(0, 15)])];
                if (values.length === 0) return null;
                return (
                  <fieldset key={f.key} className="facet">
                    <legend>{t(f.label)}</legend>
                    {values.map((v) => (
                      <label key={v} className="check">
                        <input type="checkbox" name={f.key} value={v} defaultChecked={selected(f.key).includes(v)} />{' '}
                        {f.prefix ? t(`${f.prefix}.${v}` as MessageKey) : v} <span className="count">{counts[v] ?? 0}</span>
                      </label>
                    ))}
                  </fieldset>
                );
              })}
              <fieldset className="facet">
                <legend>{t('result.price')}</legend>
                <label className="price">
                  {t('search.priceMin')}
                  <input name="priceMin" inputMode="numeric" defaultValue={params.get('priceMin') ?? ''} onInput={onType} />
                </label>
                <label className="price">
                  {t('search.priceMax')}
                  <input name="priceMax" inputMode="numeric" defaultValue={params.get('priceMax') ?? ''} onInput={onType} />
                </label>
              </fieldset>
              <p>
                <Link to={params.get('q') ? `/search?q=${encodeURIComponent(params.get('q')!)}` : '/search'}>{t('search.clear')}</Link>
              </p>
            </details>
          </aside>
          <div className="hits" aria-live="polite" aria-busy={searching}>
            <div className="hits-head">
              <p>{answer ? t('search.total', { total: answer.total.toLocaleString() }) : null}</p>
              <label>
                {t('search.sort')}{' '}
                <select name="sort" defaultValue={params.get('sort') ?? 'relevance'}>
                  {(['relevance', 'newest', 'price_asc', 'price_desc'] as const).map((s) => (
                    <option key={s} value={s}>
                      {t(`search.sort.${s}`)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            {error ? (
              <p className="alert error" role="alert">
                {pick(error)}
              </p>
            ) : null}
            <ActiveFilterChips params={params} />
            {answer && answer.items.length === 0 ? <EmptyState answer={answer} params={params} /> : null}
            <ol className="hit-list">
              {answer?.items.map((h) => (
                <li key={h.id} className="hit">
                  <h2>
                    {/* The highlight is HTML-escaped on the server; only <mark> is added. */}
                    <Link to={`/r/${h.id}`} dangerouslySetInnerHTML={{ __html: h.highlight.title }} />
                  </h2>
                  {h.highlight.titleEn ? <p lang="en" className="subtitle" dangerouslySetInnerHTML={{ __html: h.highlight.titleEn }} /> : null}
                  <p className="meta">
                    {h.institution} · {t(`field.${h.field}`)} · {t(`ipType.${h.ipType}`)} · {t(`maturity.${h.maturity}`)}
                    {h.patentNo ? <span className="mono"> · {h.patentNo}</span> : null}
                  </p>
                  <p className="snippet" dangerouslySetInnerHTML={{ __html: h.highlight.abstract }} />
                  <p className="price-tag">{h.price ? `¥${groupDigits(h.price)}` : t('result.negotiable')}</p>
                </li>
              ))}
            </ol>
            {answer ? <Pager page={answer.page} pageSize={answer.pageSize} total={Math.min(answer.total, 5000)} /> : null}
          </div>
        </div>
      </Form>
    </section>
  );
}

/** No hits: for a patent number, says so; otherwise offers only searches that were run and find listings, or advice. */
function EmptyState({ answer, params }: { answer: SearchAnswer; params: URLSearchParams }) {
  const t = useT();
  if (answer.patentNo) {
    return (
      <div className="empty-state" data-testid="search-empty">
        <h2>{t('search.empty.patent.title', { no: answer.patentNo })}</h2>
        <p>{t('search.empty.patent.tips')}</p>
        <Suggestions answer={answer} params={params} />
      </div>
    );
  }
  const words = answer.query.text.split(' ').filter(Boolean).length;
  return (
    <div className="empty-state" data-testid="search-empty">
      <h2>{t('search.empty.title')}</h2>
      {answer.suggestions.length ? (
        <Suggestions answer={answer} params={params} />
      ) : (
        <>
          <p>{t('search.advice.title')}</p>
          <ul className="search-advice">
            {words > 1 ? <li>{t('search.advice.fewerWords')}</li> : null}
            {activeFilterCount(params) > 0 ? <li>{t('search.advice.filters')}</li> : null}
            <li>{t('search.advice.general')}</li>
          </ul>
        </>
      )}
    </div>
  );
}

/** Each suggestion links to its search: the same filters (or none) and sort, other words. */
function Suggestions({ answer, params }: { answer: SearchAnswer; params: URLSearchParams }) {
  const t = useT();
  if (answer.suggestions.length === 0) return null;
  const hrefOf = (q: string, keepFilters: boolean) => {
    const next = new URLSearchParams();
    for (const [k, v] of params) if (k === 'sort' || (keepFilters && k !== 'q' && k !== 'page')) next.append(k, v);
    next.set('q', q);
    return `/search?${next.toString()}`;
  };
  return (
    <>
      <p>{t('search.suggest.title')}</p>
      <ul className="search-suggestions">
        {answer.suggestions.map((s) => (
          <li key={`${s.reason}:${s.q}`}>
            <Link to={hrefOf(s.q, s.keepFilters)}>{t(`search.suggest.${s.reason}`, { q: s.q, total: s.total.toLocaleString() })}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}
