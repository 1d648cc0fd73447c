import type {
  Allocation,
  InvoicePayment,
  Page,
  Payment,
  PaymentCreateBody,
  PaymentListQuery,
} from '@voronka/contract';
import { PaymentCreateBody as CreateSchema } from '@voronka/contract';
import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { assertCompany } from '../clients/service.js';
import { invoiceFacts } from '../documents/service.js';
import { visibleTo } from '../workspaces/service.js';
import { dueDateOf, overdueDays, termsFor } from './terms.js';
import {
  addAllocations,
  checkAllocations,
  insertPayments,
  paidByInvoice,
  settleInvoices,
} from './ledger.js';
import { bankStatementLines, paymentAllocations, payments } from './tables.js';

type PaymentRow = typeof payments.$inferSelect;

const scope = (ctx: Ctx) =>
  and(eq(payments.workspaceId, ctx.workspaceId), visibleTo(ctx, 'finance', payments.ownerId));

async function findPayment(ctx: Ctx, id: string, forUpdate = false): Promise<PaymentRow> {
  const q = ctx.tx
    .select()
    .from(payments)
    .where(and(scope(ctx), eq(payments.id, id)));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound('payment.not_found', 'payment');
  return row;
}

async function toPayments(ctx: Ctx, rows: PaymentRow[]): Promise<Payment[]> {
  const ids = rows.map((r) => r.id);
  const allocs = ids.length
    ? await ctx.tx
        .select()
        .from(paymentAllocations)
        .where(
          and(
            eq(paymentAllocations.workspaceId, ctx.workspaceId),
            inArray(paymentAllocations.paymentId, ids),
          ),
        )
    : [];
  const numbers = new Map(
    (await invoiceFacts(ctx, [...new Set(allocs.map((a) => a.invoiceId))])).map((f) => [
      f.id,
      f.number,
    ]),
  );
  return rows.map((r) => {
    const mine = allocs.filter((a) => a.paymentId === r.id);
    const allocated = mine.reduce((s, a) => s + a.amountKopecks, 0);
    return {
      id: r.id,
      date: r.date,
      amountKopecks: r.amountKopecks,
      unallocatedKopecks: r.reversedAt ? 0 : r.amountKopecks - allocated,
      payerName: r.payerName,
      payerInn: r.payerInn,
      payerKpp: r.payerKpp,
      purpose: r.purpose,
      bankDocNumber: r.bankDocNumber,
      companyId: r.companyId,
      source: r.source,
      statementLineId: r.statementLineId,
      allocations: mine.map((a) => ({
        invoiceId: a.invoiceId,
        invoiceNumber: numbers.get(a.invoiceId) ?? null,
        amountKopecks: a.amountKopecks,
      })),
      reversedAt: r.reversedAt?.toISOString() ?? null,
      reverseReason: r.reverseReason,
      createdAt: r.createdAt.toISOString(),
    };
  });
}

export async function getPayment(ctx: Ctx, id: string): Promise<Payment> {
  return (await toPayments(ctx, [await findPayment(ctx, id)]))[0]!;
}

export async function listPayments(ctx: Ctx, q: PaymentListQuery): Promise<Page<Payment>> {
  const after = decodeCursor(q.cursor, ['date', 'uuid']);
  const invoiceIds = q.invoiceId
    ? sql`${payments.id} in (select ${paymentAllocations.paymentId} from ${paymentAllocations}
        where ${paymentAllocations.workspaceId} = ${ctx.workspaceId} and ${paymentAllocations.invoiceId} = ${q.invoiceId})`
    : undefined;
  const rows = await ctx.tx
    .select()
    .from(payments)
    .where(
      and(
        scope(ctx),
        q.companyId ? eq(payments.companyId, q.companyId) : undefined,
        invoiceIds,
        after
          ? or(
              lt(payments.date, String(after[0])),
              and(eq(payments.date, String(after[0])), lt(payments.id, String(after[1]))),
            )
          : undefined,
      ),
    )
    .orderBy(desc(payments.date), desc(payments.id))
    .limit(q.limit + 1);
  const page = toPage(
    rows,
    q.limit,
    (r) => r,
    (r) => [r.date, r.id],
  );
  return { items: await toPayments(ctx, page.items), nextCursor: page.nextCursor };
}

// A payment typed in by hand: allocations checked, what is left stays the client's credit.
export async function createPayment(ctx: Ctx, input: PaymentCreateBody): Promise<Payment> {
  const body = CreateSchema.parse(input);
  await assertCompany(ctx, body.companyId);
  const invoices = await checkAllocations(ctx, body.allocations, body.amountKopecks);
  const [id] = await insertPayments(ctx, [
    {
      date: body.date,
      amountKopecks: body.amountKopecks,
      payerName: body.payerName,
      payerInn: body.payerInn ?? null,
      payerKpp: body.payerKpp ?? null,
      payerAccount: null,
      purpose: body.purpose ?? '',
      bankDocNumber: body.bankDocNumber ?? null,
      companyId: body.companyId ?? invoices[0]?.companyId ?? null,
      ownerId: invoices[0]?.ownerId ?? null,
      source: 'manual',
      statementLineId: null,
      allocations: body.allocations,
    },
  ]);
  await settleInvoices(
    ctx,
    body.allocations.map((a) => a.invoiceId),
  );
  await recordAudit(ctx, {
    action: 'payment.created',
    entity: 'finance',
    entityId: id!,
    after: body,
  });
  return getPayment(ctx, id!);
}

