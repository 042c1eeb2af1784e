import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { z } from 'zod';
import { groupDigits } from '#domain/money.ts';
import { Field, FormErrors } from '#app/components/form.tsx';
import { useT } from '#app/components/i18n.tsx';
import { ResultMatchList } from '#app/components/matches.tsx';
import { useRootData } from '#app/root.tsx';
import { isUuid, meta as requestMeta, parseOr400 } from '#app/lib/api.server.ts';
import { formAction, orThrowResponse, type FormResult } from '#app/lib/forms.server.ts';
import { requirePageViewer } from '#app/lib/pages.server.ts';
import { followupSchema } from '#app/schemas/demands.server.ts';
import { addFollowup, closeDemand, getDemand, listFollowups, takeDemand } from '#app/services/demands.server.ts';
import { matchesForDemand, type Matches, type ResultMatch } from '#app/services/matching.server.ts';
import { cityDate, cityDateTime } from '#config/city.ts';

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: `${d?.demand.title ?? '技术需求'} · 科技成果转化平台` },
  { name: 'description', content: d?.demand.description.slice(0, 150) ?? '' },
];

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  if (!isUuid(params.id)) throw data('未找到', { status: 404 });
  const v = await requirePageViewer(request);
  const demand = await orThrowResponse(getDemand(v, params.id));
  let matches: Matches<ResultMatch> | null = null;
  let matchesError = false;
  if (demand.viewer.maySeeMatches) {
    try {
      matches = await matchesForDemand(demand.id, { limit: 20 });
    } catch (e) {
      // The demand itself still shows; only its matches wait for the search engine.
      console.error('[demand page] matches', e);
      matchesError = true;
    }
  }
  const followups = demand.viewer.maySeeFollowups ? (await listFollowups(v, demand.id)).items : [];
  return { demand, matches, matchesError, followups };
};

const intentSchema = z.object({ intent: z.enum(['close', 'take', 'followup']), note: z.string().optional() });

export const action = (args: ActionFunctionArgs) =>
  formAction(intentSchema, async (input, { request, params, context }) => {
    const v = await requirePageViewer(request);
    if (!isUuid(params.id)) throw data('未找到', { status: 404 });
    const m = requestMeta(request, context as { ip?: string });
    if (input.intent === 'close') await closeDemand(v, params.id, m);
    else if (input.intent === 'take') await takeDemand(v, params.id, m);
    else await addFollowup(v, params.id, parseOr400(followupSchema, { note: input.note }).note, m);
    return data<FormResult & { done: string }>({ done: input.intent });
  })(args);

