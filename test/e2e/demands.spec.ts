import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, hydrated, login } from './helpers.ts';

test('an enterprise posts a demand, sees ranked matches with their reasons, and opens a conversation about one', async ({ page }) => {
  await login(page, 'enterprise@demo.lc.test', DEMO_PASSWORD);
  await page.goto('/demands/new');
  await hydrated(page);
  await page.getByRole('textbox', { name: /^需求名称/ }).fill('高精度轴承套圈磨削与超精研加工技术需求');
  await page
    .getByRole('textbox', { name: /^需求描述/ })
    .fill('我公司生产精密轴承，需要提高套圈滚道的磨削精度和表面质量，寻求超精研磨工艺与在线检测技术，降低废品率。');
  await page.getByRole('combobox', { name: /^技术领域/ }).selectOption('optomechatronics');
  await page.getByRole('textbox', { name: /^关键词/ }).fill('轴承，磨削，超精研');
  await page.getByRole('checkbox', { name: '合作开发' }).check();
  await page.getByRole('button', { name: '发布需求' }).click();
  await expect(page).toHaveURL(/\/demands\/[0-9a-f-]{36}/);
  // Ranked matches, each with a score and the reasons behind it (shared terms at least).
  const reasons = page.locator('li[data-kind="terms"]');
  await expect(async () => {
    if (!(await reasons.first().isVisible())) await page.reload();
    await expect(reasons.first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.locator('meter').first()).toBeVisible();
  // The owner opens a conversation with a matched result's holder.
  await page.getByRole('link', { name: /发起洽谈/ }).first().click();
  await hydrated(page);
  await page.getByRole('textbox', { name: /^留言/ }).fill('您好，我们发布了轴承套圈超精研的需求，希望了解贵单位该成果能否合作开发。');
  await page.getByRole('button', { name: '发送并发起洽谈' }).click();
  await expect(page).toHaveURL(/\/conversations\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('message').first()).toContainText('轴承套圈超精研');
});
