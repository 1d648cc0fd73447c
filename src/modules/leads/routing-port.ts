import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { SubqueryWithSelection } from 'drizzle-orm/pg-core';
import type { Ctx } from '../../platform/context.js';
import { leads, type LeadChannel, type LeadStatus } from './tables.js';

// The seam between a request and its routing. Routing comes after leads in the module order and
// keeps its state in its own table (routing/tables.ts, lead_routing); this module never names that
// table or its columns. Routing installs one view of it, which the reads of requests
// join: the leads list and card, and the inbox (routingView below); routing installs it when it is
// loaded (routing/lead-state.ts). The other way, routing reads
// and writes a request's own columns only through the functions here.

type PriorityReason = { code: string; weight: number; sign: '+' | '-' };

// A request's routing as the contract shows it on a lead (a subquery over one workspace's rows,
// aliased lr, joined on leadId). Timestamps come as the driver gives them (a Date or a string).
export type RoutingOfLeads = (ctx: Ctx) => SubqueryWithSelection<
  {
    leadId: SQL.Aliased<string>;
    priorityScore: SQL.Aliased<number | null>;
    priorityReasons: SQL.Aliased<PriorityReason[]>;
    queueTeamId: SQL.Aliased<string | null>;
    firstResponseDueAt: SQL.Aliased<Date | string | null>;
    firstRespondedAt: SQL.Aliased<Date | string | null>;
    moves: SQL.Aliased<number>;
  },
  'lr'
>;

let routingOfLeads: RoutingOfLeads | null = null;

// Set by routing when it is loaded (routing/lead-state.ts).
export function useRoutingOfLeads(view: RoutingOfLeads): void {
  routingOfLeads = view;
}

export function routingOf(ctx: Ctx) {
  if (!routingOfLeads) throw new Error('leads: routing is not loaded (routing/lead-state.ts)');
  return routingOfLeads(ctx);
}

// What routing decides on: the request's own columns (its routing state is routing's).
export type LeadForRouting = {
  id: string;
  channel: LeadChannel;
  source: string | null;
  utm: Record<string, string>;
  title: string | null;
  message: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  contactId: string | null;
  companyId: string | null;
  tags: string[];
  status: LeadStatus;
  assigneeId: string | null;
  receivedAt: Date;
  custom: Record<string, unknown>;
  // The inbox conversation it was raised in (set at intake): notifications link there.
  conversationId: string | null;
};

const routingColumns = {
  id: leads.id,
  channel: leads.channel,
  source: leads.source,
  utm: leads.utm,
  title: leads.title,
  message: leads.message,
  contactPhone: leads.contactPhone,
  contactEmail: leads.contactEmail,
  contactId: leads.contactId,
  companyId: leads.companyId,
  tags: leads.tags,
  status: leads.status,
  assigneeId: leads.assigneeId,
  receivedAt: leads.receivedAt,
  custom: leads.custom,
  conversationId: leads.conversationId,
};

// The request, locked against a concurrent change for the rest of the transaction.
export async function lockLeadForRouting(ctx: Ctx, id: string): Promise<LeadForRouting | null> {
  const [row] = await ctx.tx
    .select(routingColumns)
    .from(leads)
    .where(and(eq(leads.workspaceId, ctx.workspaceId), eq(leads.id, id)))
    .for('update');
  return row ?? null;
}

// The assignee routing gives a request (the worker's transaction, which changes assignees only this
// way): the trigger that records a person's assignment as "manual" is told, by a transaction-local
// setting made in the same statement, that this one is routing's own, recorded with its reason.
export async function assignByRouting(
  ctx: Ctx,
  id: string,
  assigneeId: string | null,
): Promise<void> {
  await ctx.tx
    .update(leads)
    .set({ assigneeId, updatedAt: sql`now()` })
    .where(
      and(
        eq(leads.workspaceId, ctx.workspaceId),
        eq(leads.id, id),
        sql`set_config('voronka.routing', 'on', true) = 'on'`,
      ),
    );
}

const OPEN: LeadStatus[] = ['new', 'in_work', 'qualified'];

// The workspace's open requests (new, in work, qualified) with their status and assignee, as a
// subquery (aliased ol) routing joins its own rows to (the queue overview's overdue and queued).
export function openLeads(ctx: Ctx) {
  return ctx.tx
    .select({
      id: sql<string>`${leads.id}`.as('ol_id'),
      status: sql<LeadStatus>`${leads.status}`.as('ol_status'),
      assigneeId: sql<string | null>`${leads.assigneeId}`.as('ol_assignee'),
    })
    .from(leads)
    .where(and(eq(leads.workspaceId, ctx.workspaceId), inArray(leads.status, OPEN)))
    .as('ol');
}

// For the inbox: a request's status and routing as columns to join on its id.
export function routingView(ctx: Ctx) {
  const lr = routingOf(ctx);
  return ctx.tx
    .select({
      id: sql<string>`${leads.id}`.as('rl_id'),
      status: sql<LeadStatus>`${leads.status}`.as('rl_status'),
      priorityScore: sql<number | null>`${lr.priorityScore}`.as('rl_priority'),
      priorityReasons: sql<PriorityReason[]>`${lr.priorityReasons}`.as('rl_reasons'),
      firstResponseDueAt: sql<string | null>`${lr.firstResponseDueAt}`.as('rl_due'),
      firstRespondedAt: sql<string | null>`${lr.firstRespondedAt}`.as('rl_responded'),
    })
    .from(leads)
    .leftJoin(lr, eq(lr.leadId, leads.id))
    .where(eq(leads.workspaceId, ctx.workspaceId))
    .as('rl');
}

// Requests for re-fitting the weights: settled ones (converted or junk) received in the window,
// with whether they became a deal and the deal's id (the caller asks crm whether it was won).
export async function settledRequests(ctx: Ctx, since: Date, until: Date, limit: number) {
  return ctx.tx
    .select({
      id: leads.id,
      channel: leads.channel,
      title: leads.title,
      message: leads.message,
      contactId: leads.contactId,
      companyId: leads.companyId,
      dealId: leads.dealId,
      status: leads.status,
    })
    .from(leads)
    .where(
      and(
        eq(leads.workspaceId, ctx.workspaceId),
        inArray(leads.status, ['converted', 'junk']),
        sql`${leads.receivedAt} >= ${since.toISOString()}::timestamptz and ${leads.receivedAt} < ${until.toISOString()}::timestamptz`,
      ),
    )
    .limit(limit);
}
