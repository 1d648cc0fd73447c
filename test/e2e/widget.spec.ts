import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';

// A client's website on ANOTHER origin (its own little HTTP server on another port) embeds the form
// with widget.js from the app: the visitor fills it in there, and the request shows up in the app.

let site: http.Server;
let sitePort: number;
let formKey = '';

function startSite(appUrl: string) {
  site = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://site');
    const script = (extra: string) =>
      `<script src="${appUrl}/widget.js" data-form="${formKey}" ${extra} async></script>`;
    const pages: Record<string, string> = {
      '/': `<h1>Магазин кирпича</h1><div id="order"></div>${script('data-target="#order"')}`,
      '/call-me': `<h1>Доставка за день</h1>${script('')}`,
      '/own-form': `<h1>Свяжитесь с нами</h1>
        <form id="my-form"><label>Ваше имя <input name="name"></label><label>Телефон <input name="phone"></label><button type="submit">Жду звонка</button></form>
        ${script('data-attach="#my-form"')}`,
    };
    const body = pages[url.pathname];
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      body
        ? `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Сайт клиента</title></head><body>${body}</body></html>`
        : 'not found',
    );
  });
  return new Promise<void>((resolve) => site.listen(0, '127.0.0.1', () => resolve()));
}

// The session's CSRF token, as the web app holds it, for a write through the API.
async function csrf(page: import('@playwright/test').Page): Promise<string> {
  return ((await (await page.request.get('/api/v1/auth/session')).json()) as { csrfToken: string })
    .csrfToken;
}

test.beforeAll(async ({}, info) => {
  await startSite(String(info.project.use.baseURL));
  sitePort = (site.address() as AddressInfo).port;
});
test.afterAll(async () => {
  await new Promise((resolve) => site.close(resolve));
});

test('a visitor on another site sends the embedded form and the request arrives in the app', async ({
  page,
  browser,
  baseURL,
}) => {
  const stamp = Date.now();
  await page.goto('/sign-up');
  await page.getByLabel('Имя и фамилия').fill('Ольга Смирнова');
  await page.getByLabel('Эл. почта').fill(`widget.${stamp}@example.ru`);
  await page.getByRole('textbox', { name: 'Пароль', exact: true }).fill('correct-horse-battery');
  await page.getByLabel('Название компании').fill('ООО «Кирпич»');
  await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
  await expect(page.getByTestId('trial-banner')).toBeVisible();

  // The owner builds the form in Settings → Website forms and allows the client's site.
  await page.getByRole('link', { name: 'Формы на сайт' }).click();
  await page.getByRole('button', { name: 'Новая форма' }).click();
  await page.getByLabel('Название').fill('Заказ кирпича');
  const domains = page.getByRole('combobox', { name: 'Сайты' });
  await domains.fill(`127.0.0.1:${sitePort}`);
  await domains.press('Enter');
  await page.getByRole('button', { name: 'Создать форму' }).click();
  const embed = page.getByTestId('form-embed-code');
  await expect(embed).toContainText('data-form=');
  formKey = /data-form="([^"]+)"/.exec((await embed.textContent()) ?? '')![1]!;
  await expect(embed).toContainText(`${baseURL}/widget.js`);

  // The visitor, on the client's site (no session of the app there), with an ad's UTM tags.
  const visitor = await browser.newContext({ locale: 'ru-RU' });
  const sitePage = await visitor.newPage();
  await sitePage.goto(`http://127.0.0.1:${sitePort}/?utm_source=yandex&utm_campaign=bricks`);
  const form = sitePage.locator('#order form.vrnk-form');
  await expect(form).toBeVisible();
  await form.getByLabel('Имя').fill('Пётр Васильев');
  await form.getByLabel('Сообщение').fill('Нужно 2000 штук');
  await form.getByRole('checkbox').check();
  // A phone that cannot be dialled is refused, with the reason under the field in the page's language.
  await form.getByLabel('Телефон').fill('8 912 000');
  await form.getByRole('button', { name: 'Отправить' }).click();
  await expect(
    form.getByText('Введите номер телефона полностью, например +7 912 345-67-89'),
  ).toBeVisible();
  await expect(form.getByLabel('Телефон')).toHaveAttribute('aria-invalid', 'true');
  await form.getByLabel('Телефон').fill('8 912 555-44-33');
  await form.getByRole('button', { name: 'Отправить' }).click();
  await expect(sitePage.getByText('Спасибо! Мы свяжемся с вами в ближайшее время.')).toBeVisible();

  // The site's own form, taken over by data-attach: its fields go as they are.
  await sitePage.goto(`http://127.0.0.1:${sitePort}/own-form`);
  await sitePage.getByLabel('Ваше имя').fill('Анна Орлова');
  await sitePage.getByLabel('Телефон').fill('+7 912 111-22-33');
  // The form has consent text: the widget added the checkbox the site's form lacked.
  await sitePage.locator('#my-form input[name=consent]').check();
  await sitePage.getByRole('button', { name: 'Жду звонка' }).click();
  await expect(sitePage.getByText('Спасибо! Мы свяжемся с вами в ближайшее время.')).toBeVisible();

  // With the call-back button on, a page without a container gets the floating button and the form
  // opens in a dialog.
  const formId = /\/settings\/forms\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  const patched = await page.request.patch(`/api/v1/forms/${formId}`, {
    data: { callbackButton: true },
    headers: { 'x-csrf-token': await csrf(page) },
  });
  expect(patched.status()).toBe(200);
  const callPage = await visitor.newPage();
  await callPage.goto(`http://127.0.0.1:${sitePort}/call-me`);
  await callPage.getByRole('button', { name: 'Перезвоните мне' }).click();
  const dialog = callPage.getByRole('dialog');
  await dialog.getByLabel('Имя').fill('Игорь');
  await dialog.getByLabel('Телефон').fill('+7 912 777-66-55');
  await dialog.getByRole('checkbox').check();
  await dialog.getByRole('button', { name: 'Отправить' }).click();
  await expect(dialog.getByText('Спасибо! Мы свяжемся с вами в ближайшее время.')).toBeVisible();

  // The same site under another name is another origin, not allowed: the widget draws nothing.
  const refused = await visitor.newPage();
  await refused.goto(`http://localhost:${sitePort}/`);
  await refused.waitForTimeout(1000);
  await expect(refused.locator('.vrnk-form')).toHaveCount(0);
  await visitor.close();

  // Back in the app: both requests, from the web channel, matched to what the visitor typed.
  const leads = await (await page.request.get('/api/v1/leads?limit=10')).json();
  const byName = (name: string) =>
    leads.items.find((l: { contactName: string }) => l.contactName === name);
  expect(byName('Пётр Васильев')).toMatchObject({
    channel: 'web',
    title: 'Заказ кирпича',
    contactPhone: '+79125554433',
    utm: { utm_source: 'yandex', utm_campaign: 'bricks' },
  });
  expect(byName('Пётр Васильев').message).toContain('Нужно 2000 штук');
  expect(byName('Анна Орлова')).toMatchObject({ channel: 'web', contactPhone: '+79121112233' });
  const inbox = await (await page.request.get('/api/v1/inbox?limit=10')).json();
  expect(inbox.items.map((c: { clientName: string }) => c.clientName).sort()).toEqual([
    'Анна Орлова',
    'Игорь',
    'Пётр Васильев',
  ]);
  await page.getByRole('link', { name: /Входящие/ }).click();
  await expect(page.getByText('Пётр Васильев').first()).toBeVisible();
});
