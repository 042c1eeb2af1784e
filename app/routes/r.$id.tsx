import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { z } from 'zod';
import { groupDigits } from '#domain/money.ts';
import { FormErrors } from '#app/components/form.tsx';
import { useT } from '#app/components/i18n.tsx';
import { useRootData } from '#app/root.tsx';
import { isUuid } from '#app/lib/api.server.ts';
import { getViewer } from '#app/lib/auth.server.ts';
import { formAction, orThrowResponse, type FormResult } from '#app/lib/forms.server.ts';
import { requirePageAction } from '#app/lib/pages.server.ts';
import { getResult, publishResult, resultHistory, withdrawResult } from '#app/services/results.server.ts';
import { DemandMatchList } from '#app/components/matches.tsx';
import { seesAll } from '#app/services/demands.server.ts';
import { matchesForResult, type DemandMatch } from '#app/services/matching.server.ts';
import { cityDate, cityDateTime } from '#config/city.ts';
import { listDocuments } from '#app/services/documents.server.ts';

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: `${d?.result.title ?? '科技成果'} · 科技成果转化平台` },
  { name: 'description', content: d?.result.abstract.slice(0, 150) ?? '' },
];

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  if (!isUuid(params.id)) throw data('未找到', { status: 404 });
  const v = await getViewer(request);
  const r = await orThrowResponse(getResult(v, params.id));
  const history = r.isOwner ? await resultHistory(r.id) : [];
  // 匹配的需求: for the owner or holder, agencies and the bureau; the page shows without them if search is down.
  const mayMatch = !!v && ((!!v.user.orgId && (v.user.orgId === r.ownerOrgId || v.user.orgId === r.holderOrgId)) || seesAll(v));
  const demandMatches: { items: DemandMatch[] | null } | null = mayMatch
    ? await matchesForResult(r.id, { limit: 10 }).catch((e: unknown) => {
        console.error('[result page] matching demands', e);
        return { items: null };
      })
    : null;
  const documents = await listDocuments(v, { type: 'result', id: r.id });
  return { result: r, history: history.map((h) => ({ ...h, at: h.at.toISOString() })), demandMatches, documents };
};

const intentSchema = z.object({ intent: z.enum(['publish', 'withdraw']) });

export const action = (args: ActionFunctionArgs) =>
  formAction(intentSchema, async (input, { request, params }) => {
    const v = await requirePageAction(request, 'result.list');
    if (!isUuid(params.id)) throw data('未找到', { status: 404 });
    if (input.intent === 'publish') await publishResult(v, params.id);
    else await withdrawResult(v, params.id);
    return data<FormResult & { done: string }>({ done: input.intent });
  })(args);

