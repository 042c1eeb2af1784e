import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, hydrated, login, logout } from './helpers.ts';

function patentNo(): string {
  const digits = `20221${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
  const r = [...digits].reduce((s, d, i) => s + Number(d) * w[i]!, 0) % 11;
  return `ZL${digits}.${r === 10 ? 'X' : r}`;
}

test('a university publishes a patent; an enterprise finds it by a 2-character sub-word, filters by field and opens it', async ({ page }) => {
  const stamp = Date.now().toString(36).slice(-4);
  const title = `一种秸秆纤维素基可降解地膜${stamp}的制备方法`;
  const no = patentNo();

  await login(page, 'university@demo.lc.test', DEMO_PASSWORD);
  await page.goto('/results/new');
  await hydrated(page);
  await page.getByRole('combobox', { name: /^类型/ }).selectOption('patent');
  await page.getByRole('textbox', { name: /^标题/ }).fill(title);
  await page.getByRole('textbox', { name: /^成果简介/ }).fill('以玉米秸秆纤维素为原料，经改性与共混吹膜制成可完全生物降解的农用地膜，田间试验降解周期可控，替代聚乙烯地膜减少白色污染。');
  await page.getByRole('combobox', { name: /^技术领域/ }).selectOption('agriculture');
  await page.getByRole('combobox', { name: /^知识产权类型/ }).selectOption('invention_patent');
  await page.getByRole('textbox', { name: /^专利号/ }).fill(no);
  await page.getByRole('checkbox', { name: '转让', exact: true }).check();
  await page.getByRole('textbox', { name: /^转让价格/ }).fill('680000');
  await page.getByRole('combobox', { name: /^成熟度/ }).selectOption('pilot');
  await page.getByRole('textbox', { name: /^关键词/ }).fill('可降解地膜，秸秆，纤维素');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('result-status')).toHaveText('草稿');
  await page.getByRole('button', { name: '发布' }).click();
  await expect(page.getByTestId('result-status')).toHaveText('已发布');
  await logout(page);

  await login(page, 'enterprise@demo.lc.test', DEMO_PASSWORD);
  await page.goto('/search');
  await hydrated(page);
  await page.getByLabel('检索词').fill('地膜');
  const hit = page.getByRole('link', { name: title });
  // The page searched as soon as the words were typed; if that was before the sync job had
  // run (it takes well under 2 s, but this machine may be busy), searching again finds it.
  await expect(async () => {
    if (!(await hit.isVisible())) await page.getByRole('button', { name: '检索', exact: true }).click();
    await expect(hit).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  await expect(page).toHaveURL(/q=%E5%9C%B0%E8%86%9C/);
  await page.getByRole('checkbox', { name: /农业高新技术/ }).check();
  await expect(page).toHaveURL(/field=agriculture/);
  await expect(hit).toBeVisible();
  await hit.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByText(no)).toBeVisible();
});
