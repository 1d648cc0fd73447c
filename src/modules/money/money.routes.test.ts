import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { expectProblem, signUp, type Browser } from '../../test/client.js';
import { ok } from '../documents/test-helpers.js';
import { fixture, moneyWorld, uploadStatement } from './test-world.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env?.close());

const status = async (b: Browser, id: string) =>
  (await ok(await b.call('GET', `/api/v1/documents/${id}`))).status;
const money = async (b: Browser, id: string) =>
  ok(await b.call('GET', `/api/v1/payments/invoices/${id}`));
const queue = async (b: Browser) =>
  (await ok(await b.call('GET', '/api/v1/bank-statements/lines?status=review'))).items;

describe('bank statement import', () => {
  it.each([['statement-utf8.txt'], ['statement-cp1251.txt']])(
    'matches %s: by number and INN, by INN alone; the rest wait for a person',
    async (name) => {
      const owner = await signUp(env.app);
      const { invoices } = await moneyWorld(owner);
      const res = await uploadStatement(env.app, owner, fixture(name));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        documents: 7,
        incoming: 5,
        ignored: 2,
        matched: 2,
        review: 3,
        duplicates: 0,
      });
      expect(await status(owner, invoices[0]!.id)).toBe('paid');
      expect(await status(owner, invoices[1]!.id)).toBe('paid');
      for (const inv of invoices.slice(2)) expect(await status(owner, inv.id)).toBe('issued');
      const lines = (
        await ok(
          await owner.call('GET', `/api/v1/bank-statements/lines?statementId=${res.body.id}`),
        )
      ).items;
      const byNumber = (n: string) => lines.find((l: { number: string }) => l.number === n);
      expect(byNumber('318')).toMatchObject({
        status: 'matched',
        confidence: 0.99,
        reason: 'invoice № 1 in the purpose, payer INN',
      });
      expect(byNumber('55')).toMatchObject({ status: 'matched', confidence: 0.85 });
      expect(byNumber('9')).toMatchObject({
        status: 'review',
        reason: 'amount only',
        candidates: [{ invoiceId: invoices[2]!.id }],
      });
      expect(
        byNumber('401')!
          .candidates.map((c: { invoiceId: string }) => c.invoiceId)
          .sort(),
      ).toEqual([invoices[3]!.id, invoices[4]!.id].sort());
      expect(byNumber('12')).toMatchObject({
        status: 'review',
        reason: 'no invoice found',
        candidates: [],
      });
      // The outgoing payment names "счёт № 1" too: it is ignored, not matched.
      expect(byNumber('77')).toMatchObject({ direction: 'out', status: 'ignored' });
      expect(byNumber('78')).toMatchObject({ direction: 'own', status: 'ignored' });
      const file = await owner.call('GET', `/api/v1/bank-statements/${res.body.id}/file`);
      expect(file.status).toBe(200);
    },
  );

  it('a person confirms or splits; re-import changes nothing; an overlapping statement adds only its new document', async () => {
    const owner = await signUp(env.app);
    const { invoices } = await moneyWorld(owner);
    const first = await uploadStatement(env.app, owner, fixture('statement-utf8.txt'));
    const lines = await queue(owner);
    expect(lines).toHaveLength(3);
    const amountOnly = lines.find((l: { number: string }) => l.number === '9');
    await ok(
      await owner.call('POST', `/api/v1/bank-statements/lines/${amountOnly.id}/confirm`, {
        allocations: [{ invoiceId: invoices[2]!.id, amountKopecks: 555_555 }],
      }),
    );
    expect(await status(owner, invoices[2]!.id)).toBe('paid');
    const delta = lines.find((l: { number: string }) => l.number === '401');
    await ok(
      await owner.call('POST', `/api/v1/bank-statements/lines/${delta.id}/confirm`, {
        allocations: [{ invoiceId: invoices[3]!.id, amountKopecks: 300_000 }],
      }),
    );
    expect(await money(owner, invoices[3]!.id)).toMatchObject({
      state: 'partly_paid',
      paidKopecks: 300_000,
      openKopecks: 400_000,
    });
    // A settled line is not confirmed twice.
    expectProblem(
      await owner.call('POST', `/api/v1/bank-statements/lines/${delta.id}/confirm`, {
        allocations: [],
      }),
      409,
      'bank_statement_line.settled',
      'id',
    );
    const none = lines.find((l: { number: string }) => l.number === '12');
    expect(
      (await ok(await owner.call('POST', `/api/v1/bank-statements/lines/${none.id}/ignore`)))
        .status,
    ).toBe('ignored');
    expect(await queue(owner)).toEqual([]);

    const paymentsBefore = (await ok(await owner.call('GET', '/api/v1/payments'))).items;
    expect(paymentsBefore).toHaveLength(4);
    const again = await uploadStatement(env.app, owner, fixture('statement-utf8.txt'));
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    // The same documents in another file (another encoding) are not imported twice either.
    const cp = await uploadStatement(env.app, owner, fixture('statement-cp1251.txt'));
    expect(cp.body).toMatchObject({ documents: 7, duplicates: 7, incoming: 0, matched: 0 });
    const overlap = await uploadStatement(env.app, owner, fixture('overlap-utf8.txt'));
    expect(overlap.body).toMatchObject({
      documents: 3,
      duplicates: 2,
      incoming: 1,
      matched: 1,
      review: 0,
    });
    const payments = (await ok(await owner.call('GET', '/api/v1/payments'))).items;
    expect(payments).toHaveLength(5);
    // 7 000 ₽ against invoice 4 with 4 000 ₽ open: it is paid, 3 000 ₽ stay the client's credit…
    expect(await status(owner, invoices[3]!.id)).toBe('paid');
    const credit = payments.find((p: { bankDocNumber: string }) => p.bankDocNumber === '402');
    expect(credit).toMatchObject({ amountKopecks: 700_000, unallocatedKopecks: 300_000 });
    // …which can be spent on the client's next invoice.
    await ok(
      await owner.call('POST', `/api/v1/payments/${credit.id}/allocations`, {
        allocations: [{ invoiceId: invoices[4]!.id, amountKopecks: 300_000 }],
      }),
    );
    expect(await money(owner, invoices[4]!.id)).toMatchObject({
      state: 'partly_paid',
      openKopecks: 500_000,
    });
    expectProblem(
      await owner.call('POST', `/api/v1/payments/${credit.id}/allocations`, {
        allocations: [{ invoiceId: invoices[4]!.id, amountKopecks: 1 }],
      }),
      422,
      'payment.over_allocated',
      'allocations.0.amountKopecks',
    );
  });

  it.each([
    [
      'a truncated file',
      (t: string) => t.slice(0, t.indexOf('Номер=55')),
      422,
      'bank_statement.invalid',
      'line 45',
    ],
    [
      'a duplicate document',
      (t: string) =>
        t
          .replace('Номер=55', 'Номер=318')
          .replace('Сумма=10000.00', 'Сумма=34900.00')
          .replace('ПлательщикСчет=40702810900000011111', 'ПлательщикСчет=40702810100000054321'),
      422,
      'bank_statement.invalid',
      'line 45',
    ],
    [
      'an impossible amount',
      (t: string) => t.replace('Сумма=123.45', 'Сумма=12,3.45'),
      422,
      'bank_statement.invalid',
      'line 97',
    ],
    [
      'an unknown encoding',
      (t: string) => Buffer.from(t, 'utf16le').toString('latin1'),
      400,
      'bank_statement.unreadable',
      'line 1',
    ],
  ])(
    'refuses %s naming the line, and stores nothing',
    async (_what, spoil, code, problem, field) => {
      const owner = await signUp(env.app);
      const { invoices } = await moneyWorld(owner);
      const text = spoil(fixture('statement-utf8.txt').toString('utf8'));
      const body =
        problem === 'bank_statement.unreadable' ? Buffer.from(text, 'latin1') : Buffer.from(text);
      expectProblem(await uploadStatement(env.app, owner, body), code, problem, field);
      expect((await ok(await owner.call('GET', '/api/v1/bank-statements'))).items).toEqual([]);
      expect((await ok(await owner.call('GET', '/api/v1/bank-statements/lines'))).items).toEqual(
        [],
      );
      expect((await ok(await owner.call('GET', '/api/v1/payments'))).items).toEqual([]);
      expect(await status(owner, invoices[0]!.id)).toBe('issued');
    },
  );

  it('refuses a 50 MB file before reading it', async () => {
    const owner = await signUp(env.app);
    const big = Buffer.alloc(50 * 1024 * 1024, 0x41);
    const res = await uploadStatement(env.app, owner, big);
    expect(res.status).toBe(413);
    expect((await ok(await owner.call('GET', '/api/v1/bank-statements'))).items).toEqual([]);
  });
});
