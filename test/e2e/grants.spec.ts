import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { simplePdf } from '#db/seed/pdf.ts';
import { DEMO_PASSWORD, hydrated, login, logout } from './helpers.ts';

const UNIVERSITY = '聊城大学';

/**
 * A second bureau user, created the way operators do (the CLI), against the
 * database of the running e2e server: `npm start` shares its services through
 * DATA_DIR/runtime.json, which the CLI picks up.
 */
function createBureauUser(email: string, password: string) {
  execFileSync('node_modules/.bin/tsx', ['scripts/cli.ts', 'user:create', '--role', 'bureau', '--roles', 'payer', '--email', email, '--password', password, '--name', '复核付款员'], {
    env: { ...process.env, DATA_DIR: process.env.E2E_DATA_DIR ?? '.data/e2e', DATABASE_URL: '', MEILI_URL: '' },
    stdio: 'pipe',
    timeout: 60_000,
  });
}

async function reloadUntil(page: Page, check: () => Promise<boolean>, timeout = 90_000) {
  await expect
    .poll(
      async () => {
        await page.reload();
        return check();
      },
      { timeout, intervals: [1_000, 2_000, 3_000] },
    )
    .toBe(true);
}

test('a registered contract yields a grant; the university applies, the bureau approves over budget, and a second bureau user pays it', async ({ page }) => {
  test.setTimeout(240_000);
  const stamp = Date.now().toString(36);
  const title = `补助端到端测试${stamp}技术开发合同`;
  const year = new Date().getUTCFullYear();

  // The university drafts a development contract as the seller and confirms it.
  await login(page, 'university@demo.lc.test', DEMO_PASSWORD);
  await page.goto('/contracts/new');
  await hydrated(page);
  await page.getByRole('textbox', { name: /^合同名称/ }).fill(title);
  await page.getByRole('combobox', { name: /^买方/ }).fill('临清博承精密轴承有限公司');
  await expect(page.locator('input[name=buyerOrgId]')).toHaveValue(/.+/);
  await page.getByRole('textbox', { name: /^合同成交额/ }).fill('1000000');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByTestId('contract-status')).toHaveText('草稿');
  const contractUrl = page.url();
  await page.getByRole('button', { name: '确认合同' }).click();
  await expect(page.getByRole('status')).toBeVisible();
  await logout(page);

  // The buyer confirms and submits it for registration.
  await login(page, 'enterprise@demo.lc.test', DEMO_PASSWORD);
  await page.goto(contractUrl);
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

  // The bureau registers it from its queue.
  await login(page, 'bureau@demo.lc.test', DEMO_PASSWORD);
  await page.goto('/bureau/contracts');
  await page.getByRole('link', { name: title }).click();
  await hydrated(page);
  await page.getByRole('button', { name: '认定登记' }).click();
  await expect(page.getByTestId('contract-status')).toHaveText('已登记');
  const registrationNo = /登记号 (\d{16})/.exec((await page.getByText(/登记号 \d{16}/).textContent()) ?? '')![1]!;

  // A job computes the grant within seconds: the queue shows the university's A1 grant for the year.
  await page.goto(`/bureau/grants?year=${year}&clause=A1`);
  await hydrated(page);
  const row = page.getByTestId('grant-row').filter({ hasText: UNIVERSITY });
  await reloadUntil(page, async () => (await row.count()) === 1);
  await expect(row.getByText('已计算')).toBeVisible();

  // A small budget for the year, so the approval below has to be acknowledged.
  await page.getByRole('textbox', { name: new RegExp(`^${year} 年度预算`) }).fill('1000');
  await page.getByRole('button', { name: '保存预算' }).click();
  await expect(page.getByRole('status').filter({ hasText: '预算已保存' })).toBeVisible();
  await expect(page.getByTestId('budget')).toContainText('¥1,000.00');
  await expect(page.getByRole('link', { name: `导出 ${year} 年度 CSV` })).toHaveAttribute('href', `/api/v1/grants/export?year=${year}&format=csv`);

  await row.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('技术开发、技术转让合同成交额补助');
  const grantUrl = page.url();
  // The contract counts once its registration reaches the figure (another job may still be running).
  await reloadUntil(page, async () => (await page.getByRole('link', { name: registrationNo }).count()) === 1);
  await expect(page.getByTestId('grant-status')).toHaveText('已计算');
  // The policy is named as people name it, not by its id.
  await expect(page.getByTestId('grant-policy')).toHaveText(/聊政字〔2020〕15号/);
  await expect(page.getByTestId('grant-explanation')).toContainText(`受补助方 ${UNIVERSITY}`);
  // Nothing to review before the recipient applies, and the page says so.
  await expect(page.getByRole('button', { name: '核准' })).toHaveCount(0);
  await expect(page.getByText('等待受补助单位核对金额并提交申请')).toBeVisible();
  await logout(page);

  // The university finds it under 我的补助 and applies with its bank account.
  await login(page, 'university@demo.lc.test', DEMO_PASSWORD);
  await page.getByRole('link', { name: '我的补助' }).click();
  await expect(page.getByRole('heading', { name: `${year} 年度` })).toBeVisible();
  await page.goto(grantUrl);
  await hydrated(page);
  await page.getByRole('textbox', { name: /^银行账号/ }).fill('12');
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page.getByText('请填写 8–34 位数字的银行账号').first()).toBeVisible();
  await page.getByRole('textbox', { name: /^银行账号/ }).fill('6222 0216 0001 2345 678');
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page.getByTestId('grant-status')).toHaveText('待审核');
  await logout(page);

  // The bureau approves it with a reason; over the budget it must acknowledge first.
  await login(page, 'bureau@demo.lc.test', DEMO_PASSWORD);
  await page.goto(grantUrl);
  await hydrated(page);
  const computed = (await page.getByTestId('grant-amount').textContent())!;
  await expect(page.getByRole('textbox', { name: /^核定金额/ })).toHaveValue(computed.replace(/[¥,]/g, ''));
  await page.getByRole('textbox', { name: /^审核意见/ }).fill('材料齐全，按计算金额核定');
  await page.getByRole('button', { name: '核准' }).click();
  await expect(page.getByRole('alert')).toContainText(`将超出 ${year} 年度预算`);
  await page.getByRole('checkbox', { name: '超出预算仍核准' }).check();
  await page.getByRole('button', { name: '核准' }).click();
  await expect(page.getByTestId('grant-status')).toHaveText('已核准');
  await expect(page.getByTestId('grant-approved')).toHaveText(computed);

  // Four eyes: the approver cannot also pay.
  await page.getByRole('textbox', { name: /^支付凭证号/ }).fill(`PAY-E2E-${stamp}`);
  await page.getByRole('button', { name: '确认支付' }).click();
  await expect(page.getByRole('alert')).toContainText('审批人与付款人不能是同一人');
  await expect(page.getByTestId('grant-status')).toHaveText('已核准');
  await page.goto(`/bureau/grants?year=${year}`);
  await expect(page.getByTestId('budget-warning')).toBeVisible();
  await logout(page);

  // A second bureau user pays it.
  const payer = `bureau2-${stamp}@demo.lc.test`;
  const payerPassword = 'Payer-2026-lc!';
  createBureauUser(payer, payerPassword);
  await login(page, payer, payerPassword);
  await page.goto(grantUrl);
  await hydrated(page);
  await page.getByRole('textbox', { name: /^支付凭证号/ }).fill(`PAY-E2E-${stamp}`);
  await page.getByRole('button', { name: '确认支付' }).click();
  await expect(page.getByTestId('grant-status')).toHaveText('已支付');
  await logout(page);

  // The university sees it paid, with the history of every step.
  await login(page, 'university@demo.lc.test', DEMO_PASSWORD);
  await page.goto(grantUrl);
  await expect(page.getByTestId('grant-status')).toHaveText('已支付');
  await expect(page.getByText(`PAY-E2E-${stamp}`).first()).toBeVisible();
  const history = page.getByRole('region', { name: '办理记录' });
  for (const step of ['提交申请', '核准', '支付']) await expect(history.getByText(step, { exact: false }).first()).toBeVisible();
});
