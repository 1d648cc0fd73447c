import type { AutomationAction, Deal, DealUpdateBody } from '@voronka/contract';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { defineJob, enqueue } from '../../platform/jobs/jobs.js';
import * as activities from '../activities/service.js';
import * as clients from '../clients/service.js';
import * as inbox from '../inbox/service.js';
import * as pipeline from '../pipeline/service.js';
import * as routing from '../routing/service.js';
import * as workspaces from '../workspaces/service.js';
import { fill, ownerOf, type Facts } from './conditions.js';
import { automationRuns } from './tables.js';
import { webhookDelivery } from './webhooks.js';

export type RunRef = { runId: string; ruleId: string; index: number };

// The members a notice goes to: the record's owner, the workspace's heads (and owners), or one member.
async function recipients(ctx: Ctx, to: string, facts: Facts): Promise<string[]> {
  if (to === 'deal_owner') {
    const owner = ownerOf(facts);
    return owner ? [owner] : [];
  }
  if (to !== 'heads') return [to];
  const { items } = await workspaces.listUsers(ctx, { limit: 500, status: 'active' });
  return items.filter((u) => u.role === 'head' || u.role === 'owner').map((u) => u.id);
}

const needDeal = (facts: Facts): Deal => {
  if (!facts.deal) throw new DomainError('request.invalid', 'this event has no deal to act on');
  return facts.deal;
};

// The webhook's body: versioned, so a receiver can tell a later shape from this one.
export function webhookBody(facts: Facts, ref: RunRef, now = new Date()): string {
  return JSON.stringify({
    id: `${ref.runId}:${ref.index}`,
    type: 'automation.fired',
    version: 1,
    createdAt: now.toISOString(),
    data: { automationId: ref.ruleId, runId: ref.runId, ...recordData(facts) },
  });
}

// The records of an event as a webhook carries them (a rule's webhook action, a subscription's
// delivery): the deal with its stage, and the request, task, invoice or booking when there is one.
export function recordData(facts: Facts) {
  const d = facts.deal;
  return {
    deal: d
      ? {
          id: d.id,
          title: d.title,
          amount: d.amount,
          currency: d.currency,
          pipelineId: d.pipelineId,
          stageId: d.stageId,
          stageName: facts.stageName,
          ownerId: d.ownerId,
          companyId: d.companyId,
          companyName: d.companyName,
          tags: d.tags,
        }
      : null,
    lead: facts.lead
      ? {
          id: facts.lead.id,
          title: facts.lead.title,
          channel: facts.lead.channel,
          status: facts.lead.status,
          assigneeId: facts.lead.assigneeId,
        }
      : undefined,
    task: facts.task ? { id: facts.task.id, title: facts.task.title } : undefined,
    invoice: facts.invoice
      ? {
          id: facts.invoice.id,
          number: facts.invoice.number,
          total: facts.invoice.totalKopecks,
          status: facts.invoice.status,
        }
      : undefined,
    booking: facts.booking
      ? { id: facts.booking.id, startsAt: facts.booking.startsAt, status: facts.booking.status }
      : undefined,
  };
}

// A field of the deal set to a value: title, amount, expected close date, owner, or a custom field
// (the deal's own update checks it as the card's form does).
function dealChange(field: string, value: unknown, facts: Facts): DealUpdateBody {
  const text = typeof value === 'string' ? fill(value, facts) : value;
  if (field.startsWith('custom.')) return { custom: { [field.slice(7)]: text } } as DealUpdateBody;
  if (field === 'amount') {
    const n = typeof text === 'number' ? text : Number(text);
    if (!Number.isInteger(n) || n < 0)
      throw new DomainError('request.invalid', 'the amount is a whole number of kopecks');
    return { amount: n };
  }
  return { [field]: text } as DealUpdateBody;
}

