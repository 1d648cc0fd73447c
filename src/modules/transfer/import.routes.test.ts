import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobRunner } from '../../platform/jobs/jobs.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, expectProblem, signUp, type Browser } from '../../test/client.js';
import { sql } from 'drizzle-orm';
import { lyingAboutSize, xlsxBomb } from '../../platform/files/test-bombs.js';
import { importChunk } from './import-jobs.js';
import { imports } from './tables.js';

let env: TestEnv;
let owner: Browser;

const upload = async (
  b: Browser,
  entity: string,
  body: string | Buffer,
  type = 'text/csv; charset=utf-8',
  fileName = 'file.csv',
) => {
  const res = await env.app.inject({
    method: 'POST',
    url: `/api/v1/imports?entity=${entity}&fileName=${encodeURIComponent(fileName)}`,
    headers: { cookie: b.cookie, 'x-csrf-token': b.csrf, 'content-type': type },
    payload: body,
  });
  return { status: res.statusCode, body: JSON.parse(res.body) };
};
// The worker, run to completion here: stopped first so that its own polling loop claims nothing.
async function runJobs() {
  const runner = startJobRunner(env.database.db, [importChunk], {
    pollMs: 60_000,
    log: (m, e) => console.error(m, e),
  });
  await runner.stop();
  await runner.drain();
}
async function importFile(
  b: Browser,
  entity: string,
  content: string | Buffer,
  policy: string,
  type?: string,
) {
  const up = await upload(b, entity, content, type);
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  const started = await b.call('POST', `/api/v1/imports/${up.body.import.id}/start`, {
    mapping: up.body.suggestedMapping,
    duplicatePolicy: policy,
  });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  await runJobs();
  return (await b.call('GET', `/api/v1/imports/${up.body.import.id}`)).body;
}
const contactByPhone = async (phone: string) =>
  (await owner.call('GET', `/api/v1/contacts?phone=${encodeURIComponent(phone)}`)).body.items;

const contactsCsv = [
  'ФИО;Телефон;E-mail;Должность;День рождения;Компания;Теги',
  'Иванова Анна Сергеевна;8 (912) 345-67-89;Anna@Romashka.RU;Директор;08.03.1985;ООО «Ромашка»;vip, опт',
  'Петров Пётр;+7 495 123-45-67;;"Менеджер; закупки";;ООО «Ромашка»;',
  ';+7 495 000-00-01;;;;;',
  'Сидоров Сергей;12345;not-an-email;;31.02.1990;;',
  'Дубль Анны;89123456789;;;;;',
].join('\r\n');

// Limits low enough to pass with small files (the defaults are 100,000 rows, 200 columns, 2,000,000 cells).
beforeAll(async () => {
  env = await createTestApp({
    VORONKA_IMPORT_MAX_ROWS: '10000',
    VORONKA_IMPORT_MAX_COLUMNS: '50',
    VORONKA_IMPORT_MAX_CELLS: '30000',
  });
  owner = await signUp(env.app);
});
afterAll(async () => env?.close());

describe('import of contacts from CSV', () => {
  let result: Record<string, unknown> & {
    errors: { row: number; field: string; reason: string }[];
    id: string;
  };

  it('previews the header and rows and suggests a mapping from the column names', async () => {
    const up = await upload(owner, 'contacts', contactsCsv);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body.columns).toEqual([
      'ФИО',
      'Телефон',
      'E-mail',
      'Должность',
      'День рождения',
      'Компания',
      'Теги',
    ]);
    expect(up.body.preview).toHaveLength(5);
    expect(up.body.preview[1][3]).toBe('Менеджер; закупки');
    expect(up.body.suggestedMapping).toEqual({
      0: 'fullName',
      1: 'phone',
      2: 'email',
      3: 'position',
      4: 'birthday',
      5: 'companyName',
      6: 'tags',
    });
    expect(up.body.import.status).toBe('uploaded');
  });

  it('imports good rows, normalises phones and e-mails, links companies and reports bad rows', async () => {
    result = await importFile(owner, 'contacts', contactsCsv, 'skip');
    expect(result).toMatchObject({
      status: 'done',
      totalRows: 5,
      processedRows: 5,
      createdRows: 2,
      skippedRows: 1,
      errorCount: 2,
    });
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { row: 4, field: 'fullName', reason: 'required' },
        { row: 5, field: 'phone', reason: 'not a valid phone number' },
        { row: 5, field: 'email', reason: 'not a valid e-mail address' },
        expect.objectContaining({ row: 5, field: 'birthday' }),
      ]),
    );
    const [anna] = await contactByPhone('+79123456789');
    expect(anna).toMatchObject({
      fullName: 'Иванова Анна Сергеевна',
      birthday: '1985-03-08',
      companyName: 'ООО «Ромашка»',
      tags: ['vip', 'опт'],
    });
    expect(anna.emails.map((e: { address: string }) => e.address)).toEqual(['anna@romashka.ru']);
    const [petr] = await contactByPhone('+74951234567');
    expect(petr.companyId).toBe(anna.companyId);
  });

  it('offers the refused rows as a CSV report', async () => {
    const res = await env.app.inject({
      method: 'GET',
      url: `/api/v1/imports/${result.id}/errors.csv`,
      headers: { cookie: owner.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment/);
    expect(res.body).toContain('4,fullName,required');
  });

  it('skips, updates or creates again on a duplicate phone, as asked', async () => {
    const again = 'ФИО;Телефон;Должность\r\nАнна Иванова;+79123456789;Генеральный директор';
    expect(await importFile(owner, 'contacts', again, 'skip')).toMatchObject({
      createdRows: 0,
      skippedRows: 1,
    });
    const updated = await importFile(owner, 'contacts', again, 'update');
    expect(updated, JSON.stringify(updated)).toMatchObject({ createdRows: 0, updatedRows: 1 });
    expect((await contactByPhone('+79123456789'))[0].position).toBe('Генеральный директор');
    expect(await importFile(owner, 'contacts', again, 'create')).toMatchObject({ createdRows: 1 });
    expect(await contactByPhone('+79123456789')).toHaveLength(2);
  });

  it('reads a Windows-1251 file with ; as the separator', async () => {
    const cp1251 = Buffer.from(
      [...'ФИО;Телефон\r\nКузнецова Ольга;+7 912 000-11-22\r\n'].map((ch) =>
        ch >= 'А' && ch <= 'я' ? ch.charCodeAt(0) - 0x410 + 0xc0 : ch.charCodeAt(0),
      ),
    );
    expect(await importFile(owner, 'contacts', cp1251, 'skip')).toMatchObject({ createdRows: 1 });
    expect((await contactByPhone('+79120001122'))[0].fullName).toBe('Кузнецова Ольга');
  });

  it('writes one audit row when it starts and one when it ends', async () => {
    const audit = (await owner.call('GET', '/api/v1/audit?limit=100')).body.items.filter(
      (e: { entityId: string }) => e.entityId === result.id,
    );
    expect(audit.map((e: { action: string }) => e.action).sort()).toEqual([
      'import.finished',
      'import.started',
      'import.uploaded',
    ]);
  });
});

