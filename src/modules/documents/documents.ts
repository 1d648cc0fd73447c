import type {
  Document,
  DocumentCreateBody,
  DocumentListRequest,
  DocumentUpdateBody,
  Page,
} from '@voronka/contract';
import { and, desc, eq, gte, lte, lt, or, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { emitDomainEvent } from '../../platform/events/events.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { getCompany } from '../clients/service.js';
import { getDeal } from '../pipeline/service.js';
import { visibleTo } from '../workspaces/service.js';
import { findLegalEntityRow } from './legal-entities.js';
import { linesForDeal, moneyOf } from './lines.js';
import { documentTemplates, documents, legalEntities } from './tables.js';

export type DocumentRow = typeof documents.$inferSelect;

const today = () => new Date().toISOString().slice(0, 10);

// A link in a body that names nothing the caller sees is a 404 naming the field.
async function withField<T>(field: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DomainError && err.code.endsWith('not_found') && !err.field)
      throw new DomainError(err.code, err.message, { field });
    throw err;
  }
}

export const documentScope = (ctx: Ctx) =>
  and(eq(documents.workspaceId, ctx.workspaceId), visibleTo(ctx, 'documents', documents.ownerId));

export async function findDocumentRow(ctx: Ctx, id: string, forUpdate = false) {
  const q = ctx.tx
    .select()
    .from(documents)
    .where(and(documentScope(ctx), eq(documents.id, id)));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound('document.not_found', 'document');
  return row;
}

