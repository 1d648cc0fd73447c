import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';

// A Telegram bot channel from end to end: connect it, a client writes, the message appears in the
// open inbox live (Server-Sent Events, no reload) with an unread badge, the manager opens it, sees
// the client card and replies; the in-process worker sends the reply through the Bot API.
//
// There is no internet here, so api.telegram.org is replaced by a local stand-in answering
// POST /bot<token>/<method> in the shapes core.telegram.org/bots/api documents; the channel's
// `apiRoot` points grammY at it (allowed by VORONKA_CHANNEL_API_OVERRIDES=on in
// playwright.config.ts). The update itself is posted to Voronka's real webhook, as Telegram would.

const TOKEN = '7012345678:AAHk-e2e-token';
const SECRET = 'e2e-webhook-secret_1';
type Call = { method: string; body: Record<string, unknown> };

function startBotApi(): Promise<{ url: string; calls: Call[]; close: () => Promise<void> }> {
  const calls: Call[] = [];
  let nextId = 500;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
      // A file goes as multipart/form-data (sendDocument): kept raw, to look for its name and bytes.
      const multipart = String(req.headers['content-type'] ?? '').startsWith('multipart/form-data');
      const body = multipart
        ? { multipart: raw }
        : raw
          ? (JSON.parse(raw) as Record<string, unknown>)
          : {};
      const answer = (status: number, json: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      if (!m || m[1] !== TOKEN)
        return answer(401, { ok: false, error_code: 401, description: 'Unauthorized' });
      calls.push({ method: m[2]!, body });
      if (m[2] === 'getMe')
        return answer(200, {
          ok: true,
          result: {
            id: 7012345678,
            is_bot: true,
            first_name: 'Ромашка',
            username: 'romashka_shop_bot',
          },
        });
      if (m[2] === 'setWebhook')
        return answer(200, { ok: true, result: true, description: 'Webhook was set' });
      if (m[2] === 'sendMessage')
        return answer(200, {
          ok: true,
          result: {
            message_id: ++nextId,
            date: Math.floor(Date.now() / 1000),
            chat: { id: Number(body.chat_id), type: 'private' },
            text: body.text,
          },
        });
      if (m[2] === 'sendDocument')
        return answer(200, {
          ok: true,
          result: {
            message_id: ++nextId,
            date: Math.floor(Date.now() / 1000),
            chat: { id: 394821755, type: 'private' },
            document: { file_id: 'doc', file_unique_id: 'doc' },
          },
        });
      return answer(404, {
        ok: false,
        error_code: 404,
        description: 'Not Found: method not found',
      });
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        calls,
        close: () => new Promise<void>((r) => server.close(() => r())),
      }),
    ),
  );
}

