import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, hydrated, login } from './helpers.ts';

test('the bureau administrator reads the audit log, filters it by action and date, unfolds a change and exports the rows', async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, 'admin@demo.lc.test', DEMO_PASSWORD);
  await page.goto('/');
  await hydrated(page);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '审计日志' }).click();
  await expect(page.getByRole('heading', { name: '审计日志', level: 1 })).toBeVisible();
  await expect(page.locator('table.audit-table tbody tr').first()).toBeVisible();

  // The administrator's own sign-in is in the log: filter by that action and by today.
  await page.getByLabel('操作', { exact: true }).selectOption('auth.login');
  await page.getByLabel('操作人').fill('admin@demo');
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(page).toHaveURL(/action=auth\.login/);
  const rows = page.locator('table.audit-table tbody tr');
  await expect(rows.first()).toContainText('admin@demo.lc.test');
  for (const text of await rows.locator('td[data-label="操作"]').allInnerTexts()) expect(text).toBe('auth.login');

  // A wrong date range: a message by the field, no rows.
  await page.getByLabel('起始日期').fill('2026-02-01');
  await page.getByLabel('截止日期').fill('2026-01-01');
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(page.getByText('截止日期不能早于起始日期')).toBeVisible();

  // Any row with changes unfolds them.
  await page.goto('/bureau/audit');
  const folded = page.locator('table.audit-table details').first();
  await folded.locator('summary').click();
  await expect(folded.locator('.audit-diff li').first()).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: '导出 CSV' }).click();
  expect((await download).suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
});