// Each action through its module's service, as the system inside the workspace (audited there).
// Returns what it did in words for the run log; a refusal is a DomainError.
export async function performAction(
  ctx: Ctx,
  action: AutomationAction,
  facts: Facts,
  ref: RunRef,
): Promise<string> {
  switch (action.kind) {
    case 'task.create': {
      const ownerId = action.assignee === 'deal_owner' ? ownerOf(facts) : action.assignee;
      const deal = facts.deal;
      const task = await activities.createTask(ctx, {
        kind: action.taskKind,
        title: fill(action.title, facts).slice(0, 300),
        dueAt: new Date(Date.now() + action.dueInMinutes * 60_000).toISOString(),
        ownerId,
        dealId: deal?.id ?? null,
        leadId: deal ? null : (facts.lead?.id ?? null),
        companyId: deal?.companyId ?? facts.invoice?.companyId ?? null,
      });
      return `task ${task.id}`;
    }
    case 'deal.move': {
      const deal = needDeal(facts);
      if (deal.stageId === action.stageId)
        throw new DomainError('request.invalid', 'the deal is already in that stage');
      await pipeline.moveDeal(ctx, deal.id, { stageId: action.stageId });
      return `moved to ${action.stageId}`;
    }
    case 'deal.tags': {
      const deal = needDeal(facts);
      const drop = new Set(action.remove.map((t) => t.toLocaleLowerCase('ru')));
      const kept = deal.tags.filter((t) => !drop.has(t.toLocaleLowerCase('ru')));
      const tags = [...new Set([...kept, ...action.add])].slice(0, 30);
      await pipeline.updateDeal(ctx, deal.id, { tags });
      return `tags: ${tags.join(', ') || '—'}`;
    }
    case 'deal.set': {
      const deal = needDeal(facts);
      const change = dealChange(action.field, action.value, facts);
      await pipeline.updateDeal(ctx, deal.id, change);
      return `${action.field} = ${JSON.stringify(Object.values(change)[0])}`.slice(0, 300);
    }
    case 'assign': {
      // A request (not yet a deal) is given through routing's bookkeeping; a deal changes owner.
      const chosen = await routing.chooseAssignee(ctx, action.to, action.teamId);
      if (facts.lead && !facts.deal) {
        await routing.assignLeadTo(ctx, facts.lead.id, chosen, facts.ruleName);
        return `request assigned to ${chosen.memberId} (${chosen.code})`;
      }
      const deal = needDeal(facts);
      if (deal.ownerId === chosen.memberId) return `already ${chosen.memberId}`;
      await pipeline.updateDeal(ctx, deal.id, { ownerId: chosen.memberId });
      return `deal owner ${chosen.memberId} (${chosen.code})`;
    }
    case 'notify':
      return notify(ctx, action, facts, ref);
    case 'webhook':
      await enqueue(
        ctx.tx,
        webhookDelivery,
        {
          runId: ref.runId,
          ruleId: ref.ruleId,
          index: ref.index,
          url: action.url,
          body: webhookBody(facts, ref),
        },
        { workspaceId: ctx.workspaceId, key: `${ref.runId}:${ref.index}` },
      );
      return 'queued';
    case 'message.send':
      return queueMessage(ctx, action, facts, ref);
  }
}

// A notice in the browser and, for members who linked it, in Telegram (a job per member).
async function notify(
  ctx: Ctx,
  action: Extract<AutomationAction, { kind: 'notify' }>,
  facts: Facts,
  ref: RunRef,
): Promise<string> {
  const memberIds = await recipients(ctx, action.to, facts);
  const text = fill(action.text, facts);
  await inbox.publish(
    ctx.workspaceId,
    {
      type: 'automation.notice',
      automationId: ref.ruleId,
      dealId: facts.deal?.id ?? null,
      text,
      memberIds,
    },
    ctx.tx,
  );
  const chats = await routing.telegramChatsOf(ctx, memberIds);
  for (const [memberId, chat] of chats)
    await enqueue(
      ctx.tx,
      routing.telegramNotice,
      { ...chat, text: text.slice(0, 4000) },
      { workspaceId: ctx.workspaceId, key: `automation:${ref.runId}:${ref.index}:${memberId}` },
    );
  return `notified ${memberIds.length} (${chats.size} in Telegram)`;
}

