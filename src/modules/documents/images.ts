import type { ImageKind } from '@voronka/contract';
import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError, notFound } from '../../platform/errors.js';
import type { RenderAssets } from '../print/service.js';
import { findLegalEntityRow } from './legal-entities.js';
import { legalEntityImages } from './tables.js';

export const IMAGE_LIMIT = 1024 * 1024;
type Mime = 'image/png' | 'image/jpeg';

// What the bytes are, whatever the upload claimed: PNG and JPEG by their signatures. Anything else
// (an SVG "logo" with a script, a GIF, HTML) is refused, so nothing a browser would run is stored.
export function sniffImage(data: Buffer): Mime | null {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (data.length > 8 && data.subarray(0, 8).equals(png)) return 'image/png';
  if (data.length > 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff)
    return 'image/jpeg';
  return null;
}

export async function putImage(
  ctx: Ctx,
  legalEntityId: string,
  kind: ImageKind,
  body: unknown,
): Promise<void> {
  // The entity first: another workspace's or a missing one is a 404 whatever the body.
  await findLegalEntityRow(ctx, legalEntityId);
  if (!Buffer.isBuffer(body))
    throw new DomainError(
      'image.unsupported_type',
      `${kind}: send the image as the body (Content-Type image/png or image/jpeg)`,
      { field: kind },
    );
  const data = body;
  if (data.length > IMAGE_LIMIT)
    throw new DomainError('file.too_large', `${kind}: the image is over the limit of 1 MiB`, {
      field: kind,
    });
  const mime = sniffImage(data);
  if (!mime)
    throw new DomainError('image.unsupported_type', `${kind}: only PNG or JPEG images`, {
      field: kind,
    });
  await ctx.tx
    .insert(legalEntityImages)
    .values({ workspaceId: ctx.workspaceId, legalEntityId, kind, mime, content: data })
    .onConflictDoUpdate({
      target: [
        legalEntityImages.workspaceId,
        legalEntityImages.legalEntityId,
        legalEntityImages.kind,
      ],
      set: { mime, content: data, createdAt: new Date() },
    });
  await recordAudit(ctx, {
    action: 'legal_entity.image_uploaded',
    entity: 'legal_entities',
    entityId: legalEntityId,
    after: { kind, mime, size: data.length },
  });
}

const byKind = (ctx: Ctx, legalEntityId: string, kind: ImageKind) =>
  and(
    eq(legalEntityImages.workspaceId, ctx.workspaceId),
    eq(legalEntityImages.legalEntityId, legalEntityId),
    eq(legalEntityImages.kind, kind),
  );

export async function getImage(
  ctx: Ctx,
  legalEntityId: string,
  kind: ImageKind,
): Promise<{ mime: Mime; data: Buffer }> {
  await findLegalEntityRow(ctx, legalEntityId);
  const [row] = await ctx.tx
    .select()
    .from(legalEntityImages)
    .where(byKind(ctx, legalEntityId, kind));
  if (!row) throw notFound('file.not_found', kind);
  return { mime: row.mime, data: row.content };
}

export async function deleteImage(ctx: Ctx, legalEntityId: string, kind: ImageKind) {
  await findLegalEntityRow(ctx, legalEntityId);
  await ctx.tx.delete(legalEntityImages).where(byKind(ctx, legalEntityId, kind));
  await recordAudit(ctx, {
    action: 'legal_entity.image_deleted',
    entity: 'legal_entities',
    entityId: legalEntityId,
    before: { kind },
  });
}

// The images a layout prints beside the snapshot.
export async function renderAssets(ctx: Ctx, legalEntityId: string): Promise<RenderAssets> {
  const rows = await ctx.tx
    .select()
    .from(legalEntityImages)
    .where(
      and(
        eq(legalEntityImages.workspaceId, ctx.workspaceId),
        eq(legalEntityImages.legalEntityId, legalEntityId),
      ),
    );
  return Object.fromEntries(rows.map((r) => [r.kind, { mime: r.mime, data: r.content }]));
}
