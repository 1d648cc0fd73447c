import { expect, test } from '@playwright/test';

// A catalog from a spreadsheet, as an office manager does it: «Импорт» on the catalog page, a CSV
// with the usual Russian headers (the mapping is suggested), the progress, the row error named by
// column, and the products in the list. Screenshots of the mapping step in ru and en.
const csv = [
  'Артикул;Наименование;Ед. изм.;НДС, %;Цена;Активен',
  'KR-1;Кирпич облицовочный;шт;22;1 234,50;да',
  'MN-1;Монтаж;ч;без НДС;2500.00;да',
  'BAD-1;Старая ставка;шт;18;10;да',
].join('\r\n');

test('an office manager imports products from a CSV on the catalog page', async ({ page }) => {
  const stamp = Date.now();
  await page.goto('/sign-up');
  await page.getByLabel('Имя и фамилия').fill('Анна Петрова');
  await page.getByLabel('Эл. почта').fill(`catalog.${stamp}@example.ru`);
  await page.getByRole('textbox', { name: 'Пароль', exact: true }).fill('correct-horse-battery');
  await page.getByLabel('Название компании').fill('ООО «Ромашка»');
  await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
  await expect(page.getByRole('heading', { name: 'Здравствуйте, Анна Петрова!' })).toBeVisible();

  await page.goto('/catalog');
  await page.getByRole('button', { name: 'Импорт' }).click();
  const dialog = page.getByRole('dialog', { name: 'Импорт товаров и услуг' });
  await dialog.locator('input[type=file]').setInputFiles({
    name: 'catalog.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await expect(dialog.getByLabel('Поле для столбца «НДС, %»')).toHaveValue('НДС, %');
  await page.screenshot({ path: 'test-results/catalog-import-ru.png', fullPage: true });
  await dialog.getByRole('button', { name: /Начать импорт/ }).click();
  await expect(dialog.getByText('Импорт завершён')).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByText(/Строка 4, поле НДС, %/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Готово' }).click();
  await expect(page.getByRole('cell', { name: 'Кирпич облицовочный' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Монтаж' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Старая ставка' })).toHaveCount(0);

  await page.evaluate(() => window.localStorage.setItem('voronka.lang', 'en'));
  await page.reload();
  await page.getByRole('button', { name: 'Import' }).click();
  const en = page.getByRole('dialog', { name: 'Import products' });
  await en.locator('input[type=file]').setInputFiles({
    name: 'catalog.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await expect(en.getByText('When a product with the same SKU exists')).toBeVisible();
  await page.screenshot({ path: 'test-results/catalog-import-en.png', fullPage: true });
});
