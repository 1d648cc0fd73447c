import http from 'node:http';
import { expect, test } from '@playwright/test';

// An admin subscribes a receiver (a real HTTP server on loopback: the e2e server runs with
// VORONKA_CHANNEL_API_OVERRIDES=on, the operator's switch for private provider addresses) to new
// deals, copies the secret shown once, creates a deal and finds the delivery in the log.
test('an owner subscribes a webhook, sees the secret once and the delivery in the log', async ({
  page,
}) => {
  const got: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.writeHead(200).end('принято');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/voronka`;
  try {
    await page.goto('/sign-up');
    await page.getByLabel('Имя и фамилия').fill('Ирина Админ');
    await page.getByLabel('Эл. почта').fill(`hooks.${Date.now()}@example.ru`);
    await page.getByRole('textbox', { name: 'Пароль', exact: true }).fill('correct-horse-battery');
    await page.getByLabel('Название компании').fill('ООО «Котлы»');
    await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
    await expect(page.getByRole('heading', { name: /Здравствуйте/ })).toBeVisible();

    await page.getByRole('link', { name: 'Вебхуки' }).click();
    await expect(page.getByRole('heading', { name: 'Исходящие вебхуки' })).toBeVisible();
    await page.getByRole('button', { name: 'Новый вебхук' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Адрес (URL)' }).fill(url);
    await dialog.getByLabel('События').click({ force: true });
    await page.getByRole('option', { name: 'Сделка создана' }).click();
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Новый вебхук' }).click();
    // The secret, once.
    const secret = page.getByRole('dialog', { name: 'Секрет подписи' });
    await expect(secret.getByText('Секрет показывается один раз')).toBeVisible();
    await expect(secret.getByTestId('webhook-secret')).toContainText('whsec_');
    await secret.getByRole('button', { name: 'Готово' }).click();
    const row = page.getByRole('row', { name: new RegExp(url.replace(/[.]/g, '\\.')) });
    await expect(row.getByRole('switch')).toBeChecked();

    await page.getByRole('link', { name: 'Воронка' }).click();
    await page.getByRole('button', { name: 'Новая сделка' }).click();
    const dealDialog = page.getByRole('dialog');
    await dealDialog.getByRole('textbox', { name: 'Название', exact: true }).fill('Котёл 24 кВт');
    await dealDialog.getByRole('button', { name: 'Сохранить' }).click();
    await expect(page.getByRole('heading', { name: 'Котёл 24 кВт' })).toBeVisible();
    await expect.poll(() => got.length, { timeout: 20_000 }).toBe(1);
    expect(JSON.parse(got[0]!.body)).toMatchObject({
      type: 'deal.created',
      data: { deal: { title: 'Котёл 24 кВт' } },
    });

    await page.getByRole('link', { name: 'Вебхуки' }).click();
    await page
      .getByRole('row', { name: /voronka/ })
      .getByRole('button', { name: 'Журнал' })
      .click();
    const drawer = page.getByRole('dialog');
    await expect(drawer.getByText('Доставлено')).toBeVisible();
    await expect(drawer.getByText(/№1 .*: 200/)).toBeVisible();
    await drawer.getByRole('button', { name: /Отправить доставку/ }).click();
    await expect.poll(() => got.length, { timeout: 20_000 }).toBe(2);
    expect(got[1]!.headers['voronka-delivery']).toBe(got[0]!.headers['voronka-delivery']);
  } finally {
    server.close();
  }
});
