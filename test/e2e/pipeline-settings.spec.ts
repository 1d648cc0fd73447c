import { expect, test, type Locator, type Page } from '@playwright/test';

// dnd-kit starts a drag only after the pointer has moved a few pixels: real mouse moves in steps.
async function dragTo(page: Page, handle: Locator, target: Locator) {
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 - 10, { steps: 5 });
  await page.mouse.move(from.x + from.width / 2, to.y + to.height / 2, { steps: 25 });
  await page.mouse.move(from.x + from.width / 2, to.y + to.height / 2 - 2, { steps: 5 });
  await page.mouse.up();
}

const stageNames = async (page: Page) => {
  const inputs = page
    .getByRole('list', { name: 'Этапы' })
    .getByRole('textbox', { name: /^Название этапа/ });
  return Promise.all((await inputs.all()).map((i) => i.inputValue()));
};

test('an admin adds a stage, moves it with the buttons and by dragging, saves, and sees it on the board', async ({
  page,
}) => {
  // Tall enough for the whole stage list: no auto-scroll while dragging.
  await page.setViewportSize({ width: 1280, height: 1200 });
  const stamp = Date.now();
  await page.goto('/sign-up');
  await page.getByLabel('Имя и фамилия').fill('Олег Киселёв');
  await page.getByLabel('Эл. почта').fill(`stages.${stamp}@example.ru`);
  await page.getByRole('textbox', { name: 'Пароль', exact: true }).fill('correct-horse-battery');
  await page.getByLabel('Название компании').fill('ООО «Тендерные поставки»');
  await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
  await expect(page.getByRole('heading', { name: 'Здравствуйте, Олег Киселёв!' })).toBeVisible();

  await page.getByRole('link', { name: 'Воронки и этапы' }).click();
  await expect(page.getByRole('heading', { name: 'Воронки и этапы' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Название воронки' })).toHaveValue('Продажи');
  const before = await stageNames(page);
  expect(before).toEqual([
    'Новая',
    'Переговоры',
    'Выявление потребностей',
    'Коммерческое предложение',
    'Согласование договора',
    'Счёт выставлен',
    'Оплата',
    'Отгрузка/доставка',
    'Успешно',
    'Проиграно',
  ]);

  // A new open stage lands after the last open one, before «Успешно».
  await page.getByRole('button', { name: 'Добавить этап' }).click();
  await page.getByRole('textbox', { name: 'Название этапа 9' }).fill('Тендер');
  await page.getByRole('textbox', { name: 'Вероятность этапа «Тендер», %' }).fill('15');
  expect((await stageNames(page)).slice(7, 10)).toEqual(['Отгрузка/доставка', 'Тендер', 'Успешно']);

  // Up with the keyboard: the button keeps focus as the row moves, so Enter works twice.
  const up = page.getByRole('button', { name: 'Поднять этап «Тендер»' });
  await up.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  expect((await stageNames(page)).slice(5, 9)).toEqual([
    'Счёт выставлен',
    'Тендер',
    'Оплата',
    'Отгрузка/доставка',
  ]);

  // And by its drag handle, onto the second row.
  await dragTo(
    page,
    page.getByRole('button', { name: 'Перетащить этап «Тендер»' }),
    page
      .getByRole('listitem')
      .filter({ has: page.getByRole('button', { name: 'Поднять этап «Переговоры»' }) }),
  );
  await expect
    .poll(() => stageNames(page))
    .toEqual([
      'Новая',
      'Тендер',
      'Переговоры',
      'Выявление потребностей',
      'Коммерческое предложение',
      'Согласование договора',
      'Счёт выставлен',
      'Оплата',
      'Отгрузка/доставка',
      'Успешно',
      'Проиграно',
    ]);

  await page.getByRole('button', { name: 'Сохранить этапы' }).click();
  await expect(page.getByText('Этапы сохранены')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Сохранить этапы' })).toBeDisabled();

  // A lost reason of this company's own.
  await page.getByRole('textbox', { name: 'Новая причина' }).fill('Долгие сроки поставки');
  await page.getByRole('button', { name: 'Добавить', exact: true }).click();
  await expect(
    page.getByRole('textbox', { name: 'Причина «Долгие сроки поставки»' }),
  ).toBeVisible();

  // The board shows the new column in its place, and so does the page after a reload.
  await page.getByRole('link', { name: 'Открыть на доске' }).click();
  await expect(page.getByRole('region', { name: 'Тендер' })).toBeVisible();
  const columns = await page
    .locator('[role="region"][data-stage-id]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  expect(columns.slice(0, 3)).toEqual(['Новая', 'Тендер', 'Переговоры']);
  await page.goto('/settings/pipelines');
  await expect
    .poll(async () => (await stageNames(page)).slice(0, 3))
    .toEqual(['Новая', 'Тендер', 'Переговоры']);
});
