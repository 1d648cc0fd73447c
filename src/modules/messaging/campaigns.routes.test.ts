import { generateKeyPairSync } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../platform/db/rls.js';
import { startJobRunner } from '../../platform/jobs/jobs.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { signUp, type Browser } from '../../test/client.js';
import { drainAndStop } from '../../test/drain.js';
import { campaignBatch, campaignFill } from './service.js';

// Campaigns end to end on a real database and a real SMTP server on loopback (smtp-server) standing
// in for the workspace's mail relay: each consenting recipient gets one letter with RFC 8058
// headers and a DKIM signature; a send interrupted mid-batch is never repeated; the one-click
// unsubscribe works without a session and the next campaign skips the person.

type Letter = { to: string; subject: string; raw: string; headers: Map<string, unknown> };
const letters: Letter[] = [];
const sink = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, cb) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      simpleParser(raw).then((m) => {
        letters.push({
          to: (m.to && !Array.isArray(m.to) ? m.to.value[0]?.address : '') ?? '',
          subject: m.subject ?? '',
          raw,
          headers: m.headers as Map<string, unknown>,
        });
        cb();
      }, cb);
    });
  },
});

let env: TestEnv;
let owner: Browser;
const ids: Record<string, string> = {};
let segmentId = '';
let templateId = '';
let channelId = '';

