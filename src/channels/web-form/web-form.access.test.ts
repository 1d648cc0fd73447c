import { sql } from 'drizzle-orm';
import { describe, expect, it, beforeAll } from 'vitest';
import { rowsOf } from '../../platform/db/rls.js';
import type { Tx } from '../../platform/db/types.js';
import { purgeFormRateCounters } from '../../modules/forms/service.js';
import { expectProblem } from '../../test/client.js';
import {
  asProblem,
  count,
  createForm,
  kit,
  postJson,
  send,
  useWebFormApp,
  valid,
} from './web-form.kit.js';

// Who may use a form and how often, and the widget and hosted page, over real HTTP (web-form.kit.ts).
useWebFormApp();

describe('switched off', () => {
  it('takes nothing while its channel is switched off in the channel settings', async () => {
    const form = await createForm();
    await kit.owner.call('PATCH', `/api/v1/channels/${form.channelId}`, { enabled: false });
    const before = await count('form_submissions');
    expectProblem(asProblem(await postJson(form.publicKey, valid)), 409, 'channel.disabled');
    expect(await count('form_submissions')).toBe(before);
    await kit.owner.call('PATCH', `/api/v1/channels/${form.channelId}`, { enabled: true });
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
    await kit.env.database.db.execute(
      sql`insert into form_rate_counters (workspace_id, form_id, ip, window_start, count) values (${kit.ws}, ${form.id}, '10.0.0.1', now() - interval '1 hour', 5)`,
    );
    await kit.env.database.db.transaction((tx) => purgeFormRateCounters.run(tx as Tx, {}));
    const rows = rowsOf<{ ip: string }>(
      await kit.env.database.db.execute(
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
