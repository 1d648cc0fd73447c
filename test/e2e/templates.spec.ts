import { expect, test } from '@playwright/test';

// A message template written in Settings → Templates, previewed, then used as a quick reply: "/" in
// the inbox's reply box opens the picker, Enter inserts the text filled in for the conversation's
// client (a contact matched by the e-mail the visitor left) — nothing is sent until the member says.

test('a template is created and used as a quick reply, filled in for the client', async ({
  page,
}) => {
  const signUp = await page.request.post('/api/v1/auth/sign-up', {
    data: {
      name: 'Анна Иванова',
      email: `templates.${Date.now()}@example.ru`,
      password: 'correct-horse-battery',
      companyName: 'ООО «Ромашка»',
    },
  });
  expect(signUp.status()).toBe(201);
  const { csrfToken } = await signUp.json();
  const headers = { 'x-csrf-token': csrfToken };
  const post = async (url: string, data: unknown) => {
    const res = await page.request.post(url, { data, headers });
    expect(res.status(), await res.text()).toBeLessThan(300);
    return res.json();
  };
  // A mailbox, so that the reply box has a way back to a website visitor.
  await post('/api/v1/channels', {
    kind: 'email',
    name: 'Почта отдела продаж',
    settings: {
      intakeAddress: 'quick-replies@crm.romashka.ru',
      smtpHost: '127.0.0.1',
      smtpPort: 2525,
      smtpSecure: false,
      fromAddress: 'sales@romashka.ru',
    },
  });
  await post('/api/v1/contacts', {
    firstName: 'Ольга',
    lastName: 'Соколова',
    emails: [{ address: 'olga@example.ru' }],
  });
  const form = await post('/api/v1/forms', {
    name: 'Заявка с сайта',
    fields: [
      { key: 'name', label: 'Имя', type: 'text', required: true },
      { key: 'email', label: 'E-mail', type: 'email' },
      { key: 'comment', label: 'Комментарий', type: 'textarea' },
    ],
    consentText: 'Я согласен на обработку персональных данных',
  });
  const submitted = await page.request.post(`/api/public/forms/${form.publicKey}/submissions`, {
    data: {
      name: 'Ольга Соколова',
      email: 'olga@example.ru',
      comment: 'Пришлите прайс',
      consent: true,
    },
  });
  expect(submitted.status(), await submitted.text()).toBeLessThan(300);

  // Settings → Templates: a new message template.
  await page.goto('/settings/templates');
  await expect(page.getByRole('heading', { name: 'Шаблоны писем и сообщений' })).toBeVisible();
  await page.getByRole('button', { name: 'Новый шаблон' }).click();
  const dialog = page.getByRole('dialog', { name: 'Новый шаблон' });
  await dialog.getByLabel('Название').fill('Приветствие');
  await dialog
    .getByLabel('Текст')
    .fill('Здравствуйте, {{ client.firstName }}! Вас приветствует {{ workspace.name }}.');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('row').filter({ hasText: 'Приветствие' });
  await expect(row).toBeVisible();

  // A bad text is refused with the reason under the field.
  await page.getByRole('button', { name: 'Новый шаблон' }).click();
  await dialog.getByLabel('Название').fill('Сломанный');
  await dialog.getByLabel('Текст').fill('{{ process.env }}');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(dialog.getByText(/unknown variable "process"/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Отмена' }).click();

  // Preview with a sample client.
  await row.getByRole('button', { name: 'Предпросмотр' }).click();
  await expect(page.getByTestId('template-preview')).toContainText(
    'Здравствуйте, Мария! Вас приветствует ООО «Ромашка».',
  );
  await page.keyboard.press('Escape');

  // The inbox: "/" opens the picker; Enter inserts the text filled in for Ольга.
  await page.goto('/inbox');
  await page.getByTestId('conversation-item').filter({ hasText: 'Ольга Соколова' }).click();
  const box = page.getByRole('textbox', { name: 'Ответ' });
  await expect(box).toBeEnabled();
  await box.fill('/при');
  const option = page.getByRole('option', { name: /Приветствие/ });
  await expect(option).toBeVisible();
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await box.press('Enter');
  await expect(box).toHaveValue('Здравствуйте, Ольга! Вас приветствует ООО «Ромашка».');
  await expect(page.getByRole('listbox')).toHaveCount(0);
  await expect(page.getByTestId('message-out')).toHaveCount(0);
});
