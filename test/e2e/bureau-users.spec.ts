import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, hydrated, login, logout, navTargets } from './helpers.ts';

test('each bureau role sees only its own work in the menu', async ({ page }) => {
  test.setTimeout(180_000); // four sign-ins, each with its TOTP step
  const cases: Array<[string, string[], string[]]> = [
    ['registrar@demo.lc.test', ['/bureau/orgs', '/bureau/contracts', '/bureau/policy', '/account/tokens'], ['/bureau/grants', '/bureau/users', '/bureau/synonyms']],
    ['reviewer@demo.lc.test', ['/bureau/grants', '/bureau/policy'], ['/bureau/orgs', '/bureau/contracts', '/bureau/users']],
    ['payer@demo.lc.test', ['/bureau/grants'], ['/bureau/orgs', '/bureau/users', '/bureau/jobs']],
    ['admin@demo.lc.test', ['/bureau/users', '/bureau/jobs', '/bureau/synonyms', '/bureau/mail', '/bureau/grants'], ['/bureau/orgs', '/bureau/contracts']],
  ];
  for (const [email, shown, hidden] of cases) {
    await login(page, email, DEMO_PASSWORD);
    await page.goto('/');
    await hydrated(page);
    const targets = await navTargets(page);
    for (const p of shown) expect(targets, `${email} sees ${p}`).toContain(p);
    for (const p of hidden) expect(targets, `${email} does not see ${p}`).not.toContain(p);
    await logout(page);
  }
  // The server refuses what the menu hides.
  await login(page, 'payer@demo.lc.test', DEMO_PASSWORD);
  const res = await page.goto('/bureau/users');
  expect(res?.status()).toBe(403);
});

test('the bureau administrator creates a bureau user with roles, changes the roles and disables the user; never the last administrator', async ({ page }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const email = `e2e-staff-${stamp}@kjj.example.test`;
  await login(page, 'admin@demo.lc.test', DEMO_PASSWORD);
  await page.goto('/');
  await hydrated(page);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '科技局用户' }).click();
  await expect(page.getByRole('heading', { name: '科技局用户', level: 1 })).toBeVisible();

  // A mistake first: no role ticked.
  const create = page.locator('form').filter({ has: page.getByRole('button', { name: '创建用户' }) });
  await create.getByLabel('电子邮箱').fill(email);
  await create.getByLabel('姓名').fill('端到端登记员');
  await create.getByRole('button', { name: '创建用户' }).click();
  await expect(page.getByText('请至少选择一个角色')).toBeVisible();

  await create.getByRole('checkbox', { name: /^登记员/ }).check();
  await create.getByRole('checkbox', { name: /^审核员/ }).check();
  await create.getByRole('button', { name: '创建用户' }).click();
  await expect(page.getByTestId('bureau-user-created')).toContainText(email);
  await expect(page.getByTestId('initial-password')).toHaveValue(/^[A-Za-z0-9_-]{16}$/);

  const row = page.getByTestId(`bureau-user-${email}`);
  await expect(row.getByRole('checkbox', { name: /^登记员/ })).toBeChecked();
  await expect(row.getByRole('checkbox', { name: /^审核员/ })).toBeChecked();
  await expect(row.getByRole('checkbox', { name: /^付款员/ })).not.toBeChecked();

  // Reviewer off, payer on.
  await row.getByRole('checkbox', { name: /^审核员/ }).uncheck();
  await row.getByRole('checkbox', { name: /^付款员/ }).check();
  await row.getByRole('button', { name: `保存角色：${email}` }).click();
  await expect(page.getByTestId('bureau-user-done')).toContainText(email);
  await expect(row.getByRole('checkbox', { name: /^审核员/ })).not.toBeChecked();
  await expect(row.getByRole('checkbox', { name: /^付款员/ })).toBeChecked();

  await row.getByRole('button', { name: `停用：${email}` }).click();
  await expect(page.getByTestId('bureau-user-done')).toContainText('已停用');
  await expect(row).toContainText('已停用');

  // The demo administrators: bureau@ (every role) and admin@. Taking admin away from bureau@ leaves
  // admin@ as the last one, whose own demotion is then refused; bureau@ gets its roles back.
  const all = page.getByTestId('bureau-user-bureau@demo.lc.test');
  await all.getByRole('checkbox', { name: /^管理员/ }).uncheck();
  await all.getByRole('button', { name: '保存角色：bureau@demo.lc.test' }).click();
  await expect(page.getByTestId('bureau-user-done')).toBeVisible();
  const me = page.getByTestId('bureau-user-admin@demo.lc.test');
  await me.getByRole('checkbox', { name: /^管理员/ }).uncheck();
  await me.getByRole('checkbox', { name: /^付款员/ }).check();
  await me.getByRole('button', { name: '保存角色：admin@demo.lc.test' }).click();
  await expect(page.getByRole('alert')).toContainText('不能移除最后一位管理员');
  await page.reload();
  await expect(page.getByTestId('bureau-user-admin@demo.lc.test').getByRole('checkbox', { name: /^管理员/ })).toBeChecked();
  const back = page.getByTestId('bureau-user-bureau@demo.lc.test');
  await back.getByRole('checkbox', { name: /^管理员/ }).check();
  await back.getByRole('button', { name: '保存角色：bureau@demo.lc.test' }).click();
  await expect(page.getByTestId('bureau-user-bureau@demo.lc.test').getByRole('checkbox', { name: /^管理员/ })).toBeChecked();
});

test('a user lists their API tokens and revokes one', async ({ page }) => {
  // A token issued the way API clients get one.
  const issued = await page.request.post('/api/v1/auth/login', { data: { email: 'university@demo.lc.test', password: DEMO_PASSWORD }, headers: { 'user-agent': 'e2e-api-client/1.0' } });
  expect(issued.status()).toBe(200);
  const { token } = (await issued.json()) as { token: string };
  expect((await page.request.get('/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` } })).status()).toBe(200);

  await login(page, 'university@demo.lc.test', DEMO_PASSWORD);
  await page.goto('/');
  await hydrated(page);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: 'API 令牌' }).click();
  await expect(page.getByRole('heading', { name: 'API 令牌' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: `${token.slice(0, 8)}…` });
  await expect(row).toContainText('e2e-api-client/1.0');
  await expect(row).toContainText('有效');
  await row.getByRole('button', { name: /^吊销/ }).click();
  await expect(page.getByRole('status')).toContainText(`已吊销令牌 ${token.slice(0, 8)}`);
  await expect(page.getByRole('row').filter({ hasText: `${token.slice(0, 8)}…` })).toContainText('已吊销');
  expect((await page.request.get('/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
});
