import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as inbox from '../../modules/inbox/service.js';
import { createSealer, loadSecret } from '../../platform/crypto.js';
import { startJobRunner } from '../../platform/jobs/jobs.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, call, expectProblem, signUp, type Browser } from '../../test/client.js';
import { inChannelWorkspace } from '../shared/webhook.js';
import { startStandIn, type StandIn } from '../shared/stand-in.js';
import { startTelegramPolling } from './poller.js';

// Telegram's Bot API cannot be reached from here (no internet), so outbound calls go to a local
// stand-in: an HTTP server answering POST /bot<token>/<method> and GET /file/bot<token>/<path> in
// the shapes core.telegram.org/bots/api documents. The real grammY client talks to it through
// the channel's `apiRoot` setting. Inbound updates are posted to Voronka's real webhook route.

// The stand-in's address reaches the client through the channel's settings (an operator's switch).
process.env.VORONKA_CHANNEL_API_OVERRIDES = 'on';

const TOKEN = '7012345678:AAHk-test-token';
const PHOTO = Buffer.from('\xff\xd8\xff\xe0 a small jpeg', 'latin1');
const fixture = (name: string) =>
  JSON.parse(fs.readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));

let env: TestEnv;
let owner: Browser;
let api: StandIn;
let pending: unknown[] = [];
let nextMessageId = 900;
let getUpdatesDelayMs = 0;

