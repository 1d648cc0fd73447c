import { execFileSync } from 'node:child_process';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobRunner } from '../../platform/jobs/jobs.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, expectProblem, signUp, type Browser } from '../../test/client.js';
import { drainAndStop } from '../../test/drain.js';
import { documentExport } from './service.js';
import { lines, ok, ourEntity } from './test-helpers.js';

// Bulk export of PDFs as one ZIP by the job `documents.export`: the ZIP is opened with yauzl and
// each PDF read back with poppler's pdftotext.

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => {
  await env?.close();
});

const pdfText = (pdf: Buffer) =>
  execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString();

function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const files = new Map<string, Buffer>();
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, z) => {
      if (err || !z) return reject(err);
      z.on('entry', (entry: yauzl.Entry) =>
        z.openReadStream(entry, (e, s) => {
          if (e || !s) return reject(e);
          const chunks: Buffer[] = [];
          s.on('data', (c: Buffer) => chunks.push(c));
          s.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            z.readEntry();
          });
        }),
      );
      z.on('end', () => resolve(files));
      z.readEntry();
    });
  });
}

const runJobs = () => drainAndStop(startJobRunner(env.database.db, [documentExport]));

async function issued(b: Browser, entityId: string, type: string, name: string) {
  const draft = await ok(
    await b.call('POST', '/api/v1/documents', {
      type,
      legalEntityId: entityId,
      lines: [{ ...lines[0], name }],
    }),
    201,
  );
  return ok(await b.call('POST', `/api/v1/documents/${draft.id}/status`, { status: 'issued' }));
}

describe('bulk export', () => {
  it('zips the filtered documents as PDFs, counts its progress and gives others none', async () => {
    const owner = await signUp(env.app);
    const entity = await ok(await owner.call('POST', '/api/v1/legal-entities', ourEntity), 201);
    const a = await issued(owner, entity.id, 'invoice', 'Лицензия А');
    const b = await issued(owner, entity.id, 'invoice', 'Лицензия Б');
    await issued(owner, entity.id, 'act', 'Услуга В');

    const asked = await owner.call('POST', '/api/v1/documents/exports', { type: 'invoice' });
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ status: 'queued', done: 0, total: 2 });
    expectProblem(
      await owner.call('GET', `/api/v1/documents/exports/${asked.body.id}/file`),
      409,
      'document_export.not_ready',
    );
    expect(await runJobs()).toBe(1);
    const done = await ok(await owner.call('GET', `/api/v1/documents/exports/${asked.body.id}`));
    expect(done).toMatchObject({ status: 'done', done: 2, total: 2 });

    const file = await env.app.inject({
      method: 'GET',
      url: `/api/v1/documents/exports/${asked.body.id}/file`,
      headers: { cookie: owner.cookie },
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/zip');
    const files = await unzip(file.rawPayload);
    expect([...files.keys()].sort()).toEqual(
      [`Счёт № ${a.number} от ${a.date}.pdf`, `Счёт № ${b.number} от ${b.date}.pdf`].sort(),
    );
    const texts = [...files.values()].map(pdfText).join('\n');
    expect(texts).toContain('Лицензия А');
    expect(texts).toContain('Лицензия Б');
    expect(texts).not.toContain('Услуга В');

    // A manager sees none of the owner's documents: nothing to export, by filters or by ids, and
    // the owner's export is not theirs to read.
    const manager = await addMember(env.app, owner, 'manager');
    expectProblem(
      await manager.browser.call('POST', '/api/v1/documents/exports', {}),
      422,
      'document_export.empty',
      'filters',
    );
    expectProblem(
      await manager.browser.call('POST', '/api/v1/documents/exports', { ids: [a.id, b.id] }),
      422,
      'document_export.empty',
      'ids',
    );
    expectProblem(
      await manager.browser.call('GET', `/api/v1/documents/exports/${asked.body.id}/file`),
      404,
      'document_export.not_found',
    );
  }, 120_000);

  it('exports only the chosen ids, and only those the member may see', async () => {
    const owner = await signUp(env.app);
    const entity = await ok(await owner.call('POST', '/api/v1/legal-entities', ourEntity), 201);
    const manager = await addMember(env.app, owner, 'manager');
    const own = await issued(manager.browser, entity.id, 'quote', 'Своё');
    const other = await issued(owner, entity.id, 'quote', 'Чужое');
    const asked = await ok(
      await manager.browser.call('POST', '/api/v1/documents/exports', { ids: [own.id, other.id] }),
      202,
    );
    expect(asked.total).toBe(1);
    await runJobs();
    const file = await env.app.inject({
      method: 'GET',
      url: `/api/v1/documents/exports/${asked.id}/file`,
      headers: { cookie: manager.browser.cookie },
    });
    const files = await unzip(file.rawPayload);
    expect(files.size).toBe(1);
    const text = pdfText([...files.values()][0]!);
    expect(text).toContain('Своё');
    expect(text).not.toContain('Чужое');
  }, 120_000);
});
