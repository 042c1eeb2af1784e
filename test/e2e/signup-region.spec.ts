import { expect, test, type Page } from '@playwright/test';
import { creditCode, hydrated, login } from './helpers.ts';

const PASSWORD = 'E2e-password-2026';

/** Fills every signup field but the region; returns the e-mail used. */
async function fillSignup(page: Page, stamp: string) {
  const email = `e2e-region-${stamp}@example.test`;
  await page.getByLabel('单位名称').fill(`聊城市区县选择测试有限公司${stamp}`);
  await page.getByLabel('单位类型').selectOption('enterprise');
  await page.getByLabel('统一社会信用代码').fill(creditCode());
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(PASSWORD);
  return email;
}

/** The organisation page's 所在地 line: the region's full name and its code. */
const location = (page: Page) => page.locator('dt', { hasText: '所在地' }).locator('xpath=following-sibling::dd[1]');

test('signup picks 东昌府区 by name and the organisation is registered under 371502', async ({ page }) => {
  await page.goto('/signup');
  await hydrated(page);
  const email = await fillSignup(page, Date.now().toString(36));
  const region = page.getByRole('combobox', { name: '所在地行政区划代码' });
  // The names come from the region list, offered to the browser as a datalist.
  await expect(page.locator(`datalist#${await region.getAttribute('list')} option[value="东昌府区"]`)).toHaveCount(1);
  await region.fill('东昌府区');
  await expect(page.getByTestId('region-chosen')).toHaveText('将登记为 山东省聊城市东昌府区（371502）');
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page.getByText(`我们已向 ${email} 发送`)).toBeVisible();
  await login(page, email, PASSWORD);
  await page.goto('/org');
  await expect(location(page)).toHaveText('山东省聊城市东昌府区 (371502)');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a county typed by name is registered under its code', async ({ page }) => {
    await page.goto('/signup');
    const email = await fillSignup(page, `nojs${Date.now().toString(36)}`);
    await page.getByLabel('所在地行政区划代码').fill('临清市');
    await page.getByRole('button', { name: '提交' }).click();
    await expect(page.getByText(`我们已向 ${email} 发送`)).toBeVisible();
    // Without JavaScript too: log in by the form, then the organisation page.
    await page.goto('/login');
    await page.getByLabel('电子邮箱').fill(email);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('main').getByRole('button', { name: '登录' }).click();
    await page.goto('/org');
    await expect(location(page)).toHaveText('山东省聊城市临清市 (371581)');
  });

  test('an unknown name is a field error and creates no account', async ({ page, request }) => {
    await page.goto('/signup');
    const email = await fillSignup(page, `bad${Date.now().toString(36)}`);
    await page.getByLabel('所在地行政区划代码').fill('不存在县');
    await page.getByRole('button', { name: '提交' }).click();
    await expect(page.getByText('未找到该地区')).toBeVisible();
    await expect(page.getByLabel('所在地行政区划代码')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('所在地行政区划代码')).toHaveValue('不存在县');
    const login = await request.post('/api/v1/auth/login', { data: { email, password: PASSWORD } });
    expect(login.status()).toBe(401);
  });
});
