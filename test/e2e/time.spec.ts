import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, login } from './helpers.ts';

/** Beijing time has no daylight saving: UTC + 8 h, shown as "YYYY-MM-DD HH:MM". */
const beijing = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** Every <time> with a time of day on the page shows the city's time, with its date. */
async function timesInBeijing(page: Page): Promise<number> {
  const times = await page.locator('main time[datetime*="T"]').evaluateAll((els) => els.map((e) => ({ iso: e.getAttribute('datetime')!, text: e.textContent!.trim() })));
  for (const t of times) expect(t.text, t.iso).toBe(beijing(t.iso));
  return times.length;
}

test('times are shown in Beijing time with their date, not in UTC', async ({ page }) => {
  await login(page, 'enterprise@demo.lc.test', DEMO_PASSWORD);
  let seen = 0;
  await page.goto('/conversations');
  seen += await timesInBeijing(page);
  const first = page.locator('main a[href^="/conversations/"]').first();
  await first.click();
  await expect(page).toHaveURL(/\/conversations\/[0-9a-f-]{36}/);
  seen += await timesInBeijing(page);
  await page.goto('/notifications');
  seen += await timesInBeijing(page);
  expect(seen).toBeGreaterThan(3);
  console.info(`[time] ${seen} times checked on the conversation list, a conversation and the notifications`);
});
