import { expect, test, type Locator, type Page } from '@playwright/test';

// dnd-kit listens to pointer events and starts a drag only after the pointer has moved a few
// pixels, so the drag is real mouse moves in steps, not a synthetic drop.
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

test('a manager creates a company, a contact and a deal, and drags the deal to the next stage', async ({
  page,
}) => {
  const stamp = Date.now();
  await page.goto('/sign-up');
  await page.getByLabel('Имя и фамилия').fill('Анна Петрова');
  await page.getByLabel('Эл. почта').fill(`pipeline.${stamp}@example.ru`);
  await page.getByRole('textbox', { name: 'Пароль', exact: true }).fill('correct-horse-battery');
  await page.getByLabel('Название компании').fill('ООО «Ромашка»');
  await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
  await expect(page.getByRole('heading', { name: 'Здравствуйте, Анна Петрова!' })).toBeVisible();

  // A client company and a person there, through their own pages.
  await page.getByRole('link', { name: 'Компании' }).click();
  await page.getByRole('button', { name: 'Новая компания' }).click();
  const companyDialog = page.getByRole('dialog');
  await companyDialog
    .getByRole('textbox', { name: 'Название', exact: true })
    .fill('ООО «Станкомаш»');
  await companyDialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(companyDialog).toHaveCount(0);

  await page.getByRole('link', { name: 'Контакты' }).click();
  const contactDialog = page.getByRole('dialog');
  // The page is a lazy chunk: a click landing while it settles once went unanswered in CI (one run
  // of four); the click is repeated until the dialog is open (a person would click again too).
  // Under load (CI, with other work on the machine) the dialog was once seen open and then gone
  // before the first field was typed: the first field is part of the repeated step.
  await expect(async () => {
    if (!(await contactDialog.isVisible()))
      await page.getByRole('button', { name: 'Новый контакт' }).click();
    await contactDialog
      .getByRole('textbox', { name: 'Фамилия', exact: true })
      .fill('Сидоров', { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  await contactDialog.getByRole('textbox', { name: 'Имя', exact: true }).fill('Иван');
  await contactDialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(contactDialog).toHaveCount(0);

  // The deal, on the default «Продажи» pipeline.
  await page.getByRole('link', { name: 'Воронка' }).click();
  await expect(page.getByRole('region', { name: 'Новая' })).toBeVisible();
  await page.getByRole('button', { name: 'Новая сделка' }).click();
  const dealDialog = page.getByRole('dialog');
  await dealDialog
    .getByRole('textbox', { name: 'Название', exact: true })
    .fill('Поставка станков ЧПУ');
  await dealDialog.getByRole('textbox', { name: 'Сумма', exact: true }).fill('1 234 567,00');
  await dealDialog.getByRole('combobox', { name: 'Компания' }).fill('Станко');
  await page.getByRole('option', { name: 'ООО «Станкомаш»' }).click();
  await dealDialog.getByRole('combobox', { name: 'Контакты' }).fill('Сидор');
  await page.getByRole('option', { name: /Сидоров Иван/ }).click();
  // Close the contacts list so that it does not cover the buttons.
  await dealDialog.getByRole('heading', { name: 'Новая сделка' }).click();
  await dealDialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByRole('heading', { name: 'Поставка станков ЧПУ' })).toBeVisible();
  await expect(page.getByText('1 234 567,00 ₽')).toBeVisible();
  await expect(page.getByText('ООО «Станкомаш»')).toBeVisible();

  // Drag it from «Новая» to «Переговоры» on the board.
  await page.getByRole('link', { name: 'Воронка' }).click();
  const first = page.getByRole('region', { name: 'Новая' });
  const next = page.getByRole('region', { name: 'Переговоры' });
  const card = first.locator('[data-deal-id]').filter({ hasText: 'Поставка станков ЧПУ' });
  await expect(card).toBeVisible();
  await dragTo(page, card, next);
  await expect(next.getByText('Поставка станков ЧПУ')).toBeVisible();

  // It stays there after a reload, and its timeline shows the stage change.
  await page.reload();
  await expect(
    page.getByRole('region', { name: 'Переговоры' }).getByText('Поставка станков ЧПУ'),
  ).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Новая' }).getByText('Поставка станков ЧПУ'),
  ).toHaveCount(0);
  await page
    .getByRole('region', { name: 'Переговоры' })
    .getByRole('link', { name: 'Поставка станков ЧПУ' })
    .click();
  await expect(page.getByText('Этап: Новая → Переговоры')).toBeVisible();
});
