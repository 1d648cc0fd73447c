import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inWorkspace } from '../../platform/db/tenancy.js';
import { newId } from '../../platform/ids.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, expectProblem, signUp, type Browser } from '../../test/client.js';

let env: TestEnv;
let owner: Browser;
let manager: Awaited<ReturnType<typeof addMember>>;
let annaId: string;

const raw = (b: Browser, url: string) =>
  env.app.inject({ method: 'GET', url, headers: { cookie: b.cookie } });
const csvLines = (body: string) =>
  body
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean);

beforeAll(async () => {
  env = await createTestApp();
  owner = await signUp(env.app);
  manager = await addMember(env.app, owner, 'manager');
  const company = await owner.call('POST', '/api/v1/companies', {
    name: '=HYPERLINK("http://evil","Ромашка")',
    inn: '7707083893',
    industry: 'Торговля',
  });
  expect(company.status, JSON.stringify(company.body)).toBe(201);
  const anna = await owner.call('POST', '/api/v1/contacts', {
    firstName: 'Анна',
    lastName: 'Иванова',
    position: 'Директор; закупки',
    companyId: company.body.id,
    phones: [{ number: '8 912 345-67-89' }],
    emails: [{ address: 'anna@romashka.ru' }],
  });
  expect(anna.status, JSON.stringify(anna.body)).toBe(201);
  annaId = anna.body.id;
  await manager.browser.call('POST', '/api/v1/companies', { name: 'Компания менеджера' });
});
afterAll(async () => env?.close());

