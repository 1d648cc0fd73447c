import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { leads, type LeadChannel, type LeadStatus } from './tables.js';

// The routing columns of a request, read and written for the routing module (which decides; this
// module owns the table). Triggers on leads keep assignments, conversations and timers in step
// (routing/triggers.sql).

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
  queueTeamId: string | null;
  priorityScore: number | null;
  firstResponseDueAt: Date | null;
  firstRespondedAt: Date | null;
  moves: number;
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
  queueTeamId: leads.queueTeamId,
  priorityScore: leads.priorityScore,
  firstResponseDueAt: leads.firstResponseDueAt,
  firstRespondedAt: leads.firstRespondedAt,
  moves: leads.moves,
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

export type RoutingUpdate = Partial<{
  assigneeId: string | null;
  queueTeamId: string | null;
  priorityScore: number;
  priorityReasons: { code: string; weight: number; sign: '+' | '-' }[];
  firstResponseDueAt: Date | null;
  moves: number;
}>;

// Written by routing (the worker's transaction, which changes assignees only this way): the trigger
// that records a person's assignment as "manual" is told, by a transaction-local setting made in the
// same statement, that this one is routing's own, recorded with its reason.
export async function writeRouting(ctx: Ctx, id: string, set: RoutingUpdate): Promise<void> {
  const assigns = set.assigneeId !== undefined;
  await ctx.tx
    .update(leads)
    .set({ ...set, ...(assigns ? { updatedAt: sql`now()` } : {}) })
    .where(
      and(
        eq(leads.workspaceId, ctx.workspaceId),
        eq(leads.id, id),
        assigns ? sql`set_config('voronka.routing', 'on', true) = 'on'` : undefined,
      ),
    );
}

const OPEN: LeadStatus[] = ['new', 'in_work', 'qualified'];

// Open requests past their first-response deadline, per member; and waiting in queues, per team.
export async function overdueAndQueued(
  ctx: Ctx,
): Promise<{ overdue: Map<string, number>; queued: { teamId: string | null; count: number }[] }> {
  const open = and(eq(leads.workspaceId, ctx.workspaceId), inArray(leads.status, OPEN));
  const overdue = await ctx.tx
    .select({ id: leads.assigneeId, n: sql<number>`count(*)`.mapWith(Number) })
    .from(leads)
    .where(
      and(
        open,
        sql`${leads.firstRespondedAt} is null and ${leads.firstResponseDueAt} < now() and ${leads.assigneeId} is not null`,
      ),
    )
    .groupBy(leads.assigneeId);
  const queued = await ctx.tx
    .select({ teamId: leads.queueTeamId, count: sql<number>`count(*)`.mapWith(Number) })
    .from(leads)
    .where(and(open, sql`${leads.assigneeId} is null and ${leads.status} = 'new'`))
    .groupBy(leads.queueTeamId);
  return { overdue: new Map(overdue.map((r) => [r.id!, r.n])), queued };
}

// For the inbox: a request's routing as columns to join on its id.
export function routingView(ctx: Ctx) {
  return ctx.tx
    .select({
      id: sql<string>`${leads.id}`.as('rl_id'),
      status: sql<LeadStatus>`${leads.status}`.as('rl_status'),
      priorityScore: sql<number | null>`${leads.priorityScore}`.as('rl_priority'),
      priorityReasons: sql<
        { code: string; weight: number; sign: '+' | '-' }[]
      >`${leads.priorityReasons}`.as('rl_reasons'),
      firstResponseDueAt: sql<string | null>`${leads.firstResponseDueAt}`.as('rl_due'),
      firstRespondedAt: sql<string | null>`${leads.firstRespondedAt}`.as('rl_responded'),
    })
    .from(leads)
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