async function createBot(
  settings: Record<string, string> = {},
  secrets: Record<string, string> = { botToken: TOKEN, webhookSecret: 'hook-secret_1' },
) {
  const res = await owner.call('POST', '/api/v1/channels', {
    kind: 'telegram',
    name: 'Бот магазина',
    settings: { apiRoot: api.url, ...settings },
    secrets,
  });
  if (res.status !== 201) throw new Error(`channel: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id as string, path: new URL(res.body.webhookUrls[0].url).pathname };
}

const post = (path: string, update: unknown, secret: string | null = 'hook-secret_1') =>
  call(
    env.app,
    'POST',
    path,
    update,
    secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret },
  );

async function conversations(channelId: string) {
  const list = await owner.call('GET', `/api/v1/inbox?channelId=${channelId}&limit=100`);
  return Promise.all(
    list.body.items.map(
      async (c: { id: string }) => (await owner.call('GET', `/api/v1/conversations/${c.id}`)).body,
    ),
  );
}

beforeAll(async () => {
  api = await startStandIn(async (req) => {
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.path);
    if (req.path === `/file/bot${TOKEN}/photos/file_7.jpg`)
      return { bytes: PHOTO, type: 'image/jpeg' };
    if (!m || m[1] !== TOKEN)
      return { status: 401, json: { ok: false, error_code: 401, description: 'Unauthorized' } };
    switch (m[2]) {
      case 'sendMessage':
        return {
          json: {
            ok: true,
            result: {
              message_id: ++nextMessageId,
              date: 1767262000,
              chat: { id: Number(req.json.chat_id), type: 'private' },
              text: req.json.text,
            },
          },
        };
      case 'getFile':
        return {
          json: {
            ok: true,
            result: {
              file_id: req.json.file_id,
              file_unique_id: 'AQADlarge',
              file_size: PHOTO.length,
              file_path: 'photos/file_7.jpg',
            },
          },
        };
      case 'getMe':
        return {
          json: {
            ok: true,
            result: {
              id: 7012345678,
              is_bot: true,
              first_name: 'Ромашка',
              username: 'romashka_shop_bot',
              can_join_groups: true,
              can_read_all_group_messages: false,
              supports_inline_queries: false,
            },
          },
        };
      case 'setWebhook':
      case 'deleteWebhook':
        return { json: { ok: true, result: true, description: 'Webhook was set' } };
      case 'getUpdates': {
        if (getUpdatesDelayMs) await new Promise((r) => setTimeout(r, getUpdatesDelayMs));
        const offset = Number(req.json?.offset ?? 0);
        const out = pending.filter((u) => (u as { update_id: number }).update_id >= offset);
        return { json: { ok: true, result: out } };
      }
      default:
        return {
          status: 404,
          json: { ok: false, error_code: 404, description: 'Not Found: method not found' },
        };
    }
  });
  env = await createTestApp();
  owner = await signUp(env.app);
});
afterAll(async () => {
  await env?.close();
  await api?.close();
});

describe('telegram webhook', () => {
  it('stores a message as a conversation of the chat and raises a request', async () => {
    const bot = await createBot();
    const res = await post(bot.path, fixture('text-message'));
    expect(res.status).toBe(200);
    const [conv] = await conversations(bot.id);
    expect(conv).toMatchObject({
      clientName: 'Мария Соколова',
      clientAddress: 'telegram:394821755',
      unread: 1,
    });
    expect(conv.messages).toMatchObject([
      {
        direction: 'in',
        text: 'Здравствуйте! Сколько стоит доставка в Казань?',
        sender: { handle: { kind: 'telegram', id: '394821755' } },
      },
    ]);
    const lead = await owner.call('GET', `/api/v1/leads/${conv.leadId}`);
    expect(lead.body).toMatchObject({
      channel: 'telegram',
      contactName: 'Мария Соколова',
      message: 'Здравствуйте! Сколько стоит доставка в Казань?',
    });
  });

  it('stores an update delivered twice once', async () => {
    const bot = await createBot();
    expect((await post(bot.path, fixture('text-message'))).status).toBe(200);
    expect((await post(bot.path, fixture('text-message'))).status).toBe(200);
    const convs = await conversations(bot.id);
    expect(convs).toHaveLength(1);
    expect(convs[0].messages).toHaveLength(1);
  });

  it('refuses a wrong or missing secret token with 401 and stores nothing', async () => {
    const bot = await createBot();
    expectProblem(
      await post(bot.path, fixture('text-message'), 'hook-secret_2'),
      401,
      'webhook.invalid_signature',
    );
    expectProblem(
      await post(bot.path, fixture('text-message'), null),
      401,
      'webhook.invalid_signature',
    );
    expect(await conversations(bot.id)).toHaveLength(0);
  });

  it('refuses every update while the channel has no webhook secret', async () => {
    const bot = await createBot({}, { botToken: TOKEN });
    expectProblem(
      await post(bot.path, fixture('text-message'), ''),
      401,
      'webhook.invalid_signature',
    );
    expect(await conversations(bot.id)).toHaveLength(0);
  });

  it('answers an unknown key with 404', async () => {
    expectProblem(
      await post('/api/public/telegram/no-such-key', fixture('text-message')),
      404,
      'channel.not_found',
    );
  });

  it('keeps a photo, downloaded through getFile, with the message', async () => {
    const bot = await createBot();
    expect((await post(bot.path, fixture('photo-message'))).status).toBe(200);
    const [conv] = await conversations(bot.id);
    const [msg] = conv.messages;
    expect(msg).toMatchObject({
      text: 'Вот такой диван нужен',
      attachments: [{ name: 'photo_AQADlarge.jpg', type: 'image/jpeg', size: PHOTO.length }],
    });
    expect(api.calls(`/bot${TOKEN}/getFile`).at(-1)?.json).toEqual({
      file_id: 'AgACAgIAAxkBAAM1Z-large',
    });
    const file = await env.app.inject({
      method: 'GET',
      url: `/api/v1/files/${msg.attachments[0].fileId}`,
      headers: { cookie: owner.cookie },
    });
    expect(file.rawPayload.equals(PHOTO)).toBe(true);
  });

  it('acknowledges updates that are not new messages and stores nothing', async () => {
    const bot = await createBot();
    for (const name of ['edited-message', 'callback-query', 'my-chat-member'])
      expect((await post(bot.path, fixture(name))).status).toBe(200);
    expect(await conversations(bot.id)).toHaveLength(0);
  });

  it('keeps a client message with a control character instead of refusing the delivery', async () => {
    const bot = await createBot();
    const update = fixture('text-message');
    update.message.text = 'Нужен\u0000 счёт\u000b на оплату';
    expect((await post(bot.path, update)).status).toBe(200);
    const [conv] = await conversations(bot.id);
    expect(conv.messages[0].text).toBe('Нужен счёт на оплату');
  });
});

describe('telegram replies', () => {
  it('sends a reply to the chat once, even when the send job is delivered twice', async () => {
    const bot = await createBot();
    await post(bot.path, fixture('text-message'));
    const [conv] = await conversations(bot.id);
    const before = api.calls(`/bot${TOKEN}/sendMessage`).length;
    const reply = await owner.call('POST', `/api/v1/conversations/${conv.id}/messages`, {
      text: 'Доставка в Казань — 1 500 ₽, 3 дня.',
    });
    expect(reply.status).toBe(201);
    const runner = startJobRunner(env.database.db, [inbox.inboxSend], { pollMs: 60_000 });
    await runner.drain();
    await runner.stop();
    // A second delivery of the same job (at-least-once queue): the message is already sent.
    await inChannelWorkspace(env.database.db, owner.info.me!.workspace.id, 'test', (ctx) =>
      inbox.inboxSend.run(ctx, { messageId: reply.body.id }),
    );
    const sent = api.calls(`/bot${TOKEN}/sendMessage`).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.json).toEqual({
      chat_id: '394821755',
      text: 'Доставка в Казань — 1 500 ₽, 3 дня.',
    });
    const after = (await owner.call('GET', `/api/v1/conversations/${conv.id}`)).body;
    expect(after.messages.at(-1)).toMatchObject({ direction: 'out', status: 'sent', error: null });
  });

  it('marks a reply failed when Telegram refuses the bot token', async () => {
    const bot = await createBot({}, { botToken: '1:revoked', webhookSecret: 'hook-secret_1' });
    await post(bot.path, fixture('text-message'));
    const [conv] = await conversations(bot.id);
    const reply = await owner.call('POST', `/api/v1/conversations/${conv.id}/messages`, {
      text: 'Здравствуйте!',
    });
    const runner = startJobRunner(env.database.db, [inbox.inboxSend], { pollMs: 60_000 });
    await runner.drain();
    await runner.stop();
    const after = (await owner.call('GET', `/api/v1/conversations/${conv.id}`)).body;
    expect(after.messages.find((m: { id: string }) => m.id === reply.body.id)).toMatchObject({
      status: 'failed',
      error: 'Telegram sendMessage: 401 Unauthorized',
    });
  });
});

describe('connecting a bot', () => {
  it('sets the webhook with a generated secret token that the webhook then accepts, and fills in the username', async () => {
    const bot = await createBot({}, { botToken: TOKEN });
    const res = await owner.call('POST', `/api/v1/channels/${bot.id}/telegram/connect`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      settings: { botUsername: 'romashka_shop_bot' },
      hasSecrets: { botToken: true, webhookSecret: true },
    });
    const set = api.calls(`/bot${TOKEN}/setWebhook`).at(-1)!.json;
    expect(set).toMatchObject({
      url: `http://voronka.test${bot.path}`,
      allowed_updates: ['message'],
    });
    expect(set.secret_token).toMatch(/^[A-Za-z0-9_-]{32,256}$/);
    expect(JSON.stringify(res.body)).not.toContain(set.secret_token);
    // What Telegram was told is what the webhook now requires.
    expect((await post(bot.path, fixture('text-message'), set.secret_token)).status).toBe(200);
    expectProblem(
      await post(bot.path, fixture('text-message'), 'hook-secret_1'),
      401,
      'webhook.invalid_signature',
    );
    // Connecting again keeps the secret (updates in flight still verify).
    await owner.call('POST', `/api/v1/channels/${bot.id}/telegram/connect`);
    expect(api.calls(`/bot${TOKEN}/setWebhook`).at(-1)!.json.secret_token).toBe(set.secret_token);
  });

  it('deletes the webhook for a bot set to polling', async () => {
    const bot = await createBot({ mode: 'polling' });
    const before = api.calls(`/bot${TOKEN}/deleteWebhook`).length;
    expect((await owner.call('POST', `/api/v1/channels/${bot.id}/telegram/connect`)).status).toBe(
      200,
    );
    expect(api.calls(`/bot${TOKEN}/deleteWebhook`)).toHaveLength(before + 1);
    // Not polled by the long-polling test below.
    await owner.call('PATCH', `/api/v1/channels/${bot.id}`, { enabled: false });
  });

  it('says why Telegram refused, and needs the right to change settings', async () => {
    const bad = await createBot({}, { botToken: '1:revoked' });
    const res = await owner.call('POST', `/api/v1/channels/${bad.id}/telegram/connect`);
    expectProblem(res, 502, 'channel.connect_failed');
    expect(res.body.detail).toBe('Telegram refused: Unauthorized');
    const noToken = await createBot({}, {});
    expectProblem(
      await owner.call('POST', `/api/v1/channels/${noToken.id}/telegram/connect`),
      400,
      'request.invalid',
      'secrets.botToken',
    );
    const manager = await addMember(env.app, owner, 'manager');
    expectProblem(
      await manager.browser.call('POST', `/api/v1/channels/${bad.id}/telegram/connect`),
      403,
      'auth.forbidden',
    );
  });
});

