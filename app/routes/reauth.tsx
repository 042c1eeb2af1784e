import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { Field, FormErrors } from '#app/components/form.tsx';
import { useT } from '#app/components/i18n.tsx';
import { meta as reqMeta } from '#app/lib/api.server.ts';
import { formAction, type FormResult } from '#app/lib/forms.server.ts';
import { requirePageViewer, safeRedirect } from '#app/lib/pages.server.ts';
import { mfaRequired, REAUTH_POLICY } from '#domain/auth/policy.ts';
import { reauthSchema } from '#app/schemas/mfa.server.ts';
import { reauthenticate } from '#app/services/accounts.server.ts';

export const meta: MetaFunction = () => [{ title: '重新验证身份 · 科技成果转化平台' }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const v = await requirePageViewer(request);
  return { needsCode: mfaRequired(v.user), threshold: REAUTH_POLICY.threshold.toFixed(0), minutes: REAUTH_POLICY.freshMinutes };
};

export const action = (args: ActionFunctionArgs) =>
  formAction(reauthSchema, async (input, { request, context }) => {
    const v = await requirePageViewer(request);
    await reauthenticate(v, input, reqMeta(request, context));
    return redirect(safeRedirect(new URL(request.url).searchParams.get('redirectTo'), '/'));
  })(args);

export default function Reauth() {
  const t = useT();
  const { needsCode, threshold, minutes } = useLoaderData<typeof loader>();
  const result = useActionData<FormResult>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === 'submitting';
  const redirectTo = params.get('redirectTo');
  return (
    <section className="panel narrow" aria-labelledby="reauth-title">
      <h1 id="reauth-title">{t('reauth.title')}</h1>
      <p>{t('reauth.intro', { threshold: Number(threshold).toLocaleString('en-US'), minutes: String(minutes) })}</p>
      <FormErrors formError={result?.formError} fields={result?.fields} />
      <Form method="post" action={redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : undefined} noValidate>
        <Field name="password" label={t('form.password')} type="password" required error={result?.fields?.password} autoComplete="current-password" />
        {needsCode ? <Field name="code" label={t('mfa.code')} hint={t('mfa.code.hint')} required error={result?.fields?.code} autoComplete="one-time-code" maxLength={24} /> : null}
        <button type="submit" className="button primary" disabled={busy}>
          {t('reauth.submit')}
        </button>
      </Form>
    </section>
  );
}
