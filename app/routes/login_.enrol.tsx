import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { Field, FormErrors } from '#app/components/form.tsx';
import { useT } from '#app/components/i18n.tsx';
import { meta as reqMeta } from '#app/lib/api.server.ts';
import { formAction, type FormResult } from '#app/lib/forms.server.ts';
import { mfaCodeSchema } from '#app/schemas/mfa.server.ts';
import { beginEnrolment, completeEnrolment, landingPath, requirePending } from '#app/services/mfa.server.ts';
import { AppError } from '#domain/errors.ts';

export const meta: MetaFunction = () => [{ title: '设置两步验证 · 科技成果转化平台' }];

/**
 * A bureau user without TOTP lands here after the password step and can do nothing else: the
 * pending login is not a session yet. The secret is kept (unconfirmed) until the first code.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  try {
    const { user } = await requirePending(request, 'enrol');
    const e = await beginEnrolment(user);
    return { enrolment: { email: user.email, secret: e.secret.match(/.{4}/g)!.join(' '), uri: e.uri, qrSvg: e.qrSvg } };
  } catch (e) {
    // No pending enrolment (timed out, or just finished: the action's revalidation lands here too).
    if (e instanceof AppError) return { enrolment: null };
    throw e;
  }
};

type Done = FormResult & { recoveryCodes?: string[]; next?: string };

export const action = (args: ActionFunctionArgs) =>
  formAction(mfaCodeSchema, async (input, { request, context }) => {
    const { setCookie, user, recoveryCodes } = await completeEnrolment(request, input.code, reqMeta(request, context));
    return data<Done>({ recoveryCodes, next: landingPath(user, new URL(request.url).searchParams.get('redirectTo')) }, { headers: { 'Set-Cookie': setCookie } });
  })(args);

export default function Enrol() {
  const t = useT();
  const { enrolment } = useLoaderData<typeof loader>();
  const result = useActionData<Done>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === 'submitting';
  const redirectTo = params.get('redirectTo');
  if (result?.recoveryCodes) {
    return (
      <section className="panel narrow" aria-labelledby="recovery-title">
        <h1 id="recovery-title">{t('mfa.recovery.title')}</h1>
        <p>{t('mfa.recovery.intro')}</p>
        <ol className="recovery-codes" aria-label={t('mfa.recovery.title')}>
          {result.recoveryCodes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ol>
        {/* A full page load: the new session cookie is in place, the header shows the signed-in user. */}
        <a className="button primary" href={result.next ?? '/'}>
          {t('mfa.recovery.continue')}
        </a>
      </section>
    );
  }
  return (
    <section className="panel narrow" aria-labelledby="enrol-title">
      <h1 id="enrol-title">{t('mfa.enrol.title')}</h1>
      {!enrolment ? (
        <>
          <p className="alert error">{t('mfa.expired')}</p>
          <p>
            <Link to="/login">{t('mfa.restart')}</Link>
          </p>
        </>
      ) : (
        <>
          <p>{t('mfa.enrol.intro')}</p>
          <figure className="mfa-qr">
            <div role="img" aria-label={t('mfa.enrol.qr')} dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }} />
            <figcaption>{t('mfa.enrol.qr')}</figcaption>
          </figure>
          <p>
            {t('mfa.enrol.secret')}: <code data-testid="totp-secret">{enrolment.secret}</code>
          </p>
          <FormErrors formError={result?.formError} fields={result?.fields} />
          <Form method="post" action={redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : undefined} noValidate>
            <Field name="code" label={t('mfa.code')} required error={result?.fields?.code} autoComplete="one-time-code" inputMode="numeric" maxLength={24} />
            <button type="submit" className="button primary" disabled={busy}>
              {t('mfa.enrol.submit')}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