export default function DemandPage() {
  const { demand: d, matches, matchesError, followups } = useLoaderData<typeof loader>();
  const done = useActionData<FormResult & { done?: string }>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === 'submitting';
  const t = useT();
  const root = useRootData();
  const canInquire = root?.permissions.includes('inquiry.open') ?? false;
  // Conversations (the inquiries API): an enterprise opens one on a result, a university or institute on a demand.
  const mayRespond = canInquire && !d.viewer.isOwner && d.status === 'published' && (root?.viewer?.orgKind === 'university' || root?.viewer?.orgKind === 'institute');
  const doneText: Record<string, string> = { close: t('demand.closedDone'), take: t('demand.takenDone'), followup: t('demand.followup.added') };
  return (
    <article className="panel" aria-labelledby="demand-title">
      <p className="eyebrow">
        {t('nav.demands')} · {t(`field.${d.field}`)}
      </p>
      <h1 id="demand-title">{d.title}</h1>
      {params.get('saved') ? (
        <p className="alert success" role="status">
          {t('demand.saved')}
        </p>
      ) : null}
      {done?.done ? (
        <p className="alert success" role="status">
          {doneText[done.done]}
        </p>
      ) : null}
      <FormErrors formError={done?.formError} fields={done?.fields} />
      <div className="owner-bar">
        <span className={`badge ${d.status === 'published' ? 'published' : 'withdrawn'}`} data-testid="demand-status">
          {t(`demand.status.${d.status}`)}
        </span>
        {d.viewer.mayEdit ? (
          <Form method="post" className="inline">
            <button type="submit" name="intent" value="close" className="button small" disabled={busy}>
              {t('demand.close')}
            </button>
          </Form>
        ) : null}
        {d.viewer.mayTake ? (
          <Form method="post" className="inline">
            <button type="submit" name="intent" value="take" className="button small primary" disabled={busy}>
              {t('demand.take')}
            </button>
          </Form>
        ) : null}
        {mayRespond ? (
          <Link to={`/conversations/new?demandId=${d.id}`} className="button small">
            {t('demand.respond')}
          </Link>
        ) : null}
      </div>
      <dl className="facts">
        <dt>{t('demand.enterprise')}</dt>
        <dd>
          <Link to={`/orgs/${d.ownerOrgId}`}>{d.enterprise}</Link>
        </dd>
        <dt>{t('demand.budget')}</dt>
        <dd>{d.budget ? `¥${groupDigits(d.budget)}` : t('demand.negotiable')}</dd>
        <dt>{t('demand.deadline')}</dt>
        <dd>{d.deadline ?? t('demand.noDeadline')}</dd>
        <dt>{t('demand.cooperationModes')}</dt>
        <dd>{d.cooperationModes.map((m) => t(`transferMode.${m}`)).join('、')}</dd>
        <dt>{t('demand.maturityNeeded')}</dt>
        <dd>{d.maturityNeeded ? t('demand.maturityAtLeast', { maturity: t(`maturity.${d.maturityNeeded}`) }) : t('demand.maturityAny')}</dd>
        {d.keywords.length ? (
          <>
            <dt>{t('demand.keywords')}</dt>
            <dd>
              <ul className="tags">
                {d.keywords.map((k) => (
                  <li key={k}>{k}</li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        <dt>{t('demand.publishedAt')}</dt>
        <dd>{cityDate(d.publishedAt)}</dd>
        {d.viewer.maySeeMatches ? (
          <>
            <dt>{t('demand.takenBy')}</dt>
            <dd>{d.takenBy ?? t('demand.notTaken')}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t('demand.description')}</h2>
      <p className="abstract">{d.description}</p>
      {d.indicators.length ? (
        <>
          <h2>{t('demand.indicators')}</h2>
          <ul>
            {d.indicators.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </>
      ) : null}

      {d.viewer.maySeeMatches ? (
        <section aria-labelledby="matches-title">
          <h2 id="matches-title">{t('match.title')}</h2>
          <p className="muted">{t('match.intro')}</p>
          {matchesError ? (
            <p className="alert warning" role="status">
              {t('match.unavailable')}
            </p>
          ) : matches && matches.items.length > 0 ? (
            <>
              <p className="small muted">{t('match.terms', { terms: matches.terms.join('、') })}</p>
              <ResultMatchList items={matches.items} demandId={d.id} canNegotiate={canInquire && d.viewer.isOwner} />
            </>
          ) : (
            <p className="empty">{t('match.empty')}</p>
          )}
        </section>
      ) : null}

      {d.viewer.maySeeFollowups ? (
        <section aria-labelledby="followups-title">
          <h2 id="followups-title">{t('demand.followups')}</h2>
          {d.viewer.tookIt ? (
            <Form method="post" noValidate>
              <Field name="note" label={t('demand.followup.note')} hint={t('demand.followup.hint')} type="textarea" required maxLength={2000} error={done?.fields?.note} />
              <button type="submit" name="intent" value="followup" className="button primary" disabled={busy}>
                {t('demand.followup.add')}
              </button>
            </Form>
          ) : null}
          {followups.length === 0 ? (
            <p className="empty">{t('demand.followups.empty')}</p>
          ) : (
            <ol className="timeline">
              {followups.map((f) => (
                <li key={f.id}>
                  <time dateTime={f.createdAt}>{cityDateTime(f.createdAt)}</time> {f.agency}
                  {f.author ? ` · ${f.author}` : ''}：{f.note}
                </li>
              ))}
            </ol>
          )}
        </section>
      ) : null}
    </article>
  );
}
