import { readFileSync } from 'node:fs';
import type { TestApp } from '../../test/app.js';
import type { Browser } from '../../test/client.js';
import { ok, ourEntity, upload } from '../documents/test-helpers.js';

export const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

// The clients of the statement fixtures and their issued invoices, numbered 1–5 in this order.
const clients = [
  { name: 'Вектор', inn: '5003123458', kpp: '500301001', amounts: [3_490_000] },
  { name: 'Лютик', inn: '7736207543', kpp: null, amounts: [1_000_000] },
  { name: 'Гамма', inn: '7719876544', kpp: null, amounts: [555_555] },
  { name: 'Дельта', inn: '7728168971', kpp: '772801001', amounts: [700_000, 800_000] },
];

export async function issueInvoice(
  b: Browser,
  entityId: string,
  body: { companyId?: string; dealId?: string; amount: number; date?: string; dueDate?: string },
) {
  const doc = await ok(
    await b.call('POST', '/api/v1/documents', {
      type: 'invoice',
      legalEntityId: entityId,
      companyId: body.companyId,
      dealId: body.dealId,
      date: body.date ?? '2026-12-01',
      dueDate: body.dueDate,
      vatMode: 'included',
      lines: [{ name: 'Услуги', quantity: '1', priceKopecks: body.amount, vatRate: null }],
    }),
    201,
  );
  return ok(await b.call('POST', `/api/v1/documents/${doc.id}/status`, { status: 'issued' }));
}

export async function moneyWorld(b: Browser) {
  const entity = await ok(await b.call('POST', '/api/v1/legal-entities', ourEntity), 201);
  const invoices: { id: string; number: string; companyId: string }[] = [];
  const companies: Record<string, string> = {};
  for (const c of clients) {
    const company = await ok(
      await b.call('POST', '/api/v1/companies', {
        name: c.name,
        inn: c.inn,
        kpp: c.kpp ?? undefined,
      }),
      201,
    );
    companies[c.name] = company.id;
    for (const amount of c.amounts)
      invoices.push(await issueInvoice(b, entity.id, { companyId: company.id, amount }));
  }
  return { entity, companies, invoices };
}

export const uploadStatement = (app: TestApp, b: Browser, file: Buffer, type = 'text/plain') =>
  upload(app, b, 'POST', '/api/v1/bank-statements?fileName=kl_to_1c.txt', type, file);
