import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useLoaderData, useLocation, useNavigation, useSubmit } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { groupDigits } from '#domain/money.ts';
import { IP_TYPES, MATURITIES, RESULT_FIELDS, TRANSFER_MODES } from '#domain/result-codes.ts';
import type { Msg } from '#domain/errors.ts';
import { usePick, useT } from '#app/components/i18n.tsx';
import { Pager } from '#app/components/pager.tsx';
import { SaveSearchButton } from '#app/components/save-search-button.tsx';
import { useRootData } from '#app/root.tsx';
import { AppError } from '#domain/errors.ts';
import { searchFromUrl, type SearchAnswer } from '#app/services/search.server.ts';
import type { MessageKey } from '#app/i18n/messages.ts';

export const meta: MetaFunction = () => [{ title: '科技成果检索 · 科技成果转化平台' }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  try {
    return data<{ answer: SearchAnswer | null; error: Msg | null }>({ answer: await searchFromUrl(url), error: null });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return data<{ answer: SearchAnswer | null; error: Msg | null }>({ answer: null, error: e.msg }, { status: e.status });
  }
};

type FacetKey = 'field' | 'ipType' | 'maturity' | 'transferMode' | 'institution';

const FACETS: Array<{ key: FacetKey; from: 'field' | 'ipType' | 'maturity' | 'transferModes' | 'institution'; label: MessageKey; codes?: readonly string[]; prefix?: string }> = [
  { key: 'field', from: 'field', label: 'result.field', codes: RESULT_FIELDS, prefix: 'field' },
  { key: 'ipType', from: 'ipType', label: 'result.ipType', codes: IP_TYPES, prefix: 'ipType' },
  { key: 'maturity', from: 'maturity', label: 'result.maturity', codes: MATURITIES, prefix: 'maturity' },
  { key: 'transferMode', from: 'transferModes', label: 'result.transferModes', codes: TRANSFER_MODES, prefix: 'transferMode' },
  { key: 'institution', from: 'institution', label: 'result.institution' },
];

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
            {FACETS.map((f) => {
              const counts = answer?.facets[f.from] ?? {};
              const values = f.codes ? f.codes.filter((c) => counts[c] || selected(f.key).includes(c)) : Object.keys(counts).slice(0, 15);
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
            {answer && answer.items.length === 0 ? (
              <div className="empty-state">
                <h2>{t('search.empty.title')}</h2>
                <p>{t('search.empty.tips')}</p>
              </div>
            ) : null}
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