async function toDocuments(ctx: Ctx, rows: DocumentRow[]): Promise<Document[]> {
  const entities = new Map(
    (
      await ctx.tx
        .select({ id: legalEntities.id, name: legalEntities.name })
        .from(legalEntities)
        .where(eq(legalEntities.workspaceId, ctx.workspaceId))
    ).map((e) => [e.id, e.name]),
  );
  return rows.map((r) => ({
    id: r.id,
    type: r.type as Document['type'],
    status: r.status as Document['status'],
    legalEntityId: r.legalEntityId,
    legalEntityName: r.snapshot?.seller.name ?? entities.get(r.legalEntityId) ?? '',
    dealId: r.dealId,
    companyId: r.companyId,
    buyerName: r.snapshot?.buyer.name ?? r.buyerName,
    templateId: r.templateId,
    number: r.number === null ? null : (r.snapshot?.number ?? String(r.number)),
    date: r.date,
    dueDate: r.dueDate,
    vatMode: r.vatMode,
    updStatus: (r.updStatus ?? null) as Document['updStatus'],
    basis: r.basis,
    notes: r.notes,
    bankAccountIndex: r.bankAccountIndex,
    lines: r.lines,
    totalKopecks: r.totalKopecks,
    ownerId: r.ownerId,
    issuedAt: r.issuedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

export async function getDocument(ctx: Ctx, id: string): Promise<Document> {
  return (await toDocuments(ctx, [await findDocumentRow(ctx, id)]))[0]!;
}

const cursorOf = (r: DocumentRow) => Buffer.from(`${r.date}|${r.id}`).toString('base64url');

export async function listDocuments(ctx: Ctx, q: DocumentListRequest): Promise<Page<Document>> {
  const filters: (SQL | undefined)[] = [
    documentScope(ctx),
    q.type ? eq(documents.type, q.type) : undefined,
    q.status ? eq(documents.status, q.status) : undefined,
    q.legalEntityId ? eq(documents.legalEntityId, q.legalEntityId) : undefined,
    q.dealId ? eq(documents.dealId, q.dealId) : undefined,
    q.companyId ? eq(documents.companyId, q.companyId) : undefined,
    q.from ? gte(documents.date, q.from) : undefined,
    q.to ? lte(documents.date, q.to) : undefined,
  ];
  if (q.cursor) {
    const [date, id] = Buffer.from(q.cursor, 'base64url').toString().split('|');
    if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !id || !/^[\da-f-]{36}$/.test(id))
      throw new DomainError('request.invalid', 'the cursor is not one this list gave', {
        field: 'cursor',
      });
    filters.push(or(lt(documents.date, date), and(eq(documents.date, date), lt(documents.id, id))));
  }
  const rows = await ctx.tx
    .select()
    .from(documents)
    .where(and(...filters))
    .orderBy(desc(documents.date), desc(documents.id))
    .limit(q.limit + 1);
  const items = rows.slice(0, q.limit);
  return {
    items: await toDocuments(ctx, items),
    nextCursor: rows.length > q.limit ? cursorOf(items.at(-1)!) : null,
  };
}

async function checkTemplate(ctx: Ctx, templateId: string | null | undefined) {
  if (!templateId) return;
  const [t] = await ctx.tx
    .select({ id: documentTemplates.id })
    .from(documentTemplates)
    .where(
      and(eq(documentTemplates.workspaceId, ctx.workspaceId), eq(documentTemplates.id, templateId)),
    );
  if (!t)
    throw new DomainError('document_template.not_found', 'document template not found', {
      field: 'templateId',
    });
}

// A draft's lines were written: told to whoever listens (calculator's discount control asks for
// approval of a discount beyond the actor's limit), in this transaction.
const linesSaved = (ctx: Ctx, id: string, dealId: string | null) =>
  emitDomainEvent(ctx, {
    type: 'document.lines_saved',
    key: newId(),
    entity: 'document',
    id,
    dealId,
  });

export async function createDocument(ctx: Ctx, body: DocumentCreateBody): Promise<Document> {
  const entity = await findLegalEntityRow(ctx, body.legalEntityId, 'legalEntityId');
  const deal = body.dealId ? await withField('dealId', () => getDeal(ctx, body.dealId!)) : null;
  const companyId = body.companyId ?? deal?.companyId ?? null;
  const company = companyId ? await withField('companyId', () => getCompany(ctx, companyId)) : null;
  await checkTemplate(ctx, body.templateId);
  const date = body.date ?? today();
  const fromDeal =
    !body.lines && deal ? await linesForDeal(ctx, deal.id, entity.vatPayer, date) : null;
  const lines = body.lines ?? fromDeal?.lines ?? [];
  const vatMode = body.vatMode ?? fromDeal?.vatMode ?? 'included';
  const money = moneyOf(lines, vatMode);
  const [row] = await ctx.tx
    .insert(documents)
    .values({
      workspaceId: ctx.workspaceId,
      id: newId(),
      type: body.type,
      legalEntityId: entity.id,
      dealId: deal?.id ?? null,
      companyId: company?.id ?? null,
      buyerName: company?.name ?? null,
      templateId: body.templateId ?? null,
      bankAccountIndex: body.bankAccountIndex ?? 0,
      date,
      dueDate: body.dueDate ?? null,
      vatMode,
      updStatus: body.type === 'upd' ? (body.updStatus ?? 1) : null,
      basis: body.basis ?? null,
      notes: body.notes ?? null,
      lines,
      totalKopecks: money.totalKopecks,
      ownerId: ctx.actor.memberId,
    })
    .returning();
  const doc = (await toDocuments(ctx, [row!]))[0]!;
  await recordAudit(ctx, {
    action: 'document.created',
    entity: 'documents',
    entityId: doc.id,
    after: doc,
  });
  await linesSaved(ctx, doc.id, doc.dealId);
  return doc;
}

export async function updateDocument(
  ctx: Ctx,
  id: string,
  body: DocumentUpdateBody,
): Promise<Document> {
  const row = await findDocumentRow(ctx, id, true);
  if (row.status !== 'draft')
    throw new DomainError('document.not_editable', 'an issued document is not changed');
  await checkTemplate(ctx, body.templateId);
  const lines = body.lines ?? row.lines;
  const vatMode = body.vatMode ?? row.vatMode;
  const money = moneyOf(lines, vatMode);
  const patch = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
  await ctx.tx
    .update(documents)
    .set({ ...patch, lines, vatMode, totalKopecks: money.totalKopecks, updatedAt: new Date() })
    .where(and(eq(documents.workspaceId, ctx.workspaceId), eq(documents.id, id)));
  const after = await getDocument(ctx, id);
  await recordAudit(ctx, { action: 'document.updated', entity: 'documents', entityId: id, after });
  if (body.lines) await linesSaved(ctx, id, row.dealId);
  return after;
}

// Only a draft goes away: an issued document keeps its number (cancel it instead).
export async function deleteDocument(ctx: Ctx, id: string): Promise<void> {
  const row = await findDocumentRow(ctx, id, true);
  if (row.status !== 'draft')
    throw new DomainError('document.not_editable', 'an issued document is cancelled, not deleted');
  await ctx.tx
    .delete(documents)
    .where(and(eq(documents.workspaceId, ctx.workspaceId), eq(documents.id, id)));
  await recordAudit(ctx, { action: 'document.deleted', entity: 'documents', entityId: id });
}
