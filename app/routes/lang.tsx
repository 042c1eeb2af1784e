import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { readForm } from '#app/lib/forms.server.ts';
import { cookieSecure, safeRedirect } from '#app/lib/pages.server.ts';

/** Switches the interface language (a POST, since it sets a cookie). */
export const action = async ({ request }: ActionFunctionArgs) => {
  const form = await readForm(request);
  const lang = form.get('lang') === 'en' ? 'en' : 'zh';
  return redirect(safeRedirect(form.get('redirectTo')), {
    headers: { 'Set-Cookie': `lang=${lang}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly${cookieSecure(request) ? '; Secure' : ''}` },
  });
};

export const loader = () => redirect('/');
