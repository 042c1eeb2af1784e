import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, login, logout } from './helpers.ts';

/** What users read is in their language, not the developers': no variable names, no framework messages. */
const DEVELOPER_WORDS = /No route matches|STRIPE_SECRET_KEY|SMTP_URL|DATA_DIR|English name|undefined/;

test('an unknown address says so in Chinese', async ({ page }) => {
  const res = await page.goto('/no-such-page');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('alert')).toHaveText('页面不存在');
  await expect(page.locator('main')).not.toContainText(DEVELOPER_WORDS);
});

test('the organisation page and the bureau’s mail page speak to users', async ({ page }) => {
  await login(page, 'university@demo.lc.test', DEMO_PASSWORD);
  await page.goto('/org');
  await expect(page.getByLabel('英文名称')).toBeVisible();
  await expect(page.locator('main')).not.toContainText(DEVELOPER_WORDS);
  // Logged out before /login is asked for: a logged-in visitor is sent on from there.
  await logout(page);
  await login(page, 'bureau@demo.lc.test', DEMO_PASSWORD);
  await page.goto('/bureau/mail');
  await expect(page.locator('main')).not.toContainText(DEVELOPER_WORDS);
});

test('commission rates read as percentages', async ({ page }) => {
  await login(page, 'agency@demo.lc.test', DEMO_PASSWORD);
  await page.goto('/commissions');
  const main = page.locator('main');
  await expect(main).not.toContainText(/\(0\.\d+\)/);
  await expect(main).toContainText(/\(\d+(\.\d+)?%\)/);
});

test('a logged-in user’s 404 keeps the logged-in header (no 登录/注册)', async ({ page }) => {
  await login(page, 'enterprise@demo.lc.test', DEMO_PASSWORD);
  const res = await page.goto('/no-such-page');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('alert')).toHaveText('页面不存在');
  await expect(page.getByRole('button', { name: '退出' })).toBeVisible();
  await expect(page.getByRole('banner').getByRole('link', { name: '登录' })).toHaveCount(0);
});

test('a contract’s timeline names its events in words, and its read-only view marks nothing (可选)', async ({ page }) => {
  await login(page, 'enterprise@demo.lc.test', DEMO_PASSWORD);
  await page.goto('/contracts');
  await page.locator('main table tbody tr a').first().click();
  const timeline = page.locator('.timeline').last();
  await expect(timeline.locator('li').first()).toBeVisible();
  await expect(timeline).not.toContainText(/[a-z]+\.[a-z]+|\b(create|update|register|submit|confirm)\b/);
  await expect(timeline).toContainText(/起草合同|认定登记|提交登记/);
  await expect(page.locator('main')).not.toContainText('可选');
});
