import { expect, test, type Locator, type Page } from '@playwright/test';

// dnd-kit starts a drag only after the pointer has moved a few pixels: real mouse moves in steps.
async function dragTo(page: Page, card: Locator, target: Locator) {
  const from = (await card.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height - 10);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + 20, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + 120, { steps: 20 });
  await page.mouse.move(to.x + to.width / 2, to.y + 130, { steps: 5 });
  await page.mouse.up();
}

test('a head builds a stage robot, drags a deal into the stage and finds the task it made', async ({
  page,
}) => {
  const stamp = Date.now();
  await page.goto('/sign-up');
  await page.getByLabel('Имя и фамилия').fill('Ольга Руководитель');
  await page.getByLabel('Эл. почта').fill(`robot.${stamp}@example.ru`);
  await page.getByRole('textbox', { name: 'Пароль', exact: true }).fill('correct-horse-battery');
  await page.getByLabel('Название компании').fill('ООО «Котлы»');
  await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
  await expect(page.getByRole('heading', { name: /Здравствуйте/ })).toBeVisible();

  // The rule: when a deal enters «Переговоры» — a call task for its owner, due in 2 days.
  await page.getByRole('link', { name: 'Автоматизация' }).click();
  await expect(page.getByRole('heading', { name: 'Автоматизация' })).toBeVisible();
  await page.getByRole('button', { name: 'Новое правило' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Название' }).fill('Позвонить после переговоров');
  await dialog.getByLabel('Этап', { exact: true }).click();
  await page.getByRole('option', { name: 'Переговоры' }).click();
  await dialog.getByLabel('Задача', { exact: true }).fill('Позвонить: {{deal.title}}');
  await dialog.getByLabel('Срок, дней').fill('2');
  await expect(dialog.getByTestId('rule-sentence')).toHaveText(
    'Когда сделка попадает в этап «Переговоры» — поставить задачу',
  );
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(dialog).toHaveCount(0);
  const row = page.getByRole('row', { name: /Позвонить после переговоров/ });
  await expect(row).toBeVisible();
  await expect(row.getByRole('switch')).toBeChecked();

  // A deal, dragged from «Новая» to «Переговоры» on the board.
  await page.getByRole('link', { name: 'Воронка' }).click();
  await expect(page.getByRole('region', { name: 'Новая' })).toBeVisible();
  await page.getByRole('button', { name: 'Новая сделка' }).click();
  const dealDialog = page.getByRole('dialog');
  await dealDialog.getByRole('textbox', { name: 'Название', exact: true }).fill('Котёл 24 кВт');
  await dealDialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByRole('heading', { name: 'Котёл 24 кВт' })).toBeVisible();
  await page.getByRole('link', { name: 'Воронка' }).click();
  const next = page.getByRole('region', { name: 'Переговоры' });
  // The stage's robot shows on its column.
  await expect(next.getByLabel('1 робот на этом этапе')).toBeVisible();
  const card = page
    .getByRole('region', { name: 'Новая' })
    .locator('[data-deal-id]')
    .filter({ hasText: 'Котёл 24 кВт' });
  await expect(card).toBeVisible();
  await dragTo(page, card, next);
  await expect(next.getByText('Котёл 24 кВт')).toBeVisible();

  // The in-process worker acts: the task is on the deal's owner's list.
  // (The worker acts a moment after the drag: the list is opened afresh until the task is there.)
  await expect(async () => {
    await page.goto('/tasks');
    await expect(page.getByText('Позвонить: Котёл 24 кВт')).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 20_000 });

  // The rule's log says what it did.
  await page.getByRole('link', { name: 'Автоматизация' }).click();
  await page
    .getByRole('row', { name: /Позвонить после переговоров/ })
    .getByRole('button', { name: 'Журнал' })
    .click();
  await expect(page.getByText('выполнен')).toBeVisible();
  await expect(page.getByText(/Поставить задачу: task/)).toBeVisible();
});
