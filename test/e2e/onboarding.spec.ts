import { expect, test, type Page } from '@playwright/test';

const password = 'correct-horse-battery';

async function signOut(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: /Выйти|Sign out/ }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

test('a company signs up, invites a manager, who signs in and switches to English', async ({
  page,
  browser,
}) => {
  const stamp = Date.now();
  const ownerEmail = `owner.${stamp}@example.ru`;
  const managerEmail = `manager.${stamp}@example.ru`;

  // Sign up: a new workspace on a 7-day trial, its banner counting the days.
  await page.goto('/sign-up');
  await page.getByLabel('Имя и фамилия').fill('Анна Петрова');
  await page.getByLabel('Эл. почта').fill(ownerEmail);
  await page.getByRole('textbox', { name: 'Пароль', exact: true }).fill(password);
  await page.getByLabel('Название компании').fill('ООО «Ромашка»');
  await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
  await expect(page.getByTestId('trial-banner')).toHaveText('Пробный период: осталось 7 дней');
  await expect(page.getByRole('heading', { name: 'Здравствуйте, Анна Петрова!' })).toBeVisible();

  // Invite a colleague as a manager; the link is shown to pass on.
  await page.getByRole('link', { name: 'Пользователи' }).click();
  await page.getByRole('button', { name: 'Пригласить' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Эл. почта').fill(managerEmail);
  await dialog.getByRole('button', { name: 'Создать приглашение' }).click();
  const inviteUrl = (await dialog.getByTestId('invite-url').textContent())?.trim() ?? '';
  expect(inviteUrl).toMatch(/\/invite\/[\w-]{20,}$/);
  await dialog.getByRole('button', { name: 'Готово' }).click();
  await expect(page.getByRole('cell', { name: managerEmail, exact: true })).toBeVisible();

  // The colleague opens the link in their own browser and joins.
  const colleague = await browser.newContext({ locale: 'ru-RU' });
  const other = await colleague.newPage();
  await other.goto(inviteUrl);
  await expect(other.getByText('ООО «Ромашка»')).toBeVisible();
  await other.getByLabel('Имя и фамилия').fill('Борис Иванов');
  await other.getByRole('textbox', { name: 'Пароль', exact: true }).fill(password);
  await other.getByRole('button', { name: 'Принять приглашение' }).click();
  // A manager's day starts in the inbox; the start page greets them.
  await expect(other).toHaveURL(/\/inbox$/);
  await other.getByRole('link', { name: 'Главная' }).click();
  await expect(other.getByRole('heading', { name: 'Здравствуйте, Борис Иванов!' })).toBeVisible();

  // …signs out, and signs in again with the new password.
  await signOut(other);
  await other.getByLabel('Эл. почта').fill(managerEmail);
  await other.getByRole('textbox', { name: 'Пароль', exact: true }).fill(password);
  await other.getByRole('button', { name: 'Войти' }).click();
  await expect(other).toHaveURL(/\/inbox$/);
  await other.getByRole('link', { name: 'Главная' }).click();
  await expect(other.getByRole('heading', { name: 'Здравствуйте, Борис Иванов!' })).toBeVisible();
  // A manager's navigation has no audit log and no roles editor.
  await expect(other.getByRole('link', { name: 'Журнал аудита' })).toHaveCount(0);

  // English, kept after a reload.
  await other.getByTestId('lang-switch').getByText('EN').click();
  await expect(other.getByRole('heading', { name: 'Hello, Борис Иванов!' })).toBeVisible();
  await expect(other.getByTestId('trial-banner')).toHaveText('Trial: 7 days left');
  await other.reload();
  await expect(other.getByRole('heading', { name: 'Hello, Борис Иванов!' })).toBeVisible();
  await colleague.close();

  // The owner sees both arrivals in the audit log.
  await page.getByRole('link', { name: 'Журнал аудита' }).click();
  await expect(page.getByText('Приглашение принято').first()).toBeVisible();
});
