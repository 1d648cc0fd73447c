import { expect, test, type Page } from '@playwright/test';

// A workspace made through the API (fast): sign-up sets the session cookie in the browser
// context, and writes carry the CSRF token as the web app's do.
async function workspace(page: Page) {
  const res = await page.request.post('/api/v1/auth/sign-up', {
    data: {
      name: 'Ольга Смирнова',
      email: `lists.${Date.now()}@example.ru`,
      password: 'correct-horse-battery',
      companyName: 'ООО «Вектор»',
    },
  });
  expect(res.status()).toBe(201);
  const { csrfToken } = await res.json();
  return async (path: string, data: unknown) => {
    const r = await page.request.post(`/api/v1${path}`, {
      data,
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(r.ok(), await r.text()).toBe(true);
    return r.json();
  };
}

test('a list filtered by a custom field, sorted and with its column, saved as a view, comes back after a reload', async ({
  page,
}) => {
  const post = await workspace(page);
  await post('/custom-fields', {
    entity: 'companies',
    key: 'segment',
    label: 'Сегмент',
    type: 'select',
    options: ['Крупный', 'Малый'],
  });
  for (const [name, segment] of [
    ['Гамма', 'Крупный'],
    ['Бета', 'Малый'],
    ['Альфа', 'Крупный'],
    ['Дельта', 'Малый'],
  ]) {
    await post('/companies', { name, custom: { segment } });
  }
  const rows = page.getByRole('table', { name: 'Компании' }).locator('tbody tr');
  const names = () => rows.locator('td:first-child a');

  await page.goto('/companies');
  await expect(rows).toHaveCount(4);

  // Filter by the custom field, sort by name, show the field as a column.
  await page.getByRole('button', { name: 'Фильтры' }).click();
  const drawer = page.getByRole('dialog', { name: 'Фильтры' });
  await drawer.getByRole('combobox', { name: 'Сегмент' }).click();
  await page.getByRole('option', { name: 'Крупный' }).click();
  await drawer.getByRole('button', { name: 'Показать' }).click();
  await page
    .getByRole('columnheader', { name: /Название/ })
    .getByRole('button')
    .click();
  await page.getByRole('button', { name: 'Колонки' }).click();
  await page.getByRole('checkbox', { name: 'Сегмент' }).click();
  await page.keyboard.press('Escape');
  await expect(names()).toHaveText(['Альфа', 'Гамма']);
  await expect(page.getByRole('columnheader', { name: 'Сегмент' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: /Название/ })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );

  // Save it as a view.
  await page.getByRole('button', { name: 'Виды' }).click();
  await page.getByRole('menuitem', { name: 'Сохранить текущий вид…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Сохранить вид' });
  await dialog.getByRole('textbox', { name: 'Название' }).fill('Крупные клиенты');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByRole('button', { name: 'Виды: Крупные клиенты' })).toBeVisible();

  // A fresh, unfiltered list after a reload; picking the view brings back the same rows.
  await page.goto('/companies');
  await page.reload();
  await expect(rows).toHaveCount(4);
  await expect(page.getByRole('columnheader', { name: 'Сегмент' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Виды' }).click();
  await page.getByRole('menuitem', { name: 'Крупные клиенты' }).click();
  await expect(names()).toHaveText(['Альфа', 'Гамма']);
  await expect(page.getByRole('columnheader', { name: 'Сегмент' })).toBeVisible();
  await expect(rows.first()).toContainText('Крупный');

  // The view is the member's own to delete; the list stays as it is.
  await page.getByRole('button', { name: 'Виды: Крупные клиенты' }).click();
  await page.getByRole('button', { name: 'Удалить вид Крупные клиенты' }).click();
  await expect(page.getByText('Сохранённых видов нет')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(names()).toHaveText(['Альфа', 'Гамма']);

  // Keys: '/' to search, arrows and Enter to open a card.
  await page.locator('body').press('/');
  await expect(page.getByRole('searchbox', { name: 'Поиск' })).toBeFocused();
  await page.keyboard.type('Гам');
  await expect(names()).toHaveText(['Гамма']);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Гамма' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Дополнительные поля' })).toContainText('Крупный');
});

test('the deals list shows amounts in roubles, filters by amount and switches to the board', async ({
  page,
}) => {
  const post = await workspace(page);
  const company = await post('/companies', { name: 'ООО «Станкомаш»' });
  await post('/deals', { title: 'Станки ЧПУ', amount: 123456700, companyId: company.id });
  await post('/deals', { title: 'Сервисный договор', amount: 5000000 });

  await page.goto('/');
  await page.getByRole('link', { name: 'Сделки', exact: true }).click();
  const table = page.getByRole('table', { name: 'Сделки' });
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await expect(table.getByRole('row', { name: /Станки ЧПУ/ })).toContainText('1 234 567,00 ₽');
  await expect(table.getByRole('row', { name: /Станки ЧПУ/ })).toContainText('ООО «Станкомаш»');

  await page.getByRole('button', { name: 'Фильтры' }).click();
  await page.getByRole('textbox', { name: 'Сумма: от' }).fill('100000');
  await page.getByRole('button', { name: 'Показать' }).click();
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table.locator('tbody tr')).toContainText('Станки ЧПУ');

  await page.getByRole('radiogroup', { name: 'Показать сделки' }).getByText('Воронка').click();
  await expect(page).toHaveURL(/\/pipeline/);
  await expect(page.getByRole('region', { name: 'Новая' }).getByText('Станки ЧПУ')).toBeVisible();
});
