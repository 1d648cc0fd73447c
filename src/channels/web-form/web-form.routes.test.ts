import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../platform/db/rls.js';
import type { Tx } from '../../platform/db/types.js';
import { purgeFormRateCounters } from '../../modules/forms/service.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, expectProblem, signUp, type Browser } from '../../test/client.js';

// The public form endpoints over real HTTP (the app listening on a port, node:http as the client).
// Visitors from different addresses are real: the client binds its socket to 127.0.0.2, .3, …
// (the whole 127/8 is loopback on Linux), so the server sees different client IPs.

let env: TestEnv;
let owner: Browser;
let ws: string;
let port: number;
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

type Res = { status: number; headers: http.IncomingHttpHeaders; text: string; body: any };

function send(
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: string | Buffer; from?: string } = {},
): Promise<Res> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: opts.headers ?? {},
        localAddress: opts.from ?? '127.0.0.1',
        agent: opts.from ? undefined : agent,
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = null;
          try {
            body = text ? JSON.parse(text) : null;
          } catch {
            body = text;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body });
        });
      },
    );
    // A server that refuses a too-large body may close before it is all written.
    req.on('error', (err) => (answered ? undefined : reject(err)));
    req.end(opts.body);
  });
}

const postJson = (
  key: string,
  body: unknown,
  opts: { headers?: Record<string, string>; from?: string } = {},
) =>
  send('POST', `/api/public/forms/${key}/submissions`, {
    ...opts,
    headers: { 'content-type': 'application/json', ...opts.headers },
    body: JSON.stringify(body),
  });

const asProblem = (r: Res) => ({
  status: r.status,
  body: r.body,
  headers: r.headers as Record<string, unknown>,
});

async function count(
  table: 'leads' | 'conversations' | 'form_submissions',
  workspaceId = ws,
): Promise<number> {
  const rows = rowsOf<{ n: number }>(
    await env.database.db.execute(
      sql`select count(*)::int as n from ${sql.identifier(table)} where workspace_id = ${workspaceId}`,
    ),
  );
  return Number(rows[0]!.n);
}

const fields = [
  { key: 'name', label: 'Имя', type: 'text', required: true },
  { key: 'phone', label: 'Телефон', type: 'phone', required: true },
  { key: 'email', label: 'E-mail', type: 'email' },
  { key: 'comment', label: 'Комментарий', type: 'textarea' },
  { key: 'topic', label: 'Тема', type: 'select', options: ['Доставка', 'Оплата'] },
  { key: 'subscribe', label: 'Присылать новости', type: 'checkbox' },
];
const CONSENT = 'Я согласен на обработку персональных данных';

