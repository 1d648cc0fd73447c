import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobRunner } from '../../platform/jobs/jobs.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, expectProblem, signUp, type Browser } from '../../test/client.js';
import { importChunk } from '../transfer/service.js';

// Products through the shared import machinery (transfer): upload → suggested mapping → start →
// the chunk job (run to completion here) → counts and per-row errors; upsert by SKU; and the
// catalog's own export imports back as the same catalog, CSV and XLSX.

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env?.close());

const CSV = 'text/csv; charset=utf-8';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function upload(b: Browser, body: string | Buffer, type = CSV) {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/imports?entity=products&fileName=catalog',
    headers: { cookie: b.cookie, 'x-csrf-token': b.csrf, 'content-type': type },
    payload: body,
  });
  return { status: res.statusCode, body: JSON.parse(res.body), headers: res.headers };
}
async function runJobs() {
  const runner = startJobRunner(env.database.db, [importChunk], {
    pollMs: 60_000,
    log: (m, e) => console.error(m, e),
  });
  await runner.stop();
  await runner.drain();
}
async function importFile(b: Browser, body: string | Buffer, policy = 'update', type = CSV) {
  const up = await upload(b, body, type);
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  const started = await b.call('POST', `/api/v1/imports/${up.body.import.id}/start`, {
    mapping: up.body.suggestedMapping,
    duplicatePolicy: policy,
  });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  await runJobs();
  return (await b.call('GET', `/api/v1/imports/${up.body.import.id}`)).body;
}
type P = { sku: string | null; id: string; createdAt: string; updatedAt: string };
// The catalog as a user sees it, without ids and timestamps.
async function catalog(b: Browser) {
  const items = (await b.call('GET', '/api/v1/products?active=all&limit=200')).body.items as P[];
  return items
    .map(({ id: _id, createdAt: _c, updatedAt: _u, ...rest }) => rest)
    .sort((x, y) => String(x.sku).localeCompare(String(y.sku)));
}
async function exported(b: Browser, format: 'csv' | 'xlsx') {
  const res = await env.app.inject({
    method: 'GET',
    url: `/api/v1/products/export?format=${format}`,
    headers: { cookie: b.cookie },
  });
  expect(res.statusCode).toBe(200);
  return res.rawPayload;
}

