import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as inbox from '../../modules/inbox/service.js';
import { startJobRunner } from '../../platform/jobs/jobs.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { call, expectProblem, signUp, type Browser } from '../../test/client.js';
import { startStandIn, type StandIn } from '../shared/stand-in.js';
import { inChannelWorkspace } from '../shared/webhook.js';
import { GRAPH_VERSION } from './outbound.js';

// Meta's Graph API cannot be reached from here (no internet), so replies go to a local stand-in
// answering POST /{version}/{phone-number-id}/messages as the Cloud API documents (bearer token,
// JSON body; {"messages":[{"id":"wamid…"}]} or {"error":{…}}), through the channel's `graphBase`
// setting. Webhook deliveries are posted to Voronka's real route, signed as Meta signs them.

// The stand-in's address reaches the client through the channel's settings (an operator's switch).
process.env.VORONKA_CHANNEL_API_OVERRIDES = 'on';

const APP_SECRET = 'meta-app-secret-3f9a';
const PHONE_ID = '106540352242922';
const fixture = (name: string) =>
  fs.readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url));
const sign = (bytes: Buffer, secret = APP_SECRET) =>
  `sha256=${createHmac('sha256', secret).update(bytes).digest('hex')}`;

let env: TestEnv;
let owner: Browser;
let api: StandIn;
let nextId = 1;

