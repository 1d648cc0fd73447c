import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from '../shared/stand-in.js';
import { startJobRunner } from '../../platform/jobs/jobs.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { drainAndStop } from '../../test/drain.js';
import { addMember, call, expectProblem, signUp, type Browser } from '../../test/client.js';
import { startLeadTimers, telegramNotice } from '../../modules/routing/service.js';

// Routing notices in a manager's Telegram through the workspace's bot. Telegram's Bot API cannot be
// reached from here (no internet): the bot's calls go to a local stand-in answering sendMessage as
// core.telegram.org/bots/api documents (the channel's apiRoot, an operator's switch); the member's
// "/start <code>" is posted to Voronka's real webhook route, as Telegram would.
process.env.VORONKA_CHANNEL_API_OVERRIDES = 'on';

const TOKEN = '7012345678:AAHk-notice-token';
let env: TestEnv;
let owner: Browser;
let manager: Awaited<ReturnType<typeof addMember>>;
let api: StandIn;
let channelId: string;
let webhook: string;
let nextId = 100;

const sent = () =>
  api
    .calls(`/bot${TOKEN}/sendMessage`)
    .map((r) => ({ chat: String(r.json.chat_id), text: String(r.json.text) }));
const runNotices = () => drainAndStop(startJobRunner(env.database.db, [telegramNotice]));
const routeNow = () => drainAndStop(startLeadTimers(env.database.db, { pollMs: 60_000 }));
const startUpdate = (text: string, chatId: number) => ({
  update_id: ++nextId,
  message: {
    message_id: nextId,
    from: { id: chatId, is_bot: false, first_name: 'Игорь' },
    chat: { id: chatId, first_name: 'Игорь', type: 'private' },
    date: 1767261600,
    text,
  },
});

beforeAll(async () => {
  api = await startStandIn((req) => {
    if (req.path === `/bot${TOKEN}/sendMessage`)
      return {
        json: {
          ok: true,
          result: {
            message_id: ++nextId,
            date: 1767262000,
            chat: { id: Number(req.json.chat_id), type: 'private' },
            text: req.json.text,
          },
        },
      };
    return { status: 404, json: { ok: false, error_code: 404, description: 'Not Found' } };
  });
  env = await createTestApp();
  owner = await signUp(env.app);
  manager = await addMember(env.app, owner, 'manager');
  const channel = (
    await owner.call('POST', '/api/v1/channels', {
      kind: 'telegram',
      name: 'Бот',
      settings: { apiRoot: api.url, botUsername: 'shop_bot' },
      secrets: { botToken: TOKEN, webhookSecret: 'hook-secret_1' },
    })
  ).body;
  channelId = channel.id;
  webhook = new URL(channel.webhookUrls[0].url).pathname;
  await owner.call('POST', '/api/v1/routing-rules', {
    name: 'Всё — менеджеру',
    strategy: 'named',
    memberId: manager.memberId,
  });
});
afterAll(async () => {
  await env?.close();
  await api?.close();
});

describe('routing notices in Telegram', () => {
  it("links a member's chat by a one-time code sent to the bot, without raising a request", async () => {
    expectProblem(
      await owner.call('POST', `/api/v1/availability/${manager.memberId}/telegram`, { channelId }),
      403,
      'auth.forbidden',
    );
    const link = await manager.browser.call(
      'POST',
      `/api/v1/availability/${manager.memberId}/telegram`,
      { channelId },
    );
    expect(link.status).toBe(201);
    expect(link.body.url).toBe(`https://t.me/shop_bot?start=${link.body.code}`);
    // Someone else's /start with a wrong code is a client's message like any other.
    await call(env.app, 'POST', webhook, startUpdate('/start vrkNOTACODE', 777001), {
      'x-telegram-bot-api-secret-token': 'hook-secret_1',
    });
    const res = await call(
      env.app,
      'POST',
      webhook,
      startUpdate(`/start ${link.body.code}`, 555001),
      { 'x-telegram-bot-api-secret-token': 'hook-secret_1' },
    );
    expect(res.status).toBe(200);
    const conversations = (await owner.call('GET', `/api/v1/inbox?channelId=${channelId}`)).body
      .items as { clientAddress: string | null; id: string }[];
    expect(conversations).toHaveLength(1);
    expect(
      (await manager.browser.call('GET', `/api/v1/availability/${manager.memberId}`)).body
        .telegramLinked,
    ).toBe(true);
    expect(await runNotices()).toBeGreaterThanOrEqual(1);
    expect(sent().find((m) => m.chat === '555001')?.text).toMatch(
      /уведомления о заявках будут приходить сюда/,
    );
    // The code works once.
    await call(env.app, 'POST', webhook, startUpdate(`/start ${link.body.code}`, 555002), {
      'x-telegram-bot-api-secret-token': 'hook-secret_1',
    });
    await runNotices();
    expect(sent().filter((m) => m.chat === '555002')).toHaveLength(0);
  });

  it('tells the member in Telegram when a request is routed to them, and stops when unlinked', async () => {
    const before = sent().length;
    const lead = await owner.call('POST', '/api/v1/leads', {
      channel: 'web',
      title: 'Кирпич облицовочный, 3000 шт',
    });
    await routeNow();
    await runNotices();
    expect(sent().slice(before)).toContainEqual({
      chat: '555001',
      text: 'Вам новая заявка: «Кирпич облицовочный, 3000 шт»',
    });
    expect((await owner.call('GET', `/api/v1/leads/${lead.body.id}`)).body.assigneeId).toBe(
      manager.memberId,
    );

    expect(
      (await manager.browser.call('DELETE', `/api/v1/availability/${manager.memberId}/telegram`))
        .status,
    ).toBe(204);
    const after = sent().length;
    await owner.call('POST', '/api/v1/leads', { channel: 'web', title: 'Газобетон' });
    await routeNow();
    await runNotices();
    expect(sent().length).toBe(after);
  });
});