describe('import of products', () => {
  it('creates products from a CSV, parsing roubles, VAT, units and да/нет, and names each bad cell', async () => {
    const owner = await signUp(env.app);
    const csv = [
      'Артикул;Наименование;Ед. изм.;Код ОКЕИ;НДС, %;Цена;Себестоимость;Категория;Теги;Активен',
      'A-1;Газобетон D500;шт;796;22;1 234,50;1000.5;Блоки;опт, склад;да',
      'A-2;Монтаж;ч;;без НДС;1234.50;;Услуги;;нет',
      'A-3;Доставка;;876;10 %;"5 000";;;;',
      'B-1;Старый НДС;шт;;18;100;;;;',
      'B-2;Минус;шт;;22;-5;;;;',
      'B-3;Слишком дорого;шт;;22;1000000000000000;;;;',
      'B-4;Ящик;ящик;;22;1;;;;',
      'B-5;Код;;999;22;1;;;;',
      'B-6;Может быть;;;22;1;;;;может',
      'B-7;;шт;;22;1;;;;',
      'B-8;Цена словами;шт;;22;сто рублей;;;;',
      'B-9;Не тот код;шт;356;22;1;;;;',
    ].join('\r\n');
    const result = await importFile(owner, csv);
    expect(result).toMatchObject({ status: 'done', totalRows: 12, createdRows: 3, errorCount: 9 });
    expect(result.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [5, 'vatRate'],
      [6, 'price'],
      [7, 'price'],
      [8, 'unit'],
      [9, 'okei'],
      [10, 'active'],
      [12, 'price'],
      [13, 'unit'],
      [11, 'name'],
    ]);
    expect(result.errors[0].reason).toContain('без НДС');
    expect(result.errors[1].reason).toBe('must not be negative');
    expect(result.errors[2].reason).toContain('999 999 999 999,99');
    // Nothing of a refused row is stored.
    expect(await catalog(owner)).toEqual([
      {
        sku: 'A-1',
        name: 'Газобетон D500',
        okei: '796',
        unit: 'шт',
        vatRate: 22,
        priceKopecks: 123_450,
        costKopecks: 100_050,
        category: 'Блоки',
        tags: ['опт', 'склад'],
        active: true,
      },
      {
        sku: 'A-2',
        name: 'Монтаж',
        okei: '356',
        unit: 'ч',
        vatRate: null,
        priceKopecks: 123_450,
        costKopecks: null,
        category: 'Услуги',
        tags: [],
        active: false,
      },
      {
        sku: 'A-3',
        name: 'Доставка',
        okei: '876',
        unit: 'усл. ед.',
        vatRate: 10,
        priceKopecks: 500_000,
        costKopecks: null,
        category: null,
        tags: [],
        active: true,
      },
    ]);
  });

  it('upserts by SKU: an existing SKU is updated (empty cells keep its data), a new one created', async () => {
    const owner = await signUp(env.app);
    await owner.call('POST', '/api/v1/products', {
      sku: 'U-1',
      name: 'Кирпич',
      priceKopecks: 1500,
      category: 'Стены',
    });
    const file = ['Артикул;Наименование;Цена', 'U-1;;17,90', 'U-2;Цемент;450'].join('\n');
    const skip = await importFile(owner, file, 'skip');
    expect(skip).toMatchObject({ createdRows: 1, skippedRows: 1, updatedRows: 0 });
    const update = await importFile(owner, file, 'update');
    expect(update).toMatchObject({ createdRows: 0, updatedRows: 2, errorCount: 0 });
    expect(await catalog(owner)).toMatchObject([
      { sku: 'U-1', name: 'Кирпич', priceKopecks: 1790, category: 'Стены' },
      { sku: 'U-2', name: 'Цемент', priceKopecks: 45_000 },
    ]);
    // "Create another" cannot make a second product with the same SKU: the row is an error.
    const create = await importFile(owner, file, 'create');
    expect(create.errors).toMatchObject([
      { row: 2, field: 'sku' },
      { row: 3, field: 'sku' },
    ]);
    expect(await catalog(owner)).toHaveLength(2);
  });

  it('is refused to a role that may not create catalog items, and cost needs the margin right', async () => {
    const owner = await signUp(env.app);
    const manager = (await addMember(env.app, owner, 'manager')).browser;
    expectProblem(await upload(manager, 'Наименование\nX'), 403, 'auth.forbidden');
    const r = await owner.call('PUT', '/api/v1/roles/manager', await roleWithCatalog(owner));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const result = await importFile(manager, 'Наименование;Себестоимость\nСекрет;10', 'skip');
    expect(result.errors).toMatchObject([{ row: 2, field: 'cost' }]);
    expect(await catalog(owner)).toEqual([]);
  });

  it.each(['csv', 'xlsx'] as const)(
    'round trip: the %s export imports back as the same catalog',
    async (format) => {
      const owner = await signUp(env.app);
      for (const p of [
        {
          sku: 'R-1',
          name: 'Окно ПВХ; 2 створки',
          okei: '796',
          vatRate: 22,
          priceKopecks: 1_234_550,
        },
        { sku: 'R-2', name: 'Замер', okei: '356', vatRate: null, priceKopecks: 99, costKopecks: 1 },
        {
          sku: 'R-3',
          name: 'Плёнка',
          okei: '055',
          vatRate: 10,
          category: 'Материалы',
          tags: ['опт', 'акция'],
          active: false,
        },
        { sku: 'R-4', name: 'Без цены', okei: '166', vatRate: 0 },
      ])
        expect((await owner.call('POST', '/api/v1/products', p)).status).toBe(201);
      const before = await catalog(owner);
      const file = await exported(owner, format);
      const type = format === 'csv' ? CSV : XLSX;
      // Into the same workspace: every row updates its product to what it already is.
      const same = await importFile(owner, file, 'update', type);
      expect(same).toMatchObject({ updatedRows: 4, createdRows: 0, errorCount: 0 });
      expect(await catalog(owner)).toEqual(before);
      // Into an empty workspace: the same catalog.
      const other = await signUp(env.app);
      const fresh = await importFile(other, file, 'update', type);
      expect(fresh).toMatchObject({ createdRows: 4, errorCount: 0 });
      expect(await catalog(other)).toEqual(before);
    },
  );
});

async function roleWithCatalog(owner: Browser) {
  const roles = (await owner.call('GET', '/api/v1/roles')).body.items as {
    key: string;
    permissions: Record<string, Record<string, unknown>>;
  }[];
  const manager = roles.find((r) => r.key === 'manager')!;
  const permissions = { ...manager.permissions };
  permissions.catalog = { ...permissions.catalog, create: true };
  return { permissions };
}
