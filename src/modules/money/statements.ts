import type { BankStatement } from '@voronka/contract';
import { createHash } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import {
  insertPayments,
  requireAllFinance,
  openInvoices,
  settleInvoices,
  type NewPayment,
} from './ledger.js';
import { AUTO_APPLY, InvoiceIndex } from './match.js';
import { directionOf, type ParsedDocument, type ParsedStatement } from './statement-parse.js';
import { bankStatementLines, bankStatements, type StatementCounts } from './tables.js';

type StatementRow = typeof bankStatements.$inferSelect;
type LineInsert = typeof bankStatementLines.$inferInsert;

export const toStatement = (r: Omit<StatementRow, 'raw'>): BankStatement => ({
  id: r.id,
  fileName: r.fileName,
  encoding: r.encoding,
  accounts: r.accounts,
  dateFrom: r.dateFrom,
  dateTo: r.dateTo,
  ...r.counts,
  createdAt: r.createdAt.toISOString(),
});

const listColumns = {
  workspaceId: bankStatements.workspaceId,
  id: bankStatements.id,
  fileName: bankStatements.fileName,
  sha256: bankStatements.sha256,
  encoding: bankStatements.encoding,
  accounts: bankStatements.accounts,
  dateFrom: bankStatements.dateFrom,
  dateTo: bankStatements.dateTo,
  counts: bankStatements.counts,
  createdBy: bankStatements.createdBy,
  createdAt: bankStatements.createdAt,
};

export async function listStatements(ctx: Ctx): Promise<{ items: BankStatement[] }> {
  requireAllFinance(ctx);
  const rows = await ctx.tx
    .select(listColumns)
    .from(bankStatements)
    .where(eq(bankStatements.workspaceId, ctx.workspaceId))
    .orderBy(desc(bankStatements.createdAt))
    .limit(200);
  return { items: rows.map(toStatement) };
}

export async function getStatement(ctx: Ctx, id: string): Promise<BankStatement> {
  requireAllFinance(ctx);
  const [row] = await ctx.tx
    .select(listColumns)
    .from(bankStatements)
    .where(and(eq(bankStatements.workspaceId, ctx.workspaceId), eq(bankStatements.id, id)));
  if (!row) throw notFound('bank_statement.not_found', 'bank statement');
  return toStatement(row);
}

export async function statementFile(ctx: Ctx, id: string) {
  requireAllFinance(ctx);
  const [row] = await ctx.tx
    .select({ raw: bankStatements.raw, fileName: bankStatements.fileName })
    .from(bankStatements)
    .where(and(eq(bankStatements.workspaceId, ctx.workspaceId), eq(bankStatements.id, id)));
  if (!row) throw notFound('bank_statement.not_found', 'bank statement');
  return row;
}

function lineOf(
  ctx: Ctx,
  statementId: string,
  d: ParsedDocument,
  direction: LineInsert['direction'],
): LineInsert {
  return {
    workspaceId: ctx.workspaceId,
    id: newId(),
    statementId,
    docKey: d.key,
    direction,
    number: d.number,
    date: d.date,
    amountKopecks: d.amountKopecks,
    payerName: d.payerName,
    payerInn: d.payerInn,
    payerKpp: d.payerKpp,
    payerAccount: d.payerAccount,
    payeeAccount: d.payeeAccount,
    purpose: d.purpose,
    status: direction === 'in' ? 'review' : 'ignored',
    reason: direction === 'in' ? '' : direction === 'out' ? 'outgoing payment' : 'own transfer',
  };
}