async function createNumber() {
  const res = await owner.call('POST', '/api/v1/channels', {
    kind: 'whatsapp',
    name: 'WhatsApp отдела продаж',
    settings: { phoneNumberId: PHONE_ID, businessAccountId: '102290129340398', graphBase: api.url },
    secrets: {
      accessToken: 'EAAG-access-token',
      appSecret: APP_SECRET,
      verifyToken: 'verify-me-42',
    },
  });
  if (res.status !== 201) throw new Error(`channel: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id as string, path: new URL(res.body.webhookUrls[0].url).pathname };
}

// The bytes exactly as sent: the signature is over them, not over a re-serialisation.
const deliver = (path: string, bytes: Buffer, signature: string | null = sign(bytes)) =>
  env.app.inject({
    method: 'POST',
    url: path,
    headers: {
      'content-type': 'application/json',
      ...(signature ? { 'x-hub-signature-256': signature } : {}),
    },
    payload: bytes,
  });

async function conversations(channelId: string) {
  const list = await owner.call('GET', `/api/v1/inbox?channelId=${channelId}&limit=100`);
  return Promise.all(
    list.body.items.map(
      async (c: { id: string }) => (await owner.call('GET', `/api/v1/conversations/${c.id}`)).body,
    ),
  );
}

beforeAll(async () => {
  api = await startStandIn((req) => {
    if (req.path !== `/${GRAPH_VERSION}/${PHONE_ID}/messages`)
      return { status: 404, json: { error: { code: 803, message: 'Unknown path' } } };
    if (req.headers.authorization !== 'Bearer EAAG-access-token')
      return { status: 401, json: { error: { code: 190, message: 'Invalid OAuth access token' } } };
    if (req.json.to === '79990000000')
      return { status: 400, json: { error: { code: 131047, message: 'Re-engagement message' } } };
    return {
      json: {
        messaging_product: 'whatsapp',
        contacts: [{ input: req.json.to, wa_id: req.json.to }],
        messages: [{ id: `wamid.OUT${++nextId}` }],
      },
    };
  });
  env = await createTestApp();
  owner = await signUp(env.app);
});
afterAll(async () => {
  await env?.close();
  await api?.close();
});

describe('whatsapp verification handshake', () => {
  it('echoes hub.challenge when the verify token matches, and answers 403 otherwise', async () => {
    const wa = await createNumber();
    const ok = await env.app.inject({
      method: 'GET',
      url: `${wa.path}?hub.mode=subscribe&hub.verify_token=verify-me-42&hub.challenge=1158201444`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^text\/plain/);
    expect(ok.body).toBe('1158201444');
    const wrong = await call(
      env.app,
      'GET',
      `${wa.path}?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444`,
    );
    expectProblem(wrong, 403, 'webhook.verification_failed', 'hub.verify_token');
    expect(JSON.stringify(wrong.body)).not.toContain('1158201444');
    expectProblem(
      await call(
        env.app,
        'GET',
        `${wa.path}?hub.verify_token=verify-me-42&hub.challenge=1158201444`,
      ),
      403,
      'webhook.verification_failed',
    );
  });
});

describe('whatsapp webhook', () => {
  it('stores a signed message as a request from the WhatsApp number', async () => {
    const wa = await createNumber();
    const res = await deliver(wa.path, fixture('text-message'));
    expect(res.statusCode).toBe(200);
    const [conv] = await conversations(wa.id);
    expect(conv).toMatchObject({ clientName: 'Олег Ветров', clientAddress: '+79161234567' });
    expect(conv.messages).toMatchObject([
      {
        direction: 'in',
        text: 'Добрый день, хочу заказать кухню',
        sender: {
          name: 'Олег Ветров',
          phone: '+79161234567',
          handle: { kind: 'whatsapp', id: '79161234567' },
        },
      },
    ]);
    const lead = await owner.call('GET', `/api/v1/leads/${conv.leadId}`);
    expect(lead.body).toMatchObject({
      channel: 'whatsapp',
      contactName: 'Олег Ветров',
      contactPhone: '+79161234567',
    });
  });

  it('refuses a wrong, missing or re-serialised signature with 401 and stores nothing', async () => {
    const wa = await createNumber();
    const bytes = fixture('text-message');
    const res = await deliver(wa.path, bytes, sign(bytes, 'another-secret'));
    expectProblem(
      { status: res.statusCode, body: JSON.parse(res.body), headers: res.headers },
      401,
      'webhook.invalid_signature',
    );
    expect((await deliver(wa.path, bytes, null)).statusCode).toBe(401);
    // Same JSON, other bytes (whitespace): the signature of the original no longer matches.
    const reformatted = Buffer.from(JSON.stringify(JSON.parse(bytes.toString('utf8'))));
    expect((await deliver(wa.path, reformatted, sign(bytes))).statusCode).toBe(401);
    expect(await conversations(wa.id)).toHaveLength(0);
  });

  it('stores a message Meta delivers twice once', async () => {
    const wa = await createNumber();
    expect((await deliver(wa.path, fixture('text-message'))).statusCode).toBe(200);
    expect((await deliver(wa.path, fixture('text-message'))).statusCode).toBe(200);
    const convs = await conversations(wa.id);
    expect(convs).toHaveLength(1);
    expect(convs[0].messages).toHaveLength(1);
  });

  it('keeps media as a description with its caption and acknowledges statuses', async () => {
    const wa = await createNumber();
    expect((await deliver(wa.path, fixture('image-message'))).statusCode).toBe(200);
    expect((await deliver(wa.path, fixture('status-update'))).statusCode).toBe(200);
    const [conv] = await conversations(wa.id);
    expect(conv.messages.map((m: { text: string }) => m.text)).toEqual([
      '[image, image/jpeg] Размеры кухни',
    ]);
  });

  it("ignores messages for another of the app's numbers", async () => {
    const wa = await createNumber();
    const other = Buffer.from(
      fixture('text-message').toString('utf8').replace(PHONE_ID, '999999999999999'),
    );
    expect((await deliver(wa.path, other)).statusCode).toBe(200);
    expect(await conversations(wa.id)).toHaveLength(0);
  });
});

describe('whatsapp replies', () => {
  async function runJobs() {
    const runner = startJobRunner(env.database.db, [inbox.inboxSend], { pollMs: 60_000 });
    await runner.drain();
    await runner.stop();
  }

  it('posts the reply to /{phone-number-id}/messages with the bearer token, once even if the job runs twice', async () => {
    const wa = await createNumber();
    await deliver(wa.path, fixture('text-message'));
    const [conv] = await conversations(wa.id);
    const before = api.requests.length;
    const reply = await owner.call('POST', `/api/v1/conversations/${conv.id}/messages`, {
      text: 'Здравствуйте, Олег! Когда удобно созвониться?',
    });
    expect(reply.status).toBe(201);
    await runJobs();
    await inChannelWorkspace(env.database.db, owner.info.me!.workspace.id, 'test', (ctx) =>
      inbox.inboxSend.run(ctx, { messageId: reply.body.id }),
    );
    const sent = api.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.headers.authorization).toBe('Bearer EAAG-access-token');
    expect(sent[0]!.json).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '79161234567',
      type: 'text',
      text: { preview_url: false, body: 'Здравствуйте, Олег! Когда удобно созвониться?' },
    });
    const after = (await owner.call('GET', `/api/v1/conversations/${conv.id}`)).body;
    expect(after.messages.at(-1)).toMatchObject({ direction: 'out', status: 'sent' });
  });

  it('marks a reply failed when Meta refuses it outside the 24-hour window', async () => {
    const wa = await createNumber();
    const bytes = Buffer.from(
      fixture('text-message').toString('utf8').replaceAll('79161234567', '79990000000'),
    );
    await deliver(wa.path, bytes);
    const [conv] = await conversations(wa.id);
    const reply = await owner.call('POST', `/api/v1/conversations/${conv.id}/messages`, {
      text: 'Добрый день!',
    });
    await runJobs();
    const after = (await owner.call('GET', `/api/v1/conversations/${conv.id}`)).body;
    expect(after.messages.find((m: { id: string }) => m.id === reply.body.id)).toMatchObject({
      status: 'failed',
      error: 'WhatsApp: HTTP 400 131047 Re-engagement message',
    });
  });
});
