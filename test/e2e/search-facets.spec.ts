import { expect, test } from '@playwright/test';
import { hydrated } from './helpers.ts';

test('two 技术领域 can be ticked together; the filters show as chips, each removable by keyboard', async ({ page }) => {
  await page.goto('/search');
  await hydrated(page);
  const facets = page.getByRole('complementary', { name: '筛选' });
  const materials = facets.getByRole('checkbox', { name: /^新材料/ });
  const electronics = facets.getByRole('checkbox', { name: /^电子信息/ });
  await materials.check();
  await expect(page).toHaveURL(/field=new_materials/);
  // The other values of the group stay, with counts as if the group were unfiltered.
  await expect(electronics).toBeVisible();
  await expect(electronics).toHaveAccessibleName(/^电子信息 [1-9]/);
  await electronics.check();
  await expect(page).toHaveURL(/field=new_materials.*field=electronic_information|field=electronic_information.*field=new_materials/);
  await expect(materials).toBeChecked();

  const chips = page.getByRole('group', { name: '已选条件' });
  const materialsChip = chips.getByRole('link', { name: '移除筛选条件：技术领域：新材料' });
  await expect(materialsChip).toBeVisible();
  await expect(chips.getByRole('link', { name: '移除筛选条件：技术领域：电子信息' })).toBeVisible();
  const total = await page.getByText(/共找到 .* 项成果/).textContent();

  // A new query keeps the filters, and the chips say so.
  await page.getByLabel('检索词').fill('系统');
  await expect(page).toHaveURL(/q=%E7%B3%BB%E7%BB%9F/);
  await expect(page).toHaveURL(/field=new_materials/);
  await expect(materialsChip).toBeVisible();
  expect(await page.getByText(/共找到 .* 项成果/).textContent()).not.toBe(total);

  // Enter on the chip removes that one filter, and its checkbox follows.
  await materialsChip.focus();
  await page.keyboard.press('Enter');
  await expect(page).not.toHaveURL(/field=new_materials/);
  await expect(page).toHaveURL(/field=electronic_information/);
  await expect(materials).not.toBeChecked();
  await expect(electronics).toBeChecked();
  await expect(materialsChip).toHaveCount(0);
});

test('a search that finds nothing never suggests one that finds nothing', async ({ page }) => {
  await page.goto(`/search?q=${encodeURIComponent('piano sonata')}`);
  await hydrated(page);
  const empty = page.getByTestId('search-empty');
  await expect(empty).toBeVisible();
  await expect(empty).not.toContainText('英文');
  await expect(empty).toContainText('换一个更短或更通用的词');

  // Filtered away: the suggestion is a link to a search that does find listings.
  await page.goto(`/search?q=${encodeURIComponent('锂离子电池正极')}&field=agriculture&ipType=plant_variety`);
  await expect(empty).toBeVisible();
  const suggestion = empty.getByRole('link').first();
  await expect(suggestion).toBeVisible();
  await suggestion.click();
  await expect(page.locator('.hit').first()).toBeVisible();
});

/** A valid patent number (check character computed as CNIPA does). */
function patentNo(digits: string): string {
  const w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
  const r = [...digits].reduce((s, d, i) => s + Number(d) * w[i]!, 0) % 11;
  return `ZL${digits}.${r === 10 ? 'X' : r}`;
}

test('a patent number is an exact lookup: the listing with it, or a clear empty state, never unrelated hits', async ({ page }) => {
  // The demo data lists ZL201711091867.2; CNIPA displays it as 2017.1.1091867.2.
  for (const form of ['2017.1.1091867.2', '2017 1 1091867.2']) {
    await page.goto(`/search?q=${encodeURIComponent(form)}`);
    await expect(page.locator('.hit')).toHaveCount(1);
    await expect(page.locator('.hit .meta')).toContainText('ZL201711091867.2');
  }
  const unlisted = patentNo('201910000001');
  await page.goto(`/search?q=${encodeURIComponent(unlisted.slice(2))}`);
  await expect(page.getByRole('heading', { name: `没有专利号为 ${unlisted} 的成果` })).toBeVisible();
  await expect(page.locator('.hit')).toHaveCount(0);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test('the facets fold behind 筛选, so the first result is near the top', async ({ page }) => {
    await page.goto('/search');
    await hydrated(page);
    const toggle = page.getByText('筛选', { exact: true });
    await expect(toggle).toBeVisible();
    const materials = page.getByRole('checkbox', { name: /^新材料/ });
    await expect(materials).toBeHidden();
    const first = page.locator('.hit').first();
    await expect(first).toBeVisible();
    const box = await first.boundingBox();
    expect(box!.y).toBeLessThan(740 / 2);
    await toggle.click();
    await expect(materials).toBeVisible();
    await materials.check();
    await expect(page).toHaveURL(/field=new_materials/);
    await expect(page.getByText(/筛选（已选 1 项）/)).toBeVisible();
  });
});
