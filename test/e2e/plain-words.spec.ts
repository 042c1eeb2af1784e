import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, login } from './helpers.ts';

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
  await page.getByRole('button', { name: '退出' }).click();
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
