import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

const fixture = (name: string) => `src/modules/money/fixtures/${name}`;

// From a bank statement to a paid invoice, as an accountant does it: the statement (Windows-1251,
// as banks export it) uploaded on «Оплаты», sure matches applied at once, the amount-only one
// confirmed by hand in the review queue, and the invoices read «Оплачен».
test('an accountant uploads a bank statement and the invoices become paid', async ({ page }) => {
  const stamp = Date.now();
  await page.goto('/sign-up');
  await page.getByLabel('Имя и фамилия').fill('Ольга Счетова');
  await page.getByLabel('Эл. почта').fill(`payments.${stamp}@example.ru`);
  await page.getByRole('textbox', { name: 'Пароль', exact: true }).fill('correct-horse-battery');
  await page.getByLabel('Название компании').fill('ООО «Ромашка»');
  await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
  await expect(page.getByRole('heading', { name: 'Здравствуйте, Ольга Счетова!' })).toBeVisible();

  // Our entity, the clients and their issued invoices (numbered 1–5) through the API.
  const session = await (await page.request.get('/api/v1/auth/session')).json();
  const headers = { 'x-csrf-token': session.csrfToken as string };
  const post = async (url: string, data: unknown) => {
    const res = await page.request.post(url, { headers, data });
    expect(res.ok(), `${url}: ${await res.text()}`).toBe(true);
    return res.json();
  };
  const entity = await post('/api/v1/legal-entities', {
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
  const clients = [
    ['Вектор', '5003123458', '500301001', [3_490_000]],
    ['Лютик', '7736207543', undefined, [1_000_000]],
    ['Гамма', '7719876544', undefined, [555_555]],
    ['Дельта', '7728168971', '772801001', [700_000, 800_000]],
  ] as const;
  const invoices: string[] = [];
  for (const [name, inn, kpp, amounts] of clients) {
    const company = await post('/api/v1/companies', { name, inn, kpp });
    for (const amount of amounts) {
      const doc = await post('/api/v1/documents', {
        type: 'invoice',
        legalEntityId: entity.id,
        companyId: company.id,
        date: '2026-12-01',
        lines: [{ name: 'Услуги', quantity: '1', priceKopecks: amount, vatRate: null }],
      });
      await post(`/api/v1/documents/${doc.id}/status`, { status: 'issued' });
      invoices.push(doc.id);
    }
  }

  await page.getByRole('link', { name: 'Оплаты' }).click();
  await expect(page.getByRole('heading', { name: 'Оплаты' })).toBeVisible();
  await page.locator('input[type=file]').setInputFiles({
    name: 'kl_to_1c.txt',
    mimeType: 'text/plain',
    buffer: readFileSync(fixture('statement-cp1251.txt')),
  });
  await expect(page.getByRole('status').filter({ hasText: 'Разнесено' })).toContainText(
    'Разнесено: 2, ждут разбора: 3',
  );
  await page.screenshot({ path: 'test-results/payments-ru.png', fullPage: true });

  // The payment matched by the amount only waits for a person: apply it to the suggested invoice.
  const row = page.getByRole('row').filter({ hasText: 'ИП Соколов' });
  await expect(row.getByText('только по сумме')).toBeVisible();
  await row.getByRole('button', { name: 'Разнести' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'ИП Соколов' })).toHaveCount(0);

  for (const id of [invoices[0], invoices[1], invoices[2]]) {
    await page.goto(`/documents/${id}`);
    await expect(page.getByText('Оплачен')).toBeVisible();
  }
  await page.goto(`/documents/${invoices[3]}`);
  await expect(page.getByText('Выставлен')).toBeVisible();

  // The payments tab lists the three payments; the page in English for the screenshot.
  await page.goto('/payments');
  await page.getByRole('tab', { name: 'Платежи' }).click();
  await expect(page.getByText('п/п № 318')).toBeVisible();
  await page.evaluate(() => localStorage.setItem('voronka.lang', 'en'));
  await page.reload();
  await page.screenshot({ path: 'test-results/payments-en.png', fullPage: true });
});
