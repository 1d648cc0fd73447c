import type { DryRunResult, SampleRequest } from '@voronka/contract';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import * as clients from '../clients/service.js';
import * as forms from '../forms/service.js';
import { applyEffects, notify } from './apply.js';
import { deadlines, decide } from './decide.js';
import { lockRoutedLead } from './lead-state.js';
import { clientTimeZone, loadTimer, score, withOwner } from './load.js';
import { pickPolicy } from './rules.js';
import type { TimerKind } from './tables.js';
import { transition, type State } from './transitions.js';
import { headsOf, loadWorld, type WorldCache } from './world.js';

// A request's timer falling due: load → transition → apply. Called by the timer loop (timers.ts)
// inside the request's workspace transaction; the load step locks the request's row. The decisions
// are transitions.ts, a pure function; the dry run below makes the same decision and writes nothing.

export type { WorldCache } from './world.js';

export async function handleTimer(
  ctx: Ctx,
  leadId: string,
  kind: TimerKind,
  now = new Date(),
  cache?: WorldCache,
): Promise<State> {
  const input = await loadTimer(ctx, leadId, kind, now, cache);
  const { state, effects } = transition(input);
  await applyEffects(ctx, leadId, input, effects);
  return state;
}

// A request whose timer stopped after failing too often: its heads (the team's, else the
// workspace's) are told, as they are of a breach, to route it by hand.
export async function tellStuck(ctx: Ctx, leadId: string, kind: TimerKind): Promise<void> {
  const lead = await lockRoutedLead(ctx, leadId);
  if (!lead) return;
  const world = await loadWorld(ctx);
  const team =
    world.members.find((m) => m.id === lead.assigneeId)?.teamId ?? lead.queueTeamId ?? null;
  const conversationId = lead.conversationId;
  await notify(
    ctx,
    { type: 'routing.stuck', leadId, conversationId, kind, memberIds: headsOf(world, team) },
    lead,
  );
}

// Dry run: the same decision for a sample request, written nowhere.
export async function dryRun(
  ctx: Ctx,
  sample: SampleRequest,
  onlyRuleId?: string,
): Promise<DryRunResult> {
  const world = await loadWorld(ctx);
  if (onlyRuleId) {
    const rule = world.rules.find((r) => r.id === onlyRuleId);
    if (!rule) throw new DomainError('routing_rule.not_found', 'routing rule not found');
    world.rules = [{ ...rule, enabled: true }];
  }
  if (sample.formId && !(await forms.formExists(ctx, sample.formId)))
    throw new DomainError('form.not_found', 'form not found', { field: 'formId' });
  const at = sample.at ? new Date(sample.at) : new Date();
  const phone = sample.phone ? (clients.toE164(sample.phone, 'RU') ?? sample.phone) : null;
  const contact =
    phone || sample.email
      ? await (
          phone
            ? clients.findContactByPoint(ctx, 'phone', phone)
            : clients.findContactByPoint(ctx, 'email', sample.email!.toLowerCase())
        ).catch(() => null)
      : null;
  const priority = await score(ctx, world, {
    subject: sample.subject,
    text: sample.text,
    channel: sample.channel,
    contactId: contact?.id ?? null,
    companyId: contact?.companyId ?? null,
  });
  const facts = await withOwner(ctx, world, {
    channel: sample.channel,
    formId: sample.formId ?? null,
    source: sample.source ?? null,
    utm: sample.utm ?? {},
    text: [sample.subject, sample.text].filter(Boolean).join('\n'),
    phone,
    timeZone: await clientTimeZone(ctx, world, contact?.id ?? null),
    tags: sample.tags ?? [],
    priority: priority.score,
    contactId: contact?.id ?? null,
  });
  const d = decide(world, facts, at, new Set());
  const name = (id: string | null) =>
    id ? { id, name: world.members.find((m) => m.id === id)?.name ?? '' } : null;
  const team = d.memberId
    ? null
    : d.queueTeamId
      ? { id: d.queueTeamId, name: world.teams.find((t) => t.id === d.queueTeamId)?.name ?? '' }
      : null;
  const policy = pickPolicy(world.policies, sample.channel, priority.score);
  return {
    rule: d.rule ? { id: d.rule.id, name: d.rule.name } : null,
    assignee: name(d.memberId),
    queuedInTeam: team,
    queued: d.memberId === null,
    reason: d.reason,
    candidates: d.candidates,
    priority: { score: priority.score, reasons: priority.reasons },
    sla: policy
      ? {
          policy: { id: policy.id, name: policy.name },
          dueAt: deadlines(policy, world.settings, at).dueAt.toISOString(),
        }
      : null,
    rules: d.matches,
  };
}
