import {
  CompanyListRequest,
  ContactListRequest,
  type CallList,
  type CallListCreateBody,
  type CallListUpdateBody,
  type CallScriptBranches,
} from '@voronka/contract';
import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/rls.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as clients from '../clients/service.js';
import * as fields from '../fields/service.js';
import * as workspaces from '../workspaces/service.js';
import { blockedPhones } from './do-not-call.js';
import { findList, managesLists, MAX_ITEMS, me, progress, toList } from './lists.js';
import { callListItems, callLists, type CallListSource } from './tables.js';

// Making and changing a call list: from a selection, a search or a segment (a saved view), every
// candidate's number checked against the do-not-call list; the head edits the script.

export type Candidate = {
  contactId: string | null;
  companyId: string | null;
  name: string;
  phone: string;
};

async function contactsWhere(
  ctx: Ctx,
  q: Omit<ContactListRequest, 'limit'>,
  out: Map<string, Candidate>,
) {
  let cursor: string | undefined;
  do {
    const page = await clients.listContacts(ctx, { ...q, limit: 200, cursor });
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
  if (!body.contactIds?.length && !body.companyIds?.length && !body.search && !body.viewId)
    throw new DomainError('request.invalid', 'contactIds: choose clients, a search or a segment', {
      field: 'contactIds',
    });
  await assertManagers(ctx, body.managerIds);
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
  if (body.viewId) await fromSegment(ctx, body.viewId, found);
  if (!found.size)
    throw new DomainError('request.invalid', 'contactIds: none of these clients has a phone', {
      field: 'contactIds',
    });
  const kind: CallListSource['kind'] = body.viewId
    ? 'view'
    : body.search && !body.contactIds?.length && !body.companyIds?.length
      ? 'search'
      : 'selection';
  return saveList(
    ctx,
    {
      name: body.name,
      managerIds: body.managerIds,
      script: body.script,
      source: { kind, ...(body.viewId ? { viewId: body.viewId } : {}) },
    },
    [...found.values()],
  );
}

export async function assertManagers(ctx: Ctx, ids: string[]) {
  for (const [i, id] of ids.entries())
    await workspaces.getUser(ctx, id).catch(() => {
      throw new DomainError('user.not_found', `managerIds.${i}: no such member`, {
        field: `managerIds.${i}`,
      });
    });
}

// A segment: one of my saved views of contacts or companies, read with the list's own filters
// (a company stands for its contacts).
async function fromSegment(ctx: Ctx, viewId: string, out: Map<string, Candidate>) {
  const view = (await fields.listViews(ctx, {})).items.find((v) => v.id === viewId);
  if (!view || (view.entity !== 'contacts' && view.entity !== 'companies'))
    throw new DomainError('request.invalid', 'viewId: no saved view of contacts or companies', {
      field: 'viewId',
    });
  const { limit: _l, cursor: _c, ...query } = view.query;
  const schema = view.entity === 'contacts' ? ContactListRequest : CompanyListRequest;
  const parsed = schema.safeParse({ ...query, limit: 200 });
  if (!parsed.success)
    throw new DomainError('request.invalid', 'viewId: the saved view has filters we cannot read', {
      field: 'viewId',
    });
  const { limit: _, ...filters } = parsed.data as ContactListRequest & CompanyListRequest;
  if (view.entity === 'contacts') return contactsWhere(ctx, filters, out);
  let cursor: string | undefined;
  do {
    const page = await clients.listCompanies(ctx, { ...filters, limit: 200, cursor });
    for (const co of page.items) await contactsWhere(ctx, { companyId: co.id }, out);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && out.size < MAX_ITEMS);
}

// Stores the list and its items, leaving out the numbers on the do-not-call list (counted).
export async function saveList(
  ctx: Ctx,
  meta: {
    name: string;
    managerIds: string[];
    script: CallListCreateBody['script'];
    source: CallListSource;
  },
  candidates: Candidate[],
): Promise<CallList> {
  const blocked = await blockedPhones(
    ctx,
    candidates.map((c) => c.phone),
  );
  const kept = candidates.filter((c) => !blocked.has(c.phone));
  const id = newId();
  const [row] = await ctx.tx
    .insert(callLists)
    .values({
      workspaceId: ctx.workspaceId,
      id,
      name: meta.name,
      managerIds: [...new Set(meta.managerIds)],
      script: meta.script,
      source: meta.source,
      excludedDoNotCall: candidates.length - kept.length,
      createdBy: me(ctx),
    })
    .returning();
  const items = kept.map((c, i) => ({
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

// The head edits the name, the managers and the script (steps and branches) of a list.
export async function updateCallList(
  ctx: Ctx,
  id: string,
  body: CallListUpdateBody,
): Promise<CallList> {
  await findList(ctx, id);
  if (!managesLists(ctx))
    throw new DomainError('auth.forbidden', 'only whoever manages the lists changes one');
  if (body.managerIds) await assertManagers(ctx, body.managerIds);
  const [row] = await ctx.tx
    .update(callLists)
    .set({
      ...(body.name ? { name: body.name } : {}),
      ...(body.managerIds ? { managerIds: [...new Set(body.managerIds)] } : {}),
      ...(body.script ? { script: body.script } : {}),
    })
    .where(and(eq(callLists.workspaceId, ctx.workspaceId), eq(callLists.id, id)))
    .returning();
  return toList(row!, await progress(ctx, id));
}

// Which answer was taken at each step, over the list's recorded calls.
export async function scriptBranches(ctx: Ctx, id: string): Promise<CallScriptBranches> {
  await findList(ctx, id);
  const rows = rowsOf<{ step_id: string; answer: string; n: number }>(
    await ctx.tx.execute(sql`
    select p->>'stepId' as step_id, p->>'answer' as answer, count(*)::int as n
    from ${callListItems}, jsonb_array_elements(coalesce(${callListItems.scriptPath}, '[]'::jsonb)) p
    where ${callListItems.workspaceId} = ${ctx.workspaceId} and ${callListItems.callListId} = ${id}
    group by 1, 2 order by 1, 3 desc, 2`),
  );
  return {
    items: rows.map((r) => ({ stepId: r.step_id, answer: r.answer, count: Number(r.n) })),
  };
}
