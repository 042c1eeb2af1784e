import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { cityDateTime } from '#config/city.ts';
import { FormErrors } from '#app/components/form.tsx';
import { useT } from '#app/components/i18n.tsx';
import { meta as reqMeta } from '#app/lib/api.server.ts';
import { formAction, type FormResult } from '#app/lib/forms.server.ts';
import { requirePageViewer } from '#app/lib/pages.server.ts';
import { listOwnTokens, revokeOwnToken } from '#app/services/api-tokens.server.ts';

export const meta: MetaFunction = () => [{ title: 'API 令牌 · 科技成果转化平台' }];

/** The signed-in user's own API tokens. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const v = await requirePageViewer(request);
  return { items: await listOwnTokens(v) };
};

const schema = z.object({ intent: z.literal('revoke'), id: z.uuid() });

export const action = (args: ActionFunctionArgs) =>
  formAction(schema, async (input, { request, context }) => {
    const v = await requirePageViewer(request);
    await revokeOwnToken(v, input.id, reqMeta(request, context));
    return data<FormResult & { revoked: string }>({ revoked: input.id });
  })(args);

export default function Tokens() {
  const { items } = useLoaderData<typeof loader>();
  const r = useActionData<FormResult & { revoked?: string }>();
  const t = useT();
  const busy = useNavigation().state === 'submitting';
  const revoked = r?.revoked ? items.find((i) => i.id === r.revoked) : undefined;
  const when = (iso: string | null, none: string) => (iso ? <time dateTime={iso}>{cityDateTime(iso)}</time> : none);
  return (
    <section className="panel" aria-labelledby="tokens-title">
      <h1 id="tokens-title">{t('tokens.title')}</h1>
      <p className="muted">{t('tokens.intro')}</p>
      {revoked ? (
        <p className="alert success" role="status">
          {t('tokens.revoked', { prefix: revoked.prefix || '—' })}
        </p>
      ) : null}
      <FormErrors formError={r?.formError} fields={r?.fields} />
      {items.length === 0 ? (
        <p className="empty">{t('tokens.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="cards">
            <thead>
              <tr>
                <th scope="col">{t('tokens.prefix')}</th>
                <th scope="col">{t('tokens.label')}</th>
                <th scope="col">{t('tokens.created')}</th>
                <th scope="col">{t('tokens.lastUsed')}</th>
                <th scope="col">{t('tokens.expires')}</th>
                <th scope="col">{t('tokens.state')}</th>
                <th scope="col">{t('table.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((k) => (
                <tr key={k.id} data-testid={`token-${k.id}`}>
                  <th scope="row" className="mono">
                    {k.prefix ? `${k.prefix}…` : '—'}
                  </th>
                  <td data-label={t('tokens.label')} className="small wrap">
                    {k.label || '—'}
                  </td>
                  <td data-label={t('tokens.created')} className="nowrap">
                    {when(k.createdAt, '—')}
                  </td>
                  <td data-label={t('tokens.lastUsed')} className="nowrap">
                    {when(k.lastUsedAt, t('tokens.never'))}
                  </td>
                  <td data-label={t('tokens.expires')} className="nowrap">
                    {when(k.expiresAt, '—')}
                  </td>
                  <td data-label={t('tokens.state')}>{t(`tokens.state.${k.state}`)}</td>
                  <td data-label={t('table.actions')}>
                    {k.state === 'active' ? (
                      <Form method="post" className="inline">
                        <input type="hidden" name="id" value={k.id} />
                        <button type="submit" name="intent" value="revoke" className="button small" disabled={busy} aria-label={`${t('tokens.revoke')}：${k.prefix || k.id}`}>
                          {t('tokens.revoke')}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
