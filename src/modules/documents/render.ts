import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type { Sealer } from '../../platform/crypto.js';
import { DomainError } from '../../platform/errors.js';
import { fillDocxTemplate, type DocumentSnapshot, type RenderAssets } from '../print/service.js';
import { findDocumentRow, type DocumentRow } from './documents.js';
import { renderAssets } from './images.js';
import { buildSnapshot } from './issue.js';
import { documentTemplates } from './tables.js';

export type RenderInput = {
  snapshot: DocumentSnapshot;
  assets: RenderAssets;
  template: Buffer | null;
  fileBase: string;
};

const FILE_NAMES: Record<string, string> = {
  quote: 'КП',
  invoice: 'Счёт',
  act: 'Акт',
  torg12: 'ТОРГ-12',
  upd: 'УПД',
  contract: 'Договор',
};

// Everything a rendering needs, read in one transaction; the rendering itself runs after it (a
// PDF takes a moment, and on PGlite a held transaction stalls every other request).
// An issued document renders from its stored snapshot; a draft from a snapshot built now.
export async function loadForRender(ctx: Ctx, id: string): Promise<RenderInput> {
  const row = await findDocumentRow(ctx, id);
  return renderInputOf(ctx, row);
}

export async function renderInputOf(ctx: Ctx, row: DocumentRow): Promise<RenderInput> {
  const snapshot = row.snapshot ?? (await buildSnapshot(ctx, row, ''));
  let template: Buffer | null = null;
  if (row.templateId) {
    const [t] = await ctx.tx
      .select({ content: documentTemplates.content })
      .from(documentTemplates)
      .where(
        and(
          eq(documentTemplates.workspaceId, ctx.workspaceId),
          eq(documentTemplates.id, row.templateId),
        ),
      );
    template = t?.content ?? null;
  }
  const name = `${FILE_NAMES[row.type] ?? row.type}${snapshot.number ? ` № ${snapshot.number}` : ''} от ${row.date}`;
  return { snapshot, assets: await renderAssets(ctx, row.legalEntityId), template, fileBase: name };
}

export function docxOf(input: RenderInput): Buffer {
  if (!input.template)
    throw new DomainError(
      'document_template.not_found',
      'the document uses a built-in layout: choose a DOCX template to get a DOCX',
      { field: 'templateId' },
    );
  return fillDocxTemplate(input.template, input.snapshot);
}

// A link for the client's copy of the PDF: the workspace, the document and an expiry, sealed with
// the instance secret (AES-GCM: nobody without the secret makes or alters one).
export const LINK_DAYS = 14;
export function signDocumentLink(
  sealer: Sealer,
  workspaceId: string,
  documentId: string,
  now = Date.now(),
): string {
  const exp = now + LINK_DAYS * 24 * 3600 * 1000;
  return sealer.seal(JSON.stringify({ k: 'doc', w: workspaceId, d: documentId, e: exp }));
}

export function openDocumentLink(
  sealer: Sealer,
  documentId: string,
  token: string,
  now = Date.now(),
): { workspaceId: string } {
  let claim: { k?: string; w?: string; d?: string; e?: number };
  try {
    claim = JSON.parse(sealer.open(token));
  } catch {
    throw new DomainError('document.link_invalid', 'the link is not valid', { field: 'token' });
  }
  if (claim.k !== 'doc' || claim.d !== documentId || !claim.w)
    throw new DomainError('document.link_invalid', 'the link is not valid', { field: 'token' });
  if (!claim.e || claim.e < now)
    throw new DomainError('document.link_invalid', 'the link has expired', { field: 'token' });
  return { workspaceId: claim.w };
}
