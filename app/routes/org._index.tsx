import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { can } from '#domain/permissions.ts';
import { Field, FormErrors } from '#app/components/form.tsx';
import { useT } from '#app/components/i18n.tsx';
import { meta as reqMeta } from '#app/lib/api.server.ts';
import { authorize, subjectOf } from '#app/lib/auth.server.ts';
import { formAction, type FormResult } from '#app/lib/forms.server.ts';
import { requirePageAction } from '#app/lib/pages.server.ts';
import { orgUpdateSchema } from '#app/schemas/accounts.server.ts';
import { getOrganization, listMembers, regionNameOf, updateProfile } from '#app/services/organizations.server.ts';

export const meta: MetaFunction = () => [{ title: '本单位 · 科技成果转化平台' }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const v = await requirePageAction(request, 'org.view');
  const [org, members] = await Promise.all([getOrganization(v.user.orgId!), listMembers(v.user.orgId!)]);
  return {
    org: {
      id: org.id,
      name: org.name,
      nameEn: org.nameEn,
      kind: org.kind,
      creditCode: org.creditCode,
      regionCode: org.regionCode,
      regionName: regionNameOf(org.regionCode),
      status: org.status,
      statusReason: org.statusReason,
      description: org.description,
      address: org.address,
      website: org.website,
      contactPhone: org.contactPhone,
    },
    members: members.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
    canEdit: can(subjectOf(v), 'org.edit'),
  };
};

export const action = (args: ActionFunctionArgs) =>
  formAction(orgUpdateSchema, async (input, { request, context }) => {
  const v = await requirePageAction(request, 'org.view');
  authorize(v, 'org.edit');
  // A form sends every field: an empty one clears it.
  const full = { description: null, address: null, website: null, contactPhone: null, nameEn: null, ...input };
  await updateProfile(v.user.orgId!, full, { userId: v.user.id }, reqMeta(request, context));
  return data<FormResult & { saved: true }>({ saved: true });
  })(args);

export default function OrgPage() {
  const { org, members, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<FormResult & { saved?: boolean }>();
  const [params] = useSearchParams();
  const t = useT();
  const busy = useNavigation().state === 'submitting';
  const f = result?.fields ?? {};
  return (
    <>
      <section className="panel" aria-labelledby="org-title">
        <h1 id="org-title">{org.name}</h1>
        {params.get('welcome') ? (
          <p className="alert success" role="status">
            {t('signup.done')}
          </p>
        ) : null}
        {org.status === 'pending' ? <p className="alert warning">{t('org.pendingNotice')}</p> : null}
        {org.status === 'rejected' ? <p className="alert error">{t('org.rejectedNotice', { reason: org.statusReason ?? '' })}</p> : null}
        <dl className="facts">
          <dt>{t('form.orgKind')}</dt>
          <dd>{t(`kind.${org.kind}`)}</dd>
          <dt>{t('org.status')}</dt>
          <dd>
            <span className={`badge ${org.status}`} data-testid="org-status">
              {t(`status.${org.status}`)}
            </span>
          </dd>
          <dt>{t('form.creditCode')}</dt>
          <dd className="mono">{org.creditCode}</dd>
          <dt>{t('org.region')}</dt>
          <dd>
            {org.regionName ?? ''} <span className="mono">({org.regionCode})</span>
          </dd>
        </dl>
      </section>

      {canEdit ? (
        <section className="panel" aria-labelledby="org-edit-title">
          <h2 id="org-edit-title">{t('org.title')}</h2>
          {result?.saved ? (
            <p className="alert success" role="status">
              {t('org.saved')}
            </p>
          ) : null}
          <FormErrors formError={result?.formError} fields={result?.fields} />
          <Form method="post" noValidate>
            <Field name="nameEn" label={t('org.nameEn')} defaultValue={org.nameEn ?? ''} error={f.nameEn} />
            <Field name="description" label={t('org.description')} type="textarea" defaultValue={org.description ?? ''} error={f.description} maxLength={2000} />
            <Field name="address" label={t('org.address')} defaultValue={org.address ?? ''} error={f.address} />
            <Field name="website" label={t('org.website')} type="url" defaultValue={org.website ?? ''} error={f.website} />
            <Field name="contactPhone" label={t('org.contactPhone')} type="tel" defaultValue={org.contactPhone ?? ''} error={f.contactPhone} />
            <button type="submit" className="button primary" disabled={busy}>
              {t('org.edit')}
            </button>
          </Form>
        </section>
      ) : null}

      <section className="panel" aria-labelledby="members-title">
        <h2 id="members-title">{t('org.members')}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('form.name')}</th>
                <th scope="col">{t('form.email')}</th>
                <th scope="col">{t('invite.role')}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id}>
                  <td>{m.name || '—'}</td>
                  <td>{m.email}</td>
                  <td>{t(`role.${m.role}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
