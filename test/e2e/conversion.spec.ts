import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

// A request from the website becomes a deal, and every card links to the next: the conversation to
// the contact, company and deal it became; the deal card to its company and contact; the contact
// card to its deals, with the consent the visitor ticked (version, time, IP).

const shots = process.env.E2E_SHOTS_DIR ?? '.tmp/e2e-shots';

async function shoot(page: Page, name: string) {
  fs.mkdirSync(shots, { recursive: true });
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${shots}/${name}-ru-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('a website request converted: the conversation, the deal card and the contact card link to each other', async ({
  page,
}) => {
  const stamp = Date.now();
  const signUp = await page.request.post('/api/v1/auth/sign-up', {
    data: {
      name: 'Ольга Смирнова',
      email: `convert.${stamp}@example.ru`,
      password: 'correct-horse-battery',
      companyName: 'ООО «Склад-Сервис»',
    },
  });
  expect(signUp.status()).toBe(201);
  const { csrfToken } = await signUp.json();
  const created = await page.request.post('/api/v1/forms', {
    data: {
      name: 'Заявка с сайта',
      fields: [
        { key: 'name', label: 'Имя', type: 'text', required: true },
        { key: 'phone', label: 'Телефон', type: 'phone', required: true },
        { key: 'comment', label: 'Комментарий', type: 'textarea' },
      ],
      consentText: 'Я согласен на обработку персональных данных',
      thankYou: 'Спасибо!',
    },
    headers: { 'x-csrf-token': csrfToken },
  });
  expect(created.status(), await created.text()).toBe(201);
  const form = await created.json();

  // The visitor sends the form (as the widget would, with the consent box ticked).
  const sent = await page.request.post(`/api/public/forms/${form.publicKey}/submissions`, {
    data: {
      name: 'Мария Кузнецова',
      phone: '8 912 345-67-01',
      comment: 'Здравствуйте! Нужны стеллажи складские, 12 штук. Доставка в пятницу?',
      consent: true,
    },
  });
  expect(sent.status(), await sent.text()).toBe(201);

  // The inbox: the header does not say the form's name twice; the client is not known yet.
  await page.goto('/inbox');
  await page.getByText('Мария Кузнецова').first().click();
  await expect(page.getByText('Не найден среди контактов')).toBeVisible();
  const header = page.getByRole('heading', { name: 'Мария Кузнецова' }).locator('xpath=..');
  await expect(header).toContainText('Заявка с сайта');
  await expect(header).not.toContainText('Заявка с сайта · Заявка с сайта');

  // The manager answers (through the API, logged as a call: how a reply is delivered is the web-reply spec's business).
  const conversationId = new URL(page.url()).searchParams.get('c')!;
  const replied = await page.request.post(`/api/v1/conversations/${conversationId}/messages`, {
    data: { text: 'Добрый день! Стеллажи есть, привезём в пятницу.', route: { via: 'call' } },
    headers: { 'x-csrf-token': csrfToken },
  });
  expect(replied.status(), await replied.text()).toBe(201);

  // Convert: the deal name comes from what the client asked for.
  await page.getByRole('button', { name: 'Создать сделку' }).click();
  const dialog = page.getByRole('dialog', { name: 'Конвертировать заявку' });
  await expect(dialog.getByLabel('Название сделки')).toHaveValue('Стеллажи складские, 12 штук');
  await dialog.getByText('Создать', { exact: true }).nth(1).click();
  await dialog.getByRole('textbox', { name: 'Компания', exact: true }).fill('ООО «Склад»');
  await dialog.getByLabel('Сумма').fill('480000');
  await dialog.getByRole('button', { name: 'Конвертировать' }).click();
  await expect(dialog).toBeHidden();

  // The conversation now knows the client and links what the request became; no "create contact".
  await expect(page.getByText('Не найден среди контактов')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Создать контакт' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Кузнецова Мария' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'ООО «Склад»' })).toBeVisible();
  await page.getByRole('link', { name: 'Стеллажи складские, 12 штук' }).click();

  // The deal card: company and contact are links; the timeline tells the story (request, messages).
  await expect(page).toHaveURL(/\/deals\/[0-9a-f-]{36}$/);
  const details = page.getByRole('region', { name: 'О сделке' });
  await expect(details.getByRole('link', { name: 'ООО «Склад»' })).toBeVisible();
  const history = page.getByRole('region', { name: 'История' });
  await expect(history.getByText('Заявка', { exact: true })).toBeVisible();
  await expect(history.getByText('Конвертация')).toBeVisible();
  await expect(history.getByText('Добрый день! Стеллажи есть, привезём в пятницу.')).toBeVisible();
  await expect(history.getByRole('link', { name: 'Открыть переписку' })).toHaveAttribute(
    'href',
    `/inbox?c=${conversationId}`,
  );
  await shoot(page, 'deal-card');
  await details.getByRole('link', { name: 'Кузнецова Мария' }).click();

  // The contact card: the consent as ticked on the form, and the deal.
  await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);
  await expect(page.getByText('Получено')).toBeVisible();
  await expect(page.getByTestId('consent-record')).toContainText(
    'Форма «Заявка с сайта» · Версия 1',
  );
  await expect(page.getByTestId('consent-record')).toContainText('IP ');
  const deals = page.getByRole('region', { name: 'Сделки' });
  await expect(deals.getByRole('link', { name: 'Стеллажи складские, 12 штук' })).toBeVisible();
  await shoot(page, 'contact-card');
  await deals.getByRole('link', { name: 'Стеллажи складские, 12 штук' }).click();
  await expect(page).toHaveURL(/\/deals\/[0-9a-f-]{36}$/);
});
