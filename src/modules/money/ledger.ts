import type { Allocation } from '@voronka/contract';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { invoiceFacts, markInvoicePaid, openInvoiceFacts } from '../documents/service.js';
import { moveDeal } from '../pipeline/service.js';
import type { OpenInvoice } from './match.js';
import { moneySettings, paymentAllocations, payments } from './tables.js';

// The ledger: what was paid against which invoice, and the invoice's status following it.

// Bank statements show every payer's money: only those who see all of finance read them.
export function requireAllFinance(ctx: Ctx) {
  const v = ctx.actor.permissions?.finance.visibility ?? 'all';
  if (v !== 'all')
    throw new DomainError(
      'auth.forbidden',
      'bank statements need the finance right for all clients',
    );
}

const live = (ctx: Ctx) =>
  and(eq(payments.workspaceId, ctx.workspaceId), isNull(payments.reversedAt));

// Kopecks allocated to each invoice by payments not reversed.
export async function paidByInvoice(ctx: Ctx, ids?: string[]): Promise<Map<string, number>> {
  if (ids && !ids.length) return new Map();
  const rows = await ctx.tx
    .select({
      invoiceId: paymentAllocations.invoiceId,
      paid: sql<string>`sum(${paymentAllocations.amountKopecks})`,
    })
    .from(paymentAllocations)
    .innerJoin(
      payments,
      and(
        eq(payments.workspaceId, paymentAllocations.workspaceId),
        eq(payments.id, paymentAllocations.paymentId),
      ),
    )
    .where(and(live(ctx), ids ? inArray(paymentAllocations.invoiceId, ids) : undefined))
    .groupBy(paymentAllocations.invoiceId);
  return new Map(rows.map((r) => [r.invoiceId, Number(r.paid)]));
}

export async function openInvoices(ctx: Ctx): Promise<OpenInvoice[]> {
  const [facts, paid] = await Promise.all([openInvoiceFacts(ctx), paidByInvoice(ctx)]);
  return facts.map((f) => ({ ...f, openKopecks: f.totalKopecks - (paid.get(f.id) ?? 0) }));
}

const OPEN = ['issued', 'sent', 'signed'];

// Each allocation names an open invoice and takes no more than is open on it; together they take
// no more than the payment has left. Refusals name the field.
export async function checkAllocations(
  ctx: Ctx,
  allocations: Allocation[],
  available: number,
  field = 'allocations',
): Promise<OpenInvoice[]> {
  const ids = allocations.map((a) => a.invoiceId);
  const facts = new Map((await invoiceFacts(ctx, ids)).map((f) => [f.id, f]));
  const paid = await paidByInvoice(ctx, ids);
  let left = available;
  return allocations.map((a, i) => {
    const f = facts.get(a.invoiceId);
    const at = `${field}.${i}`;
    if (!f)
      throw new DomainError('document.not_found', 'invoice not found', {
        field: `${at}.invoiceId`,
      });
    if (!OPEN.includes(f.status))
      throw new DomainError('payment.invoice_not_open', `the invoice is ${f.status}`, {
        field: `${at}.invoiceId`,
      });
    const open = f.totalKopecks - (paid.get(f.id) ?? 0);
    if (a.amountKopecks > open || a.amountKopecks > left)
      throw new DomainError(
        'payment.over_allocated',
        a.amountKopecks > open
          ? `only ${open} kopecks are open on the invoice`
          : `only ${left} kopecks of the payment are left`,
        { field: `${at}.amountKopecks` },
      );
    left -= a.amountKopecks;
    return { ...f, openKopecks: open };
  });
}

export type NewPayment = {
  date: string;
  amountKopecks: number;
  payerName: string;
  payerInn: string | null;
  payerKpp: string | null;
  payerAccount: string | null;
  purpose: string;
  bankDocNumber: string | null;
  companyId: string | null;
  ownerId: string | null;
  source: 'manual' | 'statement';
  statementLineId: string | null;
  allocations: Allocation[];
};

export async function insertPayments(ctx: Ctx, list: NewPayment[]): Promise<string[]> {
  const ids = list.map(() => newId());
  for (let i = 0; i < list.length; i += 500) {
    const chunk = list.slice(i, i + 500);
    await ctx.tx.insert(payments).values(
      chunk.map(({ allocations: _a, ...p }, j) => ({
        ...p,
        workspaceId: ctx.workspaceId,
        id: ids[i + j]!,
        createdBy: ctx.actor.memberId,
      })),
    );
    const allocs = chunk.flatMap((p, j) =>
      p.allocations.map((a) => ({ workspaceId: ctx.workspaceId, paymentId: ids[i + j]!, ...a })),
    );
    if (allocs.length) await addAllocations(ctx, allocs);
  }
  return ids;
}

export async function addAllocations(
  ctx: Ctx,
  rows: { workspaceId: string; paymentId: string; invoiceId: string; amountKopecks: number }[],
) {
  await ctx.tx
    .insert(paymentAllocations)
    .values(rows)
    .onConflictDoUpdate({
      target: [
        paymentAllocations.workspaceId,
        paymentAllocations.paymentId,
        paymentAllocations.invoiceId,
      ],
      set: { amountKopecks: sql`${paymentAllocations.amountKopecks} + excluded.amount_kopecks` },
    });
}

// After money moved: invoices whose allocations reach the total become paid (through documents),
// a reopened one goes back; a paid invoice's deal follows to the workspace's "paid" stage.
export async function settleInvoices(ctx: Ctx, ids: string[]): Promise<void> {
  const unique = [...new Set(ids)];
  if (!unique.length) return;
  const [facts, paid, settings] = await Promise.all([
    invoiceFacts(ctx, unique),
    paidByInvoice(ctx, unique),
    ctx.tx.select().from(moneySettings).where(eq(moneySettings.workspaceId, ctx.workspaceId)),
  ]);
  const stageId = settings[0]?.paidStageId ?? null;
  for (const f of facts) {
    const full = (paid.get(f.id) ?? 0) >= f.totalKopecks;
    const changed = await markInvoicePaid(ctx, f.id, full);
    if (changed && full && stageId && f.dealId) await followStage(ctx, f.dealId, stageId);
  }
}

async function followStage(ctx: Ctx, dealId: string, stageId: string) {
  try {
    // A savepoint: a deal that cannot move (another pipeline, gone) leaves the payment standing.
    await ctx.tx.transaction((tx) => moveDeal({ ...ctx, tx }, dealId, { stageId }));
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
  }
}
