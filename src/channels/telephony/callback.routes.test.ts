import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, signUp, type Browser } from '../../test/client.js';
import { signMango } from './mango.js';

// Click-to-call over real HTTP. The real PBXs (MANGO OFFICE, Zadarma) cannot be reached from here,
// so each is played by a local HTTP stand-in that checks the request the way the provider's
// documentation says it is checked, computing the signature itself (not with our code):
//  - Mango commands/callback: form fields vpbx_api_key, sign, json; sign = sha256(key + json + salt).
//  - Zadarma GET /v1/request/callback/?from=&to=: Authorization "key:base64(hex(hmac_sha1(secret,
//    method + sorted query + md5(query))))".
// The stand-in answers as the provider does (Mango {"result":1000}, Zadarma {"status":"success"}).

const MANGO = { apiKey: 'mango-product-key', apiSalt: 'mango-salt' };
const ZADARMA = { apiKey: 'zadarma-user-key', apiSecret: 'zadarma-secret' };

type Seen = { path: string; ok: boolean; json?: any; query?: Record<string, string> };
const seen: Seen[] = [];
let mode: 'ok' | 'refuse' | 'hang' = 'ok';

function verifyMango(body: string): { ok: boolean; json?: any } {
  const form = new URLSearchParams(body);
  const key = form.get('vpbx_api_key') ?? '';
  const json = form.get('json') ?? '';
  const expected = createHash('sha256').update(`${key}${json}${MANGO.apiSalt}`).digest('hex');
  const sign = form.get('sign') ?? '';
  const ok =
    key === MANGO.apiKey &&
    sign.length === expected.length &&
    timingSafeEqual(Buffer.from(sign), Buffer.from(expected));
  return { ok, json: JSON.parse(json || 'null') };
}

function verifyZadarma(url: URL, authorization: string): boolean {
  const params = [...url.searchParams.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const query = new URLSearchParams(params).toString();
  const md5 = createHash('md5').update(query).digest('hex');
  const hex = createHmac('sha1', ZADARMA.apiSecret)
    .update(url.pathname + query + md5)
    .digest('hex');
  return authorization === `${ZADARMA.apiKey}:${Buffer.from(hex).toString('base64')}`;
}

const standIn = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (mode === 'hang') return; // never answers: the caller's timeout must end it
    const url = new URL(req.url!, 'http://stand-in');
    res.setHeader('content-type', 'application/json');
    if (url.pathname === '/vpbx/commands/callback') {
      const v = verifyMango(body);
      seen.push({ path: url.pathname, ok: v.ok, json: v.json });
      if (!v.ok) return res.writeHead(401).end(JSON.stringify({ result: 3102 }));
      return res.end(JSON.stringify({ result: mode === 'refuse' ? 3100 : 1000 }));
    }
    if (url.pathname === '/v1/request/callback/') {
      const ok = verifyZadarma(url, String(req.headers.authorization ?? ''));
      seen.push({ path: url.pathname, ok, query: Object.fromEntries(url.searchParams) });
      if (!ok) return res.writeHead(401).end(JSON.stringify({ status: 'error', message: 'sign' }));
      return res.end(
        JSON.stringify({ status: 'success', from: url.searchParams.get('from'), to: 1 }),
      );
    }
    res.writeHead(404).end('{}');
  });
});

let env: TestEnv;
let base: string;
let pbx: string;
let owner: Browser;
let manager: Awaited<ReturnType<typeof addMember>>;
let mangoKey: string;
let contactId: string;
let leadId: string;
let dealId: string;

const click = (b: Browser, body: unknown, key: string | null = crypto.randomUUID()) =>
  b.call('POST', '/api/v1/calls/callback', body, key ? { 'idempotency-key': key } : {});

