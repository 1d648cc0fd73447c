import { sql } from 'drizzle-orm';
import { describe, expect, it, beforeAll } from 'vitest';
import { rowsOf } from '../../platform/db/rls.js';
import { addMember, expectProblem, signUp } from '../../test/client.js';
import {
  asProblem,
  CONSENT,
  count,
  createForm,
  fields,
  kit,
  postJson,
  send,
  useWebFormApp,
  valid,
} from './web-form.kit.js';

// The form definitions and the public intake over real HTTP (web-form.kit.ts).
useWebFormApp();

describe('form definitions', () => {
  it('creates a form with its own web channel, an embed snippet and a hosted page', async () => {
    const form = await createForm();
    expect(form.embedCode).toBe(
      `<script src="http://voronka.test/widget.js" data-form="${form.publicKey}" async></script>`,
    );
    expect(form.hostedUrl).toBe(`http://voronka.test/f/${form.publicKey}`);
    const channels = await kit.owner.call('GET', '/api/v1/channels');
    expect(channels.body.items.find((c: { id: string }) => c.id === form.channelId)).toMatchObject({
      kind: 'web',
      name: 'Заявка с сайта',
      enabled: true,
    });
  });

  it('gives a new consent version only when the consent text changes', async () => {
    const form = await createForm();
    expect(form.consentVersion).toBe(1);
    const same = await kit.owner.call('PATCH', `/api/v1/forms/${form.id}`, {
      consentText: CONSENT,
      name: 'Обратный звонок',
    });
    expect(same.body).toMatchObject({ consentVersion: 1, name: 'Обратный звонок' });
    const changed = await kit.owner.call('PATCH', `/api/v1/forms/${form.id}`, {
      consentText: `${CONSENT} и на звонки`,
    });
    expect(changed.body.consentVersion).toBe(2);
    const channels = await kit.owner.call('GET', '/api/v1/channels');
    expect(channels.body.items.find((c: { id: string }) => c.id === form.channelId).name).toBe(
      'Обратный звонок',
    );
  });

  it('refuses a bad definition naming the field, and lets only the settings right change forms', async () => {
    expectProblem(
      await kit.owner.call('POST', '/api/v1/forms', {
        name: 'Ф',
        fields: [{ key: 'Имя', label: 'Имя', type: 'text' }],
      }),
      400,
      'request.invalid',
      'fields.0.key',
    );
    expectProblem(
      await kit.owner.call('POST', '/api/v1/forms', {
        name: 'Ф',
        fields: [{ key: 'page_url', label: 'URL', type: 'text' }],
      }),
      400,
      'request.invalid',
      'fields.0.key',
    );
    expectProblem(
      await kit.owner.call('POST', '/api/v1/forms', {
        name: 'Ф',
        fields: [{ key: 'a', label: 'A', type: 'select' }],
      }),
      400,
      'request.invalid',
      'fields.0.options',
    );
    expectProblem(
      await kit.owner.call('POST', '/api/v1/forms', {
        name: 'Ф',
        fields,
        allowedDomains: ['not a domain/path'],
      }),
      400,
      'request.invalid',
      'allowedDomains.0',
    );
    const manager = await addMember(kit.env.app, kit.owner, 'manager');
    expect((await manager.browser.call('GET', '/api/v1/forms')).status).toBe(200);
    expectProblem(
      await manager.browser.call('POST', '/api/v1/forms', { name: 'Ф', fields }),
      403,
      'auth.forbidden',
    );
  });

  it('stops taking submissions once deleted, and disables its channel', async () => {
    const form = await createForm();
    expect((await kit.owner.call('DELETE', `/api/v1/forms/${form.id}`)).status).toBe(204);
    expectProblem(asProblem(await postJson(form.publicKey, valid)), 404, 'form.not_found');
    expectProblem(await kit.owner.call('GET', `/api/v1/forms/${form.id}`), 404, 'form.not_found');
    const channels = await kit.owner.call('GET', '/api/v1/channels');
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
    const channel = (await kit.owner.call('GET', '/api/v1/channels')).body.items.find(
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
    const leads = await kit.owner.call('GET', '/api/v1/leads?limit=5');
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
    const inbox = await kit.owner.call('GET', '/api/v1/inbox?limit=5');
    expect(inbox.body.items[0]).toMatchObject({
      leadId: lead.id,
      channel: { id: form.channelId, kind: 'web' },
      clientName: 'Мария',
      unread: 1,
    });
    const [sub] = rowsOf<any>(
      await kit.env.database.db.execute(
        sql`select * from form_submissions where workspace_id = ${kit.ws} and lead_id = ${lead.id}`,
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
      await kit.env.database.db.execute(
        sql`select action, actor_kind, ip, after from audit_log where workspace_id = ${kit.ws} and entity = 'leads' and entity_id = ${lead.id}`,
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
    const lead = (await kit.owner.call('GET', '/api/v1/leads?limit=1')).body.items[0];
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
      await kit.env.database.db.execute(
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
    const own = await signUp(kit.env.app);
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
      await kit.env.database.db.execute(
        sql`select count(distinct entity_id)::int as n from audit_log where workspace_id = ${wsId} and action = 'lead.created'`,
      ),
    );
    expect(audited[0]!.n).toBe(200);
    const linked = rowsOf<{ n: number }>(
      await kit.env.database.db.execute(
        sql`select count(*)::int as n from form_submissions s join leads l on l.workspace_id = s.workspace_id and l.id = s.lead_id join conversations c on c.workspace_id = s.workspace_id and c.id = s.conversation_id and c.lead_id = l.id where s.workspace_id = ${wsId}`,
      ),
    );
    expect(linked[0]!.n).toBe(200);
  }, 120_000);
});