beforeAll(async () => {
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', () => r()));
  env = await createTestApp({ VORONKA_MAIL_PRIVATE_HOSTS: 'allow' });
  owner = await signUp(env.app, { companyName: 'Ромашка' });
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const port = (sink.server.address() as { port: number }).port;
  channelId = (
    await channel(
      {
        smtpHost: '127.0.0.1',
        smtpPort: port,
        smtpSecure: false,
        fromAddress: 'news@romashka.ru',
        dkimDomain: 'romashka.ru',
        dkimSelector: 'voronka',
      },
      { dkimPrivateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
    )
  ).id;
  const people = [
    ['Анна', 'anna@client.ru', 'given'],
    ['Борис', 'boris@client.ru', 'given'],
    ['Вера', 'vera@client.ru', 'given'],
    ['Глеб', 'gleb@client.ru', 'withdrawn'],
    ['Дина', 'dina@client.ru', 'unknown'],
    ['Егор', null, 'given'],
  ] as const;
  for (const [firstName, email, consent] of people) {
    const res = await owner.call('POST', '/api/v1/contacts', {
      firstName,
      lastName: 'Клиентов',
      tags: ['промо'],
      emails: email ? [{ address: email }] : [],
      consent,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids[firstName] = res.body.id;
  }
  await owner.call('POST', '/api/v1/contacts', {
    firstName: 'Чужой',
    emails: [{ address: 'x@y.ru' }],
  });
  const tpl = await owner.call('POST', '/api/v1/templates', {
    kind: 'letter',
    name: 'Декабрьская акция',
    scope: 'shared',
    subject: 'Скидка для {{ client.firstName }}',
    body: 'Здравствуйте, {{ client.firstName }}! {{ workspace.name }} дарит скидку.',
  });
  expect(tpl.status, JSON.stringify(tpl.body)).toBe(201);
  templateId = tpl.body.id;
});
afterAll(async () => {
  await env?.close();
  await new Promise<void>((r) => sink.close(() => r()));
});

async function channel(settings: Record<string, unknown>, secrets: Record<string, string>) {
  const res = await owner.call('POST', '/api/v1/channels', {
    kind: 'email',
    name: 'Рассылки',
    settings,
    secrets,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

// Runs the campaign jobs until none is left. The rate spaces batches a second apart (run_at); rather
// than wait, the next batch's time is moved to now, as the automation tests do with their delays.
async function run() {
  for (;;) {
    await drainAndStop(
      startJobRunner(env.database.db, [campaignFill, campaignBatch], { pollMs: 20 }),
    );
    const later = await env.database.db.execute(
      sql`update jobs set run_at = now() where name = 'campaign.batch' and state = 'queued' and run_at > now() returning id`,
    );
    if (!rowsOf(later).length) return;
  }
}

async function newCampaign(name: string, rate = 50) {
  const c = await owner.call('POST', '/api/v1/campaigns', {
    name,
    segmentId,
    templateId,
    channelId,
    rate,
  });
  expect(c.status, JSON.stringify(c.body)).toBe(201);
  const started = await owner.call('POST', `/api/v1/campaigns/${c.body.id}/start`);
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  return c.body.id as string;
}

// A header as it was sent (unfolded): mailparser folds the List-* headers into one structured
// `list` entry, so its parsed map has no `list-unsubscribe` key.
const header = (l: Letter, name: string) => {
  const head = l.raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const line = head
    .split(/\r?\n/)
    .find((h) => h.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : '';
};

describe('segments', () => {
  it('are the contacts list’s filter with a live count', async () => {
    const count = await owner.call('POST', '/api/v1/segments/count', { query: { tag: 'промо' } });
    expect(count.body).toEqual({ count: 6 });
    const bad = await owner.call('POST', '/api/v1/segments', {
      name: 'x',
      query: { colour: 'red' },
    });
    expect(bad.status).toBe(400);
    const seg = await owner.call('POST', '/api/v1/segments', {
      name: 'Промо',
      query: { tag: 'промо' },
    });
    expect(seg.status).toBe(201);
    expect(seg.body.count).toBe(6);
    segmentId = seg.body.id;
  });
});

describe('an e-mail campaign', () => {
  it('sends each consenting recipient one signed letter with one-click unsubscribe headers', async () => {
    const id = await newCampaign('Декабрь');
    await run();
    const got = letters.map((l) => l.to).sort();
    expect(got).toEqual(['anna@client.ru', 'boris@client.ru', 'vera@client.ru']);
    const anna = letters.find((l) => l.to === 'anna@client.ru')!;
    expect(anna.subject).toBe('Скидка для Анна');
    expect(header(anna, 'list-unsubscribe')).toMatch(
      /^<http:\/\/voronka\.test\/api\/public\/unsubscribe\?token=.+>$/,
    );
    expect(anna.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    expect(anna.raw).toMatch(
      /^DKIM-Signature: v=1; a=rsa-sha256; c=relaxed\/relaxed; d=romashka\.ru;/m,
    );
    expect(anna.raw).toMatch(/s=voronka/);
    const c = (await owner.call('GET', `/api/v1/campaigns/${id}`)).body;
    expect(c.status).toBe('done');
    expect(c.counts).toMatchObject({ total: 6, sent: 3, skipped: 3, queued: 0, failed: 0 });
    const report = (await owner.call('GET', `/api/v1/campaigns/${id}/recipients?state=skipped`))
      .body.items as { contactId: string; skipReason: string }[];
    const reasons = Object.fromEntries(report.map((r) => [r.contactId, r.skipReason]));
    expect(reasons).toEqual({
      [ids['Глеб']!]: 'withdrawn',
      [ids['Дина']!]: 'no_consent',
      [ids['Егор']!]: 'no_email',
    });
  });

  it('a send interrupted mid-campaign is never repeated, and the campaign finishes', async () => {
    letters.length = 0;
    const id = await newCampaign('Повтор', 1);
    // The fill and the first batch, then the process «dies» holding Борис's letter in `sending`
    // (the state a kill -9 between the SMTP answer and the commit leaves).
    const loop = startJobRunner(env.database.db, [campaignFill], { pollMs: 20 });
    await drainAndStop(loop);
    await env.database.db.execute(
      sql`update campaign_recipients set state = 'sending' where campaign_id = ${id} and contact_id = ${ids['Борис']!}`,
    );
    await run();
    const to = letters.map((l) => l.to).sort();
    expect(to).toEqual(['anna@client.ru', 'vera@client.ru']);
    const c = (await owner.call('GET', `/api/v1/campaigns/${id}`)).body;
    expect(c.status).toBe('done');
    expect(c.counts).toMatchObject({ sent: 2, failed: 1 });
    // Running the jobs again sends nothing more.
    await run();
    expect(letters).toHaveLength(2);
  });

  it('one-click unsubscribe by a cookie-less POST; the next campaign skips the person', async () => {
    const anna = letters.find((l) => l.to === 'anna@client.ru')!;
    const url = new URL(header(anna, 'list-unsubscribe').slice(1, -1));
    const bad = await env.app.inject({
      method: 'POST',
      url: '/api/public/unsubscribe?token=not-a-real-token-at-all',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(bad.statusCode).toBe(400);
    for (let i = 0; i < 2; i++) {
      const res = await env.app.inject({
        method: 'POST',
        url: url.pathname + url.search,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const log = (await owner.call('GET', `/api/v1/contacts/${ids['Анна']!}/consents`)).body;
    expect(log.consent).toBe('withdrawn');
    expect(log.items[0]).toMatchObject({ kind: 'withdrawn', source: 'unsubscribe' });
    letters.length = 0;
    const id = await newCampaign('Январь');
    await run();
    expect(letters.map((l) => l.to).sort()).toEqual(['boris@client.ru', 'vera@client.ru']);
    const skipped = (await owner.call('GET', `/api/v1/campaigns/${id}/recipients?state=skipped`))
      .body.items as { contactId: string; skipReason: string }[];
    expect(skipped.find((r) => r.contactId === ids['Анна'])?.skipReason).toBe('unsubscribed');
  });
});
