import type { CompanyBalance, CreditCheck, Warning } from '@voronka/contract';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/audit.js';
import { systemActor, type Ctx } from '../../../platform/context.js';
import { receivableFacts } from '../../documents/service.js';
import { requireVisible, visibleTo } from '../../workspaces/service.js';
import { paymentAllocations, paymentTerms, payments } from '../tables.js';
import { dueDateOf, termsMap, termsOf } from '../terms.js';
import { asOfDate } from './aging.js';
import { daysBetween, daysPastDue, paidOn } from './rules.js';

// A client's balance with us: invoiced, paid, open, overdue, credit (overpayment), how late they
// pay, and the credit limit a new invoice is checked against.

const EVER = '9999-12-31';

// Live allocations to these invoices with their payments' dates.
async function allocationsOf(ctx: Ctx, invoiceIds: string[]) {
  if (!invoiceIds.length) return [];
  return ctx.tx
    .select({
      invoiceId: paymentAllocations.invoiceId,
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
        isNull(payments.reversedAt),
        inArray(paymentAllocations.invoiceId, invoiceIds),
      ),
    );
}

// The client's payments the caller sees (not reversed), with what each left unallocated.
async function paymentsOf(ctx: Ctx, companyId: string) {
  const rows = await ctx.tx
    .select({ id: payments.id, amountKopecks: payments.amountKopecks })
    .from(payments)
    .where(
      and(
        eq(payments.workspaceId, ctx.workspaceId),
        eq(payments.companyId, companyId),
        isNull(payments.reversedAt),
        visibleTo(ctx, 'finance', payments.ownerId),
      ),
    );
  const allocs = rows.length
    ? await ctx.tx
        .select({
          paymentId: paymentAllocations.paymentId,
          amount: paymentAllocations.amountKopecks,
        })
        .from(paymentAllocations)
        .where(
          and(
            eq(paymentAllocations.workspaceId, ctx.workspaceId),
            inArray(
              paymentAllocations.paymentId,
              rows.map((r) => r.id),
            ),
          ),
        )
    : [];
  const used = new Map<string, number>();
  for (const a of allocs) used.set(a.paymentId, (used.get(a.paymentId) ?? 0) + a.amount);
  const paid = rows.reduce((s, r) => s + r.amountKopecks, 0);
  const credit = rows.reduce((s, r) => s + r.amountKopecks - (used.get(r.id) ?? 0), 0);
  return { paid, credit };
}

async function creditLimitOf(ctx: Ctx, companyId: string): Promise<number | null> {
  const [row] = await ctx.tx
    .select({ limit: paymentTerms.creditLimitKopecks })
    .from(paymentTerms)
    .where(
      and(eq(paymentTerms.workspaceId, ctx.workspaceId), eq(paymentTerms.subjectId, companyId)),
    );
  return row?.limit ?? null;
}

export async function companyBalance(ctx: Ctx, companyId: string): Promise<CompanyBalance> {
  await requireVisible(ctx, 'companies', companyId);
  const asOf = await asOfDate(ctx);
  const facts = await receivableFacts(ctx, { asOf: EVER, companyId });
  const [allocs, terms, pays, limit] = await Promise.all([
    allocationsOf(
      ctx,
      facts.map((f) => f.id),
    ),
    termsMap(
      ctx,
      facts.flatMap((f) => [f.dealId, f.companyId]).filter((x): x is string => !!x),
    ),
    paymentsOf(ctx, companyId),
    creditLimitOf(ctx, companyId),
  ]);
  let invoiced = 0;
  let open = 0;
  let overdue = 0;
  const late: number[] = [];
  for (const f of facts) {
    const mine = allocs.filter((a) => a.invoiceId === f.id);
    const left = Math.max(0, f.totalKopecks - mine.reduce((s, a) => s + a.amountKopecks, 0));
    const due = dueDateOf(f, termsOf(f, terms));
    invoiced += f.totalKopecks;
    open += left;
    if (left > 0 && daysPastDue(due, asOf) > 0) overdue += left;
    const paidDate = left === 0 ? paidOn(f.totalKopecks, mine) : null;
    if (paidDate) late.push(due ? Math.max(0, daysBetween(due, paidDate)) : 0);
  }
  const balance = open - pays.credit;
  return {
    companyId,
    asOf,
    invoicedKopecks: invoiced,
    paidKopecks: pays.paid,
    openKopecks: open,
    overdueKopecks: overdue,
    creditKopecks: pays.credit,
    balanceKopecks: balance,
    averageDaysLate: late.length
      ? Math.round((late.reduce((s, d) => s + d, 0) / late.length) * 10) / 10
      : null,
    paidInvoices: late.length,
    creditLimitKopecks: limit,
    creditAvailableKopecks: limit === null ? null : limit - balance,
  };
}

// The limit lives on the company's payment terms; a company without terms gets "pay at once"
// terms (what no terms mean anyway) to hold it.
export async function setCreditLimit(
  ctx: Ctx,
  companyId: string,
  creditLimitKopecks: number | null,
): Promise<CompanyBalance> {
  await requireVisible(ctx, 'companies', companyId);
  const before = await creditLimitOf(ctx, companyId);
  await ctx.tx
    .insert(paymentTerms)
    .values({
      workspaceId: ctx.workspaceId,
      subjectId: companyId,
      subject: 'company',
      kind: 'prepayment',
      days: 0,
      creditLimitKopecks,
    })
    .onConflictDoUpdate({
      target: [paymentTerms.workspaceId, paymentTerms.subjectId],
      set: { creditLimitKopecks, updatedAt: new Date() },
    });
  await recordAudit(ctx, {
    action: 'credit_limit.set',
    entity: 'finance',
    entityId: companyId,
    before: { creditLimitKopecks: before },
    after: { creditLimitKopecks },
  });
  return companyBalance(ctx, companyId);
}

// Would an invoice of `amountKopecks` take the client past the limit? The whole client's debt is
// counted (all managers' invoices), whoever asks: the limit is the client's, not the manager's.
export async function creditCheck(
  ctx: Ctx,
  companyId: string,
  amountKopecks: number,
): Promise<CreditCheck> {
  await requireVisible(ctx, 'companies', companyId);
  const b = await companyBalance({ ...ctx, actor: systemActor }, companyId);
  const after = b.balanceKopecks + amountKopecks;
  return {
    creditLimitKopecks: b.creditLimitKopecks,
    exposureKopecks: b.balanceKopecks,
    afterKopecks: after,
    exceeds: b.creditLimitKopecks !== null && after > b.creditLimitKopecks,
  };
}

// Warnings for an invoice just issued (documents asks through its port): the client's debt with it
// is already counted, so the check is of nothing more.
export async function invoiceIssueWarnings(
  ctx: Ctx,
  invoice: { companyId: string | null },
): Promise<Warning[]> {
  if (!invoice.companyId) return [];
  const check = await creditCheck({ ...ctx, actor: systemActor }, invoice.companyId, 0);
  if (!check.exceeds) return [];
  return [
    {
      code: 'credit_limit.exceeded',
      message: 'the client’s debt with this invoice is over their credit limit',
      creditLimitKopecks: check.creditLimitKopecks!,
      afterKopecks: check.afterKopecks,
    },
  ];
}
