import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';

// From a deal to an invoice PDF, as a seller does it: our company's requisites on its page, the
// deal (its amount is the invoice's line until the catalog's line items are merged), «Создать
// документ» → preview → «Выставить» → the PDF, read back with pdftotext.
// Needs the print module (h/render) merged: before it, the preview and the PDF answer 503.
test('a seller issues an invoice from a deal and downloads its PDF', async ({ page }) => {
  const stamp = Date.now();
  await page.goto('/sign-up');
  await page.getByLabel('Имя и фамилия').fill('Анна Петрова');
  await page.getByLabel('Эл. почта').fill(`documents.${stamp}@example.ru`);
  await page.getByRole('textbox', { name: 'Пароль', exact: true }).fill('correct-horse-battery');
  await page.getByLabel('Название компании').fill('ООО «Ромашка»');
  await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
  await expect(page.getByRole('heading', { name: 'Здравствуйте, Анна Петрова!' })).toBeVisible();

  // Our company, through its settings page.
  await page.getByRole('link', { name: 'Наша компания' }).click();
  await page.getByRole('button', { name: 'Добавить юрлицо' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Полное наименование').fill('ООО «Ромашка»');
  await dialog.getByLabel('ИНН').fill('7707083893');
  await dialog.getByLabel('КПП').fill('773601001');
  await dialog.getByLabel('Банк', { exact: true }).fill('ПАО Сбербанк');
  await dialog.getByLabel('БИК').fill('044525225');
  await dialog.getByLabel('Корр. счёт').fill('30101810400000000225');
  // A wrong settlement account is named by the server on its input.
  await dialog.getByLabel('Расчётный счёт').fill('40702810938000060473');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(dialog.getByText(/control key/)).toBeVisible();
  await dialog.getByLabel('Расчётный счёт').fill('40702810438000060473');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'ООО «Ромашка»' })).toBeVisible();

  // The client and the deal through the API (the pages for them have their own tests).
  const session = await (await page.request.get('/api/v1/auth/session')).json();
  const headers = { 'x-csrf-token': session.csrfToken as string };
  const company = await (
    await page.request.post('/api/v1/companies', {
      headers,
      data: { name: 'Лютик', legalForm: 'ООО', inn: '7736207543' },
    })
  ).json();
  const deal = await (
    await page.request.post('/api/v1/deals', {
      headers,
      data: { title: 'Внедрение CRM', amount: 1_450_000, companyId: company.id },
    })
  ).json();

  await page.goto(`/deals/${deal.id}`);
  await page.getByRole('button', { name: 'Создать документ' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Создать черновик' }).click();
  await expect(page.getByRole('heading', { name: /Счёт на оплату/ })).toBeVisible();
  await expect(page.getByText('Черновик')).toBeVisible();
  const url = page.url();
  const id = url.split('/').at(-1)!;
  // The preview is the draft's PDF.
  const preview = await page.request.get(`/api/v1/documents/${id}/pdf`);
  expect(preview.status()).toBe(200);
  expect(preview.headers()['content-type']).toBe('application/pdf');

  await page.getByRole('button', { name: 'Выставить' }).click();
  await expect(page.getByRole('heading', { name: /Счёт на оплату № 1/ })).toBeVisible();
  await expect(page.getByText('Выставлен')).toBeVisible();
  const pdf = await page.request.get(`/api/v1/documents/${id}/pdf`);
  expect(pdf.status()).toBe(200);
  const text = execFileSync('pdftotext', ['-layout', '-', '-'], {
    input: await pdf.body(),
  }).toString();
  expect(text).toContain('№ 1');
  expect(text.replace(/\s/g, '')).toContain('14500,00');
  expect(text).toContain('Лютик');
});
