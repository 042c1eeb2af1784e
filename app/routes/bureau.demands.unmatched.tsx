import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { AppError, type Msg } from '#domain/errors.ts';
import { groupDigits } from '#domain/money.ts';
import { FormErrors } from '#app/components/form.tsx';
import { usePick, useT } from '#app/components/i18n.tsx';
import { Pager } from '#app/components/pager.tsx';
import { isUuid, meta as requestMeta } from '#app/lib/api.server.ts';
import { formAction, type FormResult } from '#app/lib/forms.server.ts';
import { requirePageViewer } from '#app/lib/pages.server.ts';
import { isAgency, listUnmatched, seesAll, takeDemand } from '#app/services/demands.server.ts';
import { cityDate } from '#config/city.ts';

export const meta: MetaFunction = () => [{ title: '待匹配需求 · 科技成果转化平台' }];

const PAGE_SIZE = 20;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const v = await requirePageViewer(request);
  if (!seesAll(v)) throw data('只有科技局和经认证的技术转移服务机构可以查看待匹配需求', { status: 403 });
  const page = Math.max(1, Math.min(250, Number(new URL(request.url).searchParams.get('page')) || 1));
  try {
    const list = await listUnmatched(v, { page, pageSize: PAGE_SIZE });
    return { ...list, error: null as Msg | null, agency: isAgency(v), myOrgId: v.user.orgId };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { items: [], total: 0, threshold: 0, page, pageSize: PAGE_SIZE, error: e.msg, agency: isAgency(v), myOrgId: v.user.orgId };
  }
};

const intentSchema = z.object({ intent: z.literal('take'), id: z.string().refine(isUuid) });

export const action = (args: ActionFunctionArgs) =>
  formAction(intentSchema, async (input, { request, context }) => {
    const v = await requirePageViewer(request);
    const d = await takeDemand(v, input.id, requestMeta(request, context as { ip?: string }));
    return data<FormResult & { took?: string }>({ took: d.title });
  })(args);

export default function UnmatchedDemands() {
  const { items, total, threshold, page, pageSize, error, agency, myOrgId } = useLoaderData<typeof loader>();
  const done = useActionData<FormResult & { took?: string }>();
  const busy = useNavigation().state === 'submitting';
  const t = useT();
  const pick = usePick();
  return (
    <section className="panel" aria-labelledby="unmatched-title">
      <h1 id="unmatched-title">{t('demand.unmatched')}</h1>
      <p className="muted">{t('demand.unmatched.intro', { threshold: threshold.toFixed(2) })}</p>
      {done?.took ? (
        <p className="alert success" role="status">
          {done.took}: {t('demand.takenDone')}
        </p>
      ) : null}
      <FormErrors formError={done?.formError} fields={done?.fields} />
      {error ? (
        <p className="alert error" role="alert">
          {pick(error)}
        </p>
      ) : items.length === 0 ? (
        <p className="empty">{t('demand.unmatched.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('demand.title')}</th>
                <th scope="col">{t('demand.enterprise')}</th>
                <th scope="col">{t('demand.field')}</th>
                <th scope="col">{t('demand.budget')}</th>
                <th scope="col">{t('demand.bestScore')}</th>
                <th scope="col">{t('demand.takenBy')}</th>
                <th scope="col">{t('demand.followupCount')}</th>
                <th scope="col">{t('table.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link to={`/demands/${d.id}`}>{d.title}</Link>
                    <div className="small muted">{d.deadline ? `${t('demand.deadline')} ${d.deadline}` : t('demand.noDeadline')}</div>
                  </td>
                  <td>{d.enterprise}</td>
                  <td>{t(`field.${d.field}`)}</td>
                  <td>{d.budget ? `¥${groupDigits(d.budget)}` : t('demand.negotiable')}</td>
                  <td>{d.bestMatchScore === null ? t('demand.notScored') : d.bestMatchScore.toFixed(2)}</td>
                  <td>{d.takenBy ?? t('demand.notTaken')}</td>
                  <td>
                    {d.followups}
                    {d.lastFollowupAt ? <div className="small muted">{cityDate(d.lastFollowupAt)}</div> : null}
                  </td>
                  <td className="row-actions">
                    {agency && !d.takenByOrgId ? (
                      <Form method="post" className="inline">
                        <input type="hidden" name="id" value={d.id} />
                        <button type="submit" name="intent" value="take" className="button small primary" disabled={busy} aria-label={`${t('demand.take')}：${d.title}`}>
                          {t('demand.take')}
                        </button>
                      </Form>
                    ) : null}
                    <Link to={`/demands/${d.id}#followups-title`}>{agency && d.takenByOrgId === myOrgId ? t('demand.followup.add') : t('demand.followups')}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pageSize={pageSize} total={total} />
    </section>
  );
}
