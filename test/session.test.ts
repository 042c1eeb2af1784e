import { describe, expect, it } from 'vitest';
import * as root from '#app/root.tsx';
import * as loginPage from '#app/routes/login.tsx';
import * as logoutPage from '#app/routes/logout.tsx';
import * as orgPage from '#app/routes/org._index.tsx';
import { call, json } from './api.ts';
import { createUser, PASSWORD } from './factories.ts';

function cookieFrom(res: Response): string {
  const set = res.headers.get('set-cookie') ?? '';
  return set.split(';')[0]!;
}

describe('web sessions', () => {
  it('logs in with a httpOnly SameSite=Lax cookie, and logout ends the session', async () => {
    const user = await createUser();
    const res = await call(loginPage, { form: { email: user.email, password: PASSWORD } });
    expect(res.status).toBe(302);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = cookieFrom(res);
    const data = await json<{ viewer: { id: string } | null }>(await call(root, { cookie }));
    expect(data.viewer?.id).toBe(user.id);

    const out = await call(logoutPage, { method: 'POST', cookie });
    expect(out.status).toBe(302);
    const after = await json<{ viewer: unknown }>(await call(root, { cookie }));
    expect(after.viewer).toBeNull();
  });

  it('treats a tampered cookie as logged out, never as an error', async () => {
    const user = await createUser();
    const cookie = cookieFrom(await call(loginPage, { form: { email: user.email, password: PASSWORD } }));
    const [name, value] = cookie.split('=');
    const tampered = `${name}=${value!.slice(0, -3)}abc`;
    const res = await call(root, { cookie: tampered });
    expect(res.status).toBe(200);
    expect((await json<{ viewer: unknown }>(res)).viewer).toBeNull();
    const page = await call(orgPage, { cookie: tampered, path: '/org' });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toMatch(/^\/login/);
    const garbage = await call(root, { cookie: 'tt_session=%%%; other=1' });
    expect(garbage.status).toBe(200);
  });

  it('shows field errors on the login page for an empty form, and one message for a bad password', async () => {
    const empty = await call(loginPage, { form: { email: '', password: '' } });
    expect(empty.status).toBe(400);
    expect(Object.keys((await json<{ fields: object }>(empty)).fields)).toEqual(['email', 'password']);
    const user = await createUser();
    const wrong = await call(loginPage, { form: { email: user.email, password: 'Nope-nope-123' } });
    expect(wrong.status).toBe(401);
    expect((await json<{ formError: { zh: string } }>(wrong)).formError.zh).toBe('邮箱或密码错误');
  });

  it('does not follow a redirectTo off the site', async () => {
    const user = await createUser();
    const res = await call(loginPage, { form: { email: user.email, password: PASSWORD }, path: '/login?redirectTo=//evil.example/' });
    expect(res.headers.get('location')).toBe('/org');
  });
});
