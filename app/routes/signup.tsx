import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { Field, FormErrors } from '#app/components/form.tsx';
import { useT } from '#app/components/i18n.tsx';
import { RegionPicker } from '#app/components/region-picker.tsx';
import { message } from '#app/i18n/translate.server.ts';
import { formAction, type FormResult, type PrepareForm } from '#app/lib/forms.server.ts';
import { getViewer } from '#app/lib/auth.server.ts';
import { signupSchema } from '#app/schemas/accounts.server.ts';
import { signup } from '#app/services/accounts.server.ts';
import { absoluteUrl } from '#app/lib/urls.server.ts';
import { regionChoices, resolveRegion } from '#app/services/regions.server.ts';
import { meta as reqMeta } from '#app/lib/api.server.ts';
import { ORG_KINDS } from '#domain/permissions.ts';

export const meta: MetaFunction = () => [{ title: '单位注册 · 科技成果转化平台' }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  if (await getViewer(request)) throw redirect('/org');
  return { regions: regionChoices() };
};

/** The picker sends a name (东昌府区) or a code; the API's schema then checks the code as ever. */
const regionFromName: PrepareForm = async (values) => {
  const typed = typeof values.regionCode === 'string' ? values.regionCode : '';
  if (!typed) return { values };
  const code = resolveRegion(typed);
  if (!code) return { fields: { regionCode: message('validation.regionPick') } };
  return { values: { ...values, regionCode: code } };
};

export const action = (args: ActionFunctionArgs) =>
  formAction(
    signupSchema,
    // The same answer whether or not the address already has an account (the e-mail says which): no session yet.
    async (input, { request, context }) => {
      await signup(input, reqMeta(request, context), absoluteUrl(request, '/login'));
      return data<FormResult & { received: string }>({ received: input.email });
    },
    { prepare: regionFromName },
  )(args);

export default function Signup() {
  const t = useT();
  const { regions } = useLoaderData<typeof loader>();
  const result = useActionData<FormResult & { received?: string }>();
  const busy = useNavigation().state === 'submitting';
  const v = result?.values ?? {};
  const f = result?.fields ?? {};
  if (result?.received) {
    return (
      <section className="panel narrow" aria-labelledby="signup-title">
        <h1 id="signup-title">{t('signup.title')}</h1>
        <p role="status">{t('signup.received', { email: result.received })}</p>
        <Link to="/login" className="button primary">
          {t('signup.received.login')}
        </Link>
      </section>
    );
  }
  return (
    <section className="panel narrow" aria-labelledby="signup-title">
      <h1 id="signup-title">{t('signup.title')}</h1>
      <p>{t('signup.intro')}</p>
      <FormErrors formError={result?.formError} fields={result?.fields} />
      <Form method="post" noValidate>
        <Field name="orgName" label={t('form.orgName')} required defaultValue={v.orgName} error={f.orgName} maxLength={100} />
        <Field name="orgKind" label={t('form.orgKind')} required defaultValue={v.orgKind ?? 'enterprise'} error={f.orgKind}>
          {ORG_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind.${k}`)}
            </option>
          ))}
        </Field>
        <Field name="creditCode" label={t('form.creditCode')} hint={t('form.creditCode.hint')} required defaultValue={v.creditCode} error={f.creditCode} maxLength={18} />
        <RegionPicker name="regionCode" label={t('form.regionCode')} hint={t('signup.region.hint')} choices={regions} required defaultValue={v.regionCode} error={f.regionCode} />
        <Field name="name" label={t('form.name')} defaultValue={v.name} error={f.name} autoComplete="name" />
        <Field name="email" label={t('form.email')} type="email" required defaultValue={v.email} error={f.email} autoComplete="email" />
        <Field name="password" label={t('form.password')} type="password" hint={t('form.password.hint')} required error={f.password} autoComplete="new-password" />
        <button type="submit" className="button primary" disabled={busy}>
          {t('form.submit')}
        </button>
      </Form>
    </section>
  );
}
