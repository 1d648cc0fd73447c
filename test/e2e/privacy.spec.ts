import { expect, test } from '@playwright/test';

// The owner registers a person's erasure request in the register, sees its legal deadline, extends
// it with a reason, then anonymises the person after typing their name; the contact card shows the
// consent log with the withdrawal that erasure wrote.
test('an erasure request: registered with its deadline, extended, carried out after confirmation', async ({
  page,
}) => {
  const signUp = await page.request.post('/api/v1/auth/sign-up', {
    data: {
      name: 'Анна Иванова',
      email: `privacy.${Date.now()}@example.ru`,
      password: 'correct-horse-battery',
      companyName: 'ООО «Ромашка»',
    },
  });
  expect(signUp.status()).toBe(201);
  const { csrfToken } = await signUp.json();
  const r = await page.request.post('/api/v1/contacts', {
    data: {
      firstName: 'Зинаида',
      lastName: 'Кукушкина',
      phones: [{ number: '+7 912 555-17-29' }],
      emails: [{ address: 'zina.k@example.org' }],
    },
    headers: { 'x-csrf-token': csrfToken },
  });
  expect(r.ok(), await r.text()).toBe(true);
  const contact = await r.json();

  await page.goto('/settings/privacy');
  await expect(page.getByRole('heading', { name: 'Персональные данные' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Субъект' }).fill('Кукуш');
  await page.getByRole('option', { name: /Кукушкина/ }).click();
  await page.getByRole('combobox', { name: 'Вид' }).click();
  await page.getByRole('option', { name: 'Удаление' }).click();
  await page.getByRole('button', { name: 'Зарегистрировать запрос' }).click();
  const row = page.getByRole('row', { name: /Кукушкина/ });
  await expect(row).toContainText('Открыт');

  await row.getByRole('button', { name: 'Продлить' }).click();
  const extend = page.getByRole('dialog');
  await extend.getByRole('textbox', { name: 'Причина' }).fill('Запросили подтверждение личности');
  await extend.getByRole('button', { name: 'Продлить' }).click();
  await expect(extend).toHaveCount(0);
  await expect(row).toContainText('Продлён');

  await row.getByRole('button', { name: 'Обезличить' }).click();
  const erase = page.getByRole('dialog');
  await erase.getByRole('textbox', { name: /Введите имя/ }).fill('Кто-то другой');
  await erase.getByRole('button', { name: 'Обезличить безвозвратно' }).click();
  await expect(erase.getByRole('alert')).toBeVisible();
  await erase.getByRole('textbox', { name: /Введите имя/ }).fill('Кукушкина Зинаида');
  await erase.getByRole('button', { name: 'Обезличить безвозвратно' }).click();
  await expect(erase).toHaveCount(0);
  await expect(page.getByRole('row', { name: /Удалённый контакт/ })).toContainText('Обезличен');

  await page.goto(`/contacts/${contact.id}`);
  await expect(page.getByRole('heading', { name: 'Удалённый контакт' })).toBeVisible();
  const consents = page.getByRole('region', { name: 'Согласия на обработку ПДн' });
  await expect(consents).toContainText('Отозвано');
});
