import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, hydrated, login, logout } from './helpers.ts';

test('an enterprise asks about a university’s result; the university replies and invites an agency; a contract draft starts from the conversation', async ({ page }) => {
  // Any script a message smuggled in would open a dialog: there must be none.
  const dialogs: string[] = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });

  // The enterprise opens a conversation from the result page (a newly listed result of 聊城大学).
  await login(page, 'enterprise@demo.lc.test', DEMO_PASSWORD);
  await page.goto(`/search?institution=${encodeURIComponent('聊城大学')}&sort=newest`);
  await hydrated(page);
  const first = page.locator('.hit h2 a').first();
  await expect(first).toBeVisible({ timeout: 10_000 });
  const title = (await first.textContent())!.trim();
  await first.click();
  await page.getByRole('link', { name: '咨询/发起洽谈' }).click();
  await hydrated(page);
  await expect(page.getByRole('heading', { name: '发起洽谈' })).toBeVisible();
  const box = page.getByRole('textbox', { name: /^留言/ });
  await box.fill('您好，我公司想了解该成果的许可方式和费用。<img src=x onerror=alert(1)>');
  await expect(page.getByTestId('char-count')).toHaveText(/^\d+ \/ 4000 字$/);
  await page.getByRole('button', { name: '发送并发起洽谈' }).click();
  await expect(page).toHaveURL(/\/conversations\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('conversation-status')).toHaveText('待回复');
  // The markup is shown as the text it is.
  await expect(page.getByTestId('message').first()).toContainText('<img src=x onerror=alert(1)>');
  await expect(page.locator('.thread img')).toHaveCount(0);
  const url = page.url();
  await logout(page);

  // The university sees it in its notifications and its list, and replies.
  await login(page, 'university@demo.lc.test', DEMO_PASSWORD);
  await expect(page.getByTestId('bell').locator('.count-badge')).toBeVisible();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '洽谈' }).click();
  await hydrated(page);
  await page.getByTestId('conversation-row').getByRole('link', { name: title }).first().click();
  await expect(page).toHaveURL(url);
  await hydrated(page);
  await page.getByRole('textbox', { name: /^回复/ }).fill('感谢关注！该成果已完成中试，欢迎来校实地交流。\n许可费用可以面议。');
  await page.getByRole('button', { name: '发送', exact: true }).click();
  await expect(page.getByTestId('conversation-status')).toHaveText('洽谈中');
  await expect(page.getByTestId('message')).toHaveCount(2);

  // …and invites the demo agency.
  await page.getByLabel('邀请技术转移服务机构').selectOption({ label: '聊城市技术转移服务中心' });
  await page.getByRole('button', { name: '邀请', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('已邀请技术转移服务机构参与洽谈。');
  await expect(page.locator('.participants')).toContainText('聊城市技术转移服务中心 · 服务机构');
  await logout(page);

  // The agency has joined: it reads the thread and starts the contract draft from it.
  await login(page, 'agency@demo.lc.test', DEMO_PASSWORD);
  await page.goto(url);
  await hydrated(page);
  await expect(page.getByTestId('message')).toHaveCount(2);
  await page.getByRole('textbox', { name: /^回复/ }).fill('我中心可协助双方完成技术评估和合同起草。');
  await page.getByRole('button', { name: '发送', exact: true }).click();
  await expect(page.getByTestId('message')).toHaveCount(3);
  await page.getByRole('button', { name: '起草技术合同' }).click();

  // The wizard opens prefilled from the conversation.
  await expect(page).toHaveURL(/\/contracts\/new\?conversationId=/);
  await hydrated(page);
  // The result picker holds the conversation's result; the organisation pickers are prefilled with the conversation's sides and its agency, names and ids.
  await expect(page.getByRole('combobox', { name: /^转让的成果/ })).toHaveValue(title);
  await expect(page.getByRole('combobox', { name: /^卖方/ })).toHaveValue('聊城大学');
  await expect(page.getByRole('combobox', { name: /^买方/ })).toHaveValue('临清博承精密轴承有限公司');
  await expect(page.getByRole('combobox', { name: /^技术转移服务机构/ })).toHaveValue('聊城市技术转移服务中心');
  for (const field of ['resultId', 'sellerOrgId', 'buyerOrgId', 'brokerOrgId']) await expect(page.locator(`input[name=${field}]`)).toHaveValue(/^[0-9a-f-]{36}$/);
  await page.getByRole('textbox', { name: /^合同成交额/ }).fill('500000');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByTestId('contract-status')).toHaveText('草稿');

  // The conversation now points at its contract.
  await page.goto(url);
  await expect(page.getByTestId('conversation-status')).toHaveText('已起草合同');
  await page.getByRole('link', { name: '查看技术合同' }).click();
  await expect(page.getByTestId('contract-status')).toHaveText('草稿');
  expect(dialogs).toEqual([]);
});
