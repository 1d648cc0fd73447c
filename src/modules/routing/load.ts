import type { Ctx } from '../../platform/context.js';
import * as pipeline from '../pipeline/service.js';
import * as clients from '../clients/service.js';
import * as forms from '../forms/service.js';
import { firstRule, type Facts } from './decide.js';
import { lockRoutedLead, type RoutedLead } from './lead-state.js';
import { attachmentsOfRequest } from './inbox-link.js';
import { channelOf, scoreRequest, type PriorityScore } from './priority.js';
import type { TimerKind } from './tables.js';
import { missedBy } from './apply.js';
import { needsDecision, type TimerInput } from './transitions.js';
import { loadWorld, type World, type WorldCache } from './world.js';

// The load step: everything a transition decides on, read in the request's workspace transaction
// with the request's row locked. Reads only what the transition will use.

export async function loadTimer(
  ctx: Ctx,
  leadId: string,
  kind: TimerKind,
  now: Date,
  cache?: WorldCache,
): Promise<TimerInput> {
  const lead = await lockRoutedLead(ctx, leadId);
  const input: TimerInput = {
    kind,
    now,
    lead,
    world: null,
    conversationId: null,
    priority: null,
    facts: null,
    missed: new Set(),
  };
  if (!lead) return input;
  const open = lead.status === 'new' && !lead.firstRespondedAt && lead.firstResponseDueAt !== null;
  if (kind === 'warn') {
    if (open && lead.assigneeId) input.conversationId = lead.conversationId;
    return input;
  }
  if (kind === 'breach' && !(open && lead.firstResponseDueAt! <= now)) return input;
  const world = (input.world = await loadWorld(ctx, cache));
  input.conversationId = lead.conversationId;
  if (kind === 'route') input.priority = await scoreLead(ctx, lead, world, input.conversationId);
  if (needsDecision(kind, lead, world, now)) {
    const priority = kind === 'route' ? input.priority!.score : (lead.priorityScore ?? 0);
    input.facts = await factsOf(ctx, world, lead, priority);
    input.missed = await missedBy(ctx, leadId);
  }
  return input;
}

// The score of what a request says, who sent it (the client's deals) and through which channel,
// by the workspace's weights and catalog. Shared by routing and the dry run.
export async function score(
  ctx: Ctx,
  world: World,
  r: {
    subject: string | null | undefined;
    text: string | null | undefined;
    channel: string;
    contactId: string | null;
    companyId: string | null;
    attachments?: { name: string; type: string }[];
    calculator?: boolean;
  },
): Promise<PriorityScore> {
  const client =
    r.contactId || r.companyId ? await pipeline.clientHistory(ctx, r.contactId, r.companyId) : null;
  return scoreRequest(
    {
      subject: r.subject,
      text: r.text,
      channel: channelOf(r.channel),
      attachments: r.attachments ?? [],
      catalog: world.settings.scoringCatalog,
      hasCalculatorResult: r.calculator,
      client: client
        ? {
            isKnownClient: r.contactId !== null,
            hasOpenDeal: client.hasOpenDeal,
            pastPurchases: client.pastPurchases,
          }
        : null,
    },
    world.settings.weights,
  );
}

const scoreLead = async (ctx: Ctx, lead: RoutedLead, world: World, conversationId: string | null) =>
  score(ctx, world, {
    subject: lead.title,
    text: lead.message,
    channel: lead.channel,
    contactId: lead.contactId,
    companyId: lead.companyId,
    attachments: await attachmentsOfRequest(ctx, conversationId),
    calculator: lead.custom?.calculator !== undefined && lead.custom?.calculator !== null,
  });

// What the rules match a request on. The client's time zone is read only when some rule asks for
// it; the client's own manager only when the rule that matches gives requests to them.
async function factsOf(ctx: Ctx, world: World, lead: RoutedLead, priority: number): Promise<Facts> {
  const formId = lead.channel === 'web' ? await forms.formOfLead(ctx, lead.id) : null;
  const facts: Facts = {
    channel: lead.channel,
    formId,
    source: lead.source,
    utm: lead.utm,
    text: [lead.title, lead.message].filter(Boolean).join('\n'),
    phone: lead.contactPhone,
    timeZone: await clientTimeZone(ctx, world, lead.contactId),
    tags: lead.tags,
    priority,
    contactId: lead.contactId,
  };
  return withOwner(ctx, world, facts);
}

export async function withOwner(ctx: Ctx, world: World, facts: Facts): Promise<Facts> {
  if (!facts.contactId || firstRule(world, facts)?.strategy !== 'client_owner') return facts;
  const ownerId = await clients
    .getContact(ctx, facts.contactId, false)
    .then((c) => c.ownerId)
    .catch(() => null);
  return { ...facts, ownerId };
}

export async function clientTimeZone(
  ctx: Ctx,
  world: World,
  contactId: string | null,
): Promise<string | null> {
  if (!contactId || !world.rules.some((r) => r.enabled && r.conditions.timeZones?.length))
    return null;
  return clients
    .getContact(ctx, contactId, false)
    .then((c) => c.timezone ?? null)
    .catch(() => null);
}