describe('import of companies from XLSX', () => {
  it('validates requisites by their check digits and finds duplicates by INN', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Компании');
    sheet.addRows([
      ['Наименование', 'ИНН', 'КПП', 'Отрасль'],
      ['ООО «Ромашка»', '7707083893', '773601001', 'Торговля'],
      ['ООО «Ошибка»', '7707083894', '', ''],
      ['ООО «Ромашка» дубль', '7707083893', '', ''],
    ]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const up = await upload(
      owner,
      'companies',
      xlsx,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Компании.xlsx',
    );
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body.suggestedMapping).toEqual({ 0: 'name', 1: 'inn', 2: 'kpp', 3: 'industry' });
    await owner.call('POST', `/api/v1/imports/${up.body.import.id}/start`, {
      mapping: up.body.suggestedMapping,
      duplicatePolicy: 'skip',
    });
    await runJobs();
    const done = (await owner.call('GET', `/api/v1/imports/${up.body.import.id}`)).body;
    expect(done).toMatchObject({
      format: 'xlsx',
      status: 'done',
      createdRows: 1,
      skippedRows: 1,
      errors: [{ row: 3, field: 'inn', reason: 'check digit does not match' }],
    });
  });

  it('refuses a file that is not a workbook', async () => {
    expectProblem(
      Object.assign(
        await upload(
          owner,
          'companies',
          'a,b',
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        ),
        { headers: { 'content-type': 'application/problem+json' } },
      ),
      400,
      'import.unreadable',
      'file',
    );
  });
});

