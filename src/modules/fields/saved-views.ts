import type { CustomEntity, SavedView, SavedViewCreateBody } from '@voronka/contract';
import { and, asc, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { savedViews } from './tables.js';

// A member's named filters per list. They belong to the member: nobody else sees or deletes them,
// whatever their role. API tokens act as their member.
const MAX_VIEWS = 100;
const NO_MEMBER = '00000000-0000-0000-0000-000000000000';
const memberOf = (ctx: Ctx) => ctx.actor.memberId ?? NO_MEMBER;

const columns = {
  id: savedViews.id,
  entity: savedViews.entity,
  name: savedViews.name,
  query: savedViews.query,
  createdAt: savedViews.createdAt,
};
type Row = {
  id: string;
  entity: CustomEntity;
  name: string;
  query: Record<string, unknown>;
  createdAt: Date;
};
const toView = (r: Row): SavedView => ({
  ...r,
  query: r.query as SavedView['query'],
  createdAt: r.createdAt.toISOString(),
});
const mine = (ctx: Ctx) =>
  and(eq(savedViews.workspaceId, ctx.workspaceId), eq(savedViews.memberId, memberOf(ctx)));

export async function listViews(
  ctx: Ctx,
  q: { entity?: CustomEntity | undefined },
): Promise<{ items: SavedView[] }> {
  const rows = await ctx.tx
    .select(columns)
    .from(savedViews)
    .where(and(mine(ctx), q.entity ? eq(savedViews.entity, q.entity) : undefined))
    .orderBy(asc(savedViews.entity), asc(savedViews.name), asc(savedViews.id))
    .limit(MAX_VIEWS);
  return { items: rows.map(toView) };
}

export async function createView(ctx: Ctx, body: SavedViewCreateBody): Promise<SavedView> {
  if (!ctx.actor.memberId)
    throw new DomainError('auth.forbidden', 'saved views belong to a member');
  const existing = await listViews(ctx, { entity: body.entity });
  if (existing.items.length >= MAX_VIEWS)
    throw new DomainError('view.limit_reached', `at most ${MAX_VIEWS} views per list`);
  if (existing.items.some((v) => v.name.toLowerCase() === body.name.toLowerCase()))
    throw new DomainError('view.name_taken', 'you already have a view with this name', {
      field: 'name',
    });
  const id = newId();
  const [row] = await ctx.tx
    .insert(savedViews)
    .values({
      workspaceId: ctx.workspaceId,
      id,
      memberId: ctx.actor.memberId,
      entity: body.entity,
      name: body.name,
      query: body.query,
    })
    .returning(columns);
  const view = toView(row!);
  await recordAudit(ctx, {
    action: 'view.created',
    entity: 'saved_views',
    entityId: id,
    after: view,
  });
  return view;
}

export async function deleteView(ctx: Ctx, id: string): Promise<void> {
  const [row] = await ctx.tx
    .delete(savedViews)
    .where(and(mine(ctx), eq(savedViews.id, id)))
    .returning(columns);
  if (!row) throw new DomainError('view.not_found', 'view not found');
  await recordAudit(ctx, {
    action: 'view.deleted',
    entity: 'saved_views',
    entityId: id,
    before: toView(row),
  });
}
