import { expect, type Page } from '@playwright/test';
import { DEMO_USERS } from '#db/seed/organizations.ts';
import { DEMO_TOTP_SECRET } from '#db/seed/mfa.ts';
import { freshTotp } from '../totp.ts';

export const DEMO_PASSWORD = 'Demo-2026-lc!';

/** The visitor and every demo user: the roles whose navigation the crawls walk. */
export const ROLES: readonly { label: string; email: string | null }[] = [{ label: 'visitor', email: null }, ...DEMO_USERS];

/** Waits until Remix has hydrated, so clicks go through the client router. */
export async function hydrated(page: Page) {
  await page.waitForFunction(() => 'undefined' !== typeof (window as unknown as { __remixRouter?: unknown }).__remixRouter);
}

/** TOTP secrets of bureau accounts: the demo ones, and any a test enrolled through the page. */
const totpSecrets = new Map<string, string>(DEMO_USERS.filter((u) => u.role === 'bureau').map((u) => [u.email, DEMO_TOTP_SECRET]));

export async function login(page: Page, email: string, password: string) {
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('main').getByRole('button', { name: '登录' }).click();
  const signedIn = page.getByRole('button', { name: '退出' });
  const code = page.getByLabel('动态验证码');
  await expect(signedIn.or(code)).toBeVisible({ timeout: 15_000 });
  // Bureau users: the TOTP step, or (a new one) enrolment, after the password.
  if (await code.isVisible()) await secondFactor(page, email);
  await expect(signedIn).toBeVisible();
}

/** Types the TOTP code; a bureau user without TOTP yet enrols with the key the page shows and saves the recovery codes. */
export async function secondFactor(page: Page, email: string) {
  await hydrated(page);
  if (new URL(page.url()).pathname === '/login/enrol') {
    const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
    totpSecrets.set(email, secret);
    await page.getByLabel('动态验证码').fill(await freshTotp(email, secret));
    await page.getByRole('button', { name: '完成设置' }).click();
    await expect(page.getByRole('heading', { name: '保存您的恢复码' })).toBeVisible();
    await page.getByRole('link', { name: '我已保存，继续' }).click();
    return;
  }
  const secret = totpSecrets.get(email);
  if (!secret) throw new Error(`no TOTP secret known for ${email}`);
  await page.getByLabel('动态验证码').fill(await freshTotp(email, secret));
  await page.getByRole('main').getByRole('button', { name: '验证' }).click();
}

/** Signs in as the role's demo user, or just opens the home page for the visitor. */
export async function signInAs(page: Page, email: string | null) {
  if (email) return login(page, email, DEMO_PASSWORD);
  await page.goto('/');
  await hydrated(page);
}

/** The paths the main navigation links to for whoever is signed in. */
export async function navTargets(page: Page): Promise<string[]> {
  return page
    .getByRole('navigation', { name: '主导航' })
    .getByRole('link')
    .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
}

export async function logout(page: Page) {
  await page.getByRole('button', { name: '退出' }).click();
  await expect(page.getByRole('link', { name: '登录' }).first()).toBeVisible();
}

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A valid 统一社会信用代码 (GB 32100), unique enough for a test run. */
export function creditCode(region = '371502'): string {
  let body = `91${region}`;
  for (let i = 0; i < 9; i++) body += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  const sum = [...body].reduce((s, c, i) => s + ALPHABET.indexOf(c) * WEIGHTS[i]!, 0);
  return body + ALPHABET[(31 - (sum % 31)) % 31];
}
