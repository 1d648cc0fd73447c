import { expect, test } from '@playwright/test';

// The owner builds a small cost calculator in Settings → Calculators (live preview), publishes it;
// a visitor computes a price on its public page and leaves contacts; the request arrives in the
// app carrying the itemised specification and the server's total.

async function csrf(page: import('@playwright/test').Page): Promise<string> {
  return ((await (await page.request.get('/api/v1/auth/session')).json()) as { csrfToken: string })
    .csrfToken;
}

test('a calculator built in settings prices a visitor’s order, and the request carries it', async ({
  page,
  browser,
}) => {
  const stamp = Date.now();
  await page.goto('/sign-up');
  await page.getByLabel('Имя и фамилия').fill('Ольга Смирнова');
  await page.getByLabel('Эл. почта').fill(`calc.${stamp}@example.ru`);
  await page.getByRole('textbox', { name: 'Пароль', exact: true }).fill('correct-horse-battery');
  await page.getByLabel('Название компании').fill('ООО «Чистый дом»');
  await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
  await expect(page.getByTestId('trial-banner')).toBeVisible();

  // A service in the catalog and the website form whose contacts and consent the widget asks for.
  const headers = { 'x-csrf-token': await csrf(page) };
  const product = await page.request.post('/api/v1/products', {
    data: { name: 'Уборка квартиры', okei: '055', vatRate: 22, priceKopecks: 150_00 },
    headers,
  });
  expect(product.status()).toBe(201);
  const form = await page.request.post('/api/v1/forms', {
    data: {
      name: 'Расчёт уборки',
      fields: [
        { key: 'name', label: 'Имя', type: 'text', required: true },
        { key: 'phone', label: 'Телефон', type: 'phone', required: true },
      ],
      consentText: 'Согласен на обработку персональных данных',
    },
    headers,
  });
  expect(form.status()).toBe(201);

  // The builder: one number input bound to the service, the form chosen; the preview prices it.
  await page.getByRole('link', { name: 'Калькуляторы' }).click();
  await page.getByRole('button', { name: 'Новый калькулятор' }).click();
  await page.getByLabel('Название').fill('Уборка');
  await page.getByRole('combobox', { name: 'Форма заявки' }).click();
  await page.getByRole('option', { name: 'Расчёт уборки' }).click();
  await page.getByRole('combobox', { name: 'Позиция каталога' }).first().click();
  await page.getByRole('option', { name: 'Уборка квартиры' }).click();
  const preview = page.getByRole('region', { name: 'Предпросмотр' });
  await preview.getByLabel('Площадь, м²').fill('40');
  await expect(page.getByTestId('calc-total')).toContainText('6 000,00');
  await page.getByRole('button', { name: 'Сохранить черновик' }).click();
  await expect(page).toHaveURL(/\/settings\/calculators\/[0-9a-f-]{36}$/);
  await page.getByRole('button', { name: 'Опубликовать' }).click();
  await expect(page.getByText('Опубликована версия 1')).toBeVisible();

  const list = await (await page.request.get('/api/v1/calculators')).json();
  const hostedUrl = list.items[0].hostedUrl as string;

  // The visitor (no session) on the hosted page: the server's price, then contacts and consent.
  const visitor = await browser.newContext({ locale: 'ru-RU' });
  const site = await visitor.newPage();
  await site.goto(hostedUrl);
  await site.getByLabel('Площадь, м²').fill('55');
  await expect(site.locator('.vrnk-total')).toContainText('8 250,00');
  await site.getByLabel('Имя').fill('Пётр Васильев');
  await site.getByLabel('Телефон').fill('+7 912 555-44-33');
  await site.getByRole('checkbox').check();
  await site.getByRole('button', { name: 'Оставить заявку' }).click();
  await expect(site.locator('.vrnk-thanks')).toBeVisible();
  await visitor.close();

  // Back in the app: the request, from the web channel, with the specification and the total.
  await page.goto('/leads');
  await expect(page.getByText('Расчёт уборки').first()).toBeVisible();
  const leads = await (await page.request.get('/api/v1/leads?limit=10')).json();
  const lead = leads.items.find((l: { contactName: string }) => l.contactName === 'Пётр Васильев');
  expect(lead).toMatchObject({ channel: 'web', title: 'Расчёт уборки' });
  const text = String(lead.message).replace(/[\u00a0\u202f]/g, ' ');
  expect(text).toContain('1. Уборка квартиры — 55 м² × 150,00 ₽ = 8 250,00 ₽');
  expect(lead.custom.calculator).toMatchObject({ totalKopecks: 825000 });
});