describe('telegram long polling', () => {
  it('takes updates with getUpdates, stores each once and moves the offset past them', async () => {
    const bot = await createBot({ mode: 'polling' });
    const sealer = createSealer(loadSecret(env.config.secret, env.config.dataDir));
    const first = fixture('text-message');
    const second = fixture('document-message');
    pending = [first, second];
    const poller = startTelegramPolling(env.database.db, sealer, () => undefined, {
      everyMs: 60_000,
      longPollSeconds: 0,
    });
    try {
      await poller.pollNow();
      // Telegram hands the same updates again until an offset past them confirms them.
      await poller.pollNow();
    } finally {
      await poller.stop();
      pending = [];
    }
    const polls = api.calls(`/bot${TOKEN}/getUpdates`).slice(-2);
    expect(polls[0]!.json).toEqual({ timeout: 0, allowed_updates: ['message'] });
    expect(polls[1]!.json).toEqual({
      offset: second.update_id + 1,
      timeout: 0,
      allowed_updates: ['message'],
    });
    const [conv] = await conversations(bot.id);
    expect(conv.messages.map((m: { text: string | null }) => m.text)).toEqual([
      'Здравствуйте! Сколько стоит доставка в Казань?',
      null,
    ]);
    await owner.call('PATCH', `/api/v1/channels/${bot.id}`, { enabled: false });
  });

  it('leaves out an offset saved over a week ago (Telegram may restart its numbering lower)', async () => {
    const bot = await createBot({ mode: 'polling' });
    const sealer = createSealer(loadSecret(env.config.secret, env.config.dataDir));
    const ws = owner.info.me!.workspace.id;
    await inChannelWorkspace(env.database.db, ws, 'test', (ctx) =>
      inbox.saveChannelCursor(ctx, bot.id, {
        offset: 900000000,
        savedAt: new Date(Date.now() - 8 * 86400_000).toISOString(),
      }),
    );
    pending = [{ ...fixture('text-message'), update_id: 12 }];
    const poller = startTelegramPolling(env.database.db, sealer, () => undefined, {
      everyMs: 60_000,
      longPollSeconds: 0,
    });
    try {
      await poller.pollNow();
    } finally {
      await poller.stop();
      pending = [];
    }
    expect(api.calls(`/bot${TOKEN}/getUpdates`).at(-1)!.json).toEqual({
      timeout: 0,
      allowed_updates: ['message'],
    });
    const [conv] = await conversations(bot.id);
    expect(conv.messages).toHaveLength(1);
    await owner.call('PATCH', `/api/v1/channels/${bot.id}`, { enabled: false });
  });

  it('lets one of several workers poll a channel at a time', async () => {
    const bot = await createBot({ mode: 'polling' });
    const sealer = createSealer(loadSecret(env.config.secret, env.config.dataDir));
    // Two pollers with nothing shared but the database, as in two worker processes.
    const workers = [0, 1].map(() =>
      startTelegramPolling(env.database.db, sealer, () => undefined, {
        everyMs: 60_000,
        longPollSeconds: 0,
      }),
    );
    const before = api.calls(`/bot${TOKEN}/getUpdates`).length;
    pending = [fixture('text-message')];
    getUpdatesDelayMs = 300;
    try {
      await Promise.all(workers.map((w) => w.pollNow()));
    } finally {
      getUpdatesDelayMs = 0;
      pending = [];
      await Promise.all(workers.map((w) => w.stop()));
    }
    expect(api.calls(`/bot${TOKEN}/getUpdates`)).toHaveLength(before + 1);
    const [conv] = await conversations(bot.id);
    expect(conv.messages).toHaveLength(1);
    await owner.call('PATCH', `/api/v1/channels/${bot.id}`, { enabled: false });
  });
});
