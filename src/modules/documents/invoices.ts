import { and, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { visibleTo } from '../workspaces/service.js';
import { invoiceEvent } from './invoice-events.js';
import { documentSends, documents } from './tables.js';

// What the money module reads about issued invoices (it never writes documents' tables): the
// facts a payment is matched and aged by. Workspace-wide: money applies its own `finance` rights.
export type InvoiceFacts = {
  id: string;
  number: string | null;
  date: string;
  dueDate: string | null;
  totalKopecks: number;
  status: string;
  legalEntityId: string;
  companyId: string | null;
  dealId: string | null;
  ownerId: string | null;
  buyerName: string | null;
  buyerInn: string | null;
  buyerKpp: string | null;
  /** The deal's first issued act or UPD: "N days after the act" counts from it. */
  actDate: string | null;
};

const OPEN = ['issued', 'sent', 'signed'];

function factsQuery(ctx: Ctx) {
  const acts = sql<string | null>`(select min(a.date)::text from ${documents} a
    where a.workspace_id = ${documents.workspaceId} and a.deal_id = ${documents.dealId}
      and a.type in ('act', 'upd') and a.number is not null and a.status <> 'cancelled')`;
  return ctx.tx
    .select({
      id: documents.id,
      number: sql<
        string | null
      >`coalesce(${documents.snapshot}->>'number', ${documents.number}::text)`,
      date: documents.date,
      dueDate: documents.dueDate,
      totalKopecks: documents.totalKopecks,
      status: documents.status,
      legalEntityId: documents.legalEntityId,
      companyId: documents.companyId,
      dealId: documents.dealId,
      ownerId: documents.ownerId,
      buyerName: sql<
        string | null
      >`coalesce(${documents.snapshot}->'buyer'->>'name', ${documents.buyerName})`,
      buyerInn: sql<string | null>`${documents.snapshot}->'buyer'->>'inn'`,
      buyerKpp: sql<string | null>`${documents.snapshot}->'buyer'->>'kpp'`,
      actDate: acts,
    })
    .from(documents);
}

export async function invoiceFacts(ctx: Ctx, ids: string[]): Promise<InvoiceFacts[]> {
  if (!ids.length) return [];
  return factsQuery(ctx).where(
    and(
      eq(documents.workspaceId, ctx.workspaceId),
      eq(documents.type, 'invoice'),
      inArray(documents.id, ids),
    ),
  );
}

// Issued invoices not yet paid or cancelled, optionally of some companies only.
export async function openInvoiceFacts(
  ctx: Ctx,
  filter: { companyIds?: string[] } = {},
): Promise<InvoiceFacts[]> {
  return factsQuery(ctx).where(
    and(
      eq(documents.workspaceId, ctx.workspaceId),
      eq(documents.type, 'invoice'),
      inArray(documents.status, OPEN),
      filter.companyIds ? inArray(documents.companyId, filter.companyIds) : undefined,
    ),
  );
}

// Invoices that were owed at `asOf` (issued by then, paid since or not; cancelled ones never owed),
// those the caller sees by the finance rule on the invoice's owner. For aging 100,000 invoices the
// first act of each deal comes from one grouped join, not a subquery per invoice.
export async function receivableFacts(
  ctx: Ctx,
  filter: { asOf: string; legalEntityId?: string; ownerId?: string; companyId?: string },
): Promise<InvoiceFacts[]> {
  const acts = ctx.tx
    .select({
      dealId: documents.dealId,
      actDate: sql<string>`min(${documents.date})::text`.as('act_date'),
    })
    .from(documents)
    .where(
      and(
        eq(documents.workspaceId, ctx.workspaceId),
        inArray(documents.type, ['act', 'upd']),
        isNotNull(documents.number),
        sql`${documents.status} <> 'cancelled'`,
      ),
    )
    .groupBy(documents.dealId)
    .as('acts');
  return ctx.tx
    .select({
      id: documents.id,
      number: sql<
        string | null
      >`coalesce(${documents.snapshot}->>'number', ${documents.number}::text)`,
      date: documents.date,
      dueDate: documents.dueDate,
      totalKopecks: documents.totalKopecks,
      status: documents.status,
      legalEntityId: documents.legalEntityId,
      companyId: documents.companyId,
      dealId: documents.dealId,
      ownerId: documents.ownerId,
      buyerName: sql<
        string | null
      >`coalesce(${documents.snapshot}->'buyer'->>'name', ${documents.buyerName})`,
      buyerInn: sql<string | null>`null`,
      buyerKpp: sql<string | null>`null`,
      actDate: sql<string | null>`${acts.actDate}`,
    })
    .from(documents)
    .leftJoin(acts, eq(acts.dealId, documents.dealId))
    .where(
      and(
        eq(documents.workspaceId, ctx.workspaceId),
        eq(documents.type, 'invoice'),
        inArray(documents.status, [...OPEN, 'paid']),
        isNotNull(documents.number),
        lte(documents.date, filter.asOf),
        visibleTo(ctx, 'finance', documents.ownerId),
        filter.legalEntityId ? eq(documents.legalEntityId, filter.legalEntityId) : undefined,
        filter.ownerId ? eq(documents.ownerId, filter.ownerId) : undefined,
        filter.companyId ? eq(documents.companyId, filter.companyId) : undefined,
      ),
    );
}

// Payment reached the total (paid = true) or a reversal reopened it (paid = false: back to sent if
// it was e-mailed, else issued). Audited like any status change; a cancelled invoice is left alone.
export async function markInvoicePaid(ctx: Ctx, id: string, paid: boolean): Promise<boolean> {
  const where = and(eq(documents.workspaceId, ctx.workspaceId), eq(documents.id, id));
  const [row] = await ctx.tx
    .select({ status: documents.status, dealId: documents.dealId })
    .from(documents)
    .where(where)
    .for('update');
  if (!row) return false;
  let status: string;
  if (paid) {
    if (!OPEN.includes(row.status)) return false;
    status = 'paid';
  } else {
    if (row.status !== 'paid') return false;
    const [sent] = await ctx.tx
      .select({ id: documentSends.id })
      .from(documentSends)
      .where(and(eq(documentSends.workspaceId, ctx.workspaceId), eq(documentSends.documentId, id)))
      .limit(1);
    status = sent ? 'sent' : 'issued';
  }
  await ctx.tx.update(documents).set({ status, updatedAt: new Date() }).where(where);
  await recordAudit(ctx, {
    action: 'document.status_changed',
    entity: 'documents',
    entityId: id,
    before: { status: row.status },
    after: { status, by: 'payments' },
  });
  if (status === 'paid') await invoiceEvent(ctx, 'paid', { id, dealId: row.dealId });
  return true;
}