async function postMango(type: string, json: unknown) {
  const text = JSON.stringify(json);
  const form = new URLSearchParams({
    vpbx_api_key: MANGO.apiKey,
    sign: signMango(MANGO.apiKey, text, MANGO.apiSalt),
    json: text,
  });
  const res = await fetch(`${base}/api/public/mango/${mangoKey}/${type}`, {
    method: 'POST',
    body: form,
  });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  process.env.VORONKA_CHANNEL_API_OVERRIDES = 'on';
  await new Promise<void>((r) => standIn.listen(0, '127.0.0.1', r));
  pbx = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}`;
  env = await createTestApp();
  await env.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(env.app.server.address() as AddressInfo).port}`;
  owner = await signUp(env.app);
  manager = await addMember(env.app, owner, 'manager');
  const ch = await owner.call('POST', '/api/v1/channels', {
    kind: 'phone',
    name: 'Mango Office',
    settings: { provider: 'mango', apiBase: `${pbx}/vpbx` },
    secrets: MANGO,
  });
  expect(ch.status).toBe(201);
  mangoKey = String(ch.body.webhookUrls.find((w: { name: string }) => w.name === 'mango').url)
    .split('/')
    .pop()!;
  const contact = await manager.browser.call('POST', '/api/v1/contacts', {
    firstName: 'Ольга',
    lastName: 'Кузнецова',
    phones: [{ number: '8 (916) 555-44-33' }],
  });
  contactId = contact.body.id;
  const lead = await manager.browser.call('POST', '/api/v1/leads', {
    title: 'Перезвонить по прайсу',
    contactPhone: '+79165554433',
    assigneeId: manager.memberId,
  });
  leadId = lead.body.id;
  const deal = await manager.browser.call('POST', '/api/v1/deals', {
    title: 'Поставка бумаги',
    contactIds: [contactId],
  });
  expect(deal.status, JSON.stringify(deal.body)).toBe(201);
  dealId = deal.body.id;
}, 180_000);

afterAll(async () => {
  await env?.close();
  standIn.close();
});

