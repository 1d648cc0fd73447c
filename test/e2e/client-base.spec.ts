import { expect, test } from '@playwright/test';

test('a manager enters a company with requisites, its contact, spots a duplicate and merges it', async ({
  page,
}) => {
  const stamp = Date.now();
  await page.goto('/sign-up');
  await page.getByLabel('Имя и фамилия').fill('Ольга Смирнова');
  await page.getByLabel('Эл. почта').fill(`base.${stamp}@example.ru`);
  await page.getByRole('textbox', { name: 'Пароль', exact: true }).fill('correct-horse-battery');
  await page.getByLabel('Название компании').fill('ООО «Вектор»');
  await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
  await expect(page.getByTestId('trial-banner')).toBeVisible();

  // A company: a wrong INN check digit is named under its field, the right one saves.
  await page.getByRole('link', { name: 'Компании', exact: true }).click();
  await page.getByRole('button', { name: 'Новая компания' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel(/Название/).fill('ПАО Сбербанк');
  await form.getByLabel('ИНН').fill('7707083894');
  await form.getByLabel('БИК').fill('044525225');
  await form.getByLabel('Корр. счёт').fill('30101810400000000225');
  await form.getByRole('button', { name: 'Сохранить' }).click();
  await expect(form.getByText(/ИНН: 10 цифр для организации/)).toBeVisible();
  await form.getByLabel('ИНН').fill('7707083893');
  await form.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByRole('heading', { name: 'ПАО Сбербанк' })).toBeVisible();
  await expect(page.getByText('30101810400000000225')).toBeVisible();

  // Its contact, added from the card, with a phone typed the Russian way.
  await page.getByRole('button', { name: 'Новый контакт' }).click();
  const contact = page.getByRole('dialog');
  await contact.getByLabel('Фамилия').fill('Иванова');
  await contact.getByLabel('Имя', { exact: true }).fill('Мария');
  await contact.getByLabel('Телефоны 1').fill('8 (912) 345-67-89');
  await contact.getByRole('button', { name: 'Сохранить' }).click();
  await page.getByRole('link', { name: 'Иванова Мария' }).click();
  await expect(page.getByRole('link', { name: '+7 912 345-67-89' })).toBeVisible();

  // The same phone again, in another format: saved, but flagged as a possible duplicate.
  await page.getByRole('link', { name: 'Контакты', exact: true }).click();
  await page.getByRole('button', { name: 'Новый контакт' }).click();
  const again = page.getByRole('dialog');
  await again.getByLabel('Фамилия').fill('Иванова');
  await again.getByLabel('Имя', { exact: true }).fill('Мария');
  await again.getByLabel('Отчество').fill('Петровна');
  await again.getByLabel('Телефоны 1').fill('+7 912 345 67 89');
  await again.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByText('Возможные дубли')).toBeVisible();

  // The duplicates page pairs them; the merge keeps one contact with the company and the middle name.
  await page.getByRole('link', { name: 'Дубли', exact: true }).click();
  await page.getByRole('button', { name: 'Объединить' }).first().click();
  const merge = page.getByRole('dialog');
  await merge.getByRole('button', { name: 'Объединить' }).click();
  await expect(page.getByText('Дублей не найдено.')).toBeVisible();
  await page.getByRole('link', { name: 'Контакты', exact: true }).click();
  await expect(page.getByRole('link', { name: /^Иванова Мария/ })).toHaveCount(1);
  await page.getByRole('link', { name: /^Иванова Мария/ }).click();
  await expect(page.getByRole('heading', { name: 'Иванова Мария Петровна' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'ПАО Сбербанк' })).toBeVisible();
});