// Spend what a payment has left (the client's credit) on invoices.
export async function allocatePayment(ctx: Ctx, id: string, allocations: Allocation[]) {
  const row = await findPayment(ctx, id, true);
  if (row.reversedAt) throw new DomainError('payment.reversed', 'the payment was reversed');
  const [view] = await toPayments(ctx, [row]);
  await checkAllocations(ctx, allocations, view!.unallocatedKopecks);
  await addAllocations(
    ctx,
    allocations.map((a) => ({ workspaceId: ctx.workspaceId, paymentId: id, ...a })),
  );
  await settleInvoices(
    ctx,
    allocations.map((a) => a.invoiceId),
  );
  await recordAudit(ctx, {
    action: 'payment.allocated',
    entity: 'finance',
    entityId: id,
    after: allocations,
  });
  return getPayment(ctx, id);
}

// Undo a payment: it stays on record, counts for nothing; paid invoices it settled reopen, and a
// statement line it came from goes back to the review queue.
export async function reversePayment(ctx: Ctx, id: string, reason: string): Promise<Payment> {
  const row = await findPayment(ctx, id, true);
  if (row.reversedAt) throw new DomainError('payment.reversed', 'the payment was already reversed');
  await ctx.tx
    .update(payments)
    .set({ reversedAt: new Date(), reversedBy: ctx.actor.memberId, reverseReason: reason })
    .where(and(eq(payments.workspaceId, ctx.workspaceId), eq(payments.id, id)));
  if (row.statementLineId)
    await ctx.tx
      .update(bankStatementLines)
      .set({ status: 'review', paymentId: null, reason: 'payment reversed' })
      .where(
        and(
          eq(bankStatementLines.workspaceId, ctx.workspaceId),
          eq(bankStatementLines.id, row.statementLineId),
        ),
      );
  const allocs = await ctx.tx
    .select({ invoiceId: paymentAllocations.invoiceId })
    .from(paymentAllocations)
    .where(
      and(
        eq(paymentAllocations.workspaceId, ctx.workspaceId),
        eq(paymentAllocations.paymentId, id),
      ),
    );
  await settleInvoices(
    ctx,
    allocs.map((a) => a.invoiceId),
  );
  await recordAudit(ctx, {
    action: 'payment.reversed',
    entity: 'finance',
    entityId: id,
    before: { amountKopecks: row.amountKopecks },
    after: { reason },
  });
  return getPayment(ctx, id);
}

// An invoice's money: total, paid, open, state, due date and days overdue, the payments.
export async function invoicePayment(ctx: Ctx, invoiceId: string): Promise<InvoicePayment> {
  const [f] = await invoiceFacts(ctx, [invoiceId]);
  const own = ctx.actor.permissions?.finance.visibility === 'own';
  if (!f || f.status === 'draft' || (own && f.ownerId !== ctx.actor.memberId))
    throw notFound('document.not_found', 'invoice');
  const paid = (await paidByInvoice(ctx, [invoiceId])).get(invoiceId) ?? 0;
  const list = await ctx.tx
    .select({
      paymentId: payments.id,
      date: payments.date,
      amountKopecks: paymentAllocations.amountKopecks,
    })
    .from(paymentAllocations)
    .innerJoin(
      payments,
      and(
        eq(payments.workspaceId, paymentAllocations.workspaceId),
        eq(payments.id, paymentAllocations.paymentId),
      ),
    )
    .where(
      and(
        eq(paymentAllocations.workspaceId, ctx.workspaceId),
        eq(paymentAllocations.invoiceId, invoiceId),
        sql`${payments.reversedAt} is null`,
      ),
    )
    .orderBy(payments.date);
  const open = Math.max(0, f.totalKopecks - paid);
  const dueDate = dueDateOf(f, await termsFor(ctx, f));
  return {
    invoiceId,
    number: f.number,
    date: f.date,
    companyId: f.companyId,
    buyerName: f.buyerName,
    totalKopecks: f.totalKopecks,
    paidKopecks: paid,
    openKopecks: open,
    state: paid <= 0 ? 'unpaid' : open > 0 ? 'partly_paid' : 'paid',
    dueDate,
    overdueDays: open > 0 && f.status !== 'cancelled' ? overdueDays(dueDate) : 0,
    payments: list,
  };
}
