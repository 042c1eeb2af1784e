import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, hydrated, login } from './helpers.ts';

/** The bureau's market dashboard over the demo contracts, and the public statistics page logged out. */
test('the bureau opens the dashboard and the figures follow the year and the county', async ({ page }, testInfo) => {
  await login(page, 'bureau@demo.lc.test', DEMO_PASSWORD);
  await page.getByRole('link', { name: '统计', exact: true }).click();
  await expect(page).toHaveURL(/\/bureau\/dashboard/);
  await hydrated(page);
  await expect(page.getByRole('heading', { name: '技术市场统计' })).toBeVisible();
  // ECharts draws on the client: an SVG appears in the month chart.
  await expect(page.getByTestId('chart-month').locator('svg')).toBeVisible();

  const amount = page.getByTestId('total-amount');
  // The demo contracts are registered over the last years: pick the year with the most.
  const years = await page.locator('#f-year option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  const figures = new Map<string, string>();
  for (const y of years.slice(0, 4)) {
    await page.locator('#f-year').selectOption(y);
    await page.getByRole('button', { name: '查看' }).click();
    await expect(page).toHaveURL(new RegExp(`year=${y}`));
    figures.set(y, (await amount.innerText()).trim());
  }
  const busiest = [...figures].sort((a, b) => Number(b[1].replace(/,/g, '')) - Number(a[1].replace(/,/g, '')))[0]!;
  expect(new Set(figures.values()).size, JSON.stringify([...figures])).toBeGreaterThan(1);
  await page.locator('#f-year').selectOption(busiest[0]);
  await page.getByRole('button', { name: '查看' }).click();
  await expect(amount).toHaveText(busiest[1]);

  // A county: the figures change, and the URL keeps the filter.
  const counties = await page.locator('#f-county option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  let changed: string | null = null;
  for (const c of counties) {
    await page.locator('#f-county').selectOption(c);
    await page.getByRole('button', { name: '查看' }).click();
    await expect(page).toHaveURL(new RegExp(`county=${c}`));
    if ((await amount.innerText()).trim() !== busiest[1]) {
      changed = c;
      break;
    }
  }
  expect(changed, 'some county differs from the whole city').not.toBeNull();
  await expect(page.getByTestId('chart-month').locator('svg')).toBeVisible();
  await page.screenshot({ fullPage: true, path: testInfo.outputPath('dashboard.png') });
  await testInfo.attach('dashboard', { path: testInfo.outputPath('dashboard.png'), contentType: 'image/png' });

  // A malformed year is refused with a message, nothing computed.
  const bad = await page.goto('/bureau/dashboard?year=20x4');
  expect(bad?.status()).toBe(400);
  await expect(page.getByRole('alert')).toContainText('年份');
});

test('the public statistics page, logged out, cacheable', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.getByRole('contentinfo').getByRole('link', { name: '技术市场统计' }).click();
  await expect(page).toHaveURL(/\/stats$/);
  await expect(page.getByRole('heading', { name: '技术市场统计' })).toBeVisible();
  await expect(page.getByTestId('listed-results')).toHaveText(/^\d+$/);
  await expect(page.getByText('公开规则')).toBeVisible();
  await page.screenshot({ fullPage: true, path: testInfo.outputPath('stats.png') });
  await testInfo.attach('stats', { path: testInfo.outputPath('stats.png'), contentType: 'image/png' });

  const first = await page.request.get('/stats');
  expect(first.status()).toBe(200);
  expect(first.headers()['cache-control']).toBe('public, max-age=300');
  const etag = first.headers()['etag']!;
  expect(etag).toBeTruthy();
  const again = await page.request.get('/stats', { headers: { 'If-None-Match': etag } });
  expect(again.status()).toBe(304);
  expect(await again.body()).toHaveLength(0);
});

test('the dashboard fits a phone without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await login(page, 'bureau@demo.lc.test', DEMO_PASSWORD);
  await page.goto('/bureau/dashboard');
  await hydrated(page);
  await expect(page.getByTestId('chart-month').locator('svg')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
