import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../../test/app.js';
import { addMember, expectProblem, signUp, type Browser } from '../../../test/client.js';
import { ok, ourEntity } from '../../documents/test-helpers.js';
import { pdfText } from '../../print/test-tools.js';
import { issueInvoice } from '../test-world.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env?.close());

const company = async (b: Browser, name: string, inn: string) =>
  ok(
    await b.call('POST', '/api/v1/companies', {
      name,
      inn,
      legalAddress: 'г. Тверь, ул. Советская, д. 1',
    }),
    201,
  );

const pay = (
  b: Browser,
  date: string,
  amountKopecks: number,
  invoiceId: string,
  allocated = amountKopecks,
) =>
  b.call('POST', '/api/v1/payments', {
    date,
    amountKopecks,
    payerName: 'Плательщик',
    bankDocNumber: '77',
    allocations: [{ invoiceId, amountKopecks: allocated }],
  });

// Вектор owes 1 000 ₽ due 30.11 (40 % paid on 10.12) and 500 ₽ due 15.01; Гамма owed 3 000 ₽ due
// 31.08 and paid 3 500 ₽ on 20.12 (500 ₽ of credit).
async function world() {
  const owner = await signUp(env.app);
  const entity = await ok(await owner.call('POST', '/api/v1/legal-entities', ourEntity), 201);
  const vector = await company(owner, 'Вектор', '5003123458');
  const gamma = await company(owner, 'Гамма', '7719876544');
  const late = await issueInvoice(owner, entity.id, {
    companyId: vector.id,
    amount: 100_000,
    date: '2026-10-01',
    dueDate: '2026-11-30',
  });
  const fresh = await issueInvoice(owner, entity.id, {
    companyId: vector.id,
    amount: 50_000,
    date: '2026-12-01',
    dueDate: '2027-01-15',
  });
  const old = await issueInvoice(owner, entity.id, {
    companyId: gamma.id,
    amount: 300_000,
    date: '2026-08-01',
    dueDate: '2026-08-31',
  });
  await ok(await pay(owner, '2026-12-10', 40_000, late.id), 201);
  await ok(await pay(owner, '2026-12-20', 350_000, old.id, 300_000), 201);
  return { owner, entity, vector, gamma, late, fresh, old };
}

const aging = async (b: Browser, query: string) =>
  ok(await b.call('GET', `/api/v1/receivables?${query}`));

describe('receivables aging', () => {
  it('ages open invoices by days past due, across a month end, with payments dated by then', async () => {
    const w = await world();
    const dec30 = await aging(w.owner, 'asOf=2026-12-30');
    expect(dec30.rows).toEqual([
      expect.objectContaining({
        id: w.vector.id,
        name: 'Вектор',
        current: 50_000,
        d1_30: 60_000,
        total: 110_000,
        overdue: 60_000,
        invoices: 2,
      }),
    ]);
    // One more day: 31 days past 30 November is the next bucket.
    const dec31 = await aging(w.owner, 'asOf=2026-12-31');
    expect(dec31.rows[0]).toMatchObject({ d1_30: 0, d31_60: 60_000 });
    // On 15 December Гамма had not paid yet (106 days late) and the partial payment was in.
    const dec15 = await aging(w.owner, 'asOf=2026-12-15');
    expect(dec15.totals).toMatchObject({
      current: 50_000,
      d1_30: 60_000,
      d90_plus: 300_000,
      total: 410_000,
      invoices: 3,
    });
    // On 5 December the partial payment had not come; the December invoice existed already.
    expect((await aging(w.owner, 'asOf=2026-12-05')).totals).toMatchObject({
      d1_30: 100_000,
      total: 450_000,
    });
    // On 30 November nothing was late yet for Вектор (due that very day) and the December invoice
    // did not exist.
    expect((await aging(w.owner, `asOf=2026-11-30&companyId=${w.vector.id}`)).totals).toMatchObject(
      {
        current: 100_000,
        total: 100_000,
        invoices: 1,
      },
    );
  });

  it('groups by manager and legal entity, filters, and drills down to invoices', async () => {
    const w = await world();
    const byManager = await aging(w.owner, 'asOf=2026-12-15&groupBy=manager');
    expect(byManager.rows).toHaveLength(1);
    expect(byManager.rows[0]).toMatchObject({ total: 410_000 });
    expect(byManager.rows[0].name).not.toBe('—');
    const byEntity = await aging(
      w.owner,
      `asOf=2026-12-15&groupBy=legal_entity&legalEntityId=${w.entity.id}`,
    );
    expect(byEntity.rows).toEqual([
      expect.objectContaining({ id: w.entity.id, name: 'ООО «Ромашка»', total: 410_000 }),
    ]);
    const drill = await ok(
      await w.owner.call('GET', '/api/v1/receivables/invoices?asOf=2026-12-15&bucket=d90_plus'),
    );
    expect(drill).toMatchObject({ total: 1 });
    expect(drill.items[0]).toMatchObject({
      invoiceId: w.old.id,
      clientName: 'Гамма',
      openKopecks: 300_000,
      overdueDays: 106,
      bucket: 'd90_plus',
      legalEntityName: 'ООО «Ромашка»',
    });
    const all = await ok(await w.owner.call('GET', '/api/v1/receivables/invoices?asOf=2026-12-15'));
    expect(all.items.map((i: { overdueDays: number }) => i.overdueDays)).toEqual([106, 15, 0]);
  });

  it('exports the invoices as XLSX and CSV that read back', async () => {
    const w = await world();
    const get = (format: string) =>
      env.app.inject({
        method: 'GET',
        url: `/api/v1/receivables/export?format=${format}&asOf=2026-12-15`,
        headers: { cookie: w.owner.cookie },
      });
    const xlsx = await get('xlsx');
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain('receivables-2026-12-15.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Клиент');
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(2).values).toEqual(
      expect.arrayContaining(['Гамма', '2026-08-01', 3000, 0, 106, 'Более 90 дней']),
    );
    const csv = await get('csv');
    expect(csv.statusCode).toBe(200);
    const rows = parse(csv.body.replace(/^\uFEFF/, ''), { delimiter: ';' }) as string[][];
    expect(rows[0]![0]).toBe('Клиент');
    expect(rows.slice(1).map((r) => [r[0], r[6], r[7]])).toEqual([
      ['Гамма', '3000', '106'],
      ['Вектор', '600', '15'],
      ['Вектор', '500', '0'],
    ]);
  });

  it('refuses bad input with problem+json naming the field', async () => {
    const owner = await signUp(env.app);
    for (const [url, field] of [
      ['/api/v1/receivables?groupBy=region', 'groupBy'],
      ['/api/v1/receivables?asOf=2026-02-30', 'asOf'],
      ['/api/v1/receivables?managerId=me', 'managerId'],
      ['/api/v1/receivables/invoices?bucket=d1_20', 'bucket'],
      ['/api/v1/receivables/export?format=pdf', 'format'],
    ] as const)
      expectProblem(await owner.call('GET', url), 400, 'request.invalid', field);
  });
});