// The import, in the caller's transaction (all or nothing): the file kept, new bank documents
// stored (those an earlier statement brought are skipped by their unique key), incoming ones
// matched; sure matches become payments at once, the rest wait in the review queue.
export async function importStatement(
  ctx: Ctx,
  file: Buffer,
  fileName: string,
  parsed: ParsedStatement,
): Promise<{ statement: BankStatement; created: boolean }> {
  requireAllFinance(ctx);
  const sha256 = createHash('sha256').update(file).digest('hex');
  // One import at a time per workspace: two overlapping statements never spend one invoice twice.
  await ctx.tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`money:${ctx.workspaceId}`}))`);
  const [same] = await ctx.tx
    .select(listColumns)
    .from(bankStatements)
    .where(and(eq(bankStatements.workspaceId, ctx.workspaceId), eq(bankStatements.sha256, sha256)));
  if (same) return { statement: toStatement(same), created: false };
  const id = newId();
  const ours = new Set(parsed.accounts);
  const lines = parsed.documents.map((d) => lineOf(ctx, id, d, directionOf(d, ours)));
  const counts: StatementCounts = {
    documents: lines.length,
    incoming: 0,
    duplicates: 0,
    ignored: 0,
    matched: 0,
    review: 0,
  };
  await ctx.tx.insert(bankStatements).values({
    workspaceId: ctx.workspaceId,
    id,
    fileName,
    sha256,
    encoding: parsed.encoding,
    raw: file,
    accounts: parsed.accounts,
    dateFrom: parsed.dateFrom,
    dateTo: parsed.dateTo,
    counts,
    createdBy: ctx.actor.memberId,
  });
  const fresh = new Set<string>();
  for (let i = 0; i < lines.length; i += 500) {
    const rows = await ctx.tx
      .insert(bankStatementLines)
      .values(lines.slice(i, i + 500))
      .onConflictDoNothing({ target: [bankStatementLines.workspaceId, bankStatementLines.docKey] })
      .returning({ id: bankStatementLines.id });
    rows.forEach((r) => fresh.add(r.id));
  }
  const added = lines.filter((l) => fresh.has(l.id!));
  counts.duplicates = lines.length - added.length;
  counts.ignored = added.filter((l) => l.direction !== 'in').length;
  const incoming = added.filter((l) => l.direction === 'in');
  counts.incoming = incoming.length;
  if (incoming.length) await matchLines(ctx, incoming, counts);
  await ctx.tx
    .update(bankStatements)
    .set({ counts })
    .where(and(eq(bankStatements.workspaceId, ctx.workspaceId), eq(bankStatements.id, id)));
  await recordAudit(ctx, {
    action: 'bank_statement.imported',
    entity: 'finance',
    entityId: id,
    after: { fileName, ...counts },
  });
  return { statement: await getStatement(ctx, id), created: true };
}

async function matchLines(ctx: Ctx, incoming: LineInsert[], counts: StatementCounts) {
  const index = new InvoiceIndex(await openInvoices(ctx));
  const toPay: NewPayment[] = [];
  const updates: {
    line: LineInsert;
    status: 'matched' | 'review';
    confidence: number;
    reason: string;
    candidates: { invoiceId: string }[];
  }[] = [];
  for (const line of incoming) {
    const m = index.match({
      amountKopecks: line.amountKopecks,
      payerInn: line.payerInn ?? null,
      payerKpp: line.payerKpp ?? null,
      purpose: line.purpose,
    });
    const sure = m.invoice && m.confidence >= AUTO_APPLY ? m.invoice : null;
    const candidates = m.candidates.map((c) => ({ invoiceId: c.id }));
    updates.push({
      line,
      status: sure ? 'matched' : 'review',
      confidence: m.confidence,
      reason: m.reason,
      candidates,
    });
    if (!sure) continue;
    const take = Math.min(sure.openKopecks, line.amountKopecks);
    index.apply(sure, take);
    toPay.push(
      paymentFromLine(line, sure.companyId, sure.ownerId, [
        { invoiceId: sure.id, amountKopecks: take },
      ]),
    );
  }
  const paymentIds = await insertPayments(ctx, toPay);
  const byLine = new Map(toPay.map((p, i) => [p.statementLineId!, paymentIds[i]!]));
  for (const u of updates) {
    await ctx.tx
      .update(bankStatementLines)
      .set({
        status: u.status,
        confidence: u.confidence,
        reason: u.reason,
        candidates: u.candidates,
        paymentId: byLine.get(u.line.id!) ?? null,
      })
      .where(
        and(
          eq(bankStatementLines.workspaceId, ctx.workspaceId),
          eq(bankStatementLines.id, u.line.id!),
        ),
      );
  }
  counts.matched = toPay.length;
  counts.review = updates.length - toPay.length;
  await settleInvoices(
    ctx,
    toPay.flatMap((p) => p.allocations.map((a) => a.invoiceId)),
  );
}

export function paymentFromLine(
  line: Pick<
    LineInsert,
    | 'id'
    | 'date'
    | 'amountKopecks'
    | 'payerName'
    | 'payerInn'
    | 'payerKpp'
    | 'payerAccount'
    | 'purpose'
    | 'number'
  >,
  companyId: string | null,
  ownerId: string | null,
  allocations: NewPayment['allocations'],
): NewPayment {
  return {
    date: line.date,
    amountKopecks: line.amountKopecks,
    payerName: line.payerName,
    payerInn: line.payerInn ?? null,
    payerKpp: line.payerKpp ?? null,
    payerAccount: line.payerAccount ?? null,
    purpose: line.purpose,
    bankDocNumber: line.number,
    companyId,
    ownerId,
    source: 'statement',
    statementLineId: line.id!,
    allocations,
  };
}
