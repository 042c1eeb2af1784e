import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { FormErrors } from '#app/components/form.tsx';
import { usePick, useT } from '#app/components/i18n.tsx';
import { formAction, type FormResult } from '#app/lib/forms.server.ts';
import { requirePageViewer } from '#app/lib/pages.server.ts';
import { formToChoices, notificationPreferencesForm } from '#app/schemas/notification-preferences.server.ts';
import { getPreferences, setPreferences } from '#app/services/notification-preferences.server.ts';
import { NOTIFICATION_GROUPS, type NotificationGroup } from '#domain/notifications/kinds.ts';

export const meta: MetaFunction = () => [{ title: '通知设置 · 科技成果转化平台' }];

/** The viewer's own settings only: the user comes from the session, never from the request. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const v = await requirePageViewer(request);
  return { ...(await getPreferences(v)), email: v.user.email, hasOrg: !!v.user.orgId };
};

export const action = (args: ActionFunctionArgs) =>
  formAction(notificationPreferencesForm, async (input, { request }) => {
    const v = await requirePageViewer(request);
    await setPreferences(v, formToChoices(input));
    return data<FormResult & { saved: true }>({ saved: true });
  })(args);

function groupsOf<T extends { group: string }>(rows: readonly T[]): Array<[NotificationGroup, T[]]> {
  const by = new Map<NotificationGroup, T[]>();
  for (const r of rows) {
    const g = r.group as NotificationGroup;
    by.set(g, [...(by.get(g) ?? []), r]);
  }
  return [...by];
}

export default function NotificationSettings() {
  const { items, alwaysEmailed, email, hasOrg } = useLoaderData<typeof loader>();
  const r = useActionData<FormResult & { saved?: true }>();
  const t = useT();
  const pick = usePick();
  const busy = useNavigation().state === 'submitting';
  return (
    <section className="panel" aria-labelledby="prefs-title">
      <div className="panel-head">
        <h1 id="prefs-title">{t('notifPrefs.title')}</h1>
        <Link to="/notifications">{t('nav.notifications')}</Link>
      </div>
      <p className="muted">{t('notifPrefs.intro', { email })}</p>
      {r?.saved ? (
        <p className="alert success" role="status">
          {t('notifPrefs.saved')}
        </p>
      ) : null}
      <FormErrors formError={r?.formError} fields={r?.fields} />
      {hasOrg ? (
        <Form method="post" className="prefs-form">
          {groupsOf(items).map(([group, rows]) => (
            <div className="table-wrap" key={group}>
              <table className="cards prefs">
                <caption>{pick(NOTIFICATION_GROUPS[group])}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('notifPrefs.kind')}</th>
                    <th scope="col">{t('notifPrefs.inApp')}</th>
                    <th scope="col">{t('notifPrefs.email')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((k) => {
                    const id = `pref-${k.kind.replace(/\./g, '-')}`;
                    const label = pick(k.label);
                    return (
                      <tr key={k.kind} data-testid="pref-row">
                        <th scope="row">{label}</th>
                        <td data-label={t('notifPrefs.inApp')}>{t('notifPrefs.inApp.always')}</td>
                        <td>
                          <input type="hidden" name="kinds" value={k.kind} />
                          {/* The visible words name the column; the accessible name also names the kind. */}
                          <label className="check" htmlFor={id}>
                            <input type="checkbox" id={id} name="email" value={k.kind} defaultChecked={k.email} aria-label={`${t('notifPrefs.email')}：${label}`} />
                            {t('notifPrefs.email')}
                          </label>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          ))}
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t('notifPrefs.save')}
            </button>
          </div>
        </Form>
      ) : (
        <p className="empty">{t('notifPrefs.noOrg')}</p>
      )}
      <h2>{t('notifPrefs.always.title')}</h2>
      <p className="muted">{t('notifPrefs.always.intro')}</p>
      <ul className="prefs-always">
        {alwaysEmailed.map((k) => (
          <li key={k.kind}>
            {pick(k.label)} · <span className="muted">{t('notifPrefs.always.sent')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
