import type { Segment, SegmentCountBody, SegmentCreateBody, ViewQuery } from '@voronka/contract';
import { SegmentCountBody as CountBody, SegmentCreateBody as CreateBody } from '@voronka/contract';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as clients from '../clients/service.js';
import { segments } from './tables.js';

// A segment is the contacts list's filter saved under a name: the same query a saved view keeps
// (fields' saved views, the list's own query string), counted and walked by clients' own filter
// (clients.countContacts / contactsForMailing) — there is no second filter language.

type Row = typeof segments.$inferSelect;

// A view's query as the contacts list takes it (every value a string, as in a query string).
export function listRequestOf(query: ViewQuery) {
  const out: Record<string, unknown> = { limit: 1 };
  for (const [k, v] of Object.entries(query))
    out[k] = Array.isArray(v) ? v[0] : typeof v === 'string' ? v : String(v);
  delete out.sort;
  delete out.order;
  delete out.cursor;
  delete out.limit;
  return out as unknown as Parameters<typeof clients.countContacts>[1];
}

export const countSegment = (ctx: Ctx, query: ViewQuery) =>
  clients.countContacts(ctx, listRequestOf(query));

async function toSegment(ctx: Ctx, r: Row): Promise<Segment> {
  return {
    id: r.id,
    name: r.name,
    entity: r.entity,
    query: r.query,
    count: await countSegment(ctx, r.query),
    createdAt: r.createdAt.toISOString(),
  };
}

const live = (ctx: Ctx) =>
  and(eq(segments.workspaceId, ctx.workspaceId), isNull(segments.deletedAt));

export async function listSegments(ctx: Ctx): Promise<{ items: Segment[] }> {
  const rows = await ctx.tx.select().from(segments).where(live(ctx)).orderBy(asc(segments.name));
  return { items: await Promise.all(rows.map((r) => toSegment(ctx, r))) };
}

export async function findSegmentRow(ctx: Ctx, id: string): Promise<Row> {
  const [row] = await ctx.tx
    .select()
    .from(segments)
    .where(and(live(ctx), eq(segments.id, id)));
  if (!row) throw new DomainError('segment.not_found', 'no such segment', { field: 'segmentId' });
  return row;
}

export const getSegment = async (ctx: Ctx, id: string) =>
  toSegment(ctx, await findSegmentRow(ctx, id));

// The live count of a filter before it is saved (the wizard shows it as the filter changes).
export async function previewCount(ctx: Ctx, input: SegmentCountBody): Promise<{ count: number }> {
  const body = CountBody.parse(input);
  return { count: await countSegment(ctx, body.query) };
}

export async function createSegment(ctx: Ctx, input: SegmentCreateBody): Promise<Segment> {
  const body = CreateBody.parse(input);
  // The filter is checked by counting it: an unknown parameter answers 400 naming it.
  await countSegment(ctx, body.query);
  const [row] = await ctx.tx
    .insert(segments)
    .values({
      workspaceId: ctx.workspaceId,
      id: newId(),
      name: body.name,
      entity: body.entity,
      query: body.query,
      ownerId: ctx.actor.memberId,
    })
    .returning();
  const segment = await toSegment(ctx, row!);
  await recordAudit(ctx, {
    action: 'segment.created',
    entity: 'segments',
    entityId: row!.id,
    after: { name: body.name, query: body.query },
  });
  return segment;
}

export async function deleteSegment(ctx: Ctx, id: string): Promise<void> {
  await findSegmentRow(ctx, id);
  await ctx.tx
    .update(segments)
    .set({ deletedAt: new Date() })
    .where(and(live(ctx), eq(segments.id, id)));
  await recordAudit(ctx, { action: 'segment.deleted', entity: 'segments', entityId: id });
}
