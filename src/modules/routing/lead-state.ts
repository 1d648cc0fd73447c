import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import * as leads from '../leads/service.js';
import { leadRouting } from './tables.js';

// Routing's state of a request, kept in routing's own table (lead_routing, one row per lead): read
// with the request's row locked, written by the apply step, shown on requests through the view
// installed into leads (routingOfLeads), and counted for the queue overview.

export type RoutingState = {
  queueTeamId: string | null;
  priorityScore: number | null;
  firstResponseDueAt: Date | null;
  firstRespondedAt: Date | null;
  moves: number;
};

// A request as the transition sees it: its own columns (leads) and its routing state.
export type RoutedLead = leads.LeadForRouting & RoutingState;

const NONE: RoutingState = {
  queueTeamId: null,
  priorityScore: null,
  firstResponseDueAt: null,
  firstRespondedAt: null,
  moves: 0,
};

const mine = (ctx: Ctx, leadId: string) =>
  and(eq(leadRouting.workspaceId, ctx.workspaceId), eq(leadRouting.leadId, leadId));

// The request and its routing row, both locked for the rest of the transaction (the request first,
// as every writer of both does: a status change, then its first-response trigger).
export async function lockRoutedLead(ctx: Ctx, leadId: string): Promise<RoutedLead | null> {
  const lead = await leads.lockLeadForRouting(ctx, leadId);
  if (!lead) return null;
  const [state] = await ctx.tx
    .select({
      queueTeamId: leadRouting.queueTeamId,
      priorityScore: leadRouting.priorityScore,
      firstResponseDueAt: leadRouting.firstResponseDueAt,
      firstRespondedAt: leadRouting.firstRespondedAt,
      moves: leadRouting.moves,
    })
    .from(leadRouting)
    .where(mine(ctx, leadId))
    .for('update');
  return { ...lead, ...(state ?? NONE) };
}

export type RoutingUpdate = Partial<{
  assigneeId: string | null;
  queueTeamId: string | null;
  priorityScore: number;
  priorityReasons: { code: string; weight: number; sign: '+' | '-' }[];
  firstResponseDueAt: Date | null;
  moves: number;
}>;

// A transition's write: routing's columns here (the row exists: leads_routed adds it with the lead), the assignee on the request (through leads, which
// marks the change as routing's own so it is not recorded as a manual assignment).
export async function writeRouting(ctx: Ctx, leadId: string, set: RoutingUpdate): Promise<void> {
  const { assigneeId, ...state } = set;
  if (Object.keys(state).length)
    await ctx.tx.update(leadRouting).set(state).where(mine(ctx, leadId));
  if (assigneeId !== undefined) await leads.assignByRouting(ctx, leadId, assigneeId);
}

// Open requests past their first-response deadline, per member; and waiting in queues, per team.
export async function overdueAndQueued(
  ctx: Ctx,
): Promise<{ overdue: Map<string, number>; queued: { teamId: string | null; count: number }[] }> {
  const ol = leads.openLeads(ctx);
  const joined = (where: ReturnType<typeof sql>) =>
    and(eq(leadRouting.workspaceId, ctx.workspaceId), where);
  const overdue = await ctx.tx
    .select({ id: ol.assigneeId, n: sql<number>`count(*)`.mapWith(Number) })
    .from(leadRouting)
    .innerJoin(ol, eq(ol.id, leadRouting.leadId))
    .where(
      joined(
        sql`${leadRouting.firstRespondedAt} is null and ${leadRouting.firstResponseDueAt} is not null and ${leadRouting.firstResponseDueAt} < now() and ${ol.assigneeId} is not null`,
      ),
    )
    .groupBy(ol.assigneeId);
  const queued = await ctx.tx
    .select({ teamId: leadRouting.queueTeamId, count: sql<number>`count(*)`.mapWith(Number) })
    .from(leadRouting)
    .innerJoin(ol, eq(ol.id, leadRouting.leadId))
    .where(joined(sql`${ol.assigneeId} is null and ${ol.status} = 'new'`))
    .groupBy(leadRouting.queueTeamId);
  return { overdue: new Map(overdue.map((r) => [r.id!, r.n])), queued };
}

// The view leads and the inbox join to show a request's routing, installed into leads when routing
// is loaded (below; as leads declares its export columns to transfer): every process that runs
// routing — the server, the worker, the CLI's demo seeding — has it before it reads a request.
export const routingOfLeads: leads.RoutingOfLeads = (ctx) =>
  ctx.tx
    .select({
      leadId: sql<string>`${leadRouting.leadId}`.as('lr_lead'),
      priorityScore: sql<number | null>`${leadRouting.priorityScore}`.as('lr_priority'),
      priorityReasons: sql<
        { code: string; weight: number; sign: '+' | '-' }[]
      >`${leadRouting.priorityReasons}`.as('lr_reasons'),
      queueTeamId: sql<string | null>`${leadRouting.queueTeamId}`.as('lr_team'),
      firstResponseDueAt: sql<Date | string | null>`${leadRouting.firstResponseDueAt}`.as('lr_due'),
      firstRespondedAt: sql<Date | string | null>`${leadRouting.firstRespondedAt}`.as(
        'lr_responded',
      ),
      moves: sql<number>`${leadRouting.moves}`.as('lr_moves'),
    })
    .from(leadRouting)
    .where(eq(leadRouting.workspaceId, ctx.workspaceId))
    .as('lr');

leads.useRoutingOfLeads(routingOfLeads);
