import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, signUp, type Browser } from '../../test/client.js';
import { signGeneric } from './generic.js';
import { signMango } from './mango.js';

// The PBX webhooks over real HTTP (the app listening on a port, requests by fetch): MANGO OFFICE's
// form-encoded events shaped as its API v1.9 documents them (fixtures/), and Voronka's generic
// JSON events. The Mango API itself cannot run here; nothing in these tests calls it.

type Step = { type: string; json: unknown };
const fixture = (name: string): Step[] =>
  JSON.parse(fs.readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));

const MANGO = { apiKey: 'vpbx-product-key', apiSalt: 'vpbx-salt-value' };
const GENERIC_SECRET = 'generic-signing-secret';

let env: TestEnv;
let base: string;
let owner: Browser;
let manager: Awaited<ReturnType<typeof addMember>>;
let colleague: Awaited<ReturnType<typeof addMember>>;
let key: string;
let channelId: string;
let contactId: string;

async function postMango(
  type: string,
  json: unknown,
  over: { sign?: string; apiKey?: string } = {},
) {
  const text = JSON.stringify(json);
  const form = new URLSearchParams({
    vpbx_api_key: over.apiKey ?? MANGO.apiKey,
    sign: over.sign ?? signMango(MANGO.apiKey, text, MANGO.apiSalt),
    json: text,
  });
  const res = await fetch(`${base}/api/public/mango/${key}/${type}`, {
    method: 'POST',
    body: form,
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function postGeneric(event: Record<string, unknown>, signature?: string) {
  const body = JSON.stringify(event);
  const res = await fetch(`${base}/api/public/telephony/${key}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-voronka-signature': signature ?? signGeneric(GENERIC_SECRET, body),
    },
    body,
  });
  return { status: res.status, body: (await res.json()) as any };
}

const get = async (url: string) => {
  const res = await owner.call('GET', url);
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
const calls = async (q: string) =>
  (await get(`/api/v1/timeline?${q}&limit=100`)).items.filter(
    (a: { kind: string }) => a.kind === 'call',
  );
const phoneLeads = async (phone: string) =>
  (await get('/api/v1/leads?limit=100')).items.filter(
    (l: { contactPhone: string | null }) => l.contactPhone === phone,
  );
const tasksOf = async (q: string) => (await get(`/api/v1/tasks?${q}&limit=100`)).items;

// What a workspace holds that a webhook could change: compared around refused deliveries.
const holdings = async () => ({
  inbox: await get('/api/v1/inbox?limit=100'),
  leads: await get('/api/v1/leads?limit=100'),
  tasks: await get('/api/v1/tasks?limit=100'),
  timeline: await get(`/api/v1/timeline?contactId=${contactId}&limit=100`),
});

beforeAll(async () => {
  env = await createTestApp();
  await env.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(env.app.server.address() as AddressInfo).port}`;
  owner = await signUp(env.app);
  manager = await addMember(env.app, owner, 'manager');
  colleague = await addMember(env.app, owner, 'manager');
  const ch = await owner.call('POST', '/api/v1/channels', {
    kind: 'phone',
    name: 'Mango Office',
    settings: {
      provider: 'mango',
      extensions: [`101 = ${manager.email}`, `102=${colleague.email}`],
    },
    secrets: { ...MANGO, signingSecret: GENERIC_SECRET },
  });
  expect(ch.status).toBe(201);
  channelId = ch.body.id;
  key = String(ch.body.webhookUrls.find((w: { name: string }) => w.name === 'mango').url)
    .split('/')
    .pop()!;
  const contact = await owner.call('POST', '/api/v1/contacts', {
    firstName: 'Мария',
    lastName: 'Соколова',
    phones: [{ number: '8 (915) 111-22-33' }],
    ownerId: colleague.memberId,
  });
  expect(contact.status).toBe(201);
  contactId = contact.body.id;
});

afterAll(async () => {
  await env.close();
});

describe('Mango Office events', () => {
  it('an answered call (Appeared → Connected → Disconnected + summary) is one activity with its duration, the recording joins it', async () => {
    for (const step of fixture('mango-answered').slice(0, 6))
      expect((await postMango(step.type, step.json)).status).toBe(200);
    const [call, ...more] = await calls(`contactId=${contactId}`);
    expect(more).toHaveLength(0);
    expect(call.data).toMatchObject({
      callId: 'MTAwNTc1OTM6NTAy',
      event: 'ended',
      direction: 'in',
      durationSec: 95,
      managerId: manager.memberId,
      phone: '+79151112233',
      recordingUrl: null,
    });
    expect(call.body).toBe('Входящий звонок, 1 мин 35 с');
    // An answered call is not a request.
    expect(await phoneLeads('+79151112233')).toHaveLength(0);

    const rec = fixture('mango-answered')[6]!;
    expect((await postMango(rec.type, rec.json)).body).toEqual({ ok: true, recording: 'attached' });
    const [withRecording] = await calls(`contactId=${contactId}`);
    expect(withRecording.data.recordingUrl).toMatch(
      new RegExp(
        `^/api/v1/telephony/recording\\?channelId=${channelId}&recordingId=MToxMDAwNjA4NTo1MDA5NDExMDIyOjE%3D&token=[0-9a-f]{32}$`,
      ),
    );
    const listen = await owner.call('GET', withRecording.data.recordingUrl);
    expect(listen.status).toBe(302);
    expect(String(listen.headers.location)).toMatch(
      /^https:\/\/app\.mango-office\.ru\/vpbx\/queries\/recording\/link\/MToxMDAwNjA4NTo1MDA5NDExMDIyOjE%3D\/play\/vpbx-product-key\/\d+\/[0-9a-f]{64}$/,
    );
    // A link Voronka did not write opens nothing.
    expect(
      (
        await owner.call(
          'GET',
          withRecording.data.recordingUrl.replace(/token=\w+/, `token=${'0'.repeat(32)}`),
        )
      ).status,
    ).toBe(404);
  });

  it('a missed call from an unknown number raises a request keeping the number, with a call-back task for the employee it rang', async () => {
    for (const step of fixture('mango-missed'))
      expect((await postMango(step.type, step.json)).status).toBe(200);
    const [lead, ...more] = await phoneLeads('+79267778899');
    expect(more).toHaveLength(0);
    expect(lead).toMatchObject({
      channel: 'phone',
      source: 'Mango Office',
      contact: null,
      message: 'Пропущенный звонок',
    });
    const tasks = await tasksOf(`leadId=${lead.id}`);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      kind: 'call',
      ownerId: colleague.memberId,
      title: 'Перезвонить: +79267778899',
    });
    const [call] = await calls(`leadId=${lead.id}`);
    expect(call.data).toMatchObject({
      event: 'missed',
      durationSec: 0,
      callId: 'MTAwNTc1OTM6NjAx',
    });
  });

  it('a repeated delivery of the same event is recognised: no second request, task or activity', async () => {
    const summary = fixture('mango-missed')[2]!;
    const again = await postMango(summary.type, summary.json);
    expect(again).toEqual({ status: 200, body: { ok: true, duplicate: true } });
    const [lead, ...more] = await phoneLeads('+79267778899');
    expect(more).toHaveLength(0);
    expect(await tasksOf(`leadId=${lead.id}`)).toHaveLength(1);
    expect(await calls(`leadId=${lead.id}`)).toHaveLength(1);
  });

  it('a wrong sign or product key is refused with 401 and nothing is stored', async () => {
    const before = await holdings();
    const json = {
      ...(fixture('mango-missed')[2]!.json as object),
      entry_id: 'forged-entry',
      from: { number: '79990000000' },
    };
    const forged = await postMango('events/summary', json, {
      sign: signMango(MANGO.apiKey, JSON.stringify(json), 'guessed-salt'),
    });
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('webhook.invalid_signature');
    expect((await postMango('events/summary', json, { apiKey: 'another-product' })).status).toBe(
      401,
    );
    const unsigned = await fetch(`${base}/api/public/mango/${key}/events/summary`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(json),
    });
    expect(unsigned.status).toBe(401);
    expect(await holdings()).toEqual(before);
  });

  it('answers 404 for an unknown channel key and names the field of a signed payload it cannot read', async () => {
    expect(
      (
        await fetch(`${base}/api/public/mango/no-such-key/events/call`, {
          method: 'POST',
          body: new URLSearchParams({ vpbx_api_key: 'k', sign: 's', json: '{}' }),
        })
      ).status,
    ).toBe(404);
    const bad = await postMango('events/call', { call_id: 'c', call_state: 'Appeared' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'request.invalid', field: 'json.entry_id' });
    expect(await postMango('events/dtmf', { entry_id: 'e', dtmf: '1' })).toEqual({
      status: 200,
      body: { ok: true, ignored: 'events/dtmf is not read' },
    });
  });

  it('a recording reported before the call ended waits for it (a durable job), then joins its activity', async () => {
    const entry = 'MTAwNTc1OTM6ODAx';
    const rec = await postMango('events/record/added', {
      entry_id: entry,
      product_id: 1,
      user_id: 2,
      timestamp: 1764240000,
      recording_id: 'rec-early',
    });
    expect(rec.body).toEqual({ ok: true, recording: 'queued' });
    const summary = {
      entry_id: entry,
      call_direction: 1,
      from: { number: '79151112233' },
      to: { extension: '101' },
      line_number: '74951234567',
      create_time: 1764239900,
      talk_time: 1764239910,
      end_time: 1764239970,
      entry_result: 1,
    };
    expect((await postMango('events/summary', summary)).status).toBe(200);
    const { startWorker } = await import('../../worker.js');
    const worker = startWorker(env.runtime, () => undefined);
    await env.database.db.execute(
      "update jobs set run_at = now() where name = 'telephony.attach-recording'" as never,
    );
    await worker.drain();
    await worker.stop();
    const call = (await calls(`contactId=${contactId}`)).find(
      (a: { data: { callId: string } }) => a.data.callId === entry,
    );
    expect(call.data).toMatchObject({
      durationSec: 60,
      recordingUrl: expect.stringContaining('recordingId=rec-early'),
    });
  });
});

