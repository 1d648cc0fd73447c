import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { buildDocx } from '../../src/modules/print/test-docx.js';

// The company's own contract template: uploaded on its page (a wrong placeholder is named next to
// the file), chosen when creating a document from a deal, previewed (LibreOffice converts it in a
// server job while the page waits) and read back from the PDF with pdftotext.
const hasSoffice = (() => {
  try {
    execFileSync('which', ['soffice']);
    return true;
  } catch {
    return false;
  }
})();

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

test.skip(!hasSoffice, 'skipped: soffice (LibreOffice) is not installed');
test('a seller uploads a contract template and makes a contract from a deal with it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  await page.goto('/sign-up');
  await page.getByLabel('Имя и фамилия').fill('Анна Петрова');
  await page.getByLabel('Эл. почта').fill(`templates.${stamp}@example.ru`);
  await page.getByRole('textbox', { name: 'Пароль', exact: true }).fill('correct-horse-battery');
  await page.getByLabel('Название компании').fill('ООО «Ромашка»');
  await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
  await expect(page.getByRole('heading', { name: 'Здравствуйте, Анна Петрова!' })).toBeVisible();

  const session = await (await page.request.get('/api/v1/auth/session')).json();
  const headers = { 'x-csrf-token': session.csrfToken as string };
  const post = async (url: string, data: unknown) =>
    (await page.request.post(url, { headers, data })).json();
  await post('/api/v1/legal-entities', {
    name: 'ООО «Ромашка»',
    inn: '7707083893',
    kpp: '773601001',
    bankAccounts: [
      {
        bankName: 'ПАО Сбербанк',
        bik: '044525225',
        corrAccount: '30101810400000000225',
        settlementAccount: '40702810438000060473',
      },
    ],
  });
  const company = await post('/api/v1/companies', { name: 'Лютик', legalForm: 'ООО' });
  const deal = await post('/api/v1/deals', {
    title: 'Поставка',
    amount: 1_450_000,
    companyId: company.id,
  });

  // The templates page, from our company's settings.
  await page.getByRole('link', { name: 'Наша компания' }).click();
  await page.getByRole('link', { name: 'Шаблоны документов' }).click();
  await expect(page.getByRole('heading', { name: 'Шаблоны документов (DOCX)' })).toBeVisible();
  await expect(page.getByText('Справочник полей')).toBeVisible();
  await page.getByLabel('Название').fill('Наш договор');
  const fileInput = page.locator('input[type="file"]');
  await fileInput.setInputFiles({
    name: 'bad.docx',
    mimeType: DOCX,
    buffer: buildDocx(['Договор № {number}, паспорт {buyer.passport}']),
  });
  await page.getByRole('button', { name: 'Загрузить шаблон' }).click();
  await expect(page.getByText('Неизвестное поле «buyer.passport»')).toBeVisible();

  await fileInput.setInputFiles({
    name: 'contract.docx',
    mimeType: DOCX,
    buffer: buildDocx([
      'ДОГОВОР ПОСТАВКИ № {number} от {date}',
      'Поставщик: {seller.name}, ИНН {seller.inn}. Покупатель: {buyer.name}',
      '{#lines}',
      '{position}. {name} — {sum}',
      '{/lines}',
      'Цена договора: {total} ({totalInWords})',
    ]),
  });
  await page.getByRole('combobox', { name: 'Тип документа' }).click();
  await page.getByRole('option', { name: 'Договор' }).click();
  await page.getByRole('button', { name: 'Загрузить шаблон' }).click();
  await expect(page.getByRole('cell', { name: /^Наш договор/ })).toBeVisible();

  // A contract from the deal with the template.
  await page.goto(`/deals/${deal.id}`);
  await page.getByRole('button', { name: 'Создать документ' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: 'Тип' }).click();
  await page.getByRole('option', { name: 'Договор' }).click();
  await dialog.getByRole('combobox', { name: 'Шаблон' }).click();
  await page.getByRole('option', { name: 'Наш договор' }).click();
  await dialog.getByRole('button', { name: 'Создать черновик' }).click();
  await expect(page.getByRole('heading', { name: /Договор/ })).toBeVisible();
  const id = page.url().split('/').at(-1)!;
  // The preview waits for the conversion job, then shows the PDF.
  await expect(page.getByTitle('Предпросмотр документа')).toBeVisible({ timeout: 150_000 });

  const pdf = await page.request.get(`/api/v1/documents/${id}/pdf`);
  expect(pdf.status()).toBe(200);
  const text = execFileSync('pdftotext', ['-layout', '-', '-'], {
    input: await pdf.body(),
  }).toString();
  expect(text).toContain('ДОГОВОР ПОСТАВКИ');
  expect(text).toContain('Покупатель: ООО «Лютик»');
  expect(text).toContain('Четырнадцать тысяч пятьсот рублей 00 копеек');
  const docx = await page.request.get(`/api/v1/documents/${id}/docx`);
  expect(docx.status()).toBe(200);
});