describe('a client’s balance', () => {
  it('shows invoiced, paid, open, overdue, credit and payment discipline', async () => {
    const w = await world();
    const gamma = await ok(
      await w.owner.call('GET', `/api/v1/receivables/companies/${w.gamma.id}`),
    );
    expect(gamma).toMatchObject({
      invoicedKopecks: 300_000,
      paidKopecks: 350_000,
      openKopecks: 0,
      overdueKopecks: 0,
      creditKopecks: 50_000,
      balanceKopecks: -50_000,
      averageDaysLate: 111,
      paidInvoices: 1,
      creditLimitKopecks: null,
    });
    const vector = await ok(
      await w.owner.call('GET', `/api/v1/receivables/companies/${w.vector.id}`),
    );
    expect(vector).toMatchObject({
      invoicedKopecks: 150_000,
      paidKopecks: 40_000,
      openKopecks: 110_000,
      creditKopecks: 0,
      balanceKopecks: 110_000,
      averageDaysLate: null,
    });
  });

  it('keeps a credit limit (audited) and warns when an issued invoice passes it', async () => {
    const w = await world();
    const url = `/api/v1/receivables/companies/${w.vector.id}`;
    const set = await ok(
      await w.owner.call('PUT', `${url}/credit-limit`, { creditLimitKopecks: 120_000 }),
    );
    expect(set).toMatchObject({ creditLimitKopecks: 120_000, creditAvailableKopecks: 10_000 });
    expect(await ok(await w.owner.call('GET', `${url}/credit-check?amountKopecks=5000`))).toEqual({
      creditLimitKopecks: 120_000,
      exposureKopecks: 110_000,
      afterKopecks: 115_000,
      exceeds: false,
    });
    expect(
      (await ok(await w.owner.call('GET', `${url}/credit-check?amountKopecks=20000`))).exceeds,
    ).toBe(true);
    // Within the limit: no warning; past it: issued anyway, with the warning in the answer.
    const within = await issueInvoice(w.owner, w.entity.id, {
      companyId: w.vector.id,
      amount: 5_000,
    });
    expect(within.warnings).toBeUndefined();
    const over = await issueInvoice(w.owner, w.entity.id, {
      companyId: w.vector.id,
      amount: 20_000,
    });
    expect(over.status).toBe('issued');
    expect(over.warnings).toEqual([
      expect.objectContaining({
        code: 'credit_limit.exceeded',
        creditLimitKopecks: 120_000,
        afterKopecks: 135_000,
      }),
    ]);
    const audit = await ok(await w.owner.call('GET', '/api/v1/audit?action=credit_limit.set'));
    expect(audit.items[0]).toMatchObject({ entity: 'finance', entityId: w.vector.id });
    // The existing terms keep their kind when the limit is set; null removes the limit.
    const removed = await ok(
      await w.owner.call('PUT', `${url}/credit-limit`, { creditLimitKopecks: null }),
    );
    expect(removed.creditLimitKopecks).toBeNull();
    expectProblem(
      await w.owner.call('PUT', `${url}/credit-limit`, { creditLimitKopecks: -1 }),
      400,
      'request.invalid',
      'creditLimitKopecks',
    );
  });
});

