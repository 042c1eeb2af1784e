import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { DEMO_TOTP_SECRET } from '#db/seed/mfa.ts';
import { resetLinkIn } from '../mail.ts';
import { freshTotp } from '../totp.ts';
import { DEMO_PASSWORD, hydrated, login, logout } from './helpers.ts';

const DATA = process.env.E2E_DATA_DIR ?? '.data/e2e';
const BUREAU = 'bureau@demo.lc.test';

/** A bureau user the way operators create one (the CLI), without TOTP yet. */
function createBureauUser(email: string, password: string) {
  execFileSync('node_modules/.bin/tsx', ['scripts/cli.ts', 'user:create', '--role', 'bureau', '--roles', 'reviewer', '--email', email, '--password', password, '--name', '两步验证测试员'], {
    env: { ...process.env, DATA_DIR: DATA, DATABASE_URL: '', MEILI_URL: '' },
    stdio: 'pipe',
    timeout: 60_000,
  });
}

test('a bureau user signs in with the password, then a TOTP code; a wrong code is refused', async ({ page }) => {
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('电子邮箱').fill(BUREAU);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('main').getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/login\/mfa$/, { timeout: 20_000 });
  await expect(page.getByRole('heading', { name: '两步验证' })).toBeVisible();
  // Not signed in yet: the bureau's pages send the visitor back to log in.
  await expect(page.getByRole('button', { name: '退出' })).toHaveCount(0);

  await page.getByLabel('动态验证码').fill('000000');
  await page.getByRole('main').getByRole('button', { name: '验证' }).click();
  await expect(page.getByText('验证码不正确或已使用').first()).toBeVisible();

  await page.getByLabel('动态验证码').fill(await freshTotp(BUREAU, DEMO_TOTP_SECRET));
  await page.getByRole('main').getByRole('button', { name: '验证' }).click();
  await expect(page.getByRole('button', { name: '退出' })).toBeVisible();
  // A bureau user lands on the workspace, which lists what waits for their roles.
  await expect(page).toHaveURL(/\/$/);
  await logout(page);
});

test('a new bureau user enrols in TOTP at first login, then resets the password through the e-mailed link and still needs the code', async ({ page }) => {
  test.setTimeout(180_000);
  const email = `mfa-${Date.now().toString(36)}@kjj.liaocheng.example`;
  const first = 'First-passw0rd-2026';
  const second = 'Second-passw0rd-2027';
  createBureauUser(email, first);

  // First login: enrolment (QR code and key shown) before anything else; the helper types the code.
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(first);
  await page.getByRole('main').getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/login\/enrol$/, { timeout: 20_000 });
  await expect(page.getByRole('img', { name: '用身份验证器应用扫描此二维码' })).toBeVisible();
  await page.goto('/bureau/orgs');
  await expect(page).toHaveURL(/\/login\?redirectTo=/);
  await login(page, email, first);
  await logout(page);

  // Forgot password: the same answer as for any address.
  await page.goto('/login');
  await hydrated(page);
  await page.getByRole('link', { name: '忘记密码？' }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await hydrated(page);
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByRole('button', { name: '发送重设链接' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText('如果该邮箱已注册');

  // The bureau's outbox lists the e-mail (without the link); the sent message file has it.
  await login(page, BUREAU, DEMO_PASSWORD);
  let file = '';
  await expect
    .poll(
      async () => {
        await page.goto('/bureau/mail');
        const row = page.getByRole('row').filter({ hasText: email }).filter({ hasText: '重设密码' });
        if ((await row.count()) === 0) return false;
        await row.first().getByRole('link').first().click();
        file = (await page.locator('dd.mono').last().innerText()).trim();
        return file.endsWith('.eml');
      },
      { timeout: 60_000, intervals: [1_000, 2_000] },
    )
    .toBe(true);
  await expect(page.getByText('（一次性重设链接，已发送，不在此保存）')).toBeVisible();
  const link = await resetLinkIn(path.resolve(file));
  await logout(page);

  await page.goto(new URL(link).pathname);
  await hydrated(page);
  await expect(page.getByRole('heading', { name: '设置新密码' })).toBeVisible();
  await page.getByRole('textbox', { name: /^新密码/ }).fill(second);
  await page.getByRole('button', { name: '重设密码' }).click();
  await expect(page).toHaveURL(/\/login\?reset=1$/, { timeout: 20_000 });
  await expect(page.getByRole('main').getByRole('status')).toContainText('密码已重设');

  // The link works once.
  await page.goto(new URL(link).pathname);
  await expect(page.getByText('重设链接无效、已使用或已过期。')).toBeVisible();

  // The old password no longer works; the new one does, and still asks for the TOTP code.
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(first);
  await page.getByRole('main').getByRole('button', { name: '登录' }).click();
  await expect(page.getByText('邮箱或密码错误').first()).toBeVisible();
  await login(page, email, second);
  // A bureau user lands on the workspace, which lists what waits for their roles.
  await expect(page).toHaveURL(/\/$/);
});