describe('click-to-call', () => {
  it('asks for the extension first, then keeps it in the profile', async () => {
    const none = await click(manager.browser, { phone: '+79165554433' });
    expect(none.status).toBe(409);
    expect(none.body.code).toBe('calls.no_extension');
    const set = await manager.browser.call('PUT', '/api/v1/calls/extension', { extension: '101' });
    expect(set.body).toEqual({ extension: '101' });
    expect((await manager.browser.call('GET', '/api/v1/calls/extension')).body).toEqual({
      extension: '101',
    });
    const bad = await manager.browser.call('PUT', '/api/v1/calls/extension', {
      extension: '10 1; drop',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('extension');
  });

  it('refuses bad input with 4xx problem+json and rings nothing', async () => {
    const before = seen.length;
    const notNumber = await click(manager.browser, { phone: 'позвони мне' });
    expect(notNumber.status).toBe(400);
    expect(notNumber.body.field).toBe('phone');
    const noKey = await click(manager.browser, { phone: '+79165554433' }, null);
    expect(noKey.status).toBe(400);
    expect(noKey.body.field).toBe('Idempotency-Key');
    const wrongDeal = await click(manager.browser, {
      phone: '+79165554433',
      dealId: '01a21b00-0000-7000-8000-000000000000',
    });
    expect(wrongDeal.status).toBe(404);
    expect(wrongDeal.body.field).toBe('dealId');
    expect(seen.length).toBe(before);
  });

  it('rings the PBX once per click, signed as MANGO OFFICE documents; the call closes the loop on the deal and answers the request', async () => {
    const key = crypto.randomUUID();
    const body = { phone: '8 916 555-44-33', dealId, leadId };
    const first = await click(manager.browser, body, key);
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ status: 'requested', provider: 'mango', extension: '101' });
    const again = await click(manager.browser, body, key);
    expect([200, 202]).toContain(again.status);
    expect(again.body.id).toBe(first.body.id);
    const rung = seen.filter((s) => s.path === '/vpbx/commands/callback');
    expect(rung).toHaveLength(1);
    expect(rung[0]!.ok).toBe(true);
    expect(rung[0]!.json).toEqual({
      command_id: first.body.id,
      from: { extension: '101' },
      to_number: '79165554433',
    });

    // The PBX reports the call: the manager's leg connects with the client, then the summary.
    const t0 = Math.floor(Date.now() / 1000);
    await postMango('events/call', {
      entry_id: 'ENTRY-OUT-1',
      call_id: 'LEG-1',
      timestamp: t0,
      seq: 1,
      call_state: 'Connected',
      location: 'abonent',
      from: { extension: '101', number: 'sip:manager@pbx' },
      to: { number: '79165554433' },
      command_id: first.body.id,
    });
    const lead = await manager.browser.call('GET', `/api/v1/leads/${leadId}`);
    expect(lead.body.firstRespondedAt).not.toBeNull();
    await postMango('events/summary', {
      entry_id: 'ENTRY-OUT-1',
      call_direction: 2,
      from: { extension: '101' },
      to: { number: '79165554433' },
      create_time: t0,
      talk_time: t0 + 5,
      end_time: t0 + 95,
      entry_result: 1,
    });
    const timeline = await manager.browser.call(
      'GET',
      `/api/v1/timeline?dealId=${dealId}&limit=50`,
    );
    expect(timeline.status, JSON.stringify(timeline.body)).toBe(200);
    const calls = timeline.body.items.filter((a: { kind: string }) => a.kind === 'call');
    expect(calls).toHaveLength(1);
    expect(calls[0].data).toMatchObject({
      direction: 'out',
      event: 'ended',
      durationSec: 90,
      managerId: manager.memberId,
      outgoingCallId: first.body.id,
    });
    // The journal and the statistics see it as the manager's answered outgoing call.
    const journal = await manager.browser.call('GET', '/api/v1/calls?direction=out');
    expect(journal.body.items[0]).toMatchObject({
      direction: 'out',
      answered: true,
      durationSec: 90,
      managerId: manager.memberId,
      dealId,
    });
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const stats = await owner.call(
      'GET',
      `/api/v1/calls/stats?from=${yesterday}&to=${tomorrow}&period=week`,
    );
    expect(stats.status).toBe(200);
    const mine = stats.body.items.filter(
      (r: { managerId: string }) => r.managerId === manager.memberId,
    );
    expect(mine.reduce((s: number, r: { outbound: number }) => s + r.outbound, 0)).toBe(1);
    expect(mine[0]).toMatchObject({ answered: 1, totalSec: 90, averageSec: 90 });
    expect(today).toMatch(/^\d{4}-/);
  });

  it('tells the manager at once when the PBX refuses or does not answer; the same click may be tried again', async () => {
    mode = 'refuse';
    const key = crypto.randomUUID();
    const refused = await click(manager.browser, { phone: '+79165554433' }, key);
    expect(refused.status).toBe(502);
    expect(refused.body.code).toBe('calls.pbx_failed');
    expect(refused.body.detail).toContain('result 3100');
    mode = 'ok';
    const retried = await click(manager.browser, { phone: '+79165554433' }, key);
    expect(retried.status).toBe(202);
  });

  it('calls through Zadarma, signed as its API documents', async () => {
    const other = await signUp(env.app);
    await other.call('PUT', '/api/v1/calls/extension', { extension: '100' });
    const ch = await other.call('POST', '/api/v1/channels', {
      kind: 'phone',
      name: 'Zadarma',
      settings: { provider: 'zadarma', apiBase: pbx },
      secrets: ZADARMA,
    });
    expect(ch.status).toBe(201);
    const res = await click(other, { phone: '+7 (495) 123-45-67' });
    expect(res.status).toBe(202);
    expect(res.body.provider).toBe('zadarma');
    const z = seen.filter((s) => s.path === '/v1/request/callback/');
    expect(z).toHaveLength(1);
    expect(z[0]).toMatchObject({ ok: true, query: { from: '100', to: '74951234567' } });
  });

  it('refuses a PBX at a private address unless the operator allowed it', async () => {
    process.env.VORONKA_CHANNEL_API_OVERRIDES = 'off';
    const other = await signUp(env.app);
    await other.call('PUT', '/api/v1/calls/extension', { extension: '100' });
    await other.call('POST', '/api/v1/channels', {
      kind: 'phone',
      name: 'Zadarma',
      settings: { provider: 'zadarma' },
      secrets: ZADARMA,
    });
    // Without overrides the real API host is used; no network here, so it fails fast and says so.
    const res = await click(other, { phone: '+7 (495) 123-45-67' });
    process.env.VORONKA_CHANNEL_API_OVERRIDES = 'on';
    expect(res.status).toBe(502);
    expect(res.body.code).toBe('calls.pbx_failed');
  }, 30_000);
});
