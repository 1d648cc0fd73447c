import type { DocumentTemplate, DocumentType } from '@voronka/contract';
import { and, desc, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { guardZip } from '../../platform/files/zip-guard.js';
import { fileLimits } from '../../platform/files/limits.js';
import { newId } from '../../platform/ids.js';
import { TemplateError, validateDocxTemplate } from '../print/service.js';
import { findLegalEntityRow } from './legal-entities.js';
import { documents, documentTemplates } from './tables.js';

export const TEMPLATE_LIMIT = 10 * 1024 * 1024;
// A template is a few pages of text: what it may unpack into is far below an import's limits.
const UNPACKED_LIMIT = 30 * 1024 * 1024;

// Checked before anything is stored, outside the transaction: the size, the archive (entries,
// declared and actual inflated sizes: a zip bomb stops here), then the print module's parse (broken
// XML, placeholders it does not know). Every refusal names the field.
export async function checkTemplateFile(content: Buffer): Promise<{ placeholders: string[] }> {
  if (content.length > TEMPLATE_LIMIT)
    throw new DomainError('file.too_large', 'the template is over the limit of 10 MiB', {
      field: 'file',
    });
  await guardZip(content, {
    ...fileLimits(),
    maxUncompressedBytes: Math.min(UNPACKED_LIMIT, fileLimits().maxUncompressedBytes),
    maxArchiveEntries: 500,
  }).catch((err: unknown) => {
    if (err instanceof DomainError) throw err;
    // The ZIP readers' own errors (no central directory, a truncated entry): not a DOCX.
    throw new DomainError('file.archive_invalid', 'the file is not a readable DOCX (ZIP) archive', {
      field: 'file',
    });
  });
  try {
    return validateDocxTemplate(content);
  } catch (err) {
    if (err instanceof TemplateError)
      throw new DomainError('document_template.invalid', `${err.field}: ${err.reason}`, {
        field: err.field,
      });
    throw err;
  }
}

type Row = typeof documentTemplates.$inferSelect;
const toTemplate = (r: Omit<Row, 'content' | 'workspaceId'>): DocumentTemplate => ({
  id: r.id,
  name: r.name,
  type: (r.type ?? null) as DocumentType | null,
  legalEntityId: r.legalEntityId,
  size: r.size,
  placeholders: r.placeholders,
  createdAt: r.createdAt.toISOString(),
});

const columns = {
  id: documentTemplates.id,
  name: documentTemplates.name,
  type: documentTemplates.type,
  legalEntityId: documentTemplates.legalEntityId,
  size: documentTemplates.size,
  placeholders: documentTemplates.placeholders,
  createdAt: documentTemplates.createdAt,
};

export async function listTemplates(ctx: Ctx): Promise<{ items: DocumentTemplate[] }> {
  const rows = await ctx.tx
    .select(columns)
    .from(documentTemplates)
    .where(eq(documentTemplates.workspaceId, ctx.workspaceId))
    .orderBy(desc(documentTemplates.createdAt));
  return { items: rows.map(toTemplate) };
}

export async function createTemplate(
  ctx: Ctx,
  meta: { name: string; type?: DocumentType | undefined; legalEntityId?: string | undefined },
  content: Buffer,
  placeholders: string[],
): Promise<DocumentTemplate> {
  if (meta.legalEntityId) await findLegalEntityRow(ctx, meta.legalEntityId, 'legalEntityId');
  const [row] = await ctx.tx
    .insert(documentTemplates)
    .values({
      workspaceId: ctx.workspaceId,
      id: newId(),
      name: meta.name,
      type: meta.type ?? null,
      legalEntityId: meta.legalEntityId ?? null,
      size: content.length,
      placeholders,
      content,
    })
    .returning(columns);
  const t = toTemplate(row!);
  await recordAudit(ctx, {
    action: 'document_template.created',
    entity: 'legal_entities',
    entityId: t.id,
    after: t,
  });
  return t;
}

const byId = (ctx: Ctx, id: string) =>
  and(eq(documentTemplates.workspaceId, ctx.workspaceId), eq(documentTemplates.id, id));

export async function getTemplateFile(
  ctx: Ctx,
  id: string,
): Promise<{ name: string; content: Buffer }> {
  const [row] = await ctx.tx.select().from(documentTemplates).where(byId(ctx, id));
  if (!row) throw notFound('document_template.not_found', 'document template');
  return { name: row.name, content: row.content };
}

// Drafts that chose it fall back to the built-in layout; issued documents keep their snapshot
// (and render it with the layout from then on).
export async function deleteTemplate(ctx: Ctx, id: string): Promise<void> {
  const [row] = await ctx.tx.select(columns).from(documentTemplates).where(byId(ctx, id));
  if (!row) throw notFound('document_template.not_found', 'document template');
  await ctx.tx
    .update(documents)
    .set({ templateId: null })
    .where(and(eq(documents.workspaceId, ctx.workspaceId), eq(documents.templateId, id)));
  await ctx.tx.delete(documentTemplates).where(byId(ctx, id));
  await recordAudit(ctx, {
    action: 'document_template.deleted',
    entity: 'legal_entities',
    entityId: id,
    before: toTemplate(row),
  });
}
