import type {
  Page,
  StatementLine,
  StatementLineConfirmBody,
  StatementLineListQuery,
} from '@voronka/contract';
import { StatementLineConfirmBody as ConfirmSchema } from '@voronka/contract';
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { invoiceFacts } from '../documents/service.js';
import {
  checkAllocations,
  requireAllFinance,
  insertPayments,
  paidByInvoice,
  settleInvoices,
} from './ledger.js';
import { paymentFromLine } from './statements.js';
import { bankStatementLines } from './tables.js';

type LineRow = typeof bankStatementLines.$inferSelect;

async function toLines(ctx: Ctx, rows: LineRow[]): Promise<StatementLine[]> {
  const ids = [...new Set(rows.flatMap((r) => r.candidates.map((c) => c.invoiceId)))];
  const [facts, paid] = await Promise.all([invoiceFacts(ctx, ids), paidByInvoice(ctx, ids)]);
  const byId = new Map(facts.map((f) => [f.id, f]));
  return rows.map((r) => ({
    id: r.id,
    statementId: r.statementId,
    direction: r.direction,
    number: r.number,
    date: r.date,
    amountKopecks: r.amountKopecks,
    payerName: r.payerName,
    payerInn: r.payerInn,
    payerKpp: r.payerKpp,
    payerAccount: r.payerAccount,
    purpose: r.purpose,
    status: r.status,
    confidence: r.confidence,
    reason: r.reason,
    candidates: r.candidates.flatMap((c) => {
      const f = byId.get(c.invoiceId);
      if (!f) return [];
      return [
        {
          invoiceId: f.id,
          number: f.number,
          date: f.date,
          buyerName: f.buyerName,
          openKopecks: f.totalKopecks - (paid.get(f.id) ?? 0),
        },
      ];
    }),
    paymentId: r.paymentId,
  }));
}

export async function listLines(ctx: Ctx, q: StatementLineListQuery): Promise<Page<StatementLine>> {
  requireAllFinance(ctx);
  const after = decodeCursor(q.cursor, ['date', 'uuid']);
  const rows = await ctx.tx
    .select()
    .from(bankStatementLines)
    .where(
      and(
        eq(bankStatementLines.workspaceId, ctx.workspaceId),
        q.status ? eq(bankStatementLines.status, q.status) : undefined,
        q.statementId ? eq(bankStatementLines.statementId, q.statementId) : undefined,
        after
          ? or(
              lt(bankStatementLines.date, String(after[0])),
              and(
                eq(bankStatementLines.date, String(after[0])),
                lt(bankStatementLines.id, String(after[1])),
              ),
            )
          : undefined,
      ),
    )
    .orderBy(desc(bankStatementLines.date), desc(bankStatementLines.id))
    .limit(q.limit + 1);
  const page = toPage(
    rows,
    q.limit,
    (r) => r,
    (r) => [r.date, r.id],
  );
  return { items: await toLines(ctx, page.items), nextCursor: page.nextCursor };
}

async function findLine(ctx: Ctx, id: string): Promise<LineRow> {
  const [row] = await ctx.tx
    .select()
    .from(bankStatementLines)
    .where(and(eq(bankStatementLines.workspaceId, ctx.workspaceId), eq(bankStatementLines.id, id)))
    .for('update');
  if (!row) throw notFound('bank_statement_line.not_found', 'statement line');
  return row;
}

export async function getLine(ctx: Ctx, id: string) {
  requireAllFinance(ctx);
  const [row] = await ctx.tx
    .select()
    .from(bankStatementLines)
    .where(and(eq(bankStatementLines.workspaceId, ctx.workspaceId), eq(bankStatementLines.id, id)));
  if (!row) throw notFound('bank_statement_line.not_found', 'statement line');
  return (await toLines(ctx, [row]))[0]!;
}

const settled = (row: LineRow) => {
  if (row.direction !== 'in' || row.status === 'matched' || row.status === 'confirmed')
    throw new DomainError(
      'bank_statement_line.settled',
      `the line is ${row.direction === 'in' ? row.status : row.direction}`,
      { field: 'id' },
    );
};

// A person decides: the money goes to these invoices (one, or split); what is left stays the
// client's credit.
export async function confirmLine(ctx: Ctx, id: string, input: StatementLineConfirmBody) {
  requireAllFinance(ctx);
  const body = ConfirmSchema.parse(input);
  const row = await findLine(ctx, id);
  settled(row);
  const invoices = await checkAllocations(ctx, body.allocations, row.amountKopecks);
  const companyId = body.companyId ?? invoices[0]?.companyId ?? null;
  const [paymentId] = await insertPayments(ctx, [
    paymentFromLine(row, companyId, invoices[0]?.ownerId ?? null, body.allocations),
  ]);
  await ctx.tx
    .update(bankStatementLines)
    .set({
      status: 'confirmed',
      paymentId,
      reason: sql`${bankStatementLines.reason} || ' · confirmed'`,
    })
    .where(and(eq(bankStatementLines.workspaceId, ctx.workspaceId), eq(bankStatementLines.id, id)));
  await settleInvoices(
    ctx,
    body.allocations.map((a) => a.invoiceId),
  );
  await recordAudit(ctx, {
    action: 'bank_statement_line.confirmed',
    entity: 'finance',
    entityId: id,
    after: body,
  });
  return getLine(ctx, id);
}

export async function ignoreLine(ctx: Ctx, id: string) {
  requireAllFinance(ctx);
  const row = await findLine(ctx, id);
  settled(row);
  await ctx.tx
    .update(bankStatementLines)
    .set({ status: 'ignored', reason: 'ignored by a person' })
    .where(and(eq(bankStatementLines.workspaceId, ctx.workspaceId), eq(bankStatementLines.id, id)));
  await recordAudit(ctx, {
    action: 'bank_statement_line.ignored',
    entity: 'finance',
    entityId: id,
  });
  return getLine(ctx, id);
}
