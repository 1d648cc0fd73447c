import type {
  CallList,
  CallListCreateBody,
  CallListItem,
  CallListNext,
  CallOutcomeBody,
} from '@voronka/contract';
import { and, asc, count, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as activities from '../activities/service.js';
import * as clients from '../clients/service.js';
import * as leads from '../leads/service.js';
import * as workspaces from '../workspaces/service.js';
import { callListItems, callLists } from './tables.js';

// Call lists (обзвон): made from a selection and/or a search of contacts (a company stands for its
// contacts) with phones, one item per contact (its first phone), assigned to managers. A manager
// walks the list in call mode: "next" hands them the next client nobody holds (FOR UPDATE SKIP
// LOCKED: two managers never get the same one), the outcome closes the item; "call back at…"
// creates a call task for the manager, "interested" a request assigned to them.

const MAX_ITEMS = 5000;
type ListRow = typeof callLists.$inferSelect;
type ItemRow = typeof callListItems.$inferSelect;

const me = (ctx: Ctx) => ctx.actor.memberId ?? '';
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
  doneAt: iso(r.doneAt),
});

async function progress(ctx: Ctx, listId: string) {
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

const toList = (r: ListRow, p: { total: number; done: number }): CallList => ({
  id: r.id,
  name: r.name,
  managerIds: r.managerIds,
  script: r.script,
  total: p.total,
  done: p.done,
  createdAt: r.createdAt.toISOString(),
});

// Whoever may read every list (changes contacts: a head, an admin) or a manager of the list.
const managesLists = (ctx: Ctx) =>
  !ctx.actor.permissions || ctx.actor.permissions.contacts.visibility === 'all';

async function findList(ctx: Ctx, id: string): Promise<ListRow> {
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

type Candidate = { contactId: string; companyId: string | null; name: string; phone: string };

async function contactsWhere(
  ctx: Ctx,
  q: { q?: string; companyId?: string },
  out: Map<string, Candidate>,
) {
  let cursor: string | undefined;
  do {
    const page = await clients.listContacts(ctx, { limit: 200, cursor, ...q });
    for (const c of page.items) addContact(c, out);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && out.size < MAX_ITEMS);
}

function addContact(
  c: { id: string; companyId: string | null; fullName: string; phones: { number: string }[] },
  out: Map<string, Candidate>,
) {
  const phone = c.phones[0]?.number;
  if (phone && !out.has(c.id) && out.size < MAX_ITEMS)
    out.set(c.id, { contactId: c.id, companyId: c.companyId, name: c.fullName, phone });
}

export async function createCallList(ctx: Ctx, body: CallListCreateBody): Promise<CallList> {
  if (!body.contactIds?.length && !body.companyIds?.length && !body.search)
    throw new DomainError('request.invalid', 'contactIds: choose clients or give a search', {
      field: 'contactIds',
    });
  for (const [i, id] of body.managerIds.entries())
    await workspaces.getUser(ctx, id).catch(() => {
      throw new DomainError('user.not_found', `managerIds.${i}: no such member`, {
        field: `managerIds.${i}`,
      });
    });
  const found = new Map<string, Candidate>();
  for (const [i, id] of (body.contactIds ?? []).entries()) {
    const c = await clients.getContact(ctx, id).catch(() => {
      throw new DomainError('request.invalid', `contactIds.${i}: no such contact`, {
        field: `contactIds.${i}`,
      });
    });
    addContact(c, found);
  }
  for (const [i, id] of (body.companyIds ?? []).entries()) {
    await clients.assertCompany(ctx, id).catch(() => {
      throw new DomainError('request.invalid', `companyIds.${i}: no such company`, {
        field: `companyIds.${i}`,
      });
    });
    await contactsWhere(ctx, { companyId: id }, found);
  }
  if (body.search) await contactsWhere(ctx, { q: body.search }, found);
  if (!found.size)
    throw new DomainError('request.invalid', 'contactIds: none of these clients has a phone', {
      field: 'contactIds',
    });
  const id = newId();
  const [row] = await ctx.tx
    .insert(callLists)
    .values({
      workspaceId: ctx.workspaceId,
      id,
      name: body.name,
      managerIds: [...new Set(body.managerIds)],
      script: body.script,
      createdBy: me(ctx),
    })
    .returning();
  const items = [...found.values()].map((c, i) => ({
    workspaceId: ctx.workspaceId,
    id: newId(),
    callListId: id,
    position: String(i).padStart(6, '0'),
    contactId: c.contactId,
    companyId: c.companyId,
    name: c.name,
    phone: c.phone,
  }));
  for (let i = 0; i < items.length; i += 500)
    await ctx.tx.insert(callListItems).values(items.slice(i, i + 500));
  return toList(row!, { total: items.length, done: 0 });
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

export async function recordOutcome(
  ctx: Ctx,
  listId: string,
  itemId: string,
  body: CallOutcomeBody,
): Promise<CallListItem> {
  const list = await findList(ctx, listId);
  const [row] = await ctx.tx
    .select()
    .from(callListItems)
    .where(
      and(
        eq(callListItems.workspaceId, ctx.workspaceId),
        eq(callListItems.callListId, listId),
        eq(callListItems.id, itemId),
      ),
    )
    .for('update');
  if (!row) throw new DomainError('call_list_item.not_found', 'call list item not found');
  if (row.assigneeId !== me(ctx) || row.doneAt)
    throw new DomainError(
      'call_list_item.not_yours',
      row.doneAt
        ? 'the outcome of this call is already recorded'
        : 'this client is handed to someone else',
    );
  const ru = (await workspaces.getWorkspace(ctx)).locale !== 'en';
  let taskId: string | null = null;
  let leadId: string | null = null;
  if (body.outcome === 'call_back') {
    // The list shares the client's name and number with its managers; the task links the contact
    // and company only where the manager may see them.
    const seen = await workspaces.visibleIds(ctx, 'contacts', [row.contactId]);
    const seenCompany = await workspaces.visibleIds(ctx, 'companies', [row.companyId]);
    const task = await activities.createTask(ctx, {
      kind: 'call',
      title: `${ru ? 'Перезвонить' : 'Call back'}: ${row.name} (${list.name})`.slice(0, 300),
      description: body.note ?? null,
      dueAt: body.callBackAt!,
      remindAt: body.callBackAt!,
      ownerId: me(ctx),
      contactId: row.contactId && seen.has(row.contactId) ? row.contactId : null,
      companyId: row.companyId && seenCompany.has(row.companyId) ? row.companyId : null,
    });
    taskId = task.id;
  }
  if (body.outcome === 'interested') {
    const lead = await leads.createLead(ctx, {
      channel: 'phone',
      source: `${ru ? 'Обзвон' : 'Call list'}: ${list.name}`.slice(0, 200),
      title: `${ru ? 'Интерес на обзвоне' : 'Interested on a call'}: ${row.name}`.slice(0, 300),
      message: body.note ?? null,
      contactName: row.name.slice(0, 200),
      contactPhone: row.phone,
      assigneeId: me(ctx),
    });
    leadId = lead.id;
  }
  if (row.contactId)
    await activities.writeActivity(ctx, {
      kind: 'note',
      contactId: row.contactId,
      companyId: row.companyId,
      leadId,
      body: [outcomeText(body, ru), body.reason, body.note].filter(Boolean).join(' — '),
      data: { callListId: listId, callListItemId: row.id, outcome: body.outcome },
    });
  const [done] = await ctx.tx
    .update(callListItems)
    .set({
      outcome: body.outcome,
      reason: body.reason ?? null,
      note: body.note ?? null,
      callBackAt: body.callBackAt ? new Date(body.callBackAt) : null,
      taskId,
      leadId,
      doneAt: new Date(),
    })
    .where(and(eq(callListItems.workspaceId, ctx.workspaceId), eq(callListItems.id, row.id)))
    .returning();
  return toItem(done!);
}

function outcomeText(b: CallOutcomeBody, ru: boolean): string {
  const when = b.callBackAt
    ? new Date(b.callBackAt).toISOString().slice(0, 16).replace('T', ' ')
    : '';
  switch (b.outcome) {
    case 'no_answer':
      return ru ? 'Обзвон: нет ответа' : 'Call list: no answer';
    case 'call_back':
      return ru ? `Обзвон: перезвонить ${when}` : `Call list: call back ${when}`;
    case 'not_interested':
      return ru ? 'Обзвон: не интересно' : 'Call list: not interested';
    case 'interested':
      return ru ? 'Обзвон: интересно, создана заявка' : 'Call list: interested, request created';
    case 'wrong_number':
      return ru ? 'Обзвон: неверный номер' : 'Call list: wrong number';
  }
}
