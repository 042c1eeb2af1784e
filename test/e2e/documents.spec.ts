import { expect, test } from '@playwright/test';
import { simplePdf } from '#db/seed/pdf.ts';
import { DEMO_PASSWORD, hydrated, login, logout } from './helpers.ts';

test('the university uploads a brochure on its result, a visitor sees it on the public page; the registrar sees the signed PDF link', async ({ page, request }) => {
  await login(page, 'university@demo.lc.test', DEMO_PASSWORD);
  await page.goto(`/search?institution=${encodeURIComponent('聊城大学')}`);
  await hydrated(page);
  await page.locator('.hit h2 a').first().click();
  await page.waitForURL(/\/r\/[0-9a-f-]{36}$/);
  const resultUrl = page.url();
  await page.getByRole('link', { name: '编辑', exact: true }).click();
  await hydrated(page);

  // A renamed executable is refused with a message, and nothing is listed.
  const brochureForm = page.locator('form', { has: page.locator('input[name=purpose][value=brochure]') });
  await brochureForm.locator('input[type=file]').setInputFiles({ name: 'brochure.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]) });
  await brochureForm.getByRole('button', { name: '上传' }).click();
  await expect(page.getByTestId('document-error')).toContainText('文件类型不符');

  await brochureForm.locator('input[type=file]').setInputFiles({ name: '成果宣传册.pdf', mimeType: 'application/pdf', buffer: simplePdf(['Brochure of a demo result']) });
  await brochureForm.getByRole('button', { name: '上传' }).click();
  await expect(page.getByRole('status')).toHaveText('文件已上传');
  await expect(page.getByTestId('brochure-list')).toContainText('成果宣传册.pdf');
  await logout(page);

  // Anyone sees it on the published listing, and the file comes with its type, as an attachment.
  await page.goto(resultUrl);
  const link = page.getByTestId('result-brochure').getByRole('link', { name: '成果宣传册.pdf' });
  await expect(link).toBeVisible();
  const file = await request.get((await link.getAttribute('href'))!);
  expect(file.status()).toBe(200);
  expect(file.headers()['content-type']).toBe('application/pdf');
  expect(file.headers()['content-disposition']).toMatch(/^attachment;/);
  // helmet sets it for every response as well, so it may arrive twice; the first value is the one read.
  expect(file.headers()['x-content-type-options']!.split(',')[0]!.trim()).toBe('nosniff');
  expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // The registrar opens a contract waiting for registration: its signed text is linked there.
  await login(page, 'bureau@demo.lc.test', DEMO_PASSWORD);
  await page.goto('/bureau/contracts?status=submitted');
  await page.getByRole('main').locator('a[href^="/contracts/"]').first().click();
  await expect(page.getByTestId('contract-status')).toHaveText('待登记');
  const signed = page.getByTestId('signed-contract').getByRole('link');
  await expect(signed).toHaveText(/签署版）\.pdf$/);
  const pdf = await page.request.get((await signed.getAttribute('href'))!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
});
