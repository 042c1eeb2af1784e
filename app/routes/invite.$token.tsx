import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation, useParams } from '@remix-run/react';
import { Field, FormErrors } from '#app/components/form.tsx';
import { useT } from '#app/components/i18n.tsx';
import { meta as reqMeta } from '#app/lib/api.server.ts';
import { formAction, type FormResult } from '#app/lib/forms.server.ts';
import { createSession } from '#app/lib/session.server.ts';
import { acceptInviteSchema } from '#app/schemas/accounts.server.ts';
import { acceptInvitation, findInvitation } from '#app/services/accounts.server.ts';

export const meta: MetaFunction = () => [{ title: '接受邀请 · 科技成果转化平台' }];

export const loader = async ({ params }: LoaderFunctionArgs) => {
  const inv = params.token ? await findInvitation(params.token) : null;
  return { invitation: inv ? { email: inv.email, role: inv.role, orgName: inv.orgName } : null };
};

export const action = (args: ActionFunctionArgs) =>
  formAction(acceptInviteSchema, async (input, { request, context }) => {
  const m = reqMeta(request, context);
  const user = await acceptInvitation(input, m);
  const setCookie = await createSession(user.id, { ip: m.ip, userAgent: m.userAgent });
  return redirect('/org', { headers: { 'Set-Cookie': setCookie } });
  })(args);

export default function AcceptInvitation() {
  const { invitation } = useLoaderData<typeof loader>();
  const result = useActionData<FormResult>();
  const t = useT();
  const busy = useNavigation().state === 'submitting';
  const params = useParams();
  return (
    <section className="panel narrow" aria-labelledby="accept-title">
      <h1 id="accept-title">{t('invite.accept.title')}</h1>
      {!invitation ? (
        <p className="alert error">{t('invite.accept.invalid')}</p>
      ) : (
        <>
          <p>{t('invite.accept.intro', { org: invitation.orgName, role: t(`role.${invitation.role}`) })}</p>
          <FormErrors formError={result?.formError} fields={result?.fields} />
          <Form method="post" noValidate>
            <input type="hidden" name="token" value={params.token ?? ''} />
            <p>
              {t('form.email')}: <strong>{invitation.email}</strong>
            </p>
            <Field name="name" label={t('form.name')} required defaultValue={result?.values?.name} error={result?.fields?.name} autoComplete="name" />
            <Field name="password" label={t('form.password')} type="password" hint={t('form.password.hint')} required error={result?.fields?.password} autoComplete="new-password" />
            <button type="submit" className="button primary" disabled={busy}>
              {t('invite.accept.submit')}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}

