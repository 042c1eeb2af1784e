import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { CLAUSE_ZH } from '#domain/grants/computation.ts';
import { yuan } from '#app/components/grant-status.tsx';
import { useT } from '#app/components/i18n.tsx';
import { requirePageAction } from '#app/lib/pages.server.ts';
import { GRANT_CLAUSES, listPolicies } from '#app/services/grants/policies.server.ts';
import { todayInCity } from '#config/city.ts';
import { percentText } from '#domain/money.ts';

export const meta: MetaFunction = () => [{ title: '补助政策 · 科技成果转化平台' }];


/** Every policy version as stored, clause by clause. Read-only: a new version goes through the API. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const v = await requirePageAction(request, 'bureau.policy.view');
  const today = todayInCity();
  const policies = await listPolicies(v);
  return {
    items: policies.map((p) => ({
      id: p.id,
      title: p.title,
      effectiveFrom: p.effectiveFrom,
      withdrawnOn: p.withdrawnOn ?? null,
      inForce: p.effectiveFrom <= today && (!p.withdrawnOn || today < p.withdrawnOn),
      applicationRequired: p.applicationRequired,
      localRegionPrefix: p.localRegionPrefix,
      roundingDecimals: p.rounding.decimals,
      licencesInValueAddedChain: p.licencesInValueAddedChain,
      clauses: GRANT_CLAUSES.map((c) => {
        const x = p.clauses[c];
        const volume = 'rate' in x ? x : null;
        return {
          id: c,
          name: CLAUSE_ZH[c],
          kinds: volume ? [...volume.kinds] : null,
          basis: volume ? volume.basis : ('fixed' as const),
          rate: volume ? percentText(volume.rate) : null,
          maxRate: volume ? percentText(volume.maxRate) : null,
          cap: volume ? volume.cap : 'maxAmount' in x ? x.maxAmount : null,
          threshold: 'threshold' in x ? x.threshold : null,
          filingLevel: 'filingLevel' in x ? x.filingLevel : null,
          newlyRecognizedOnly: 'newlyRecognizedOnly' in x ? x.newlyRecognizedOnly : false,
        };
      }),
    })),
  };
};

export default function Policies() {
  const { items } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="panel" aria-labelledby="policy-title">
      <h1 id="policy-title">{t('policy.title')}</h1>
      <p className="muted">{t('policy.intro')}</p>
      {items.length === 0 ? <p className="empty">{t('policy.empty')}</p> : null}
      {items.map((p) => (
        <section key={p.id} className="policy" aria-labelledby={`policy-${p.id}`}>
          <h2 id={`policy-${p.id}`}>
            <span className="mono">{p.id}</span> <span className={`badge ${p.inForce ? 'verified' : 'withdrawn'}`}>{t(p.inForce ? 'policy.inForce' : 'policy.notInForce')}</span>
          </h2>
          <p>{p.title}</p>
          <dl className="facts">
            <dt>{t('policy.effectiveFrom')}</dt>
            <dd>
              <time dateTime={p.effectiveFrom}>{p.effectiveFrom}</time>
            </dd>
            <dt>{t('policy.withdrawnOn')}</dt>
            <dd>{p.withdrawnOn ? <time dateTime={p.withdrawnOn}>{p.withdrawnOn}</time> : t('policy.notWithdrawn')}</dd>
            <dt>{t('grant.applicationMode')}</dt>
            <dd>{t(p.applicationRequired ? 'grant.mode.apply' : 'grant.mode.auto')}</dd>
            <dt>{t('policy.localRegionPrefix')}</dt>
            <dd className="mono">{p.localRegionPrefix}</dd>
            <dt>{t('policy.rounding')}</dt>
            <dd>{t('policy.rounding.down', { decimals: p.roundingDecimals })}</dd>
            <dt>{t('policy.licences')}</dt>
            <dd>{t(p.licencesInValueAddedChain ? 'policy.yes' : 'policy.no')}</dd>
          </dl>
          <div className="table-wrap">
            <table>
              <caption className="sr-only">{t('policy.clauses', { id: p.id })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('grant.clause')}</th>
                  <th scope="col">{t('policy.kinds')}</th>
                  <th scope="col">{t('policy.basis')}</th>
                  <th scope="col">{t('policy.rate')}</th>
                  <th scope="col" className="num">
                    {t('policy.cap')}
                  </th>
                  <th scope="col" className="num">
                    {t('policy.threshold')}
                  </th>
                  <th scope="col">{t('policy.filingLevel')}</th>
                </tr>
              </thead>
              <tbody>
                {p.clauses.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      {c.id}
                      <div className="small muted">{c.name}</div>
                    </th>
                    <td>{c.kinds ? c.kinds.map((k) => t(`contract.kind.${k}`)).join('、') : '—'}</td>
                    <td>{t(`policy.basis.${c.basis}`)}</td>
                    <td>{c.rate ? (c.rate === c.maxRate ? c.rate : t('policy.rateOfMax', { rate: c.rate, max: c.maxRate ?? '' })) : '—'}</td>
                    <td className="num">{yuan(c.cap)}</td>
                    <td className="num">{c.threshold ? t('policy.thresholdFrom', { amount: yuan(c.threshold) }) : '—'}</td>
                    <td>
                      {c.filingLevel ? t(`policy.level.${c.filingLevel}`) : '—'}
                      {c.newlyRecognizedOnly ? t('policy.newlyOnly') : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </section>
  );
}
