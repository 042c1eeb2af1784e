import { expect, type Page } from '@playwright/test';
import { DEMO_USERS } from '#db/seed/organizations.ts';

export const DEMO_PASSWORD = 'Demo-2026-lc!';

/** The visitor and every demo user: the roles whose navigation the crawls walk. */
export const ROLES: readonly { label: string; email: string | null }[] = [{ label: 'visitor', email: null }, ...DEMO_USERS];

/** Waits until Remix has hydrated, so clicks go through the client router. */
export async function hydrated(page: Page) {
  await page.waitForFunction(() => 'undefined' !== typeof (window as unknown as { __remixRouter?: unknown }).__remixRouter);
}

export async function login(page: Page, email: string, password: string) {
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('main').getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('button', { name: '退出' })).toBeVisible();
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
