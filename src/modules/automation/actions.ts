import type { AutomationAction } from '@voronka/contract';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { enqueue } from '../../platform/jobs/jobs.js';
import * as activities from '../activities/service.js';
import * as inbox from '../inbox/service.js';
import * as pipeline from '../pipeline/service.js';
import * as routing from '../routing/service.js';
import * as workspaces from '../workspaces/service.js';
import { fill, type Facts } from './conditions.js';
import { webhookDelivery } from './webhooks.js';

export type RunRef = { runId: string; ruleId: string; index: number };

// The members a notice goes to: the deal's owner, the workspace's heads (and owners), or one member.
async function recipients(ctx: Ctx, to: string, facts: Facts): Promise<string[]> {
  if (to === 'deal_owner') return facts.deal.ownerId ? [facts.deal.ownerId] : [];
  if (to !== 'heads') return [to];
  const { items } = await workspaces.listUsers(ctx, { limit: 500, status: 'active' });
  return items.filter((u) => u.role === 'head' || u.role === 'owner').map((u) => u.id);
}

// The webhook's body: versioned, so a receiver can tell a later shape from this one.
export function webhookBody(facts: Facts, ref: RunRef, now = new Date()): string {
  const d = facts.deal;
  return JSON.stringify({
    id: `${ref.runId}:${ref.index}`,
    type: 'automation.fired',
    version: 1,
    createdAt: now.toISOString(),
    data: {
      automationId: ref.ruleId,
      runId: ref.runId,
      deal: {
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
      },
    },
  });
}

// Each action through its module's service, as the system inside the workspace (audited there).
// Returns what it did in words for the run log; a refusal is a DomainError.
export async function performAction(
  ctx: Ctx,
  action: AutomationAction,
  facts: Facts,
  ref: RunRef,
): Promise<string> {
  const deal = facts.deal;
  switch (action.kind) {
    case 'task.create': {
      const ownerId = action.assignee === 'deal_owner' ? deal.ownerId : action.assignee;
      const task = await activities.createTask(ctx, {
        kind: action.taskKind,
        title: fill(action.title, facts).slice(0, 300),
        dueAt: new Date(Date.now() + action.dueInMinutes * 60_000).toISOString(),
        ownerId,
        dealId: deal.id,
        companyId: deal.companyId,
      });
      return `task ${task.id}`;
    }
    case 'deal.move': {
      if (deal.stageId === action.stageId)
        throw new DomainError('request.invalid', 'the deal is already in that stage');
      await pipeline.moveDeal(ctx, deal.id, { stageId: action.stageId });
      return `moved to ${action.stageId}`;
    }
    case 'deal.tags': {
      const drop = new Set(action.remove.map((t) => t.toLocaleLowerCase('ru')));
      const kept = deal.tags.filter((t) => !drop.has(t.toLocaleLowerCase('ru')));
      const tags = [...new Set([...kept, ...action.add])].slice(0, 30);
      await pipeline.updateDeal(ctx, deal.id, { tags });
      return `tags: ${tags.join(', ') || '—'}`;
    }
    case 'notify': {
      const memberIds = await recipients(ctx, action.to, facts);
      const text = fill(action.text, facts);
      await inbox.publish(
        ctx.workspaceId,
        { type: 'automation.notice', automationId: ref.ruleId, dealId: deal.id, text, memberIds },
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
    case 'webhook': {
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
    }
  }
}

// What the action would do, in words, without doing it (dry run).
export function describeAction(action: AutomationAction, facts: Facts): string {
  switch (action.kind) {
    case 'task.create':
      return `create task «${fill(action.title, facts)}» for ${action.assignee === 'deal_owner' ? (facts.deal.ownerId ?? 'nobody') : action.assignee}`;
    case 'deal.move':
      return facts.deal.stageId === action.stageId
        ? 'already in that stage: nothing to do'
        : `move the deal to ${action.stageId}`;
    case 'deal.tags':
      return `tags +[${action.add.join(', ')}] −[${action.remove.join(', ')}]`;
    case 'notify':
      return `notify ${action.to}: ${fill(action.text, facts)}`;
    case 'webhook':
      return `POST ${action.url}`;
  }
}
