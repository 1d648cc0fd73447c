import { expect, test, type Page } from '@playwright/test';
import * as OTPAuth from 'otpauth';

const password = 'correct-horse-battery';

async function signOut(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Выйти' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

test('a user turns on two-factor sign-in, then signs in with a code from the app', async ({
  page,
}) => {
  const email = `twofactor.${Date.now()}@example.ru`;

  await page.goto('/sign-up');
  await page.getByLabel('Имя и фамилия').fill('Вера Соколова');
  await page.getByLabel('Эл. почта').fill(email);
  await page.getByRole('textbox', { name: 'Пароль', exact: true }).fill(password);
  await page.getByLabel('Название компании').fill('ООО «Двойной замок»');
  await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
  await expect(page.getByRole('heading', { name: 'Здравствуйте, Вера Соколова!' })).toBeVisible();

  // Settings → Security: set-up shows a QR code and the secret to type in by hand.
  await page.getByRole('link', { name: 'Безопасность' }).click();
  await expect(page.getByRole('heading', { name: 'Безопасность' })).toBeVisible();
  await expect(page.getByText('Выключена')).toBeVisible();
  await page.getByRole('button', { name: 'Настроить' }).click();
  await expect(
    page.getByRole('img', { name: 'QR-код для приложения-аутентификатора' }),
  ).toBeVisible();
  const secret = ((await page.getByLabel('Секретный ключ').textContent()) ?? '').replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });

  // A code of the wrong shape is caught before it is sent; the right one turns two-factor on.
  const code = page.getByLabel('Код из приложения');
  await code.fill('12');
  await page.getByRole('button', { name: 'Включить', exact: true }).click();
  await expect(page.getByText('Введите 6 цифр')).toBeVisible();
  await code.fill(totp.generate());
  await page.getByRole('button', { name: 'Включить', exact: true }).click();
  await expect(page.getByText('Включена', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Выключить', exact: true })).toBeVisible();

  // Signing in again now asks for a code after the password.
  await signOut(page);
  await page.getByLabel('Эл. почта').fill(email);
  await page.getByRole('textbox', { name: 'Пароль', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('heading', { name: 'Код подтверждения' })).toBeVisible();

  // A wrong code is refused with a translated message, under the field.
  const current = totp.generate();
  await code.fill(current === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: 'Подтвердить' }).click();
  await expect(page.getByText('Неверный код. Попробуйте ещё раз.')).toBeVisible();

  // A code is good once: the one that turned TOTP on is spent, so sign in with the app's next code
  // (accepted within the ±30 s drift window) instead of waiting for the clock.
  await code.fill(totp.generate({ timestamp: Date.now() + 30_000 }));
  await page.getByRole('button', { name: 'Подтвердить' }).click();
  await expect(page.getByRole('heading', { name: 'Здравствуйте, Вера Соколова!' })).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
});
