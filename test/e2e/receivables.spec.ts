import { expect, test } from '@playwright/test';

// Receivables as a finance head reads them: the aging chart and table on a fixed day, a click on
// an overdue amount opens its invoices, the export links; the client's card with balance, credit
// limit and the reconciliation act as PDF; a draft invoice past the limit warns before issue.
test('the receivables report drills down to invoices and the company card keeps the limit', async ({
  page,
}) => {
  const stamp = Date.now();
  await page.goto('/sign-up');
  await page.getByLabel('Имя и фамилия').fill('Ольга Счетова');
  await page.getByLabel('Эл. почта').fill(`receivables.${stamp}@example.ru`);
  await page.getByRole('textbox', { name: 'Пароль', exact: true }).fill('correct-horse-battery');
  await page.getByLabel('Название компании').fill('ООО «Ромашка»');
  await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
  await expect(page.getByRole('heading', { name: 'Здравствуйте, Ольга Счетова!' })).toBeVisible();

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
  });
  const invoice = async (companyId: string, amount: number, date: string, dueDate: string) => {
    const doc = await post('/api/v1/documents', {
      type: 'invoice',
      legalEntityId: entity.id,
      companyId,
      date,
      dueDate,
      lines: [{ name: 'Услуги', quantity: '1', priceKopecks: amount, vatRate: null }],
    });
    await post(`/api/v1/documents/${doc.id}/status`, { status: 'issued' });
    return doc.id as string;
  };
  const vector = await post('/api/v1/companies', { name: 'Вектор', inn: '5003123458' });
  const gamma = await post('/api/v1/companies', { name: 'Гамма', inn: '7719876544' });
  const late = await invoice(vector.id, 100_000, '2026-10-01', '2026-11-30');
  await invoice(vector.id, 50_000, '2026-12-01', '2027-01-15');
  await invoice(gamma.id, 300_000, '2026-08-01', '2026-08-31');
  await post('/api/v1/payments', {
    date: '2026-12-10',
    amountKopecks: 40_000,
    payerName: 'ООО «Вектор»',
    allocations: [{ invoiceId: late, amountKopecks: 40_000 }],
  });

  await page.getByRole('link', { name: 'Дебиторка', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Дебиторская задолженность' })).toBeVisible();
  await page.getByLabel('На дату').fill('2026-12-15');
  await expect(page.getByTestId('aging-chart')).toBeVisible();
  const gammaRow = page.getByTestId('aging-row').filter({ hasText: 'Гамма' });
  await expect(gammaRow).toContainText('3 000,00');
  await expect(page.getByTestId('aging-row').filter({ hasText: 'Итого' })).toContainText(
    '4 100,00',
  );
  await expect(page.getByRole('link', { name: 'Скачать XLSX' })).toHaveAttribute(
    'href',
    /\/api\/v1\/receivables\/export\?format=xlsx&asOf=2026-12-15/,
  );
  await page.screenshot({ path: 'test-results/receivables-ru.png', fullPage: true });

  // Вектор's overdue 600 ₽ (15 days) opens its one invoice.
  await page
    .getByTestId('aging-row')
    .filter({ hasText: 'Вектор' })
    .getByRole('button', { name: '600,00' })
    .click();
  await expect(page.getByRole('heading', { name: /Счета · 1–30 дней \(1\)/ })).toBeVisible();
  await expect(page.getByTestId('aging-invoice')).toHaveCount(1);
  await expect(page.getByTestId('aging-invoice')).toContainText('15');
  const csv = await page.request.get(
    (await page.getByRole('link', { name: 'Скачать CSV' }).getAttribute('href'))!,
  );
  expect(csv.ok()).toBe(true);
  expect(await csv.text()).toContain('Вектор;');

  // The client's card: balance, a credit limit set by hand, the act for the year.
  await page.getByTestId('aging-invoice').getByRole('link', { name: 'Вектор' }).click();
  const money = page.getByTestId('company-receivables');
  await expect(money).toContainText('1 100,00');
  await money.getByRole('button', { name: 'Изменить лимит' }).click();
  await money.getByLabel('Кредитный лимит, ₽ (пусто — без лимита)').fill('1200');
  await money.getByRole('button', { name: 'Сохранить' }).click();
  await expect(money).toContainText('осталось до лимита: 100,00');
  await money.getByLabel('С', { exact: true }).fill('2026-01-01');
  await money.getByLabel('По', { exact: true }).fill('2026-12-31');
  const act = await page.request.get(
    (await money.getByRole('link', { name: 'Скачать акт (PDF)' }).getAttribute('href'))!,
  );
  expect(act.ok()).toBe(true);
  expect(act.headers()['content-type']).toContain('application/pdf');
  await page.screenshot({ path: 'test-results/receivables-company.png', fullPage: true });

  // A 500 ₽ draft would take Вектор to 1 600 ₽, past the 1 200 ₽ limit: warned, not blocked.
  const draft = await post('/api/v1/documents', {
    type: 'invoice',
    legalEntityId: entity.id,
    companyId: vector.id,
    lines: [{ name: 'Услуги', quantity: '1', priceKopecks: 50_000, vatRate: null }],
  });
  await page.goto(`/documents/${draft.id}`);
  await expect(page.getByTestId('credit-limit-warning')).toContainText('1 600,00');
  await page.getByRole('button', { name: 'Выставить' }).click();
  await expect(
    page.getByText('Счёт выставлен. Долг клиента теперь больше кредитного лимита.'),
  ).toBeVisible();

  await page.evaluate(() => localStorage.setItem('voronka.lang', 'en'));
  await page.goto('/receivables');
  await expect(page.getByRole('heading', { name: 'Receivables' })).toBeVisible();
  await page.screenshot({ path: 'test-results/receivables-en.png', fullPage: true });
});
