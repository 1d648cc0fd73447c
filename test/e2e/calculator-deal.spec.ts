import { expect, test } from '@playwright/test';

// Inside the CRM (issue 20): on a deal card the manager picks a published calculator, fills it in,
// sees the server's estimate, applies it as the deal's line items and prints it as a commercial
// proposal (КП: a quote drafted from the deal, opened on its page). The head's approvals page
// lists discount requests.

test('a deal card applies a calculator as line items and makes a КП of them', async ({ page }) => {
  const stamp = Date.now();
  await page.goto('/sign-up');
  await page.getByLabel('Имя и фамилия').fill('Ольга Смирнова');
  await page.getByLabel('Эл. почта').fill(`calc.deal.${stamp}@example.ru`);
  await page.getByRole('textbox', { name: 'Пароль', exact: true }).fill('correct-horse-battery');
  await page.getByLabel('Название компании').fill('ООО «Чистый дом»');
  await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
  await expect(page.getByTestId('trial-banner')).toBeVisible();

  const session = (await (await page.request.get('/api/v1/auth/session')).json()) as {
    csrfToken: string;
  };
  const headers = { 'x-csrf-token': session.csrfToken };
  const post = async (url: string, data?: unknown) => {
    const res = await page.request.post(url, { data, headers });
    expect(res.ok(), `${url}: ${await res.text()}`).toBe(true);
    return res.json();
  };
  const product = await post('/api/v1/products', {
    name: 'Уборка квартиры',
    okei: '055',
    vatRate: 22,
    priceKopecks: 150_00,
  });
  await post('/api/v1/legal-entities', {
    name: 'ООО «Чистый дом»',
    inn: '7707083893',
    kpp: '773601001',
    ogrn: '1027700132195',
    address: 'г. Москва, ул. Вавилова, д. 19',
    bankAccounts: [
      {
        bankName: 'ПАО Сбербанк',
        bik: '044525225',
        corrAccount: '30101810400000000225',
        settlementAccount: '40702810438000060473',
      },
    ],
    vatPayer: true,
  });
  const calc = await post('/api/v1/calculators', {
    name: 'Уборка',
    definition: {
      inputs: [
        {
          key: 'area',
          type: 'number',
          label: { ru: 'Площадь' },
          unit: 'м²',
          min: 10,
          max: 500,
          productId: product.id,
        },
      ],
    },
  });
  await post(`/api/v1/calculators/${calc.id}/publish`);
  const deal = await post('/api/v1/deals', { title: 'Уборка офиса на Тверской' });

  await page.goto(`/deals/${deal.id}`);
  await page.getByRole('button', { name: 'Рассчитать' }).click();
  const dialog = page.getByRole('dialog', { name: 'Расчёт по калькулятору' });
  await dialog.getByLabel('Площадь, м²').fill('40');
  await expect(dialog.getByTestId('calc-total')).toContainText('6 000,00');
  await dialog.getByRole('button', { name: 'Применить и сделать КП' }).click();

  // The КП's page: a quote drafted from the deal's new lines.
  await expect(page).toHaveURL(/\/documents\/[0-9a-f-]{36}$/);
  const docId = page.url().split('/').pop()!;
  const doc = await (await page.request.get(`/api/v1/documents/${docId}`)).json();
  expect(doc).toMatchObject({ type: 'quote', dealId: deal.id, totalKopecks: 6_000_00 });
  expect(doc.lines).toMatchObject([
    { name: 'Уборка квартиры', quantity: '40', priceKopecks: 150_00 },
  ]);

  // The deal's line items are the server's estimate, and its amount their total.
  const lines = await (await page.request.get(`/api/v1/deals/${deal.id}/lines`)).json();
  expect(lines.lines).toMatchObject([
    { productId: product.id, quantity: '40', priceKopecks: 150_00 },
  ]);
  await page.goto(`/deals/${deal.id}`);
  await expect(page.getByText('6 000,00 ₽').first()).toBeVisible();

  // The approvals page is in the navigation for whoever runs the department.
  await page.getByRole('link', { name: 'Согласование скидок' }).click();
  await expect(page.getByRole('heading', { name: 'Согласование скидок' })).toBeVisible();
  await expect(page.getByText('Запросов нет.')).toBeVisible();
});
