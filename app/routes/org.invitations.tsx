import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { Field, FormErrors } from '#app/components/form.tsx';
import { useT } from '#app/components/i18n.tsx';
import { meta as reqMeta } from '#app/lib/api.server.ts';
import { formAction, type FormResult } from '#app/lib/forms.server.ts';
import { requirePageAction } from '#app/lib/pages.server.ts';
import { inviteUrl } from '#app/lib/urls.server.ts';
import { invitationsFormSchema } from '#app/schemas/accounts.server.ts';
import { createInvitation, listInvitations, revokeInvitation } from '#app/services/accounts.server.ts';

export const meta: MetaFunction = () => [{ title: '成员邀请 · 科技成果转化平台' }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const v = await requirePageAction(request, 'org.invite');
  const now = Date.now();
  const items = await listInvitations(v.user.orgId!);
  return {
    items: items.map((i) => ({
      id: i.id,
      email: i.email,
      role: i.role,
      createdAt: i.createdAt.toISOString(),
      state: i.acceptedAt ? 'accepted' : i.revokedAt ? 'revoked' : i.expiresAt.getTime() < now ? 'expired' : 'pending',
    })) as Array<{ id: string; email: string; role: 'org_admin' | 'org_member'; createdAt: string; state: 'accepted' | 'revoked' | 'expired' | 'pending' }>,
  };
};

export const action = async (args: ActionFunctionArgs) =>
  formAction(invitationsFormSchema, async (input, { request, context }) => {
    const v = await requirePageAction(request, 'org.invite');
    const m = reqMeta(request, context);
    if (input.intent === 'revoke') {
      await revokeInvitation(v.user.orgId!, input.id, { userId: v.user.id }, m);
      return data<FormResult & { link?: string }>({});
    }
    const { token } = await createInvitation(v.user.orgId!, input, { userId: v.user.id }, m, (t) => inviteUrl(request, t));
    return data<FormResult & { link?: string; sentTo?: string }>({ link: inviteUrl(request, token), sentTo: input.email });
  })(args);

export default function Invitations() {
  const { items } = useLoaderData<typeof loader>();
  const result = useActionData<FormResult & { link?: string; sentTo?: string }>();
  const t = useT();
  const busy = useNavigation().state === 'submitting';
  return (
    <>
      <section className="panel" aria-labelledby="invite-title">
        <h1 id="invite-title">{t('invite.title')}</h1>
        <FormErrors formError={result?.formError} fields={result?.fields} />
        {result?.link ? (
          <div className="alert success" role="status">
            {result.sentTo ? <p>{t('invite.sent', { email: result.sentTo })}</p> : null}
            <p>{t('invite.link')}</p>
            <input className="mono wide" readOnly value={result.link} aria-label={t('invite.link')} data-testid="invite-link" />
          </div>
        ) : null}
        <Form method="post" noValidate className="inline-form">
          <input type="hidden" name="intent" value="invite" />
          <Field name="email" label={t('form.email')} type="email" required error={result?.fields?.email} />
          <Field name="role" label={t('invite.role')} defaultValue="org_member" error={result?.fields?.role}>
            <option value="org_member">{t('role.org_member')}</option>
            <option value="org_admin">{t('role.org_admin')}</option>
          </Field>
          <button type="submit" className="button primary" disabled={busy}>
            {t('invite.send')}
          </button>
        </Form>
      </section>
      <section className="panel" aria-labelledby="invite-list-title">
        <h2 id="invite-list-title">{t('org.members')}</h2>
        {items.length === 0 ? (
          <p className="empty">{t('invite.none')}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('form.email')}</th>
                  <th scope="col">{t('invite.role')}</th>
                  <th scope="col">{t('org.status')}</th>
                  <th scope="col">{t('table.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.id}>
                    <td>{i.email}</td>
                    <td>{t(`role.${i.role}`)}</td>
                    <td>{t(`invite.state.${i.state}`)}</td>
                    <td>
                      {i.state === 'pending' ? (
                        <Form method="post" className="inline">
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="id" value={i.id} />
                          <button type="submit" className="link-button">
                            {t('invite.revoke')}
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
    </>
  );
}
