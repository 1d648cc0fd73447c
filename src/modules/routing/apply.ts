import type { AssignmentReason } from '@voronka/contract';
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { emitDomainEvent } from '../../platform/events/events.js';
import { newId } from '../../platform/ids.js';
import * as activities from '../activities/service.js';
import * as inbox from '../inbox/service.js';
import { writeRouting, type RoutedLead } from './lead-state.js';
import { leadAssignments, leadTimers, routingRules, type TimerKind } from './tables.js';
import { noticeInTelegram } from './telegram.js';
import type { Effect, RoutingEvent } from './transitions.js';
import { memberName, type World } from './world.js';

// The apply step: a transition's effects written in the request's workspace transaction, in order.

export async function applyEffects(
  ctx: Ctx,
  leadId: string,
  { lead, world }: { lead: RoutedLead | null; world: World | null },
  effects: Effect[],
): Promise<void> {
  for (const e of effects) {
    if (e.do === 'clear-timer') await clearTimer(ctx, leadId);
    else if (e.do === 'timer') await setTimer(ctx, leadId, e.kind, e.dueAt);
    else if (lead) await applyToLead(ctx, lead, world, e);
    else throw new Error(`routing: ${e.do} for a request that is gone`);
  }
}

async function applyToLead(
  ctx: Ctx,
  lead: RoutedLead,
  world: World | null,
  e: Exclude<Effect, { do: 'clear-timer' | 'timer' }>,
): Promise<void> {
  switch (e.do) {
    case 'write':
      return writeRouting(ctx, lead.id, e.set);
    case 'end-assignment':
      return endAssignment(ctx, lead.id, e.breachedAt);
    case 'start-assignment':
      return startAssignment(ctx, world!, lead, e);
    case 'save-cursor':
      await ctx.tx
        .update(routingRules)
        .set({ cursorMemberId: e.cursor })
        .where(and(eq(routingRules.workspaceId, ctx.workspaceId), eq(routingRules.id, e.rule.id)));
      // The rule row is the batch's cached one too: the next request in the batch goes on from here.
      e.rule.cursorMemberId = e.cursor;
      return;
    case 'audit-breach':
      await recordAudit(ctx, {
        action: 'lead.sla_breached',
        entity: 'leads',
        entityId: lead.id,
        after: { memberId: e.memberId, dueAt: e.dueAt },
      });
      // One event per missed deadline (a request moved on and missed again breaches again).
      return emitDomainEvent(ctx, {
        type: 'lead.sla_breached',
        key: `${lead.id}:${new Date(e.dueAt).getTime()}`,
        entity: 'lead',
        id: lead.id,
        data: { memberId: e.memberId },
      });
    case 'notify':
      return notify(ctx, e.event, lead);
    case 'refresh':
      return inbox.publish(
        ctx.workspaceId,
        { type: 'inbox.conversation', conversationId: e.conversationId },
        ctx.tx,
      );
  }
}

// A routing notice goes to the browser (the event bus, after the commit) and, for addressees who
// linked it, to their Telegram (a durable job in this transaction).
export async function notify(ctx: Ctx, event: RoutingEvent, lead: RoutedLead): Promise<void> {
  await inbox.publish(ctx.workspaceId, event, ctx.tx);
  await noticeInTelegram(
    ctx,
    {
      type: event.type,
      memberIds: event.memberIds,
      dueAt: 'dueAt' in event ? event.dueAt : undefined,
    },
    lead,
  );
}

export async function setTimer(
  ctx: Ctx,
  leadId: string,
  kind: TimerKind,
  dueAt: Date,
): Promise<void> {
  await ctx.tx
    .insert(leadTimers)
    .values({ workspaceId: ctx.workspaceId, leadId, kind, dueAt })
    .onConflictDoUpdate({
      target: [leadTimers.workspaceId, leadTimers.leadId],
      set: { kind, dueAt, lockedUntil: null, attempts: 0, deadAt: null, lastError: null },
    });
}

export async function clearTimer(ctx: Ctx, leadId: string): Promise<void> {
  await ctx.tx
    .delete(leadTimers)
    .where(and(eq(leadTimers.workspaceId, ctx.workspaceId), eq(leadTimers.leadId, leadId)));
}

async function endAssignment(ctx: Ctx, leadId: string, breachedAt?: Date) {
  await ctx.tx
    .update(leadAssignments)
    .set({
      endedAt: sql`now()`,
      ...(breachedAt
        ? {
            breachedAt: sql`coalesce(${leadAssignments.breachedAt}, ${breachedAt.toISOString()}::timestamptz)`,
          }
        : {}),
    })
    .where(
      and(
        eq(leadAssignments.workspaceId, ctx.workspaceId),
        eq(leadAssignments.leadId, leadId),
        isNull(leadAssignments.endedAt),
      ),
    );
}

async function startAssignment(
  ctx: Ctx,
  world: World,
  lead: RoutedLead,
  a: {
    memberId: string | null;
    teamId: string | null;
    reason: AssignmentReason;
    dueAt: Date | null;
  },
) {
  const teamName = a.teamId ? (world.teams.find((t) => t.id === a.teamId)?.name ?? null) : null;
  await ctx.tx.insert(leadAssignments).values({
    workspaceId: ctx.workspaceId,
    id: newId(),
    leadId: lead.id,
    memberId: a.memberId,
    teamId: a.teamId,
    channel: lead.channel,
    reason: a.reason,
    dueAt: a.dueAt,
  });
  // On the request's timeline (with its client) and in the audit log, with the reason.
  await activities.writeActivity(ctx, {
    kind: 'assignment',
    leadId: lead.id,
    contactId: lead.contactId,
    companyId: lead.companyId,
    data: {
      memberId: a.memberId,
      memberName: memberName(world, a.memberId),
      teamId: a.teamId,
      teamName,
      reason: a.reason,
      dueAt: a.dueAt?.toISOString() ?? null,
    },
  });
  await recordAudit(ctx, {
    action: a.memberId ? 'lead.assigned' : 'lead.queued',
    entity: 'leads',
    entityId: lead.id,
    before: { assigneeId: lead.assigneeId },
    after: { assigneeId: a.memberId, queueTeamId: a.teamId, reason: a.reason, dueAt: a.dueAt },
  });
}

// The members who already missed this request's deadline.
export async function missedBy(ctx: Ctx, leadId: string): Promise<Set<string>> {
  const rows = await ctx.tx
    .select({ memberId: leadAssignments.memberId })
    .from(leadAssignments)
    .where(
      and(
        eq(leadAssignments.workspaceId, ctx.workspaceId),
        eq(leadAssignments.leadId, leadId),
        isNotNull(leadAssignments.breachedAt),
        isNotNull(leadAssignments.memberId),
      ),
    );
  return new Set(rows.map((r) => r.memberId!));
}
