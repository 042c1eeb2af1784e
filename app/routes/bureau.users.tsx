import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { BUREAU_ROLES, type BureauRole } from '#domain/permissions.ts';
import { cityDateTime } from '#config/city.ts';
import { Field, FormErrors } from '#app/components/form.tsx';
import { usePick, useT } from '#app/components/i18n.tsx';
import { meta as reqMeta } from '#app/lib/api.server.ts';
import { formAction, type FormResult } from '#app/lib/forms.server.ts';
import { requirePageAction } from '#app/lib/pages.server.ts';
import { bureauUsersFormSchema } from '#app/schemas/bureau-users.server.ts';
import { createBureauUser, listBureauUsers, setBureauRoles, setBureauUserActive } from '#app/services/bureau-users.server.ts';

export const meta: MetaFunction = () => [{ title: '科技局用户 · 科技成果转化平台' }];

/** The bureau administrator's list of bureau users, with each one's roles. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const v = await requirePageAction(request, 'bureau.users.manage');
  return { me: v.user.id, items: await listBureauUsers(v) };
};

type UsersResult = FormResult & { created?: { email: string; initialPassword: string | null }; done?: { intent: 'roles' | 'disable' | 'enable'; id: string; email?: string } };

export const action = (args: ActionFunctionArgs) =>
  formAction(bureauUsersFormSchema, async (input, { request, context }) => {
    const v = await requirePageAction(request, 'bureau.users.manage');
    const m = reqMeta(request, context);
    if (input.intent === 'create') {
      const { user, initialPassword } = await createBureauUser(v, input, m);
      return data<UsersResult>({ created: { email: user.email, initialPassword } });
    }
    if (input.intent === 'roles') {
      await setBureauRoles(v, input.id, input.roles, m);
      return data<UsersResult>({ done: { intent: 'roles', id: input.id } });
    }
    await setBureauUserActive(v, input.id, input.intent === 'enable', m);
    return data<UsersResult>({ done: { intent: input.intent, id: input.id } });
  })(args);

function RoleChecks({ name, idPrefix, checked }: { name: string; idPrefix: string; checked: readonly BureauRole[] }) {
  const t = useT();
  return (
    <ul className="checklist">
      {BUREAU_ROLES.map((r) => (
        <li key={r}>
          <label className="check" htmlFor={`${idPrefix}-${r}`}>
            <input type="checkbox" id={`${idPrefix}-${r}`} name={name} value={r} defaultChecked={checked.includes(r)} /> {t(`bureauRole.${r}`)}
            <span className="muted small"> · {t(`bureauRole.${r}.hint`)}</span>
          </label>
        </li>
      ))}
    </ul>
  );
}

export default function BureauUsers() {
  const { me, items } = useLoaderData<typeof loader>();
  const r = useActionData<UsersResult>();
  const t = useT();
  const pick = usePick();
  const busy = useNavigation().state === 'submitting';
  const forCreate = r?.created !== undefined || r?.values?.intent === 'create';
  const createRolesError = forCreate ? r?.fields?.roles : undefined;
  const rowId = r?.done?.id ?? (typeof r?.values?.id === 'string' ? r.values.id : null);
  const doneText = (d: NonNullable<UsersResult['done']>) =>
    d.intent === 'roles' ? t('bureauUsers.rolesSaved', { email: items.find((i) => i.id === d.id)?.email ?? '' }) : d.intent === 'disable' ? t('bureauUsers.disabledDone') : t('bureauUsers.enabledDone');
  return (
    <>
      <section className="panel" aria-labelledby="bu-create-title">
        <h1 id="bu-create-title">{t('bureauUsers.title')}</h1>
        <p className="muted">{t('bureauUsers.intro')}</p>
        {r?.created ? (
          <div className="alert success" role="status" data-testid="bureau-user-created">
            <p>{t('bureauUsers.created', { email: r.created.email })}</p>
            {r.created.initialPassword ? (
              <>
                <input className="mono wide" readOnly value={r.created.initialPassword} aria-label={t('bureauUsers.initialPassword')} data-testid="initial-password" />
                <p className="small">{t('bureauUsers.handOver')}</p>
              </>
            ) : null}
          </div>
        ) : null}
        {forCreate ? <FormErrors formError={r?.formError} fields={r?.fields} /> : null}
        <h2>{t('bureauUsers.create')}</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="create" />
          <Field name="email" label={t('form.email')} type="email" required error={forCreate ? r?.fields?.email : undefined} />
          <Field name="name" label={t('form.name')} required maxLength={100} error={forCreate ? r?.fields?.name : undefined} />
          <fieldset className={`field${createRolesError ? ' has-error' : ''}`} aria-describedby={createRolesError ? 'f-roles-error' : undefined}>
            <legend>
              {t('bureauUsers.roles')}
              <span className="req"> *</span>
            </legend>
            <RoleChecks name="roles" idPrefix="new-role" checked={[]} />
            {createRolesError ? (
              <p className="error" id="f-roles-error">
                {pick(createRolesError)}
              </p>
            ) : null}
          </fieldset>
          <button type="submit" className="button primary" disabled={busy}>
            {t('bureauUsers.submitCreate')}
          </button>
        </Form>
      </section>

      <section className="panel" aria-labelledby="bu-list-title">
        <h2 id="bu-list-title">{t('bureauUsers.list')}</h2>
        {r?.done ? (
          <p className="alert success" role="status" data-testid="bureau-user-done">
            {doneText(r.done)}
          </p>
        ) : null}
        {!forCreate && r?.formError ? (
          <p className="alert error" role="alert">
            {pick(r.formError)}
          </p>
        ) : null}
        <div className="table-wrap">
          <table className="cards">
            <thead>
              <tr>
                <th scope="col">{t('form.email')}</th>
                <th scope="col">{t('bureauUsers.roles')}</th>
                <th scope="col">{t('bureauUsers.status')}</th>
                <th scope="col">{t('bureauUsers.lastSignIn')}</th>
                <th scope="col">{t('table.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((u) => (
                <tr key={u.id} data-testid={`bureau-user-${u.email}`}>
                  <th scope="row">
                    {u.email}
                    {u.id === me ? t('bureauUsers.you') : ''}
                    {u.name ? <div className="muted small">{u.name}</div> : null}
                  </th>
                  <td data-label={t('bureauUsers.roles')}>
                    <Form method="post" aria-label={`${t('bureauUsers.roles')}：${u.email}`}>
                      <input type="hidden" name="intent" value="roles" />
                      <input type="hidden" name="id" value={u.id} />
                      {/* A key from the saved roles: after a change, the boxes show what is stored. */}
                      <fieldset key={u.roles.join()}>
                        <legend className="sr-only">{`${t('bureauUsers.roles')}：${u.email}`}</legend>
                        <RoleChecks name="roles" idPrefix={`role-${u.id}`} checked={u.roles} />
                      </fieldset>
                      {rowId === u.id && r?.fields?.roles ? <p className="error">{pick(r.fields.roles)}</p> : null}
                      <button type="submit" className="button small" disabled={busy} aria-label={`${t('bureauUsers.saveRoles')}：${u.email}`}>
                        {t('bureauUsers.saveRoles')}
                      </button>
                    </Form>
                  </td>
                  <td data-label={t('bureauUsers.status')}>{u.active ? t('bureauUsers.active') : t('bureauUsers.disabled')}</td>
                  <td data-label={t('bureauUsers.lastSignIn')} className="nowrap">
                    {u.lastSignInAt ? <time dateTime={u.lastSignInAt}>{cityDateTime(u.lastSignInAt)}</time> : t('bureauUsers.never')}
                  </td>
                  <td data-label={t('table.actions')}>
                    <Form method="post" className="inline">
                      <input type="hidden" name="id" value={u.id} />
                      <button
                        type="submit"
                        name="intent"
                        value={u.active ? 'disable' : 'enable'}
                        className="button small"
                        disabled={busy}
                        aria-label={`${u.active ? t('bureauUsers.disable') : t('bureauUsers.enable')}：${u.email}`}
                      >
                        {u.active ? t('bureauUsers.disable') : t('bureauUsers.enable')}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
