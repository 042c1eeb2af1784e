import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, login } from './helpers.ts';

/** On the home page: the workspace, the first of its links with something waiting, and that link's count. */
async function firstWaiting(page: Page) {
  await page.goto('/');
  const ws = page.getByRole('region', { name: '工作台' });
  await expect(ws).toBeVisible();
  const link = ws.locator('li.has-work a').first();
  await expect(link).toBeVisible();
  const count = Number((await link.locator('.work-count').textContent())?.replace(/,/g, ''));
  return { ws, link, count, href: (await link.getAttribute('href'))! };
}

/** Follows a workspace link and checks the list page opened (its own heading, no error). */
async function opens(page: Page, link: ReturnType<Page['locator']>, href: string) {
  await link.click();
  await expect(page).toHaveURL((u) => `${u.pathname}${u.search}` === href);
  await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
}

test('the bureau sees its queues with counts, and a link opens its list', async ({ page }) => {
  await login(page, 'bureau@demo.lc.test', DEMO_PASSWORD);
  await page.goto('/');
  const ws = page.getByRole('region', { name: '工作台' });
  for (const label of ['待认证单位', '待登记合同', '待审批补助', '待支付补助', '待匹配需求']) await expect(ws.getByRole('link', { name: new RegExp(label) })).toBeVisible();
  // The demo data has organisations waiting for verification.
  const verify = page.getByTestId('work-orgsToVerify');
  const pending = Number(await verify.locator('.work-count').textContent());
  expect(pending).toBeGreaterThan(0);
  await opens(page, verify, '/bureau/orgs?status=pending');
  await expect(page.locator('tbody tr')).toHaveCount(pending);
});

test('the enterprise sees its own to-dos, not the bureau’s, and a non-zero one links to a list that opens', async ({ page }) => {
  await login(page, 'enterprise@demo.lc.test', DEMO_PASSWORD);
  const { ws, link, count, href } = await firstWaiting(page);
  expect(count).toBeGreaterThan(0);
  await expect(ws.getByRole('link', { name: /未读通知/ })).toBeVisible();
  await expect(ws.getByRole('link', { name: /待本单位确认的合同/ })).toBeVisible();
  await expect(ws.getByRole('link', { name: /待认证单位|待登记合同/ })).toHaveCount(0);
  await opens(page, link, href);
});
