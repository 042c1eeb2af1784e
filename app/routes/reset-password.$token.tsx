import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from '@remix-run/react';
import { Field, FormErrors } from '#app/components/form.tsx';
import { useT } from '#app/components/i18n.tsx';
import { meta as reqMeta } from '#app/lib/api.server.ts';
import { formAction, type FormResult } from '#app/lib/forms.server.ts';
import { clearSessionCookie } from '#app/lib/session.server.ts';
import { resetPasswordSchema } from '#app/schemas/mfa.server.ts';
import { findPasswordReset, resetPassword } from '#app/services/password-reset.server.ts';

export const meta: MetaFunction = () => [{ title: '设置新密码 · 科技成果转化平台' }];

export const loader = async ({ params }: LoaderFunctionArgs) => {
  const r = params.token ? await findPasswordReset(params.token) : null;
  return { email: r?.email ?? null };
};

export const action = (args: ActionFunctionArgs) =>
  formAction(resetPasswordSchema, async (input, { request, context }) => {
    await resetPassword(input, reqMeta(request, context));
    // Every session of the account has ended, this browser's too.
    return redirect('/login?reset=1', { headers: { 'Set-Cookie': await clearSessionCookie() } });
  })(args);

export default function ResetPassword() {
  const t = useT();
  const { email } = useLoaderData<typeof loader>();
  const result = useActionData<FormResult>();
  const params = useParams();
  const busy = useNavigation().state === 'submitting';
  return (
    <section className="panel narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">{t('reset.title')}</h1>
      {!email ? (
        <>
          <p className="alert error">{t('reset.invalid')}</p>
          <p>
            <Link to="/forgot-password">{t('reset.again')}</Link>
          </p>
        </>
      ) : (
        <>
          <p>{t('reset.intro', { email })}</p>
          <FormErrors formError={result?.formError} fields={result?.fields} />
          <Form method="post" noValidate>
            <input type="hidden" name="token" value={params.token ?? ''} />
            <input type="text" name="username" value={email} autoComplete="username" readOnly hidden />
            <Field name="password" label={t('reset.newPassword')} type="password" hint={t('form.password.hint')} required error={result?.fields?.password} autoComplete="new-password" />
            <button type="submit" className="button primary" disabled={busy}>
              {t('reset.submit')}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
