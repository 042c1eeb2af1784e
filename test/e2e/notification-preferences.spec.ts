import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, login } from './helpers.ts';

/**
 * Checkboxes are found by their kind (the value) after a server render: React 18.3's stream
 * writer can put NUL bytes into server-rendered Chinese text where a character straddles its
 * buffer (reported to the lead), so accessible names are checked on client-rendered pages only.
 */
const box = (page: Page, kind: string) => page.getByRole('main').locator(`input[type="checkbox"][value="${kind}"]`);

async function untickSaveReload(page: Page) {
  const main = page.getByRole('main');
  // Every switchable kind starts with e-mail on, as before preferences.
  await expect(box(page, 'contract.update')).toBeChecked();
  await box(page, 'contract.update').uncheck();
  await main.getByRole('button', { name: '保存设置' }).click();
  await expect(main.getByRole('status')).toBeVisible();
  await page.goto('/settings/notifications');
  await expect(box(page, 'contract.update')).not.toBeChecked();
  await expect(box(page, 'grant.pay')).toBeChecked();
  // The e-mails that always go are listed, with nothing to switch.
  await expect(main.locator('.prefs-always li')).toHaveCount(3);
  await expect(main.locator('.prefs-always input')).toHaveCount(0);
}

test('a user unticks a kind, saves, reloads and sees it unticked', async ({ page }) => {
  await login(page, 'enterprise@demo.lc.test', DEMO_PASSWORD);
  await page.goto('/notifications');
  await page.getByRole('main').getByRole('link', { name: '通知设置' }).click();
  await expect(page).toHaveURL((u) => u.pathname === '/settings/notifications');
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 1, name: '通知设置' })).toBeVisible();
  // Rendered in the browser: each checkbox is named by its column and its kind.
  await expect(main.getByRole('checkbox', { name: '同时发送电子邮件：合同已修改' })).toBeChecked();
  await expect(main.getByRole('checkbox', { name: '同时发送电子邮件：补助已支付' })).toBeChecked();
  await expect(main.getByRole('checkbox', { name: /重置密码/ })).toHaveCount(0);
  await box(page, 'contract.update').uncheck();
  await main.getByRole('button', { name: '保存设置' }).click();
  await expect(main.getByRole('status')).toHaveText('通知设置已保存。');
  await page.reload();
  await expect(box(page, 'contract.update')).not.toBeChecked();
  await expect(box(page, 'grant.pay')).toBeChecked();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the same form works as a plain HTML form', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('电子邮箱').fill('university@demo.lc.test');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('main').getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('button', { name: '退出' })).toBeVisible();
    await page.getByRole('navigation', { name: '主导航' }).locator('a[href="/settings/notifications"]').click();
    await untickSaveReload(page);
  });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the settings fit 390 px without sideways scrolling', async ({ page }) => {
    await login(page, 'agency@demo.lc.test', DEMO_PASSWORD);
    await page.goto('/settings/notifications');
    await expect(box(page, 'contract.update')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
