import { expect, test } from '@playwright/test';

// An accountant sets up the dunning ladder (a suggested one to start from; a mistake named on its
// field; a step previewed), then pauses reminders for one client on the company card and resumes.
test('an accountant sets the dunning ladder and pauses it for a client', async ({ page }) => {
  const stamp = Date.now();
  await page.goto('/sign-up');
  await page.getByLabel('Имя и фамилия').fill('Ольга Счетова');
  await page.getByLabel('Эл. почта').fill(`dunning.${stamp}@example.ru`);
  await page.getByRole('textbox', { name: 'Пароль', exact: true }).fill('correct-horse-battery');
  await page.getByLabel('Название компании').fill('ООО «Ромашка»');
  await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
  await expect(page.getByRole('heading', { name: 'Здравствуйте, Ольга Счетова!' })).toBeVisible();

  await page.getByRole('link', { name: 'Напоминания об оплате' }).click();
  await expect(page.getByRole('heading', { name: 'Лестница напоминаний' })).toBeVisible();
  await expect(page.getByText('Лестницы ещё нет')).toBeVisible();

  // Two steps on the same day: refused, and the field says why.
  const second = page.getByRole('group', { name: 'Шаг 2' });
  const offset = second.getByLabel('Дней от срока оплаты');
  await offset.fill('-3');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(second.getByText('another step is already -3 days from the due date')).toBeVisible();
  await offset.fill('0');

  // A variable that does not exist is named too.
  const text = second.getByLabel('Текст');
  await text.fill('Оплатите счёт № {{number}} до {{deadline}}');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(second.getByText(/unknown variable \{\{deadline\}\}/)).toBeVisible();
  await text.fill('Оплатите счёт № {{number}} на {{amount}} до {{dueDate}}');

  await second.getByRole('button', { name: 'Предпросмотр' }).click();
  await expect(second.getByRole('region', { name: 'Предпросмотр на примере счёта' })).toContainText(
    'Оплатите счёт № 123 на 123 456,00 ₽ до 11.12.2026',
  );
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Сохранено' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('group', { name: 'Шаг 2' }).getByLabel('Текст')).toHaveValue(
    'Оплатите счёт № {{number}} на {{amount}} до {{dueDate}}',
  );
  await page.screenshot({ path: 'test-results/dunning-settings-ru.png', fullPage: true });
  // On a phone: every step's fields still fit and read.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole('group', { name: 'Шаг 5' }).getByLabel('Текст')).toBeVisible();
  await page.screenshot({ path: 'test-results/dunning-settings-phone.png', fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  // The company card: pause with a reason, then resume.
  const session = await (await page.request.get('/api/v1/auth/session')).json();
  const res = await page.request.post('/api/v1/companies', {
    headers: { 'x-csrf-token': session.csrfToken as string },
    data: { name: 'Вектор' },
  });
  const company = await res.json();
  await page.goto(`/companies/${company.id}`);
  const section = page.getByRole('region', { name: 'Напоминания об оплате' });
  await expect(section.getByText('Напоминания включены')).toBeVisible();
  await section.getByLabel('Причина').fill('Обещали оплатить до пятницы');
  await section.getByLabel('Причина').press('Enter');
  await expect(section.getByRole('status')).toContainText(
    'Приостановлено до возобновления: Обещали оплатить до пятницы',
  );
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'test-results/dunning-company-phone.png', fullPage: true });
  await section.getByRole('button', { name: 'Возобновить' }).click();
  await expect(section.getByText('Напоминания включены')).toBeVisible();
});