async function createForm(overrides: Record<string, unknown> = {}, by: Browser = owner) {
  const res = await by.call('POST', '/api/v1/forms', {
    name: 'Заявка с сайта',
    fields,
    consentText: CONSENT,
    thankYou: 'Спасибо, перезвоним!',
    allowedDomains: ['shop.example.ru', '*.partner.ru'],
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`form create: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as {
    id: string;
    publicKey: string;
    channelId: string;
    consentVersion: number;
    hostedUrl: string;
    embedCode: string;
  };
}

const valid = {
  name: 'Мария',
  phone: '8 (912) 345-67-89',
  email: 'Maria@Example.ru',
  comment: 'Нужна доставка',
  topic: 'Доставка',
  consent: true,
};

beforeAll(async () => {
  env = await createTestApp();
  await env.app.listen({ port: 0, host: '127.0.0.1' });
  port = (env.app.server.address() as AddressInfo).port;
  owner = await signUp(env.app);
  ws = owner.info.me!.workspace.id;
});
afterAll(async () => {
  agent.destroy();
  await env?.close();
});

describe('form definitions', () => {
  it('creates a form with its own web channel, an embed snippet and a hosted page', async () => {
    const form = await createForm();
    expect(form.embedCode).toBe(
      `<script src="http://voronka.test/widget.js" data-form="${form.publicKey}" async></script>`,
    );
    expect(form.hostedUrl).toBe(`http://voronka.test/f/${form.publicKey}`);
    const channels = await owner.call('GET', '/api/v1/channels');
    expect(channels.body.items.find((c: { id: string }) => c.id === form.channelId)).toMatchObject({
      kind: 'web',
      name: 'Заявка с сайта',
      enabled: true,
    });
  });

  it('gives a new consent version only when the consent text changes', async () => {
    const form = await createForm();
    expect(form.consentVersion).toBe(1);
    const same = await owner.call('PATCH', `/api/v1/forms/${form.id}`, {
      consentText: CONSENT,
      name: 'Обратный звонок',
    });
    expect(same.body).toMatchObject({ consentVersion: 1, name: 'Обратный звонок' });
    const changed = await owner.call('PATCH', `/api/v1/forms/${form.id}`, {
      consentText: `${CONSENT} и на звонки`,
    });
    expect(changed.body.consentVersion).toBe(2);
    const channels = await owner.call('GET', '/api/v1/channels');
    expect(channels.body.items.find((c: { id: string }) => c.id === form.channelId).name).toBe(
      'Обратный звонок',
    );
  });

  it('refuses a bad definition naming the field, and lets only the settings right change forms', async () => {
    expectProblem(
      await owner.call('POST', '/api/v1/forms', {
        name: 'Ф',
        fields: [{ key: 'Имя', label: 'Имя', type: 'text' }],
      }),
      400,
      'request.invalid',
      'fields.0.key',
    );
    expectProblem(
      await owner.call('POST', '/api/v1/forms', {
        name: 'Ф',
        fields: [{ key: 'page_url', label: 'URL', type: 'text' }],
      }),
      400,
      'request.invalid',
      'fields.0.key',
    );
    expectProblem(
      await owner.call('POST', '/api/v1/forms', {
        name: 'Ф',
        fields: [{ key: 'a', label: 'A', type: 'select' }],
      }),
      400,
      'request.invalid',
      'fields.0.options',
    );
    expectProblem(
      await owner.call('POST', '/api/v1/forms', {
        name: 'Ф',
        fields,
        allowedDomains: ['not a domain/path'],
      }),
      400,
      'request.invalid',
      'allowedDomains.0',
    );
    const manager = await addMember(env.app, owner, 'manager');
    expect((await manager.browser.call('GET', '/api/v1/forms')).status).toBe(200);
    expectProblem(
      await manager.browser.call('POST', '/api/v1/forms', { name: 'Ф', fields }),
      403,
      'auth.forbidden',
    );
  });

  it('stops taking submissions once deleted, and disables its channel', async () => {
    const form = await createForm();
    expect((await owner.call('DELETE', `/api/v1/forms/${form.id}`)).status).toBe(204);
    expectProblem(asProblem(await postJson(form.publicKey, valid)), 404, 'form.not_found');
    expectProblem(await owner.call('GET', `/api/v1/forms/${form.id}`), 404, 'form.not_found');
    const channels = await owner.call('GET', '/api/v1/channels');
    expect(channels.body.items.find((c: { id: string }) => c.id === form.channelId).enabled).toBe(
      false,
    );
  });
});