// A message to the client is its own job, keyed by (run, action index): the text is fixed now,
// the thread chosen when it runs.
async function queueMessage(
  ctx: Ctx,
  action: Extract<AutomationAction, { kind: 'message.send' }>,
  facts: Facts,
  ref: RunRef,
): Promise<string> {
  if (!facts.deal && !facts.lead)
    throw new DomainError('request.invalid', 'this event has no client to write to');
  await enqueue(
    ctx.tx,
    automationMessage,
    { runId: ref.runId, index: ref.index, via: action.via, text: fill(action.text, facts) },
    { workspaceId: ctx.workspaceId, key: `${ref.runId}:${ref.index}` },
  );
  return 'queued';
}

// The message of a run's action, sent once: under the run's row lock, an action entry already
// naming its message means a repeated delivery of this job, which does nothing.
export const automationMessage = defineJob({
  name: 'automation.message',
  payload: z.object({
    runId: z.uuid(),
    index: z.number().int().min(0),
    via: z.enum(['auto', 'email', 'messenger']),
    text: z.string(),
  }),
  maxAttempts: 5,
  async run(ctx, p) {
    const where = and(
      eq(automationRuns.workspaceId, ctx.workspaceId),
      eq(automationRuns.id, p.runId),
    );
    const [run] = await ctx.tx.select().from(automationRuns).where(where).for('update');
    if (!run || run.actions[p.index]?.detail.startsWith('message ')) return;
    let outcome: { kind: string; ok: boolean; detail: string };
    try {
      const sent = await inbox.messageClient(ctx, await target(ctx, run), p.via, p.text);
      outcome = {
        kind: 'message.send',
        ok: true,
        detail: `message ${sent.messageId} (${sent.route}) in ${sent.conversationId}`,
      };
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      outcome = { kind: 'message.send', ok: false, detail: `${err.code}: ${err.message}` };
    }
    await ctx.tx
      .update(automationRuns)
      .set({
        actions: sql`jsonb_set(${automationRuns.actions}, ${`{${p.index}}`}::text[], ${JSON.stringify(outcome)}::jsonb)`,
        ...(outcome.ok ? {} : { status: 'failed', error: 'an action was refused' }),
      })
      .where(where);
  },
});

// Where the client is: the request's own conversation, else the conversations of the deal's
// contacts and its company's contacts.
async function target(
  ctx: Ctx,
  run: typeof automationRuns.$inferSelect,
): Promise<{ conversationId?: string | null; contactIds?: ReturnType<typeof sql> | null }> {
  if (run.entity === 'lead' && run.recordId) {
    const conversationId = await inbox.conversationOfLead(ctx, run.recordId);
    if (conversationId) return { conversationId };
  }
  const dealId = run.dealId;
  if (!dealId) return {};
  const deal = await pipeline.getDeal(ctx, dealId);
  const ids = deal.contactIds.length
    ? sql`select unnest(${`{${deal.contactIds.join(',')}}`}::uuid[])`
    : null;
  const ofCompany = deal.companyId ? clients.contactIdsOfCompanySql(ctx, deal.companyId) : null;
  return {
    contactIds:
      ids && ofCompany
        ? sql`${ids} union ${ofCompany}`
        : (ids ?? (ofCompany ? sql`${ofCompany}` : null)),
  };
}

// What the action would do, in words, without doing it (dry run).
export function describeAction(action: AutomationAction, facts: Facts): string {
  switch (action.kind) {
    case 'task.create':
      return `create task «${fill(action.title, facts)}» for ${action.assignee === 'deal_owner' ? (ownerOf(facts) ?? 'nobody') : action.assignee}`;
    case 'deal.move':
      return facts.deal?.stageId === action.stageId
        ? 'already in that stage: nothing to do'
        : `move the deal to ${action.stageId}`;
    case 'deal.tags':
      return `tags +[${action.add.join(', ')}] −[${action.remove.join(', ')}]`;
    case 'deal.set':
      return `set ${action.field} to ${typeof action.value === 'string' ? fill(action.value, facts) : JSON.stringify(action.value)}`;
    case 'assign':
      return action.to === 'least_loaded'
        ? `assign to the least loaded member available${action.teamId ? ` of team ${action.teamId}` : ''}`
        : `assign to ${action.to}`;
    case 'notify':
      return `notify ${action.to}: ${fill(action.text, facts)}`;
    case 'webhook':
      return `POST ${action.url}`;
    case 'message.send':
      return `message the client (${action.via}): ${fill(action.text, facts)}`;
  }
}
