import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { Field, FormErrors } from '#app/components/form.tsx';
import { useT } from '#app/components/i18n.tsx';
import { meta as reqMeta } from '#app/lib/api.server.ts';
import { formAction, type FormResult } from '#app/lib/forms.server.ts';
import { pendingSession } from '#app/lib/session.server.ts';
import { mfaCodeSchema } from '#app/schemas/mfa.server.ts';
import { completeMfaLogin, landingPath, TOTP_ISSUER } from '#app/services/mfa.server.ts';

export const meta: MetaFunction = () => [{ title: '两步验证 · 科技成果转化平台' }];

/** The second login step of bureau users: only a pending login (the right password, just now) gets here. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const p = await pendingSession(request);
  if (p?.stage === 'enrol') throw redirect(`/login/enrol${new URL(request.url).search}`);
  return { pending: p?.stage === 'mfa', issuer: TOTP_ISSUER };
};

export const action = (args: ActionFunctionArgs) =>
  formAction(mfaCodeSchema, async (input, { request, context }) => {
    const { setCookie, user } = await completeMfaLogin(request, input.code, reqMeta(request, context));
    return redirect(landingPath(user, new URL(request.url).searchParams.get('redirectTo')), { headers: { 'Set-Cookie': setCookie } });
  })(args);

export default function MfaStep() {
  const t = useT();
  const { pending, issuer } = useLoaderData<typeof loader>();
  const result = useActionData<FormResult>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === 'submitting';
  const redirectTo = params.get('redirectTo');
  return (
    <section className="panel narrow" aria-labelledby="mfa-title">
      <h1 id="mfa-title">{t('mfa.title')}</h1>
      {!pending ? (
        <>
          <p className="alert error">{t('mfa.expired')}</p>
          <p>
            <Link to="/login">{t('mfa.restart')}</Link>
          </p>
        </>
      ) : (
        <>
          <p>{t('mfa.intro', { issuer })}</p>
          <FormErrors formError={result?.formError} fields={result?.fields} />
          <Form method="post" action={redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : undefined} noValidate>
            <Field name="code" label={t('mfa.code')} hint={t('mfa.code.hint')} required error={result?.fields?.code} autoComplete="one-time-code" maxLength={24} />
            <button type="submit" className="button primary" disabled={busy}>
              {t('mfa.submit')}
            </button>
          </Form>
          <p>
            <Link to="/login">{t('mfa.restart')}</Link>
          </p>
        </>
      )}
    </section>
  );
}
