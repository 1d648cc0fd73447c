import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, signUp, type Browser } from '../../test/client.js';

// Zadarma's PBX notifications over real HTTP, form-encoded as its PBX sends them, each signed as
// its official PHP client checks them (the signature is computed here independently of
// zadarma.ts: base64 of the hex HMAC-SHA1 of the event's fields, keyed with the API secret). The
// recording link comes from a local stand-in for Zadarma's API (the real one cannot be reached).

const ZADARMA = { apiKey: 'zadarma-user-key', apiSecret: 'zadarma-api-secret' };

let env: TestEnv;
let base: string;
let owner: Browser;
let manager: Awaited<ReturnType<typeof addMember>>;
let key: string;
let contactId: string;
let standIn: http.Server;
const apiSeen: { path: string; auth: string | undefined }[] = [];

const sign = (parts: (string | undefined)[], secret = ZADARMA.apiSecret) =>
  Buffer.from(
    createHmac('sha1', secret)
      .update(parts.map((p) => p ?? '').join(''))
      .digest('hex'),
  ).toString('base64');

async function post(form: Record<string, string>, signature: string | null) {
  const res = await fetch(`${base}/api/public/zadarma/${key}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(signature ? { Signature: signature } : {}),
    },
    body: new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const calls = async () =>
  (await owner.call('GET', `/api/v1/timeline?contactId=${contactId}&limit=100`)).body.items.filter(
    (a: { kind: string }) => a.kind === 'call',
  );

beforeAll(async () => {
  process.env.VORONKA_CHANNEL_API_OVERRIDES = 'on';
  standIn = http.createServer((req, res) => {
    apiSeen.push({ path: req.url ?? '', auth: req.headers.authorization });
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({ status: 'success', link: 'https://api.zadarma.com/v1/pbx/record/file.mp3' }),
    );
  });
  await new Promise<void>((r) => standIn.listen(0, '127.0.0.1', r));
  env = await createTestApp();
  await env.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(env.app.server.address() as AddressInfo).port}`;
  owner = await signUp(env.app);
  manager = await addMember(env.app, owner, 'manager');
  await manager.browser.call('PUT', '/api/v1/calls/extension', { extension: '100' });
  const ch = await owner.call('POST', '/api/v1/channels', {
    kind: 'phone',
    name: 'Zadarma',
    settings: {
      provider: 'zadarma',
      apiBase: `http://127.0.0.1:${(standIn.address() as AddressInfo).port}`,
      extensions: [`100 = ${manager.email}`],
    },
    secrets: ZADARMA,
  });
  expect(ch.status).toBe(201);
  key = String(ch.body.webhookUrls.find((w: { name: string }) => w.name === 'zadarma').url)
    .split('/')
    .pop()!;
  const contact = await owner.call('POST', '/api/v1/contacts', {
    firstName: 'Ирина',
    lastName: 'Зайцева',
    phones: [{ number: '+7 (916) 222-33-44' }],
  });
  contactId = contact.body.id;
}, 180_000);

afterAll(async () => {
  await env?.close();
  standIn?.close();
});