describe('import rights and input', () => {
  it('needs the create right on the entity, and update for the update policy', async () => {
    const manager = await addMember(env.app, owner, 'manager');
    const roles = (await owner.call('GET', '/api/v1/roles')).body.items;
    const matrix = roles.find((r: { key: string }) => r.key === 'manager').permissions;
    await owner.call('PUT', '/api/v1/roles/manager', {
      permissions: {
        ...matrix,
        companies: { ...matrix.companies, create: false },
        contacts: { ...matrix.contacts, update: false },
      },
    });
    const refused = await upload(manager.browser, 'companies', 'Название\r\nА');
    expect([refused.status, refused.body.code]).toEqual([403, 'auth.forbidden']);
    const up = await upload(manager.browser, 'contacts', 'ФИО\r\nА');
    expect(up.status).toBe(201);
    expectProblem(
      await manager.browser.call('POST', `/api/v1/imports/${up.body.import.id}/start`, {
        mapping: { 0: 'fullName' },
        duplicatePolicy: 'update',
      }),
      403,
      'auth.forbidden',
    );
    await owner.call('PUT', '/api/v1/roles/manager', { permissions: matrix });
  });

  it("does not show another workspace's import", async () => {
    const up = await upload(owner, 'contacts', 'ФИО\r\nА');
    const stranger = await signUp(env.app, { companyName: 'ООО «Чужие»' });
    expectProblem(
      await stranger.call('GET', `/api/v1/imports/${up.body.import.id}`),
      404,
      'import.not_found',
    );
    expectProblem(
      await stranger.call('POST', `/api/v1/imports/${up.body.import.id}/start`, {
        mapping: { 0: 'fullName' },
      }),
      404,
      'import.not_found',
    );
  });

  it('refuses a mapping without a name, a field of another entity, or a second start', async () => {
    const up = await upload(owner, 'contacts', 'ФИО;ИНН\r\nА;1');
    const start = (body: unknown) =>
      owner.call('POST', `/api/v1/imports/${up.body.import.id}/start`, body);
    expectProblem(
      await start({ mapping: { 1: 'companyInn' } }),
      400,
      'import.mapping_invalid',
      'mapping',
    );
    expectProblem(
      await start({ mapping: { 0: 'fullName', 1: 'kpp' } }),
      400,
      'import.mapping_invalid',
      'mapping',
    );
    expect((await start({ mapping: { 0: 'fullName' } })).status).toBe(202);
    expectProblem(await start({ mapping: { 0: 'fullName' } }), 409, 'import.already_started');
  });

  it('refuses at upload a file that breaks off mid-way, past the preview', async () => {
    // The whole file is read at upload (counted against the limits), not only the preview's rows.
    const rows = Array.from({ length: 6000 }, (_, i) => `Клиент с длинным именем номер ${i};`).join(
      '\r\n',
    );
    const up = await upload(owner, 'contacts', `ФИО;Телефон\r\n${rows}\r\n"Незакрытая;кавычка\r\n`);
    expect([up.status, up.body.code, up.body.field]).toEqual([400, 'import.unreadable', 'file']);
  });

  it('refuses a JSON body and an empty file', async () => {
    expectProblem(
      await owner.call('POST', '/api/v1/imports?entity=contacts', { rows: [] }),
      415,
      'request.unsupported_media_type',
    );
    const empty = await upload(owner, 'contacts', '');
    expect([empty.status, empty.body.code]).toEqual([400, 'import.empty']);
  });
});

describe('import limits: decompression bombs and oversized tables', () => {
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const MiB = 1024 * 1024;
  const importCount = async () =>
    (await env.database.db.select({ n: sql<number>`count(*)::int` }).from(imports))[0]!.n;
  const refused = async (
    body: string | Buffer,
    type: string,
    status: number,
    code: string,
    limit: RegExp,
  ) => {
    const before = await importCount();
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/imports?entity=contacts&fileName=bomb.xlsx',
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'content-type': type },
      payload: body,
    });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(res.body);
    expect([res.statusCode, problem.code, problem.field], res.body).toEqual([status, code, 'file']);
    expect(problem.detail).toMatch(limit);
    // Nothing was stored: no import, no file.
    expect(await importCount()).toBe(before);
  };

  it('refuses an XLSX that inflates to 300 MiB (a few hundred KiB uploaded) with 413, memory staying bounded', async () => {
    const bomb = await xlsxBomb(300 * MiB);
    expect(bomb.length).toBeLessThan(2 * MiB);
    const rss = process.memoryUsage().rss;
    await refused(bomb, XLSX, 413, 'file.too_large', /VORONKA_FILE_MAX_(UNCOMPRESSED_MB|RATIO)/);
    // Loose on purpose: the bomb unpacked would be 300 MiB of XML and several times that as objects.
    expect(process.memoryUsage().rss - rss).toBeLessThan(200 * MiB);
  });

  it('refuses an XLSX whose directory lies about its size with 422, stopping the inflation there', async () => {
    const lying = lyingAboutSize(await xlsxBomb(300 * MiB), 'xl/worksheets/sheet1.xml', 64 * 1024);
    const rss = process.memoryUsage().rss;
    await refused(lying, XLSX, 422, 'file.archive_invalid', /declares/);
    expect(process.memoryUsage().rss - rss).toBeLessThan(200 * MiB);
  });

  it('refuses a table over the row, column or cell limit with 422 naming it', async () => {
    const wide = `${Array.from({ length: 51 }, (_, i) => `Колонка ${i}`).join(';')}\r\n`;
    await refused(wide, 'text/csv', 422, 'file.too_many_columns', /VORONKA_IMPORT_MAX_COLUMNS/);
    const long = `ФИО\r\n${Array.from({ length: 10_000 }, (_, i) => `Клиент ${i}`).join('\r\n')}`;
    await refused(long, 'text/csv', 422, 'file.too_many_rows', /VORONKA_IMPORT_MAX_ROWS/);
    const full = Array.from({ length: 700 }, (_, r) =>
      Array.from({ length: 45 }, (_, c) => `${r}.${c}`).join(';'),
    ).join('\r\n');
    await refused(full, 'text/csv', 422, 'file.too_many_cells', /VORONKA_IMPORT_MAX_CELLS/);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Лист').addRows([
      ['ФИО'],
      ...Array.from({ length: 10_000 }, (_, i) => [`Клиент ${i}`]),
    ]);
    await refused(
      Buffer.from(await wb.xlsx.writeBuffer()),
      XLSX,
      422,
      'file.too_many_rows',
      /VORONKA_IMPORT_MAX_ROWS/,
    );
  });
});
