import type { CallList, CallListItem, CallListNext } from '@voronka/contract';
import { and, asc, count, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { callListItems, callLists } from './tables.js';

// Call lists (обзвон): made from a selection, a search, a segment or a file (create.ts, import.ts)
// of contacts with phones, one item per contact (its first phone), assigned to managers. A manager
// walks the list in call mode: "next" hands them the next client nobody holds (FOR UPDATE SKIP
// LOCKED: two managers never get the same one), the outcome closes the item (outcome.ts).

export const MAX_ITEMS = 5000;
export type ListRow = typeof callLists.$inferSelect;
type ItemRow = typeof callListItems.$inferSelect;

export const me = (ctx: Ctx) => ctx.actor.memberId ?? '';
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toItem = (r: ItemRow): CallListItem => ({
  id: r.id,
  callListId: r.callListId,
  contactId: r.contactId,
  companyId: r.companyId,
  name: r.name,
  phone: r.phone,
  assigneeId: r.assigneeId,
  outcome: r.outcome,
  reason: r.reason,
  note: r.note,
  callBackAt: iso(r.callBackAt),
  taskId: r.taskId,
  leadId: r.leadId,
  scriptPath: r.scriptPath ?? null,
  doneAt: iso(r.doneAt),
});

export async function progress(ctx: Ctx, listId: string) {
  const [row] = await ctx.tx
    .select({
      total: count(),
      done: sql<number>`count(${callListItems.doneAt})::int`,
    })
    .from(callListItems)
    .where(
      and(eq(callListItems.workspaceId, ctx.workspaceId), eq(callListItems.callListId, listId)),
    );
  return { total: Number(row?.total ?? 0), done: Number(row?.done ?? 0) };
}

export const toList = (r: ListRow, p: { total: number; done: number }): CallList => ({
  id: r.id,
  name: r.name,
  managerIds: r.managerIds,
  script: r.script,
  source: r.source?.kind ?? null,
  total: p.total,
  done: p.done,
  excludedDoNotCall: r.excludedDoNotCall,
  createdAt: r.createdAt.toISOString(),
});

// Whoever may read every list (changes contacts: a head, an admin) or a manager of the list.
export const managesLists = (ctx: Ctx) =>
  !ctx.actor.permissions || ctx.actor.permissions.contacts.visibility === 'all';

export async function findList(ctx: Ctx, id: string): Promise<ListRow> {
  const [row] = await ctx.tx
    .select()
    .from(callLists)
    .where(and(eq(callLists.workspaceId, ctx.workspaceId), eq(callLists.id, id)));
  if (!row || (!managesLists(ctx) && !row.managerIds.includes(me(ctx))))
    throw new DomainError('call_list.not_found', 'call list not found');
  return row;
}

export async function listCallLists(ctx: Ctx): Promise<CallList[]> {
  const rows = await ctx.tx
    .select()
    .from(callLists)
    .where(
      and(
        eq(callLists.workspaceId, ctx.workspaceId),
        managesLists(ctx)
          ? undefined
          : sql`${callLists.managerIds} @> ${JSON.stringify([me(ctx)])}::jsonb`,
      ),
    )
    .orderBy(desc(callLists.id))
    .limit(200);
  return Promise.all(rows.map(async (r) => toList(r, await progress(ctx, r.id))));
}

export async function getCallList(ctx: Ctx, id: string): Promise<CallList> {
  const row = await findList(ctx, id);
  return toList(row, await progress(ctx, id));
}

export async function deleteCallList(ctx: Ctx, id: string): Promise<void> {
  await findList(ctx, id);
  if (!managesLists(ctx))
    throw new DomainError('auth.forbidden', 'only whoever manages the lists deletes one');
  await ctx.tx
    .delete(callListItems)
    .where(and(eq(callListItems.workspaceId, ctx.workspaceId), eq(callListItems.callListId, id)));
  await ctx.tx
    .delete(callLists)
    .where(and(eq(callLists.workspaceId, ctx.workspaceId), eq(callLists.id, id)));
}

export async function listItems(ctx: Ctx, listId: string): Promise<CallListItem[]> {
  await findList(ctx, listId);
  const rows = await ctx.tx
    .select()
    .from(callListItems)
    .where(
      and(eq(callListItems.workspaceId, ctx.workspaceId), eq(callListItems.callListId, listId)),
    )
    .orderBy(asc(callListItems.position))
    .limit(MAX_ITEMS);
  return rows.map(toItem);
}

// The caller's current client: the one they hold and have not closed; else the next nobody holds
// (or whose holder left it for more than an hour), claimed for them.
export async function nextItem(ctx: Ctx, listId: string): Promise<CallListNext> {
  const list = await findList(ctx, listId);
  if (!list.managerIds.includes(me(ctx)))
    throw new DomainError('auth.forbidden', 'you are not a manager of this call list');
  const base = and(
    eq(callListItems.workspaceId, ctx.workspaceId),
    eq(callListItems.callListId, listId),
    isNull(callListItems.doneAt),
  );
  const [held] = await ctx.tx
    .select()
    .from(callListItems)
    .where(and(base, eq(callListItems.assigneeId, me(ctx))))
    .orderBy(asc(callListItems.position))
    .limit(1);
  let item = held;
  if (!item) {
    const [free] = await ctx.tx
      .select()
      .from(callListItems)
      .where(
        and(
          base,
          or(
            isNull(callListItems.assigneeId),
            sql`${callListItems.claimedAt} < now() - interval '1 hour'`,
          ),
        ),
      )
      .orderBy(asc(callListItems.position))
      .limit(1)
      .for('update', { skipLocked: true });
    if (free) {
      const [claimed] = await ctx.tx
        .update(callListItems)
        .set({ assigneeId: me(ctx), claimedAt: new Date() })
        .where(and(eq(callListItems.workspaceId, ctx.workspaceId), eq(callListItems.id, free.id)))
        .returning();
      item = claimed;
    }
  }
  return { item: item ? toItem(item) : null, ...(await progress(ctx, listId)) };
}

// The item a click-to-call names (call mode): it must be the caller's.
export async function itemForCall(ctx: Ctx, itemId: string): Promise<ItemRow> {
  const [row] = await ctx.tx
    .select()
    .from(callListItems)
    .where(and(eq(callListItems.workspaceId, ctx.workspaceId), eq(callListItems.id, itemId)));
  if (!row) throw new DomainError('call_list_item.not_found', 'call list item not found');
  if (row.assigneeId !== me(ctx))
    throw new DomainError('call_list_item.not_yours', 'this client is handed to someone else');
  return row;
}