describe('Zadarma notifications', () => {
  it('answers the URL check with zd_echo', async () => {
    const res = await fetch(`${base}/api/public/zadarma/${key}?zd_echo=abc123`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('abc123');
  });

  it('refuses a wrong or missing signature with 401 and stores nothing', async () => {
    const start = {
      event: 'NOTIFY_START',
      call_start: '2026-12-04 12:00:00',
      pbx_call_id: 'in_bad',
      caller_id: '79162223344',
      called_did: '74951234567',
    };
    const wrong = await post(
      start,
      sign([start.caller_id, start.called_did, start.call_start], 'x'),
    );
    expect(wrong.status).toBe(401);
    expect((await post(start, null)).status).toBe(401);
    // Signed, but a field changed after signing.
    const tampered = await post(
      { ...start, caller_id: '79160000000' },
      sign([start.caller_id, start.called_did, start.call_start]),
    );
    expect(tampered.status).toBe(401);
    expect(await calls()).toHaveLength(0);
  });

  it('an inbound call START → INTERNAL → ANSWER → END → RECORD is one call with its duration and recording; repeats change nothing', async () => {
    const t = '2026-12-04 12:05:00';
    const id = 'in_1733313900.123';
    const common = { call_start: t, pbx_call_id: id, caller_id: '79162223344' };
    const start = { event: 'NOTIFY_START', ...common, called_did: '74951234567' };
    const internal = {
      event: 'NOTIFY_INTERNAL',
      ...common,
      called_did: '74951234567',
      internal: '100',
    };
    const answer = { event: 'NOTIFY_ANSWER', ...common, destination: '100', internal: '100' };
    const end = {
      event: 'NOTIFY_END',
      ...common,
      called_did: '74951234567',
      internal: '100',
      duration: '95',
      disposition: 'answered',
      status_code: '16',
      is_recorded: '1',
      call_id_with_rec: '1733313900.123456',
    };
    const sig = (f: Record<string, string>, fields: string[]) => sign(fields.map((k) => f[k]));
    for (const f of [start, internal])
      expect((await post(f, sig(f, ['caller_id', 'called_did', 'call_start']))).status).toBe(200);
    expect(
      (await post(answer, sig(answer, ['caller_id', 'destination', 'call_start']))).status,
    ).toBe(200);
    const endSig = sig(end, ['caller_id', 'called_did', 'call_start']);
    expect((await post(end, endSig)).body).toMatchObject({ ok: true, duplicate: false });
    // Zadarma retries a notification it thinks was lost: stored once.
    expect((await post(end, endSig)).body).toMatchObject({ ok: true, duplicate: true });
    const [call, ...more] = await calls();
    expect(more).toHaveLength(0);
    expect(call.data).toMatchObject({
      callId: id,
      event: 'ended',
      direction: 'in',
      durationSec: 95,
      managerId: manager.memberId,
      phone: '+79162223344',
    });
    const rec = { event: 'NOTIFY_RECORD', pbx_call_id: id, call_id_with_rec: end.call_id_with_rec };
    const bad = await post(rec, sign([rec.call_id_with_rec, rec.pbx_call_id]));
    expect(bad.status).toBe(401);
    const ok = await post(rec, sign([rec.pbx_call_id, rec.call_id_with_rec]));
    expect(ok.body).toEqual({ ok: true, recording: 'attached' });
    const [withRec] = await calls();
    expect(withRec.data.recordingUrl).toMatch(/^\/api\/v1\/telephony\/recording\?channelId=/);
    const listen = await owner.call('GET', withRec.data.recordingUrl);
    expect(listen.status).toBe(302);
    expect(listen.headers.location).toBe('https://api.zadarma.com/v1/pbx/record/file.mp3');
    expect(apiSeen.at(-1)!.path).toBe(
      `/v1/pbx/record/request/?call_id=${encodeURIComponent(end.call_id_with_rec)}&lifetime=3600`,
    );
    expect(apiSeen.at(-1)!.auth).toMatch(/^zadarma-user-key:[A-Za-z0-9+/=]+$/);
  });

  it('an unanswered inbound call is a missed call (a request), an outbound call is logged', async () => {
    const t = '2026-12-04 12:10:00';
    const missed = {
      event: 'NOTIFY_END',
      call_start: t,
      pbx_call_id: 'in_missed',
      caller_id: '79162223344',
      called_did: '74951234567',
      duration: '0',
      disposition: 'no answer',
      is_recorded: '0',
    };
    const r = await post(missed, sign([missed.caller_id, missed.called_did, missed.call_start]));
    expect(r.status).toBe(200);
    const out = {
      event: 'NOTIFY_OUT_END',
      call_start: t,
      pbx_call_id: 'out_1',
      caller_id: '74951234567',
      destination: '79162223344',
      internal: '100',
      duration: '30',
      disposition: 'answered',
      is_recorded: '0',
    };
    expect((await post(out, sign([out.internal, out.destination, out.call_start]))).status).toBe(
      200,
    );
    const all = await calls();
    expect(all.find((c: any) => c.data.callId === 'in_missed').data.event).toBe('missed');
    expect(all.find((c: any) => c.data.callId === 'out_1').data).toMatchObject({
      direction: 'out',
      durationSec: 30,
      managerId: manager.memberId,
    });
  });

  it('exports the journal as filtered (CSV, XLSX) through transfer', async () => {
    const csv = await owner.call('GET', '/api/v1/calls/export?format=csv&direction=out');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = String(csv.body).trim().split(/\r?\n/);
    expect(lines[0]).toContain('Направление');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('исходящий');
    expect(lines[1]).toContain('+79162223344');
    const long = await owner.call('GET', '/api/v1/calls/export?format=csv&minDurationSec=60');
    const rows = String(long.body).trim().split(/\r?\n/);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain(',95,');
    const xlsx = await owner.call('GET', '/api/v1/calls/export?format=xlsx&result=missed');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const bad = await owner.call('GET', '/api/v1/calls/export?direction=sideways');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('direction');
  });
});
