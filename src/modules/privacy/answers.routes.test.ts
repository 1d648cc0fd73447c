import unzipper from 'unzipper';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobRunner } from '../../platform/jobs/jobs.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { signUp, type Browser } from '../../test/client.js';
import { drainAndStop } from '../../test/drain.js';
import { ok } from '../documents/test-helpers.js';
import { pdfText } from '../print/test-tools.js';
import { privacyExport } from './service.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env?.close());

const download = async (ws: Browser, url: string) => {
  const res = await env.app.inject({ method: 'GET', url, headers: { cookie: ws.cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res;
};

describe('consent set on the contact form', () => {
  it('is logged with source manual, once, when given on creation and withdrawn on editing', async () => {
    const ws = await signUp(env.app);
    const c = await ok(
      await ws.call(
        'POST',
        '/api/v1/contacts',
        { firstName: 'Ирина', lastName: 'Согласова', consent: 'given' },
        { 'x-forwarded-for': '198.51.100.7' },
      ),
      201,
    );
    await ok(await ws.call('PATCH', `/api/v1/contacts/${c.id}`, { consent: 'withdrawn' }));
    // Unchanged consent (another field edited) writes nothing.
    await ok(await ws.call('PATCH', `/api/v1/contacts/${c.id}`, { consent: 'withdrawn' }));
    await ok(await ws.call('PATCH', `/api/v1/contacts/${c.id}`, { position: 'Закупщик' }));
    const log = await ok(await ws.call('GET', `/api/v1/contacts/${c.id}/consents`));
    expect(log.consent).toBe('withdrawn');
    expect(log.items).toEqual([
      expect.objectContaining({ kind: 'withdrawn', source: 'manual', origin: 'log' }),
      expect.objectContaining({ kind: 'given', source: 'manual', origin: 'log' }),
    ]);
    expect(log.items[0].memberId).toBe(ws.info.me!.member.id);
    // The privacy route writes its own entry; the flag it sets is not logged a second time.
    await ok(
      await ws.call('POST', `/api/v1/contacts/${c.id}/consents`, { kind: 'given', text: 'Бумага' }),
      201,
    );
    const after = await ok(await ws.call('GET', `/api/v1/contacts/${c.id}/consents`));
    expect(after.items).toHaveLength(3);
  });
});

describe('answers to data-subject requests', () => {
  it('packs a PDF summary with the JSON, and prints an answer letter for each kind', async () => {
    const ws = await signUp(env.app);
    const c = await ok(
      await ws.call('POST', '/api/v1/contacts', {
        firstName: 'Пётр',
        lastName: 'Запросов',
        position: 'Инженер',
        phones: [{ number: '+79161234567' }],
        emails: [{ address: 'zaprosov@example.org' }],
        consent: 'given',
      }),
      201,
    );
    const access = await ok(
      await ws.call('POST', '/api/v1/privacy/requests', { contactId: c.id, kind: 'access' }),
      201,
    );
    await ok(await ws.call('POST', `/api/v1/privacy/requests/${access.id}/export`), 202);
    await drainAndStop(startJobRunner(env.database.db, [privacyExport], { pollMs: 20 }));
    const file = await download(ws, `/api/v1/privacy/requests/${access.id}/export/file`);
    const zip = await unzipper.Open.buffer(file.rawPayload);
    expect(zip.files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['summary.pdf', 'contact.json', 'consents.json', 'README.json']),
    );
    const summary = pdfText(await zip.files.find((f) => f.path === 'summary.pdf')!.buffer());
    for (const s of [
      'Сведения об обработке персональных данных',
      'Запросов Пётр',
      'Должность: Инженер',
      '+79161234567',
      'zaprosov@example.org',
      'contact_points',
      'дано',
    ])
      expect(summary).toContain(s);

    const letter = pdfText(
      (await download(ws, `/api/v1/privacy/requests/${access.id}/letter`)).rawPayload,
    );
    expect(letter).toContain('О предоставлении сведений об обработке персональных данных');
    expect(letter).toContain('Уважаемый(ая) Запросов Пётр!');
    expect(letter).toContain('Срок ответа');

    const erasure = await ok(
      await ws.call('POST', '/api/v1/privacy/requests', { contactId: c.id, kind: 'erasure' }),
      201,
    );
    await ok(
      await ws.call('POST', `/api/v1/privacy/requests/${erasure.id}/close`, {
        status: 'rejected',
        answer: 'Данные нужны для исполнения действующего договора поставки.',
      }),
    );
    const refusal = pdfText(
      (await download(ws, `/api/v1/privacy/requests/${erasure.id}/letter`)).rawPayload,
    );
    expect(refusal).toContain('Об уничтожении персональных данных');
    expect(refusal).toContain('мотивированном отказе');
    expect(refusal).toContain('исполнения действующего договора поставки');

    const correction = await ok(
      await ws.call('POST', '/api/v1/privacy/requests', { contactId: c.id, kind: 'correction' }),
      201,
    );
    await ok(
      await ws.call('POST', `/api/v1/privacy/requests/${correction.id}/close`, {
        status: 'done',
        answer: 'Исправлен номер телефона.',
      }),
    );
    const fixed = pdfText(
      (await download(ws, `/api/v1/privacy/requests/${correction.id}/letter`)).rawPayload,
    );
    expect(fixed).toContain('Об уточнении персональных данных');
    expect(fixed).toContain('персональные данные уточнены');
    expect(fixed).toContain('Исправлен номер телефона.');
  });
});
