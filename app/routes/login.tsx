import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react';
import { Field, FormErrors } from '#app/components/form.tsx';
import { useT } from '#app/components/i18n.tsx';
import { meta as reqMeta } from '#app/lib/api.server.ts';
import { getViewer } from '#app/lib/auth.server.ts';
import { formAction, type FormResult } from '#app/lib/forms.server.ts';
import { safeRedirect } from '#app/lib/pages.server.ts';
import { loginSchema } from '#app/schemas/accounts.server.ts';
import { loginWithSession } from '#app/services/accounts.server.ts';
import { landingPath } from '#app/services/mfa.server.ts';

export const meta: MetaFunction = () => [{ title: '登录 · 科技成果转化平台' }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  if (await getViewer(request)) throw redirect(safeRedirect(new URL(request.url).searchParams.get('redirectTo'), '/org'));
  return null;
};

export const action = (args: ActionFunctionArgs) =>
  formAction(loginSchema, async (input, { request, context }) => {
  const { user, setCookie, next } = await loginWithSession(input.email, input.password, reqMeta(request, context));
  const redirectTo = new URL(request.url).searchParams.get('redirectTo');
  // Bureau users still owe the TOTP step (or enrolment): the cookie is only a pending login so far.
  if (next !== 'done') return redirect(`/login/${next}${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ''}`, { headers: { 'Set-Cookie': setCookie } });
  return redirect(landingPath(user, redirectTo), { headers: { 'Set-Cookie': setCookie } });
  })(args);

export default function Login() {
  const t = useT();
  const result = useActionData<FormResult>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === 'submitting';
  const redirectTo = params.get('redirectTo');
  return (
    <section className="panel narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      {params.get('reset') ? (
        <p className="alert success" role="status">
          {t('reset.done')}
        </p>
      ) : null}
      <FormErrors formError={result?.formError} fields={result?.fields} />
      <Form method="post" action={redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : undefined} noValidate>
        <Field name="email" label={t('form.email')} type="email" required defaultValue={result?.values?.email} error={result?.fields?.email} autoComplete="username" />
        <Field name="password" label={t('form.password')} type="password" required error={result?.fields?.password} autoComplete="current-password" />
        <button type="submit" className="button primary" disabled={busy}>
          {t('login.title')}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{t('login.forgot')}</Link>
      </p>
      <p>
        {t('login.noAccount')} <Link to="/signup">{t('nav.signup')}</Link>
      </p>
    </section>
  );
}
