import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation } from '@remix-run/react';
import { Field, FormErrors } from '#app/components/form.tsx';
import { useT, usePick } from '#app/components/i18n.tsx';
import { meta as reqMeta } from '#app/lib/api.server.ts';
import { formAction, type FormResult } from '#app/lib/forms.server.ts';
import { absoluteUrl } from '#app/lib/urls.server.ts';
import { PASSWORD_RESET_POLICY } from '#domain/auth/policy.ts';
import type { Msg } from '#domain/errors.ts';
import { forgotPasswordSchema } from '#app/schemas/mfa.server.ts';
import { requestPasswordReset, RESET_MESSAGES } from '#app/services/password-reset.server.ts';

export const meta: MetaFunction = () => [{ title: '忘记密码 · 科技成果转化平台' }];

type Sent = FormResult & { sent?: Msg };

/** The same answer whether or not the address has an account. */
export const action = (args: ActionFunctionArgs) =>
  formAction(forgotPasswordSchema, async (input, { request, context }) => {
    await requestPasswordReset(input.email, reqMeta(request, context), (token) => absoluteUrl(request, `/reset-password/${token}`));
    return data<Sent>({ sent: RESET_MESSAGES.sent });
  })(args);

export default function ForgotPassword() {
  const t = useT();
  const pick = usePick();
  const result = useActionData<Sent>();
  const busy = useNavigation().state === 'submitting';
  return (
    <section className="panel narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t('reset.forgot.title')}</h1>
      {result?.sent ? (
        <p className="alert success" role="status">
          {pick(result.sent)}
        </p>
      ) : (
        <>
          <p>{t('reset.forgot.intro', { minutes: PASSWORD_RESET_POLICY.ttlMinutes })}</p>
          <FormErrors formError={result?.formError} fields={result?.fields} />
          <Form method="post" noValidate>
            <Field name="email" label={t('form.email')} type="email" required defaultValue={result?.values?.email} error={result?.fields?.email} autoComplete="username" />
            <button type="submit" className="button primary" disabled={busy}>
              {t('reset.forgot.submit')}
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to="/login">{t('reset.back')}</Link>
      </p>
    </section>
  );
}