export default function ResultPage() {
  const { result: r, history, demandMatches, documents } = useLoaderData<typeof loader>();
  const brochure = documents.find((d) => d.purpose === 'brochure');
  const images = documents.filter((d) => d.purpose === 'image');
  const done = useActionData<FormResult & { done?: string }>();
  const [params] = useSearchParams();
  const t = useT();
  const root = useRootData();
  const canContract = root?.permissions.includes('contract.draft') ?? false;
  // Enterprises ask about results; anonymous visitors are sent to log in first.
  const canInquire = !root?.viewer || (root.permissions.includes('inquiry.open') && root.viewer.orgKind === 'enterprise');
  return (
    <article className="panel" aria-labelledby="result-title">
      <p className="eyebrow">
        {t(`resultKind.${r.kind}`)} · {t(`field.${r.field}`)}
      </p>
      <h1 id="result-title">{r.title}</h1>
      {r.titleEn ? <p lang="en" className="subtitle">{r.titleEn}</p> : null}
      {params.get('saved') ? (
        <p className="alert success" role="status">
          {t('result.saved')}
        </p>
      ) : null}
      {done?.done ? (
        <p className="alert success" role="status">
          {done.done === 'publish' ? t('result.published') : t('result.withdrawnDone')}
        </p>
      ) : null}
      <FormErrors formError={done?.formError} fields={done?.fields} />
      {r.isOwner ? (
        <div className="owner-bar">
          <span className={`badge ${r.status}`} data-testid="result-status">
            {t(`resultStatus.${r.status}`)}
          </span>
          <Link to={`/results/${r.id}/edit`} className="button small">
            {t('result.edit')}
          </Link>
          <Form method="post" className="inline">
            {r.status === 'published' ? (
              <button type="submit" name="intent" value="withdraw" className="button small">
                {t('result.withdraw')}
              </button>
            ) : r.holderOrgId === r.ownerOrgId ? (
              <button type="submit" name="intent" value="publish" className="button small primary">
                {t('result.publish')}
              </button>
            ) : null}
          </Form>
          {/* The holder sells it: a transfer contract starts here with the result and seller filled in. */}
          {canContract && r.status !== 'withdrawn' && root?.viewer?.orgId === r.holderOrgId ? (
            <Link to={`/contracts/new?resultId=${r.id}`} className="button small" data-testid="result-draft-contract">
              {t('contract.new')}
            </Link>
          ) : null}
        </div>
      ) : null}
      <dl className="facts">
        <dt>{t('result.institution')}</dt>
        <dd>
          <Link to={`/orgs/${r.holderOrgId}`}>{r.institution}</Link>
        </dd>
        <dt>{t('result.ipType')}</dt>
        <dd>{t(`ipType.${r.ipType}`)}</dd>
        {r.patentNo ? (
          <>
            <dt>{t('result.patentNo')}</dt>
            <dd className="mono">{r.patentNo}</dd>
          </>
        ) : null}
        <dt>{t('result.maturity')}</dt>
        <dd>{t(`maturity.${r.maturity}`)}</dd>
        <dt>{t('result.transferModes')}</dt>
        <dd>{r.transferModes.map((m) => t(`transferMode.${m}`)).join('、')}</dd>
        <dt>{t('result.price')}</dt>
        <dd>{r.price ? `¥${groupDigits(r.price)}` : t('result.negotiable')}</dd>
        {r.keywords.length ? (
          <>
            <dt>{t('result.keywords')}</dt>
            <dd>
              <ul className="tags">
                {r.keywords.map((k) => (
                  <li key={k}>{k}</li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {r.inventors.length ? (
          <>
            <dt>{t('result.inventors')}</dt>
            <dd>{r.inventors.join('、')}</dd>
          </>
        ) : null}
        {r.publishedAt ? (
          <>
            <dt>{t('result.publishedAt')}</dt>
            <dd>{cityDate(r.publishedAt)}</dd>
          </>
        ) : null}
      </dl>
      {!r.isOwner && r.status === 'published' && (canContract || canInquire) ? (
        <p className="actions">
          {canInquire ? (
            <Link to={`/conversations/new?resultId=${r.id}`} className="button primary">
              {t('conv.inquire')}
            </Link>
          ) : null}{' '}
          {canContract ? (
            <Link to={`/contracts/new?resultId=${r.id}`} className="button">
              {t('contract.new')}
            </Link>
          ) : null}
        </p>
      ) : null}
      <h2>{t('result.abstract')}</h2>
      <p className="abstract">{r.abstract}</p>
      {images.length ? (
        <ul className="result-images" data-testid="result-images">
          {images.map((d) => (
            <li key={d.id}>
              <img src={d.url} alt={d.fileName} loading="lazy" />
            </li>
          ))}
        </ul>
      ) : null}
      {brochure ? (
        <p data-testid="result-brochure">
          {t('doc.brochure')}：<a href={brochure.url}>{brochure.fileName}</a>
        </p>
      ) : null}
      {demandMatches ? (
        <section aria-labelledby="demand-matches-title">
          <h2 id="demand-matches-title">{t('match.demands.title')}</h2>
          <p className="muted">{t('match.demands.intro')}</p>
          {demandMatches.items === null ? (
            <p className="alert warning" role="status">
              {t('match.unavailable')}
            </p>
          ) : demandMatches.items.length ? (
            <DemandMatchList items={demandMatches.items} />
          ) : (
            <p className="empty">{t('match.demands.empty')}</p>
          )}
        </section>
      ) : null}
      {history.length ? (
        <section aria-labelledby="history-title">
          <h2 id="history-title">{t('result.history')}</h2>
          <ol className="timeline">
            {history.map((h, i) => (
              <li key={i}>
                <time dateTime={h.at}>{cityDateTime(h.at)}</time> {t(`history.${h.action}`)}
                {h.changes ? <span className="muted"> · {Object.keys(h.changes as object).join(', ')}</span> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </article>
  );
}

