/**
 * Issue 16's open redirect, in a real browser: `redirectTo=/<TAB>/host:port/x` once sent Chromium
 * off-site (it drops the tab and reads `//host:port/x`), for a signed-in visitor and after the login
 * form. A server of our own stands in for the other site and counts every request that reaches it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, hydrated } from './helpers.ts';

let offSite: Server;
let hits = 0;
let probe = '';

test.beforeAll(async () => {
  offSite = createServer((_req, res) => {
    hits++;
    res.end('off-site');
  });
  await new Promise<void>((r) => offSite.listen(0, '127.0.0.1', r));
  const { port } = offSite.address() as AddressInfo;
  probe = `/login?redirectTo=${encodeURIComponent(`/\t/127.0.0.1:${port}/x`)}`;
});
test.afterAll(() => new Promise<void>((r) => offSite.close(() => r())));

test('the login form and a signed-in visitor stay on the site', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  await page.goto(probe);
  await hydrated(page);
  await page.getByLabel('电子邮箱').fill('enterprise@demo.lc.test');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('main').getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('button', { name: '退出' })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(origin);

  // Signed in now: the login page sends the visitor on at once, to the fallback.
  const res = await page.goto(probe);
  await expect(page.getByRole('button', { name: '退出' })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(origin);
  expect(new URL(page.url()).pathname).toBe('/org');
  expect(res?.request().redirectedFrom()?.url()).toContain('/login?redirectTo=');
  expect(hits).toBe(0);

  // A signed-in page is not for shared caches or the back button of a shared computer.
  expect((await page.goto('/org'))?.headers()['cache-control']).toBe('private, no-store');
});

test('TRACE is refused with 405, never a 500', async ({ request }) => {
  const res = await request.fetch('/login', { method: 'TRACE' });
  expect(res.status()).toBe(405);
  expect(res.headers().allow).toContain('POST');
});
