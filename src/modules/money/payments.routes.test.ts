import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, expectProblem, signUp, type Browser } from '../../test/client.js';
import { dealWorld, ok } from '../documents/test-helpers.js';
import { issueInvoice, moneyWorld } from './test-world.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env?.close());

const pay = (
  b: Browser,
  amountKopecks: number,
  allocations: { invoiceId: string; amountKopecks: number }[],
  extra = {},
) =>
  b.call('POST', '/api/v1/payments', {
    date: '2026-12-02',
    amountKopecks,
    payerName: 'ООО «Дельта»',
    bankDocNumber: '15',
    allocations,
    ...extra,
  });
const money = async (b: Browser, id: string) =>
  ok(await b.call('GET', `/api/v1/payments/invoices/${id}`));
const status = async (b: Browser, id: string) =>
  (await ok(await b.call('GET', `/api/v1/documents/${id}`))).status;

describe('payments by hand', () => {
  it('pays an invoice in parts: unpaid → partly paid → paid; an overpayment stays the client’s credit', async () => {
    const owner = await signUp(env.app);
    const { invoices, companies } = await moneyWorld(owner);
    const inv = invoices[3]!; // 7 000 ₽
    expect(await money(owner, inv.id)).toMatchObject({
      state: 'unpaid',
      paidKopecks: 0,
      openKopecks: 700_000,
    });
    await ok(await pay(owner, 200_000, [{ invoiceId: inv.id, amountKopecks: 200_000 }]), 201);
    expect(await money(owner, inv.id)).toMatchObject({
      state: 'partly_paid',
      paidKopecks: 200_000,
      openKopecks: 500_000,
    });
    expect(await status(owner, inv.id)).toBe('issued');
    // More than is open on the invoice is refused, naming the field; nothing changes.
    expectProblem(
      await pay(owner, 600_000, [{ invoiceId: inv.id, amountKopecks: 600_000 }]),
      422,
      'payment.over_allocated',
      'allocations.0.amountKopecks',
    );
    const over = await ok(
      await pay(owner, 600_000, [{ invoiceId: inv.id, amountKopecks: 500_000 }]),
      201,
    );
    expect(over).toMatchObject({ unallocatedKopecks: 100_000, companyId: companies['Дельта'] });
    expect(await money(owner, inv.id)).toMatchObject({ state: 'paid', openKopecks: 0 });
    expect((await money(owner, inv.id)).payments).toHaveLength(2);
    expect(await status(owner, inv.id)).toBe('paid');
    // A paid invoice takes no more money.
    expectProblem(
      await pay(owner, 100, [{ invoiceId: inv.id, amountKopecks: 100 }]),
      409,
      'payment.invoice_not_open',
      'allocations.0.invoiceId',
    );
    // One payment over two invoices.
    const split = await ok(
      await pay(owner, 1_000_000, [
        { invoiceId: invoices[4]!.id, amountKopecks: 800_000 },
        { invoiceId: invoices[2]!.id, amountKopecks: 200_000 },
      ]),
      201,
    );
    expect(split.allocations.map((a: { invoiceNumber: string }) => a.invoiceNumber).sort()).toEqual(
      ['3', '5'],
    );
    expect(await status(owner, invoices[4]!.id)).toBe('paid');
    const list = (await ok(await owner.call('GET', `/api/v1/payments?invoiceId=${inv.id}`))).items;
    expect(list).toHaveLength(2);
  });

  it('reverses a payment: kept on record, audited, the paid invoice reopens', async () => {
    const owner = await signUp(env.app);
    const { invoices } = await moneyWorld(owner);
    const inv = invoices[1]!;
    const p = await ok(
      await pay(owner, 1_000_000, [{ invoiceId: inv.id, amountKopecks: 1_000_000 }]),
      201,
    );
    expect(await status(owner, inv.id)).toBe('paid');
    const reversed = await ok(
      await owner.call('POST', `/api/v1/payments/${p.id}/reverse`, { reason: 'Ошибочно разнесён' }),
    );
    expect(reversed).toMatchObject({ reverseReason: 'Ошибочно разнесён', unallocatedKopecks: 0 });
    expect(reversed.reversedAt).not.toBeNull();
    expect(await status(owner, inv.id)).toBe('issued');
    expect(await money(owner, inv.id)).toMatchObject({ state: 'unpaid', payments: [] });
    expectProblem(
      await owner.call('POST', `/api/v1/payments/${p.id}/reverse`, { reason: 'ещё раз' }),
      409,
      'payment.reversed',
    );
    const audit = (await ok(await owner.call('GET', '/api/v1/audit?limit=200'))).items;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['payment.created', 'payment.reversed']),
    );
  });

  it('moves the deal to the workspace’s "paid" stage when its invoice is paid', async () => {
    const owner = await signUp(env.app);
    const { entity, deal } = await dealWorld(owner, 2_000_000);
    const pipelines = (await ok(await owner.call('GET', '/api/v1/pipelines'))).items;
    const stage = pipelines[0].stages.find(
      (s: { id: string }) => s.id !== deal.stageId && !/lost|проигр/i.test(JSON.stringify(s)),
    );
    await ok(await owner.call('PUT', '/api/v1/payments/settings', { paidStageId: stage.id }));
    const inv = await issueInvoice(owner, entity.id, { dealId: deal.id, amount: 2_000_000 });
    await ok(await pay(owner, 1_000_000, [{ invoiceId: inv.id, amountKopecks: 1_000_000 }]), 201);
    expect((await ok(await owner.call('GET', `/api/v1/deals/${deal.id}`))).stageId).toBe(
      deal.stageId,
    );
    await ok(await pay(owner, 1_000_000, [{ invoiceId: inv.id, amountKopecks: 1_000_000 }]), 201);
    expect((await ok(await owner.call('GET', `/api/v1/deals/${deal.id}`))).stageId).toBe(stage.id);
  });

  it('counts the due date from the terms and the days overdue', async () => {
    const owner = await signUp(env.app);
    const { entity, companies } = await moneyWorld(owner);
    const companyId = companies['Лютик']!;
    await ok(
      await owner.call('PUT', '/api/v1/payments/terms', {
        companyId,
        kind: 'after_invoice',
        days: 10,
      }),
    );
    const inv = await issueInvoice(owner, entity.id, {
      companyId,
      amount: 100_000,
      date: '2026-11-01',
    });
    const today = new Date();
    const days = Math.round(
      (Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) -
        Date.UTC(2026, 10, 11)) /
        86_400_000,
    );
    expect(await money(owner, inv.id)).toMatchObject({
      dueDate: '2026-11-11',
      overdueDays: Math.max(0, days),
    });
    // The invoice's own due date wins over the terms.
    const own = await issueInvoice(owner, entity.id, {
      companyId,
      amount: 100_000,
      date: '2026-11-01',
      dueDate: '2099-01-01',
    });
    expect(await money(owner, own.id)).toMatchObject({ dueDate: '2099-01-01', overdueDays: 0 });
    // Prepayment: due on the invoice's date.
    await ok(await owner.call('PUT', '/api/v1/payments/terms', { companyId, kind: 'prepayment' }));
    expect((await money(owner, inv.id)).dueDate).toBe('2026-11-01');
    expectProblem(
      await owner.call('PUT', '/api/v1/payments/terms', { kind: 'prepayment' }),
      400,
      'request.invalid',
      'companyId',
    );
  });

  it('a manager reads the money of their own invoices only and enters none', async () => {
    const owner = await signUp(env.app);
    const { invoices } = await moneyWorld(owner);
    await ok(
      await pay(owner, 100_000, [{ invoiceId: invoices[0]!.id, amountKopecks: 100_000 }]),
      201,
    );
    const { browser: manager } = await addMember(env.app, owner, 'manager');
    expect((await ok(await manager.call('GET', '/api/v1/payments'))).items).toEqual([]);
    expectProblem(
      await pay(manager, 100, [{ invoiceId: invoices[0]!.id, amountKopecks: 100 }]),
      403,
      'auth.forbidden',
    );
    expectProblem(
      await manager.call('GET', '/api/v1/bank-statements/lines'),
      403,
      'auth.forbidden',
    );
  });
});
