import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as inbox from '../../modules/inbox/service.js';
import { startJobRunner } from '../../platform/jobs/jobs.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { call, expectProblem, signUp, type Browser } from '../../test/client.js';
import { startStandIn, type StandIn } from '../shared/stand-in.js';
import { inChannelWorkspace } from '../shared/webhook.js';
import { vkRandomId, VK_VERSION } from './outbound.js';

// VK's API cannot be reached from here (no internet), so replies go to a local stand-in answering
// POST /method/messages.send as dev.vk.com/method/messages.send documents (form parameters in,
// {"response": <message id>} or {"error": {...}} out), through the channel's `apiBase` setting.
// Callback events are posted to Voronka's real route in the documented shapes.

// The stand-in's address reaches the client through the channel's settings (an operator's switch).
process.env.VORONKA_CHANNEL_API_OVERRIDES = 'on';

const fixture = (name: string) =>
  JSON.parse(fs.readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));

let env: TestEnv;
let owner: Browser;
let api: StandIn;
let nextId = 5000;

async function createCommunity() {
  const res = await owner.call('POST', '/api/v1/channels', {
    kind: 'vk',
    name: 'Сообщество ВКонтакте',
    settings: { groupId: '229876543', confirmationCode: 'a1b2c3d4', apiBase: api.url },
    secrets: { accessToken: 'vk1.a.community-token', secretKey: 'vk-secret-Zx81' },
  });
  if (res.status !== 201) throw new Error(`channel: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id as string, path: new URL(res.body.webhookUrls[0].url).pathname };
}

async function conversations(channelId: string) {
  const list = await owner.call('GET', `/api/v1/inbox?channelId=${channelId}&limit=100`);
  return Promise.all(
    list.body.items.map(
      async (c: { id: string }) => (await owner.call('GET', `/api/v1/conversations/${c.id}`)).body,
    ),
  );
}

async function runJobs() {
  const runner = startJobRunner(env.database.db, [inbox.inboxSend], { pollMs: 60_000 });
  await runner.drain();
  await runner.stop();
}

beforeAll(async () => {
  api = await startStandIn((req) => {
    if (req.path !== '/method/messages.send')
      return { json: { error: { error_code: 3, error_msg: 'Unknown method passed' } } };
    if (req.form?.get('peer_id') === '777')
      return {
        json: {
          error: { error_code: 901, error_msg: "Can't send messages for users without permission" },
        },
      };
    return { json: { response: ++nextId } };
  });
  env = await createTestApp();
  owner = await signUp(env.app);
});
afterAll(async () => {
  await env?.close();
  await api?.close();
});

describe('vk callback', () => {
  it('answers the confirmation request with the configured string as text/plain', async () => {
    const vk = await createCommunity();
    const res = await env.app.inject({
      method: 'POST',
      url: vk.path,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(fixture('confirmation')),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toBe('a1b2c3d4');
    expectProblem(
      await call(env.app, 'POST', vk.path, { type: 'confirmation', group_id: 1 }),
      403,
      'webhook.verification_failed',
      'group_id',
    );
  });

  it('stores message_new as a request from the VK user and answers "ok"', async () => {
    const vk = await createCommunity();
    const res = await env.app.inject({
      method: 'POST',
      url: vk.path,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(fixture('message-new')),
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('ok');
    const [conv] = await conversations(vk.id);
    expect(conv).toMatchObject({ clientAddress: 'vk:512345678' });
    expect(conv.messages).toMatchObject([
      {
        direction: 'in',
        text: 'Добрый день! Есть ли диван «Осло» в сером цвете?',
        sender: { handle: { kind: 'vk', id: '512345678' } },
      },
    ]);
    const lead = await owner.call('GET', `/api/v1/leads/${conv.leadId}`);
    expect(lead.body).toMatchObject({
      channel: 'vk',
      message: 'Добрый день! Есть ли диван «Осло» в сером цвете?',
    });
  });

  it('stores an event VK repeats once', async () => {
    const vk = await createCommunity();
    for (let i = 0; i < 2; i++)
      expect((await call(env.app, 'POST', vk.path, fixture('message-new'))).body).toBe('ok');
    const convs = await conversations(vk.id);
    expect(convs).toHaveLength(1);
    expect(convs[0].messages).toHaveLength(1);
  });

  it('refuses an event with a wrong or missing secret and stores nothing', async () => {
    const vk = await createCommunity();
    expectProblem(
      await call(env.app, 'POST', vk.path, { ...fixture('message-new'), secret: 'guess' }),
      401,
      'webhook.invalid_signature',
    );
    const { secret: _s, ...unsigned } = fixture('message-new');
    expectProblem(await call(env.app, 'POST', vk.path, unsigned), 401, 'webhook.invalid_signature');
    expect(await conversations(vk.id)).toHaveLength(0);
  });

  it('acknowledges other events without storing them', async () => {
    const vk = await createCommunity();
    expect((await call(env.app, 'POST', vk.path, fixture('message-reply'))).body).toBe('ok');
    expect(await conversations(vk.id)).toHaveLength(0);
  });
});

describe('vk replies', () => {
  it('sends messages.send with a random_id derived from the message, once even if the job runs twice', async () => {
    const vk = await createCommunity();
    await call(env.app, 'POST', vk.path, fixture('message-new'));
    const [conv] = await conversations(vk.id);
    const before = api.requests.length;
    const reply = await owner.call('POST', `/api/v1/conversations/${conv.id}/messages`, {
      text: 'Да, есть в сером. Привезём за 3 дня.',
    });
    expect(reply.status).toBe(201);
    await runJobs();
    await inChannelWorkspace(env.database.db, owner.info.me!.workspace.id, 'test', (ctx) =>
      inbox.inboxSend.run(ctx, { messageId: reply.body.id }),
    );
    const sent = api.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(Object.fromEntries(sent[0]!.form!)).toEqual({
      access_token: 'vk1.a.community-token',
      v: VK_VERSION,
      peer_id: '512345678',
      random_id: String(vkRandomId(reply.body.id)),
      message: 'Да, есть в сером. Привезём за 3 дня.',
    });
    const after = (await owner.call('GET', `/api/v1/conversations/${conv.id}`)).body;
    expect(after.messages.at(-1)).toMatchObject({ direction: 'out', status: 'sent' });
  });

  it('marks a reply failed when VK refuses to write to the user', async () => {
    const vk = await createCommunity();
    const event = fixture('message-new');
    event.object.message.peer_id = 777;
    event.object.message.from_id = 777;
    await call(env.app, 'POST', vk.path, event);
    const [conv] = await conversations(vk.id);
    const reply = await owner.call('POST', `/api/v1/conversations/${conv.id}/messages`, {
      text: 'Здравствуйте!',
    });
    await runJobs();
    const after = (await owner.call('GET', `/api/v1/conversations/${conv.id}`)).body;
    expect(after.messages.find((m: { id: string }) => m.id === reply.body.id)).toMatchObject({
      status: 'failed',
      error: "VK messages.send: 901 Can't send messages for users without permission",
    });
  });

  it('derives stable, distinct positive int32 random ids', () => {
    const a = vkRandomId('0193b8a0-0000-7000-8000-000000000001');
    expect(a).toBe(vkRandomId('0193b8a0-0000-7000-8000-000000000001'));
    expect(a).not.toBe(vkRandomId('0193b8a0-0000-7000-8000-000000000002'));
    expect(vkRandomId('0193b8a0-0000-7000-8000-000000000001', 1)).not.toBe(a);
    expect(a).toBeGreaterThan(0);
    expect(a).toBeLessThanOrEqual(2 ** 31 - 1);
  });
});