describe('public intake', () => {
  let form: Awaited<ReturnType<typeof createForm>>;
  beforeAll(async () => {
    form = await createForm({ rateLimitPerMinute: 1000 });
  });

  it('serves the definition without workspace internals', async () => {
    const res = await send('GET', `/api/public/forms/${form.publicKey}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      key: form.publicKey,
      name: 'Заявка с сайта',
      fields: expect.any(Array),
      consentText: CONSENT,
      consentVersion: 1,
      thankYou: 'Спасибо, перезвоним!',
      callbackButton: false,
    });
    expectProblem(
      asProblem(await send('GET', '/api/public/forms/no-such-key')),
      404,
      'form.not_found',
    );
  });

  it("is named by its web channel's key too (the address the channel settings show)", async () => {
    const channel = (await owner.call('GET', '/api/v1/channels')).body.items.find(
      (c: { id: string }) => c.id === form.channelId,
    );
    const channelKey = new URL(channel.webhookUrls[0].url).searchParams.get('channel');
    const res = await send('GET', `/api/public/forms/${channelKey}`);
    expect(res.body.key).toBe(form.publicKey);
  });

  it('turns a JSON post into a request and a conversation, with consent, page, referrer and UTM recorded', async () => {
    const before = await count('leads');
    const res = await postJson(
      form.publicKey,
      {
        ...valid,
        page_url: 'https://shop.example.ru/catalog?utm_source=yandex&utm_campaign=spring',
        referrer: 'https://ya.ru/',
      },
      { from: '127.0.0.5', headers: { 'user-agent': 'Test browser' } },
    );
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ thankYou: 'Спасибо, перезвоним!' });
    expect(await count('leads')).toBe(before + 1);
    const leads = await owner.call('GET', '/api/v1/leads?limit=5');
    const lead = leads.body.items[0];
    expect(lead).toMatchObject({
      channel: 'web',
      source: 'Заявка с сайта',
      title: 'Заявка с сайта',
      contactName: 'Мария',
      contactPhone: '+79123456789',
      contactEmail: 'maria@example.ru',
      utm: { utm_source: 'yandex', utm_campaign: 'spring' },
    });
    expect(lead.message).toContain('Комментарий: Нужна доставка');
    expect(lead.message).toContain(
      'https://shop.example.ru/catalog?utm_source=yandex&utm_campaign=spring',
    );
    const inbox = await owner.call('GET', '/api/v1/inbox?limit=5');
    expect(inbox.body.items[0]).toMatchObject({
      leadId: lead.id,
      channel: { id: form.channelId, kind: 'web' },
      clientName: 'Мария',
      unread: 1,
    });
    const [sub] = rowsOf<any>(
      await env.database.db.execute(
        sql`select * from form_submissions where workspace_id = ${ws} and lead_id = ${lead.id}`,
      ),
    );
    expect(sub).toMatchObject({
      page_url: 'https://shop.example.ru/catalog?utm_source=yandex&utm_campaign=spring',
      referrer: 'https://ya.ru/',
      ip: '127.0.0.5',
      user_agent: 'Test browser',
      conversation_id: inbox.body.items[0].id,
    });
    expect(sub.consent).toMatchObject({ version: 1, text: CONSENT, ip: '127.0.0.5' });
    expect(Date.now() - Date.parse(sub.consent.at)).toBeLessThan(60_000);
    // The request's audit row, written in the same transaction as the request (by the system).
    const audit = rowsOf<any>(
      await env.database.db.execute(
        sql`select action, actor_kind, ip, after from audit_log where workspace_id = ${ws} and entity = 'leads' and entity_id = ${lead.id}`,
      ),
    );
    expect(audit).toEqual([
      expect.objectContaining({ action: 'lead.created', actor_kind: 'system', ip: '127.0.0.5' }),
    ]);
    const after = typeof audit[0].after === 'string' ? JSON.parse(audit[0].after) : audit[0].after;
    expect(after).toMatchObject({
      id: lead.id,
      channel: 'web',
      contactPhone: '+79123456789',
      status: 'new',
    });
  });

  it("takes application/x-www-form-urlencoded (a site's own form), UTM from the fields", async () => {
    const before = await count('leads');
    const body = new URLSearchParams({
      name: 'Олег',
      phone: '+7 999 111-22-33',
      consent: 'on',
      subscribe: 'on',
      utm_source: 'vk',
      utm_medium: 'cpc',
    }).toString();
    const res = await send('POST', `/api/public/forms/${form.publicKey}/submissions`, {
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        referer: 'https://shop.example.ru/contacts',
      },
      body,
    });
    expect(res.status).toBe(201);
    expect(await count('leads')).toBe(before + 1);
    const lead = (await owner.call('GET', '/api/v1/leads?limit=1')).body.items[0];
    expect(lead).toMatchObject({
      contactName: 'Олег',
      contactPhone: '+79991112233',
      utm: { utm_source: 'vk', utm_medium: 'cpc' },
    });
    expect(lead.message).toContain('Присылать новости: ✓');
    // The page falls back to the Referer a plain form post carries.
    expect(lead.message).toContain('https://shop.example.ru/contacts');
  });

  it('answers a plain HTML form post (no widget) with a thank-you page', async () => {
    const body = new URLSearchParams({
      name: '<b>Анна</b>',
      phone: '+79990001122',
      consent: 'on',
      page_url: 'https://shop.example.ru/',
    }).toString();
    const res = await send('POST', `/api/public/forms/${form.publicKey}/submissions`, {
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html,application/xhtml+xml',
      },
      body,
    });
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('Спасибо, перезвоним!');
    expect(res.text).toContain('href="https://shop.example.ru/"');
  });

  it('refuses a missing or malformed field naming it, and stores nothing', async () => {
    const before = await count('form_submissions');
    const missing = await postJson(form.publicKey, { ...valid, phone: '' });
    expectProblem(asProblem(missing), 400, 'request.invalid', 'phone');
    expectProblem(
      asProblem(await postJson(form.publicKey, { ...valid, email: 'not-an-email' })),
      400,
      'request.invalid',
      'email',
    );
    expectProblem(
      asProblem(await postJson(form.publicKey, { ...valid, topic: 'Скидки' })),
      400,
      'request.invalid',
      'topic',
    );
    expectProblem(
      asProblem(await postJson(form.publicKey, { ...valid, consent: false })),
      400,
      'request.invalid',
      'consent',
    );
    const both = await postJson(form.publicKey, { consent: true });
    expect(both.body.errors.map((e: { field: string }) => e.field)).toEqual(['name', 'phone']);
    expect(await count('form_submissions')).toBe(before);
  });

  it('thanks a bot that filled the honeypot and stores nothing', async () => {
    const [leads, subs, convs] = [
      await count('leads'),
      await count('form_submissions'),
      await count('conversations'),
    ];
    const res = await postJson(form.publicKey, { ...valid, _gotcha: 'http://spam.example' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ thankYou: 'Спасибо, перезвоним!' });
    // Even one that left required fields empty: the bot learns nothing from a 400.
    expect((await postJson(form.publicKey, { _gotcha: 'x' })).status).toBe(200);
    expect([
      await count('leads'),
      await count('form_submissions'),
      await count('conversations'),
    ]).toEqual([leads, subs, convs]);
  });

  it('refuses a body over 64 KiB with 413 and stores nothing', async () => {
    const before = await count('form_submissions');
    const res = await postJson(form.publicKey, { ...valid, comment: 'я'.repeat(40_000) });
    expectProblem(asProblem(res), 413, 'request.too_large');
    const encoded = await send('POST', `/api/public/forms/${form.publicKey}/submissions`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `name=x&comment=${'a'.repeat(70_000)}`,
    });
    expect(encoded.status).toBe(413);
    expect(await count('form_submissions')).toBe(before);
  });

  it('keeps one request for the same idempotency token, in the body or the header', async () => {
    const before = await count('leads');
    const first = await postJson(form.publicKey, { ...valid, _token: 'tok-1' });
    const again = await postJson(form.publicKey, { ...valid, _token: 'tok-1' });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body).toEqual({ thankYou: 'Спасибо, перезвоним!' });
    const claimed = rowsOf<{ lead_id: string | null; conversation_id: string | null }>(
      await env.database.db.execute(
        sql`select lead_id, conversation_id from form_submissions where external_id = 'tok-1'`,
      ),
    );
    expect(claimed).toEqual([{ lead_id: expect.any(String), conversation_id: expect.any(String) }]);
    const h1 = await postJson(form.publicKey, valid, { headers: { 'idempotency-key': 'key-7' } });
    const h2 = await postJson(form.publicKey, valid, { headers: { 'idempotency-key': 'key-7' } });
    expect([h1.status, h2.status]).toEqual([201, 200]);
    // Racing repeats of one token: one wins, the others wait for it and then insert nothing.
    const raced = await Promise.all(
      Array.from({ length: 5 }, () => postJson(form.publicKey, { ...valid, _token: 'tok-race' })),
    );
    expect(raced.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(await count('leads')).toBe(before + 3);
  });

  it('accepts 200 concurrent submissions within the limit as exactly 200 requests', async () => {
    const own = await signUp(env.app);
    const wsId = own.info.me!.workspace.id;
    const f = await createForm({ rateLimitPerMinute: 500 }, own);
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        postJson(f.publicKey, {
          ...valid,
          name: `Клиент ${i}`,
          phone: `+7999${String(1000000 + i)}`,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(200);
    expect(await count('leads', wsId)).toBe(200);
    expect(await count('conversations', wsId)).toBe(200);
    expect(await count('form_submissions', wsId)).toBe(200);
    const audited = rowsOf<{ n: number }>(
      await env.database.db.execute(
        sql`select count(distinct entity_id)::int as n from audit_log where workspace_id = ${wsId} and action = 'lead.created'`,
      ),
    );
    expect(audited[0]!.n).toBe(200);
    const linked = rowsOf<{ n: number }>(
      await env.database.db.execute(
        sql`select count(*)::int as n from form_submissions s join leads l on l.workspace_id = s.workspace_id and l.id = s.lead_id join conversations c on c.workspace_id = s.workspace_id and c.id = s.conversation_id and c.lead_id = l.id where s.workspace_id = ${wsId}`,
      ),
    );
    expect(linked[0]!.n).toBe(200);
  }, 120_000);
});

describe('switched off', () => {
  it('takes nothing while its channel is switched off in the channel settings', async () => {
    const form = await createForm();
    await owner.call('PATCH', `/api/v1/channels/${form.channelId}`, { enabled: false });
    const before = await count('form_submissions');
    expectProblem(asProblem(await postJson(form.publicKey, valid)), 409, 'channel.disabled');
    expect(await count('form_submissions')).toBe(before);
    await owner.call('PATCH', `/api/v1/channels/${form.channelId}`, { enabled: true });
    expect((await postJson(form.publicKey, valid)).status).toBe(201);
  });
});

describe('cross-origin use', () => {
  let form: Awaited<ReturnType<typeof createForm>>;
  beforeAll(async () => {
    form = await createForm();
  });
  const path = () => `/api/public/forms/${form.publicKey}/submissions`;

  it('answers the preflight of an allowed site, and of its subdomains for a *. entry', async () => {
    for (const origin of ['https://shop.example.ru', 'https://www.partner.ru']) {
      const res = await send('OPTIONS', path(), {
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(origin);
      expect(res.headers['access-control-allow-methods']).toContain('POST');
      expect(res.headers['access-control-allow-headers']).toContain('content-type');
    }
  });

  it('gives another site no CORS header and refuses its post before storing anything', async () => {
    const before = await count('form_submissions');
    const pre = await send('OPTIONS', path(), {
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(pre.status).toBe(403);
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    const post = await postJson(form.publicKey, valid, {
      headers: { origin: 'https://evil.example' },
    });
    expectProblem(asProblem(post), 403, 'form.origin_not_allowed');
    expect(post.headers['access-control-allow-origin']).toBeUndefined();
    // partner.ru itself is not a subdomain of partner.ru; an entry with a scheme is that origin only.
    expect(
      (await postJson(form.publicKey, valid, { headers: { origin: 'https://partner.ru' } })).status,
    ).toBe(403);
    const strict = await createForm({ allowedDomains: ['https://secure.example.ru'] });
    expect(
      (await postJson(strict.publicKey, valid, { headers: { origin: 'http://secure.example.ru' } }))
        .status,
    ).toBe(403);
    expect(
      (
        await postJson(strict.publicKey, valid, {
          headers: { origin: 'https://secure.example.ru:8443' },
        })
      ).status,
    ).toBe(403);
    const read = await send('GET', `/api/public/forms/${form.publicKey}`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
    expect(await count('form_submissions')).toBe(before);
  });

  it('lets an allowed site post and read the answer, errors included', async () => {
    const ok = await postJson(form.publicKey, valid, {
      headers: { origin: 'https://shop.example.ru' },
    });
    expect(ok.status).toBe(201);
    expect(ok.headers['access-control-allow-origin']).toBe('https://shop.example.ru');
    const bad = await postJson(
      form.publicKey,
      { ...valid, phone: '' },
      { headers: { origin: 'https://shop.example.ru' } },
    );
    expect(bad.status).toBe(400);
    expect(bad.headers['access-control-allow-origin']).toBe('https://shop.example.ru');
  });

  it("lets the hosted page (the server's own origin) post", async () => {
    expect(
      (await postJson(form.publicKey, valid, { headers: { origin: 'http://voronka.test' } }))
        .status,
    ).toBe(201);
  });
});

describe('rate limit', () => {
  it("refuses an address over the form's limit with 429 and Retry-After, while another address still gets through", async () => {
    const form = await createForm({ rateLimitPerMinute: 3 });
    const from = '127.0.0.7';
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push(
        (await postJson(form.publicKey, { ...valid, phone: `+7900000000${i}` }, { from })).status,
      );
    // Within one minute on the database clock: if it turned meanwhile, the window restarted.
    const over = await postJson(form.publicKey, valid, { from });
    const other = await postJson(form.publicKey, valid, { from: '127.0.0.8' });
    expect(statuses).toEqual([201, 201, 201]);
    if (over.status !== 201) {
      expectProblem(asProblem(over), 429, 'request.rate_limited');
      expect(Number(over.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(over.headers['retry-after'])).toBeLessThanOrEqual(60);
    }
    expect(other.status).toBe(201);
  });
});

describe('rate counters', () => {
  it('are purged by the hourly housekeeping once their minute is long past', async () => {
    const form = await createForm();
    await postJson(form.publicKey, valid, { from: '127.0.0.9' });
    await env.database.db.execute(
      sql`insert into form_rate_counters (workspace_id, form_id, ip, window_start, count) values (${ws}, ${form.id}, '10.0.0.1', now() - interval '1 hour', 5)`,
    );
    await env.database.db.transaction((tx) => purgeFormRateCounters.run(tx as Tx, {}));
    const rows = rowsOf<{ ip: string }>(
      await env.database.db.execute(
        sql`select ip from form_rate_counters where form_id = ${form.id}`,
      ),
    );
    expect(rows.map((r) => r.ip)).toEqual(['127.0.0.9']);
  });
});

describe('widget and hosted page', () => {
  it('serves widget.js for any site to load', async () => {
    const res = await send('GET', '/widget.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/javascript/);
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.text).toContain('/api/public/forms/');
  });

  it("renders the hosted page in the visitor's language, escaping the form's name", async () => {
    const form = await createForm({ name: '<script>alert(1)</script> Заказ' });
    const ru = await send('GET', `/f/${form.publicKey}`);
    expect(ru.status).toBe(200);
    expect(ru.text).toContain('<html lang="ru">');
    expect(ru.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Заказ');
    expect(ru.text).not.toContain('<script>alert(1)');
    expect(ru.text).toContain(`<script src="/widget.js" data-form="${form.publicKey}"`);
    const en = await send('GET', `/f/${form.publicKey}`, {
      headers: { 'accept-language': 'en-US,en;q=0.9,ru;q=0.5' },
    });
    expect(en.text).toContain('<html lang="en">');
    const missing = await send('GET', '/f/nope', { headers: { 'accept-language': 'en' } });
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('Form not found');
  });
});
