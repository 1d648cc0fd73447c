import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobRunner } from '../../platform/jobs/jobs.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { expectProblem, signUp, type Browser } from '../../test/client.js';
import { drainAndStop } from '../../test/drain.js';
import { buildDocx } from '../print/test-docx.js';
import { pdfText } from '../print/test-tools.js';
import { documentConvert } from './service.js';
import { dealWorld, lines, ok, upload } from './test-helpers.js';

// DOCX templates through the API, and their PDFs made by LibreOffice in the job documents.convert
// (never inside the request): 202 + Retry-After until the job has run, then the PDF, kept.

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const hasSoffice = (() => {
  try {
    execFileSync('which', ['soffice']);
    return true;
  } catch {
    return false;
  }
})();

let env: TestEnv;
let owner: Browser;
beforeAll(async () => {
  env = await createTestApp();
  owner = await signUp(env.app);
});
afterAll(async () => {
  await env?.close();
});

const contract = buildDocx([
  'ДОГОВОР № {number} от {date}',
  'Продавец: {seller.name}, покупатель: {buyer.name}',
  '{#lines}',
  '{position}. {name} — {sum}',
  '{/lines}',
  'Итого: {total} ({totalInWords})',
]);
const post = (query: string, body: Buffer) =>
  upload(env.app, owner, 'POST', `/api/v1/document-templates?${query}`, DOCX, body);

describe('document templates', () => {
  it('stores a template for one of our entities, lists, downloads and deletes it', async () => {
    const { entity } = await dealWorld(owner);
    const name = encodeURIComponent('Наш договор');
    const created = await ok(
      await post(`name=${name}&type=contract&legalEntityId=${entity.id}`, contract),
      201,
    );
    expect(created).toMatchObject({ name: 'Наш договор', type: 'contract' });
    expect(created.legalEntityId).toBe(entity.id);
    expect(created.placeholders).toEqual(expect.arrayContaining(['number', 'lines', 'buyer.name']));
    const list = await ok(await owner.call('GET', '/api/v1/document-templates'));
    expect(list.items.map((t: { id: string }) => t.id)).toContain(created.id);
    const file = await env.app.inject({
      method: 'GET',
      url: `/api/v1/document-templates/${created.id}`,
      headers: { cookie: owner.cookie },
    });
    expect(file.rawPayload.equals(contract)).toBe(true);
    const del = await owner.call('DELETE', `/api/v1/document-templates/${created.id}`);
    expect(del.status).toBe(204);
    expect((await owner.call('GET', '/api/v1/document-templates')).body.items).toEqual([]);
  });

  it('refuses an unknown placeholder and an entity of nobody, naming the field', async () => {
    const bad = buildDocx(['{number} {buyer.passport}']);
    expectProblem(await post('name=X', bad), 422, 'document_template.invalid', 'buyer.passport');
    expectProblem(
      await post('name=X&legalEntityId=00000000-0000-4000-8000-000000000000', contract),
      404,
      'legal_entity.not_found',
      'legalEntityId',
    );
    expect((await owner.call('GET', '/api/v1/document-templates')).body.items).toEqual([]);
  });

  it.skipIf(!hasSoffice)(
    `converts a template's document in the job, answering 202 until then${hasSoffice ? '' : ' (skipped: soffice is not installed)'}`,
    async () => {
      const { entity, deal } = await dealWorld(owner);
      const template = await ok(await post('name=T&type=contract', contract), 201);
      const doc = await ok(
        await owner.call('POST', '/api/v1/documents', {
          dealId: deal.id,
          type: 'contract',
          legalEntityId: entity.id,
          templateId: template.id,
          lines,
        }),
        201,
      );
      const get = () =>
        env.app.inject({
          method: 'GET',
          url: `/api/v1/documents/${doc.id}/pdf`,
          headers: { cookie: owner.cookie },
        });
      const pending = await get();
      expect(pending.statusCode).toBe(202);
      expect(Number(pending.headers['retry-after'])).toBeGreaterThan(0);
      expect(pending.json()).toMatchObject({ status: 'pending' });
      // Asking again before the job ran queues nothing more.
      expect((await get()).statusCode).toBe(202);
      const runJobs = () => drainAndStop(startJobRunner(env.database.db, [documentConvert]));
      expect(await runJobs()).toBe(1);
      const ready = await get();
      expect(ready.statusCode).toBe(200);
      expect(ready.headers['content-type']).toBe('application/pdf');
      const text = pdfText(ready.rawPayload);
      expect(text).toContain('Продавец: ООО «Ромашка», покупатель: ООО «Лютик»');
      expect(text).toContain('1. Лицензия — 10 000,00');
      expect(text).toContain('Четырнадцать тысяч пятьсот рублей 00 копеек');
      // Kept: served again without converting.
      expect((await get()).statusCode).toBe(200);
      expect(await runJobs()).toBe(0);
    },
    180_000,
  );
});