describe('receivables and rights', () => {
  it('a manager sees only their own clients’ debts and changes no limit', async () => {
    const w = await world();
    const { browser: manager } = await addMember(env.app, w.owner, 'manager');
    expect((await aging(manager, 'asOf=2026-12-15')).totals.total).toBe(0);
    const mine = await company(manager, 'Мой клиент', '7728168971');
    await issueInvoice(manager, w.entity.id, {
      companyId: mine.id,
      amount: 20_000,
      date: '2026-12-01',
      dueDate: '2026-12-05',
    });
    const seen = await aging(manager, 'asOf=2026-12-15');
    expect(seen.totals).toMatchObject({ total: 20_000, d1_30: 20_000, invoices: 1 });
    expect(seen.rows.map((r: { name: string }) => r.name)).toEqual(['Мой клиент']);
    const drill = await ok(
      await manager.call('GET', '/api/v1/receivables/invoices?asOf=2026-12-15'),
    );
    expect(drill.total).toBe(1);
    // The owner sees everyone's.
    expect((await aging(w.owner, 'asOf=2026-12-15')).totals.total).toBe(430_000);
    expectProblem(
      await manager.call('GET', `/api/v1/receivables/companies/${w.vector.id}`),
      404,
      'company.not_found',
    );
    expectProblem(
      await manager.call('PUT', `/api/v1/receivables/companies/${mine.id}/credit-limit`, {
        creditLimitKopecks: 1,
      }),
      403,
      'auth.forbidden',
    );
    expectProblem(
      await manager.call('GET', '/api/v1/receivables/export?format=csv'),
      403,
      'auth.forbidden',
    );
  });
});

describe('the reconciliation act', () => {
  it('lists the period’s invoices and payments between opening and closing balances, as JSON and as a Russian PDF', async () => {
    const w = await world();
    const base = `/api/v1/companies/${w.gamma.id}/reconciliation-act?legalEntityId=${w.entity.id}`;
    const act = await ok(await w.owner.call('GET', `${base}&from=2026-12-01&to=2026-12-31`));
    expect(act).toMatchObject({
      openingKopecks: 300_000,
      debitTurnoverKopecks: 0,
      creditTurnoverKopecks: 350_000,
      closingKopecks: -50_000,
      client: { name: 'Гамма', inn: '7719876544' },
      ours: { name: 'ООО «Ромашка»', inn: '7707083893' },
    });
    expect(act.entries).toEqual([
      {
        date: '2026-12-20',
        kind: 'payment',
        document: 'Оплата (п/п № 77 от 20.12.2026)',
        debitKopecks: 0,
        creditKopecks: 350_000,
      },
    ]);
    const year = await ok(await w.owner.call('GET', `${base}&from=2026-01-01&to=2026-12-31`));
    expect(year).toMatchObject({
      openingKopecks: 0,
      debitTurnoverKopecks: 300_000,
      closingKopecks: -50_000,
    });
    expect(year.entries.map((e: { kind: string }) => e.kind)).toEqual(['invoice', 'payment']);

    const res = await env.app.inject({
      method: 'GET',
      url: `${base}&from=2026-01-01&to=2026-12-31&format=pdf`,
      headers: { cookie: w.owner.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/pdf/);
    const text = pdfText(res.rawPayload);
    for (const expected of [
      'Акт сверки взаимных расчётов',
      'за период: с 01.01.2026 по 31.12.2026',
      'между ООО «Ромашка» и Гамма',
      'ИНН 7707083893',
      'ИНН 7719876544',
      `Счёт № ${w.old.number} от 01.08.2026`,
      'Оплата (п/п № 77 от 20.12.2026)',
      '3 000,00',
      '3 500,00',
      'Сальдо конечное на 31.12.2026',
      'задолженность ООО «Ромашка» в пользу Гамма составляет 500,00 руб.',
      'От ООО «Ромашка»',
      'М.П.',
    ])
      expect(text).toContain(expected);

    expectProblem(
      await w.owner.call('GET', `${base}&from=2026-12-31&to=2026-12-01`),
      400,
      'request.invalid',
      'to',
    );
    expectProblem(
      await w.owner.call('GET', `${base}&from=2026-13-01`),
      400,
      'request.invalid',
      'from',
    );
    // Without a period: this year up to today (in the workspace's zone), our first legal entity.
    const now = await ok(
      await w.owner.call('GET', `/api/v1/companies/${w.gamma.id}/reconciliation-act`),
    );
    expect(now.legalEntityId).toBe(w.entity.id);
    expect(now.from).toBe(`${now.to.slice(0, 4)}-01-01`);
  });
});