describe('generic call events', () => {
  it('answered then ended is one activity on the contact’s timeline, updated with duration and recording', async () => {
    const call = {
      call_id: 'pbx-42',
      direction: 'in',
      from: '+7 915 111-22-33',
      to: '+7 495 123-45-67',
      manager_email: manager.email,
      started_at: '2026-11-27T10:00:00+03:00',
    };
    expect((await postGeneric({ ...call, event: 'answered' })).status).toBe(200);
    let mine = (await calls(`contactId=${contactId}`)).filter(
      (a: { data: { callId: string } }) => a.data.callId === 'pbx-42',
    );
    expect(mine).toHaveLength(1);
    expect(mine[0].data).toMatchObject({ event: 'answered', durationSec: null });
    expect(
      (
        await postGeneric({
          ...call,
          event: 'ended',
          duration: 61,
          recording_url: 'https://pbx.romashka.ru/rec/pbx-42.mp3',
        })
      ).body,
    ).toMatchObject({ ok: true, duplicate: false });
    mine = (await calls(`contactId=${contactId}`)).filter(
      (a: { data: { callId: string } }) => a.data.callId === 'pbx-42',
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      at: '2026-11-27T07:00:00.000Z',
      body: 'Входящий звонок, 1 мин 1 с',
      data: {
        event: 'ended',
        durationSec: 61,
        recordingUrl: 'https://pbx.romashka.ru/rec/pbx-42.mp3',
        managerId: manager.memberId,
      },
    });
  });

  it('a missed call raises a request with a call-back task for the contact’s owner; its repeat changes nothing', async () => {
    const missed = {
      event: 'missed',
      call_id: 'pbx-43',
      direction: 'in',
      from: '+79151112233',
      to: '+74951234567',
    };
    expect((await postGeneric(missed)).body).toMatchObject({ ok: true, duplicate: false });
    expect((await postGeneric(missed)).body).toMatchObject({ ok: true, duplicate: true });
    const leads = (await get(`/api/v1/leads?limit=100`)).items.filter(
      (l: { contact: { id: string } | null }) => l.contact?.id === contactId,
    );
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({ channel: 'phone', contactPhone: '+79151112233' });
    const tasks = await tasksOf(`leadId=${leads[0].id}`);
    expect(tasks).toEqual([
      expect.objectContaining({ kind: 'call', ownerId: colleague.memberId, contactId }),
    ]);
  });

  it('a wrong or missing signature is refused with 401 and nothing is stored; a bad field is a 400 naming it', async () => {
    const before = await holdings();
    const event = { event: 'missed', call_id: 'forged-1', direction: 'in', from: '+79990000001' };
    expect((await postGeneric(event, signGeneric('guessed', JSON.stringify(event)))).status).toBe(
      401,
    );
    const unsigned = await fetch(`${base}/api/public/telephony/${key}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event),
    });
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as { code: string }).code).toBe('webhook.invalid_signature');
    const bad = await postGeneric({ ...event, event: 'hangup' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'request.invalid', field: 'event' });
    expect(await holdings()).toEqual(before);
  });
});

describe('ringing pops up the caller’s card', () => {
  // A member's own event stream, opened over HTTP with their session as the browser does.
  async function openStream(who: Browser) {
    const port = new URL(base).port;
    const res = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http
        .get(
          { port, host: '127.0.0.1', path: '/api/v1/events', headers: { cookie: who.cookie } },
          resolve,
        )
        .on('error', reject),
    );
    expect(res.statusCode).toBe(200);
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (d: string) => (text += d));
    await until(() => text.includes(': connected'));
    return { text: () => text, close: () => res.destroy() };
  }
  const until = async (ok: () => boolean) => {
    for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 30));
    expect(ok()).toBe(true);
  };

  it('a call ringing at extension 101 reaches that manager with the contact id, not the others', async () => {
    const mine = await openStream(manager.browser);
    const others = await openStream(owner);
    try {
      const ring = {
        entry_id: 'MTAwNTc1OTM6OTAx',
        call_id: 'ring-leg-1',
        timestamp: 1764241000,
        seq: 1,
        call_state: 'Appeared',
        location: 'abonent',
        from: { number: '79151112233' },
        to: { extension: '101', line_number: '74951234567' },
      };
      const res = await postMango('events/call', ring);
      expect(res.status).toBe(200);
      await until(() => mine.text().includes('event: call.ringing'));
      const data = JSON.parse(/event: call\.ringing\ndata: (.*)\n/.exec(mine.text())![1]!);
      expect(data).toMatchObject({ contactId, conversationId: expect.any(String) });
      expect(data.memberIds).toBeUndefined();
      // The owner's stream got the same call's inbox message, and no pop-up.
      await until(() => others.text().includes(`"conversationId":"${data.conversationId}"`));
      expect(others.text()).not.toContain('call.ringing');
    } finally {
      mine.close();
      others.close();
    }
  });

  it('an unknown caller rings for every member who may read requests', async () => {
    const stream = await openStream(owner);
    try {
      expect(
        (
          await postGeneric({
            event: 'ringing',
            call_id: 'pbx-50',
            direction: 'in',
            from: '+7 903 000-11-22',
          })
        ).status,
      ).toBe(200);
      await until(() => stream.text().includes('event: call.ringing'));
      expect(stream.text()).toMatch(
        /event: call\.ringing\ndata: \{"conversationId":"[0-9a-f-]+","contactId":null,"leadId":null\}/,
      );
    } finally {
      stream.close();
    }
  });
});
