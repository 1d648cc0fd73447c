import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, expectProblem, signUp, type Browser } from '../../test/client.js';

let env: TestEnv;
let owner: Browser;
let manager: Browser;
beforeAll(async () => {
  env = await createTestApp();
  owner = await signUp(env.app, { companyName: 'ООО «Каталог»' });
  const team = (await owner.call('POST', '/api/v1/teams', { name: 'Продажи' })).body.id;
  manager = (await addMember(env.app, owner, 'manager', team)).browser;
});
afterAll(async () => env?.close());

const product = async (body: Record<string, unknown>) => {
  const res = await owner.call('POST', '/api/v1/products', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};
const names = async (b: Browser, q = '') =>
  (await b.call('GET', `/api/v1/products${q}`)).body.items.map((p: { name: string }) => p.name);

describe('VAT rates', () => {
  it('lists the rates valid on a date: 20 % in 2025, 22 % from 2026, УСН and без НДС', async () => {
    const on = async (date: string) =>
      (await manager.call('GET', `/api/v1/vat-rates?on=${date}`)).body.items.map(
        (r: { rate: number | null }) => r.rate,
      );
    expect(await on('2025-06-01')).toEqual([20, 10, 7, 5, 0, null]);
    expect(await on('2026-01-01')).toEqual([22, 10, 7, 5, 0, null]);
    expect(await on('2018-06-01')).toEqual([18, 10, 0, null]);
    expectProblem(
      await manager.call('GET', '/api/v1/vat-rates?on=01.01.2026'),
      400,
      'request.invalid',
      'on',
    );
  });
});

describe('products', () => {
  it('adds, finds, edits and deactivates products and services with their OKEI units', async () => {
    const brick = await product({
      sku: 'BR-001',
      name: 'Кирпич облицовочный',
      okei: '796',
      vatRate: 22,
      priceKopecks: 4550,
      costKopecks: 3100,
      category: 'Кирпич',
      tags: ['стройка'],
    });
    expect(brick).toMatchObject({ unit: 'шт', okei: '796', costKopecks: 3100, active: true });
    const mount = await product({ name: 'Монтаж перегородок', okei: '055', vatRate: null });
    expect(mount).toMatchObject({ unit: 'м²', vatRate: null, sku: null, priceKopecks: null });
    expect(await names(owner, '?q=br-0')).toEqual(['Кирпич облицовочный']);
    expect(await names(owner, '?q=монтаж')).toEqual(['Монтаж перегородок']);
    const edited = await owner.call('PATCH', `/api/v1/products/${mount.id}`, {
      priceKopecks: 120000,
      active: false,
    });
    expect(edited.body).toMatchObject({ priceKopecks: 120000, active: false });
    expect(await names(owner, '?q=монтаж')).toEqual([]);
    expect(await names(owner, '?q=монтаж&active=all')).toEqual(['Монтаж перегородок']);
  });

  it('refuses bad input naming the field and stores nothing', async () => {
    await product({ sku: 'DUP-1', name: 'Плитка' });
    const before = await names(owner, '?active=all&limit=200');
    for (const [body, status, code, field] of [
      [{ name: 'Минус', priceKopecks: -1 }, 400, 'request.invalid', 'priceKopecks'],
      [{ name: 'Огромная', priceKopecks: 1e20 }, 400, 'request.invalid', 'priceKopecks'],
      [{ name: 'Дробная', priceKopecks: 10.5 }, 400, 'request.invalid', 'priceKopecks'],
      [{ name: 'Ставка', vatRate: 13 }, 422, 'vat_rate.unknown', 'vatRate'],
      [{ name: 'Единица', okei: '999' }, 400, 'request.invalid', 'okei'],
      [{ name: '  ' }, 400, 'request.invalid', 'name'],
      [{ name: 'Дубль', sku: 'DUP-1' }, 409, 'product.sku_taken', 'sku'],
    ] as const)
      expectProblem(await owner.call('POST', '/api/v1/products', body), status, code, field);
    expect(await names(owner, '?active=all&limit=200')).toEqual(before);
  });

  it('shows and accepts cost prices only to roles with the margin right', async () => {
    const p = await product({ name: 'Секретная цена', priceKopecks: 1000, costKopecks: 700 });
    const seen = await manager.call('GET', `/api/v1/products/${p.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).not.toHaveProperty('costKopecks');
    expect(
      JSON.stringify((await manager.call('GET', '/api/v1/products?limit=200')).body),
    ).not.toContain('costKopecks');
    // A manager reads the catalog but does not edit it (the default matrix).
    expectProblem(
      await manager.call('PATCH', `/api/v1/products/${p.id}`, { priceKopecks: 1 }),
      403,
      'auth.forbidden',
    );
    const exported = await manager.call('GET', '/api/v1/products/export?format=csv');
    expectProblem(exported, 403, 'auth.forbidden');
  });

  it('exports the catalog as CSV with the cost column only for the margin right', async () => {
    await product({ sku: 'EX-1', name: 'Экспорт; товар', priceKopecks: 123456, costKopecks: 100 });
    const res = await owner.call('GET', '/api/v1/products/export?format=csv&q=EX-1');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const text = String(res.body);
    expect(text).toContain('Себестоимость');
    expect(text).toContain('"Экспорт; товар"');
    expect(text).toContain('1234.56');
  });
});

describe('price lists', () => {
  it('holds several lists with their own prices, dates and VAT mode', async () => {
    const a = await product({ sku: 'PL-A', name: 'Газобетонный блок', priceKopecks: 30000 });
    const b = await product({ sku: 'PL-B', name: 'Клей для блоков', priceKopecks: 50000 });
    const dealer = await owner.call('POST', '/api/v1/price-lists', {
      name: 'Дилерский 2026',
      kind: 'dealer',
      vatMode: 'on_top',
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
    });
    expect(dealer.status).toBe(201);
    expect(dealer.body).toMatchObject({ currency: 'RUB', itemCount: 0, vatMode: 'on_top' });
    const put = await owner.call('PUT', `/api/v1/price-lists/${dealer.body.id}/items`, {
      items: [
        { productId: b.id, priceKopecks: 41000 },
        { productId: a.id, priceKopecks: 25000 },
      ],
    });
    expect(put.status).toBe(200);
    const items = (await manager.call('GET', `/api/v1/price-lists/${dealer.body.id}/items`)).body
      .items;
    expect(
      items.map((i: { name: string; priceKopecks: number }) => [i.name, i.priceKopecks]),
    ).toEqual([
      ['Газобетонный блок', 25000],
      ['Клей для блоков', 41000],
    ]);
    const lists = (await manager.call('GET', '/api/v1/price-lists')).body.items;
    expect(lists).toContainEqual(expect.objectContaining({ name: 'Дилерский 2026', itemCount: 2 }));

    // Bad input names the field and changes nothing.
    const listUrl = `/api/v1/price-lists/${dealer.body.id}`;
    expectProblem(
      await owner.call('PUT', `${listUrl}/items`, {
        items: [
          { productId: a.id, priceKopecks: 1 },
          { productId: '00000000-0000-4000-8000-000000000009', priceKopecks: 1 },
        ],
      }),
      404,
      'product.not_found',
      'items.1.productId',
    );
    expectProblem(
      await owner.call('PUT', `${listUrl}/items`, {
        items: [{ productId: a.id, priceKopecks: -5 }],
      }),
      400,
      'request.invalid',
      'items.0.priceKopecks',
    );
    expectProblem(
      await owner.call('PATCH', listUrl, { validTo: '2025-01-01' }),
      400,
      'request.invalid',
      'validTo',
    );
    expect((await owner.call('GET', `${listUrl}/items`)).body.items).toEqual(items);
    expect((await owner.call('GET', listUrl)).body.validTo).toBe('2026-12-31');
    expectProblem(
      await manager.call('PUT', `${listUrl}/items`, { items: [] }),
      403,
      'auth.forbidden',
    );
    // The printable list for clients, read back as they would read it: the PDF's text by pdftotext,
    // the XLSX by ExcelJS.
    const printed = async (format: 'pdf' | 'xlsx') => {
      const res = await env.app.inject({
        method: 'GET',
        url: `${listUrl}/print?format=${format}`,
        headers: { cookie: manager.cookie },
      });
      expect(res.statusCode, res.body).toBe(200);
      return res;
    };
    const pdf = await printed('pdf');
    expect(pdf.headers['content-type']).toMatch(/application\/pdf/);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', '-', '-'], {
      input: pdf.rawPayload,
    })
      .toString('utf8')
      .replace(/[\s\u00a0\u202f]+/g, ' ');
    for (const expected of ['Дилерский 2026', 'Газобетонный блок', 'PL-A', 'Клей для блоков'])
      expect(text).toContain(expected);
    expect(text).toMatch(/410,00/);
    const xlsx = await printed('xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.worksheets[0]!.eachRow((row) =>
      row.eachCell((cell) => {
        cells.push(String(cell.value));
      }),
    );
    expect(cells).toEqual(expect.arrayContaining(['Газобетонный блок', 'Клей для блоков']));
    expectProblem(
      await owner.call('GET', '/api/v1/price-lists/00000000-0000-4000-8000-000000000009/print'),
      404,
      'price_list.not_found',
    );
    expect((await owner.call('DELETE', listUrl)).status).toBe(204);
    expectProblem(await owner.call('GET', listUrl), 404, 'price_list.not_found');
  });
});

describe('routing reads the catalog', () => {
  it('finds a catalog product in a request for the warm-first score', async () => {
    const reasons = async () =>
      (
        await owner.call('POST', '/api/v1/routing-rules/dry-run', {
          channel: 'web',
          text: 'Нужна металлочерепица на дом',
        })
      ).body.priority.reasons.map((r: { code: string }) => r.code);
    expect(await reasons()).not.toContain('product');
    await product({ name: 'Металлочерепица', okei: '055' });
    expect(await reasons()).toContain('product');
  });
});