describe('export of lists', () => {
  it('downloads CSV with a BOM, as an attachment, with formula cells neutralised', async () => {
    const res = await raw(owner, '/api/v1/companies/export?format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(String(res.headers['content-disposition'])).toMatch(
      /^attachment; filename="companies-\d{4}-\d\d-\d\d\.csv"/,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body.startsWith('\uFEFFНазвание,ОПФ,ИНН')).toBe(true);
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil"",""Ромашка"")",,7707083893`);
    expect(csvLines(res.body)).toHaveLength(3);
  });

  it('separates with ; when asked and applies the list filters', async () => {
    const res = await raw(owner, '/api/v1/companies/export?separator=semicolon&inn=7707083893');
    const lines = csvLines(res.body);
    expect(lines).toHaveLength(2);
    expect(lines[0]!.startsWith('Название;ОПФ;ИНН')).toBe(true);
  });

  it('downloads XLSX that opens as a workbook', async () => {
    const res = await raw(owner, '/api/v1/contacts/export?format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('ФИО');
    const row = sheet.getRow(2);
    expect([row.getCell(1).value, row.getCell(5).value, row.getCell(7).value]).toEqual([
      'Иванова Анна',
      'Директор; закупки',
      "'+79123456789",
    ]);
  });

  it('streams every row of a large list in chunks', async () => {
    const ws = owner.info.me!.workspace.id;
    await inWorkspace(env.database.db, ws, (tx) =>
      tx.execute(
        sql`insert into companies (workspace_id, id, name) select ${ws}, ('00000000-0000-7000-8000-' || lpad(g::text, 12, '0'))::uuid, 'Пачка ' || g from generate_series(1, 2100) g`,
      ),
    );
    const res = await raw(owner, '/api/v1/companies/export?q=Пачка&sort=name&order=asc');
    const lines = csvLines(res.body);
    expect(lines).toHaveLength(2101);
    expect(new Set(lines).size).toBe(2101);
  });

  it('writes an audit row with the filter and the row count', async () => {
    await raw(owner, '/api/v1/companies/export?inn=7707083893&format=xlsx');
    const audit = (await owner.call('GET', '/api/v1/audit?limit=20')).body.items;
    const entry = audit.find(
      (e: { action: string; after: { filter?: { inn?: string } } }) =>
        e.action === 'export' && e.after?.filter?.inn === '7707083893',
    );
    expect(entry).toMatchObject({ entity: 'companies', after: { format: 'xlsx', rows: 1 } });
  });

  it('needs the export right, and then shows only what the role may see', async () => {
    expectProblem(
      await manager.browser.call('GET', '/api/v1/companies/export'),
      403,
      'auth.forbidden',
    );
    const roles = (await owner.call('GET', '/api/v1/roles')).body.items;
    const matrix = roles.find((r: { key: string }) => r.key === 'manager').permissions;
    await owner.call('PUT', '/api/v1/roles/manager', {
      permissions: { ...matrix, companies: { ...matrix.companies, export: true } },
    });
    const lines = csvLines((await raw(manager.browser, '/api/v1/companies/export')).body);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['Компания менеджера']);
    await owner.call('PUT', '/api/v1/roles/manager', { permissions: matrix });
  });

  it('refuses a bad filter with a clean 400 before the download starts', async () => {
    expectProblem(
      await owner.call('GET', '/api/v1/contacts/export?phone=not-a-phone'),
      400,
      'contact.invalid_phone',
      'phone',
    );
    expectProblem(
      await owner.call('GET', '/api/v1/deals/export?format=pdf'),
      400,
      'request.invalid',
      'format',
    );
  });

  it('exports only the rows a custom-field filter of the list keeps', async () => {
    const field = await owner.call('POST', '/api/v1/custom-fields', {
      entity: 'companies',
      key: 'segment',
      label: 'Сегмент',
      type: 'select',
      options: ['A', 'B'],
    });
    expect(field.status, JSON.stringify(field.body)).toBe(201);
    await owner.call('POST', '/api/v1/companies', { name: 'Сегмент А', custom: { segment: 'A' } });
    await owner.call('POST', '/api/v1/companies', { name: 'Сегмент Б', custom: { segment: 'B' } });
    const res = await raw(
      owner,
      `/api/v1/companies/export?${new URLSearchParams({ 'custom.segment': 'A' })}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const lines = csvLines(res.body);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^Сегмент А,/);
    expectProblem(
      await owner.call('GET', '/api/v1/deals/export?custom.nope=1'),
      400,
      'custom_field.invalid_value',
      'custom.nope',
    );
    expectProblem(
      await owner.call('GET', '/api/v1/contacts/export?nope=1'),
      400,
      'request.invalid',
      'nope',
    );
  });

  it('exports deals and leads', async () => {
    const deals = await raw(owner, '/api/v1/deals/export');
    expect(deals.statusCode).toBe(200);
    expect(csvLines(deals.body)[0]).toMatch(/^Название,Сумма,Валюта/);
    const leads = await raw(owner, '/api/v1/leads/export?status=new');
    expect(leads.statusCode).toBe(200);
    expect(csvLines(leads.body)[0]).toMatch(/^Получена,Канал/);
  });
});

describe('vCard', () => {
  it("downloads one contact's card", async () => {
    const res = await raw(owner, `/api/v1/contacts/${annaId}/vcard`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/vcard; charset=utf-8');
    expect(res.body).toContain('BEGIN:VCARD\r\nVERSION:4.0\r\n');
    expect(res.body).toContain('N:Иванова;Анна;;;\r\n');
    expect(res.body).toContain('TEL;VALUE=uri:tel:+79123456789\r\n');
    expect(res.body).toContain('TITLE:Директор\\; закупки\r\n');
  });

  it('answers 404 for a contact that is not there', async () => {
    expectProblem(
      await owner.call('GET', `/api/v1/contacts/${newId()}/vcard`),
      404,
      'contact.not_found',
    );
  });

  it('downloads the filtered contact list as one .vcf', async () => {
    const res = await raw(owner, '/api/v1/contacts/export?format=vcf');
    expect(res.statusCode).toBe(200);
    expect(res.body.match(/BEGIN:VCARD/g)).toHaveLength(1);
    expect(String(res.headers['content-disposition'])).toContain('.vcf');
  });
});
