import { expect, test } from '@playwright/test';
import { creditCode, DEMO_PASSWORD, hydrated, login, logout } from './helpers.ts';

test('an organisation signs up, the bureau verifies it, and its user logs in and out', async ({ page }) => {
  const stamp = Date.now().toString(36);
  const email = `e2e-${stamp}@example.test`;
  const password = 'E2e-password-2026';
  const code = creditCode();
  const orgName = `聊城市端到端测试科技有限公司${stamp}`;

  // Sign up, with one mistake first: the page names the field that is wrong.
  await page.goto('/signup');
  await hydrated(page);
  await page.getByLabel('单位名称').fill(orgName);
  await page.getByLabel('单位类型').selectOption('enterprise');
  await page.getByLabel('统一社会信用代码').fill(code.slice(0, 17) + (code.endsWith('0') ? '1' : '0'));
  await page.getByLabel('所在地行政区划代码').fill('371502');
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page.getByText('统一社会信用代码校验位不正确')).toBeVisible();
  await expect(page.getByLabel('统一社会信用代码')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('统一社会信用代码').fill(code);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '提交' }).click();
  // The same answer whether or not the address was registered: read the e-mail, then log in.
  await expect(page.getByText(`我们已向 ${email} 发送`)).toBeVisible();
  await login(page, email, password);
  await page.goto('/org');
  await expect(page.getByTestId('org-status')).toHaveText('待审核');
  await logout(page);

  // The bureau verifies it from its queue.
  await login(page, 'bureau@demo.lc.test', DEMO_PASSWORD);
  await page.goto('/bureau/orgs');
  const row = page.getByTestId(`org-row-${code}`);
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: /通过认证/ }).click();
  await expect(page.getByRole('status')).toContainText(orgName);
  await expect(page.getByTestId(`org-row-${code}`)).toHaveCount(0);
  await logout(page);

  // The organisation's user logs in and sees it verified, then logs out.
  await login(page, email, password);
  await page.goto('/org');
  await expect(page.getByTestId('org-status')).toHaveText('已认证');
  await logout(page);
  await page.goto('/org');
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Forg/);
});

test('pages carry security headers and the language can be switched', async ({ page, request }) => {
  const res = await request.get('/');
  const h = res.headers();
  expect(h['content-security-policy']).toContain("default-src 'self'");
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['x-frame-options']).toBe('SAMEORIGIN');
  expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');

  await page.goto('/');
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('聊城市科技成果转移转化平台');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Liaocheng Technology Transfer Platform');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('聊城市科技成果转移转化平台');
});

test('a cross-site form post is refused', async ({ request }) => {
  const res = await request.post('/logout', { headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' }, form: { x: '1' } });
  expect(res.status()).toBe(403);
});
