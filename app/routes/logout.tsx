import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form } from '@remix-run/react';
import { useT } from '#app/components/i18n.tsx';
import { meta } from '#app/lib/api.server.ts';
import { getViewer } from '#app/lib/auth.server.ts';
import { clearSessionCookie } from '#app/lib/session.server.ts';
import { logout } from '#app/services/accounts.server.ts';

/** Logging out changes state, so it is a POST; a GET only offers the button. */
export const action = async ({ request, context }: ActionFunctionArgs) => {
  const v = await getViewer(request);
  if (v && v.via.kind === 'session') await logout(v.via, { userId: v.user.id, orgId: v.user.orgId }, meta(request, context));
  return redirect('/login?loggedOut=1', { headers: { 'Set-Cookie': await clearSessionCookie() } });
};

export default function Logout() {
  const t = useT();
  return (
    <section className="panel narrow" aria-labelledby="logout-title">
      <h1 id="logout-title">{t('logout.title')}</h1>
      <Form method="post">
        <button type="submit" className="button primary">
          {t('logout.confirm')}
        </button>
      </Form>
    </section>
  );
}
