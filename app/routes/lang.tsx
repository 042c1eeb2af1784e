import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { safeRedirect } from '#app/lib/pages.server.ts';

/** Switches the interface language (a POST, since it sets a cookie). */
export const action = async ({ request }: ActionFunctionArgs) => {
  const form = await request.formData();
  const lang = form.get('lang') === 'en' ? 'en' : 'zh';
  return redirect(safeRedirect(form.get('redirectTo')), {
    headers: { 'Set-Cookie': `lang=${lang}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly` },
  });
};

export const loader = () => redirect('/');