test('a Telegram message arrives live in the inbox and the reply goes out once', async ({
  page,
}) => {
  const botApi = await startBotApi();
  try {
    const signUp = await page.request.post('/api/v1/auth/sign-up', {
      data: {
        name: 'Анна Иванова',
        email: `inbox.${Date.now()}@example.ru`,
        password: 'correct-horse-battery',
        companyName: 'ООО «Ромашка»',
      },
    });
    expect(signUp.status()).toBe(201);
    const { csrfToken } = await signUp.json();
    const created = await page.request.post('/api/v1/channels', {
      data: {
        kind: 'telegram',
        name: 'Бот магазина',
        settings: { mode: 'webhook', apiRoot: botApi.url },
        secrets: { botToken: TOKEN, webhookSecret: SECRET },
      },
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(created.status(), await created.text()).toBe(201);
    const channel = await created.json();
    const webhook = channel.webhookUrls[0].url as string;

    // Settings → Channels: "Подключить" calls getMe and setWebhook with our address and secret.
    // (The app shell opens the event stream on any page, for the inbox's badge.)
    const stream = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/events') && r.status() === 200,
    );
    await page.goto('/settings/channels');
    await page.getByRole('button', { name: 'Подключить' }).click();
    await expect(
      page.getByText(
        'Бот @romashka_shop_bot подключён: Telegram будет присылать сообщения в Voronka.',
      ),
    ).toBeVisible();
    const setWebhook = botApi.calls.find((c) => c.method === 'setWebhook')!;
    expect(setWebhook.body).toMatchObject({
      url: webhook,
      secret_token: SECRET,
      allowed_updates: ['message'],
    });

    // The inbox open (in-app navigation) with the stream connected; a marker tells a reload apart.
    await page
      .getByRole('link', { name: /Входящие/ })
      .first()
      .click();
    await expect(page.getByRole('heading', { name: 'Входящие' })).toBeVisible();
    await stream;
    await expect(page.getByText('Разговоров нет')).toBeVisible();
    await page.evaluate(() => ((globalThis as unknown as { e2eMarker: boolean }).e2eMarker = true));

    // A client writes to the bot: Telegram posts the Update with the secret header.
    const update = {
      update_id: 745120311,
      message: {
        message_id: 52,
        from: {
          id: 394821755,
          is_bot: false,
          first_name: 'Мария',
          last_name: 'Соколова',
          username: 'msokolova',
          language_code: 'ru',
        },
        chat: {
          id: 394821755,
          first_name: 'Мария',
          last_name: 'Соколова',
          username: 'msokolova',
          type: 'private',
        },
        date: Math.floor(Date.now() / 1000),
        text: 'Здравствуйте! Сколько стоит доставка в Казань?',
      },
    };
    const delivered = await page.request.post(webhook, {
      data: update,
      headers: { 'x-telegram-bot-api-secret-token': SECRET },
    });
    expect(delivered.status(), await delivered.text()).toBe(200);

    const item = page.getByTestId('conversation-item');
    await expect(item).toHaveCount(1, { timeout: 1_000 });
    await expect(item.getByText('Мария Соколова')).toBeVisible();
    await expect(item.getByLabel('1 непрочитанное')).toBeVisible();
    expect(
      await page.evaluate(() => (globalThis as unknown as { e2eMarker?: boolean }).e2eMarker),
    ).toBe(true);

    // Open it: the message, and the client card of a sender who is not a contact yet.
    await item.click();
    const thread = page.getByRole('log', { name: 'Переписка' });
    await expect(thread.getByText('Здравствуйте! Сколько стоит доставка в Казань?')).toBeVisible();
    await expect(page.getByText('Не найден среди контактов')).toBeVisible();
    await expect(page.getByText('Telegram: 394821755')).toBeVisible();
    await expect(page.getByText('Всё прочитано')).toBeVisible();

    // Reply with a double click: one request (the button is disabled while sending, and the
    // Idempotency-Key would collapse a second), queued at first, then sent by the worker.
    const reply = 'Добрый день, Мария! Доставка в Казань — 450 ₽, 2–3 дня.';
    await page.getByRole('textbox', { name: 'Ответ' }).fill(reply);
    const posted = page.waitForResponse(
      (r) => r.url().endsWith(`/messages`) && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Отправить', exact: true }).dblclick();
    const response = await posted;
    expect(response.status()).toBe(201);
    expect((await response.json()).status).toBe('queued');
    expect(response.request().headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    await expect(page.getByRole('textbox', { name: 'Ответ' })).toHaveValue('');

    const out = thread.getByTestId('message-out');
    await expect(out).toHaveCount(1);
    await expect(out.getByText(reply)).toBeVisible();
    await expect(out.getByText('Отправлено')).toBeVisible({ timeout: 5_000 });
    const sends = botApi.calls.filter((c) => c.method === 'sendMessage');
    expect(sends).toHaveLength(1);
    expect(sends[0]!.body).toMatchObject({ chat_id: '394821755', text: reply });

    // A reply with a file: the worker sends it as a document, the text as its caption.
    await page.getByRole('textbox', { name: 'Ответ' }).fill('Прайс во вложении');
    await page.locator('input[type=file]').setInputFiles({
      name: 'прайс.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Кирпич;450\n'),
    });
    await expect(page.getByText('прайс.csv')).toBeVisible();
    await page.getByRole('button', { name: 'Отправить', exact: true }).click();
    await expect(out).toHaveCount(2);
    await expect(out.nth(1).getByText('Отправлено')).toBeVisible({ timeout: 5_000 });
    const documents = botApi.calls.filter((c) => c.method === 'sendDocument');
    expect(documents).toHaveLength(1);
    expect(String(documents[0]!.body.multipart)).toContain('Кирпич;450');
    expect(String(documents[0]!.body.multipart)).toContain('Прайс во вложении');
  } finally {
    await botApi.close();
  }
});
