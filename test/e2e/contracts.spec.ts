import { expect, test } from '@playwright/test';
import { simplePdf } from '#db/seed/pdf.ts';
import { DEMO_PASSWORD, hydrated, login, logout } from './helpers.ts';

test('an enterprise drafts a transfer from a result page; both sides confirm; the registrar registers it; the buyer pays through Stripe Checkout', async ({ page }) => {
  // Four sign-ins, an upload and a checkout: past the default minute on a loaded machine.
  test.slow();
  // A published result held by the demo university.
  await login(page, 'enterprise@demo.lc.test', DEMO_PASSWORD);
  // A result held by the demo university, so its demo account can confirm as the seller.
  await page.goto(`/search?institution=${encodeURIComponent('聊城大学')}`);
  await hydrated(page);
  const first = page.locator('.hit h2 a').first();
  await expect(first).toBeVisible({ timeout: 10_000 });
  await first.click();
  await page.getByRole('link', { name: '起草技术合同' }).click();
  await hydrated(page);
  await page.getByRole('textbox', { name: /^合同成交额/ }).fill('860000');
  await page.getByRole('textbox', { name: /^技术交易额/ }).fill('800000');
  // The broker picker suggests as one types; the exact name is what a person ends up with.
  await page.getByRole('combobox', { name: /^技术转移服务机构/ }).fill('聊城市技术转移服务中心');
  await expect(page.locator('input[name=brokerOrgId]')).toHaveValue(/.+/);
  await page.getByRole('textbox', { name: /^佣金比例/ }).fill('3');
  await page.getByRole('textbox', { name: /^分期付款/ }).fill('2025-06-30 300000\n2025-12-31 560000');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByTestId('contract-status')).toHaveText('草稿');
  const url = page.url();
  await page.getByRole('button', { name: '确认合同' }).click();
  await expect(page.getByRole('status')).toBeVisible();
  await expect(page.locator('dl.facts dd').first()).toHaveText('聊城大学');
  await logout(page);

  // The seller confirms and submits.
  await login(page, 'university@demo.lc.test', DEMO_PASSWORD);
  await page.goto(url);
  await hydrated(page);
  await page.getByRole('button', { name: '确认合同' }).click();
  // Registration needs the signed contract text: a party uploads it (test/e2e/documents.spec.ts covers the rest).
  await expect(page.getByRole('button', { name: '提交登记' })).toBeVisible();
  await page.locator('input[type=file][name=file]').setInputFiles({ name: '合同签署版.pdf', mimeType: 'application/pdf', buffer: simplePdf(['Signed technology contract']) });
  await page.getByRole('button', { name: '上传' }).click();
  await expect(page.getByTestId('signed-contract')).toContainText('合同签署版.pdf');
  await page.getByRole('button', { name: '提交登记' }).click();
  await expect(page.getByTestId('contract-status')).toHaveText('待登记');
  await logout(page);

  await login(page, 'bureau@demo.lc.test', DEMO_PASSWORD);
  await page.goto('/bureau/contracts');
  await page.getByRole('link', { name: /技术转让合同/ }).first().click();
  await hydrated(page);
  await page.getByRole('button', { name: '认定登记' }).click();
  await expect(page.getByTestId('contract-status')).toHaveText('已登记');
  await expect(page.getByText(/登记号 \d{16}/)).toBeVisible();
  await logout(page);

  // The buyer pays the first instalment through (the local stand-in for) Stripe Checkout.
  await login(page, 'enterprise@demo.lc.test', DEMO_PASSWORD);
  await page.goto(url);
  await hydrated(page);
  await expect(page.getByTestId('outstanding')).toHaveText('¥860,000.00');
  await page.getByTestId('instalment-1').getByRole('button', { name: '在线支付（Stripe）' }).click();
  await expect(page.getByText('¥300000.00')).toBeVisible();
  await page.getByRole('button', { name: '支付 Pay' }).click();
  await expect(page).toHaveURL(/payment=success/);
  // The webhook is stored and a job applies it: the page shows it after a refresh.
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.getByTestId('instalment-1').locator('.badge').textContent();
      },
      { timeout: 15_000 },
    )
    .toBe('已付');
  await expect(page.getByTestId('outstanding')).toHaveText('¥560,000.00');
  // 3% of 860,000 = 25,800; 300,000 of 860,000 paid makes 9,000.00 of it due.
  await expect(page.getByText('其中已到期 ¥9,000.00')).toBeVisible();
});

test('a university drafts a transfer of its own result: from 技术合同 with the result picker, and from the result page', async ({ page }) => {
  await login(page, 'university@demo.lc.test', DEMO_PASSWORD);
  // 技术合同 → 起草技术合同: the seller is the university; the picker lists the results it holds.
  await page.goto('/contracts');
  await hydrated(page);
  await page.getByRole('main').getByRole('link', { name: '起草技术合同' }).click();
  await hydrated(page);
  await page.getByRole('combobox', { name: /^合同类型/ }).selectOption('transfer');
  await page.getByRole('combobox', { name: /^买方/ }).fill('临清博承精密轴承有限公司');
  const picker = page.getByRole('combobox', { name: /^转让的成果/ });
  await picker.focus();
  const options = page.locator('#f-resultId-list option');
  await expect(options.first()).toHaveAttribute('value', /.+/);
  const title = (await options.first().getAttribute('value'))!;
  // Typing part of the title narrows the suggestions to it; the whole title chooses it.
  await picker.fill(title.slice(0, 4));
  await expect(options.first()).toHaveAttribute('value', new RegExp(title.slice(0, 4)));
  await picker.fill(title);
  await expect(page.locator('input[name=resultId]')).toHaveValue(/^[0-9a-f-]{36}$/);
  const resultId = await page.locator('input[name=resultId]').inputValue();
  await page.getByRole('textbox', { name: /^合同名称/ }).fill(`${title}技术转让合同`);
  await page.getByRole('textbox', { name: /^合同成交额/ }).fill('500000');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByTestId('contract-status')).toHaveText('草稿');
  await expect(page.getByRole('main')).toContainText(title);

  // A title the seller does not hold is refused on the field, and nothing is saved.
  await page.goto('/contracts/new');
  await hydrated(page);
  await page.getByRole('combobox', { name: /^合同类型/ }).selectOption('transfer');
  await page.getByRole('textbox', { name: /^合同名称/ }).fill('不存在的成果转让');
  await page.getByRole('combobox', { name: /^买方/ }).fill('临清博承精密轴承有限公司');
  await page.getByRole('combobox', { name: /^转让的成果/ }).fill('一项并不存在的成果名称');
  await page.getByRole('textbox', { name: /^合同成交额/ }).fill('500000');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByText('找不到该名称的成果（须为卖方持有的成果）').first()).toBeVisible();
  await expect(page).toHaveURL(/\/contracts\/new/);

  // On its own result's page the holder has 起草技术合同, with the result and seller filled in.
  await page.goto(`/r/${resultId}`);
  await hydrated(page);
  await page.getByTestId('result-draft-contract').click();
  await hydrated(page);
  await expect(page.getByRole('combobox', { name: /^转让的成果/ })).toHaveValue(title);
  await expect(page.getByRole('combobox', { name: /^卖方/ })).toHaveValue('聊城大学');
});
