import type {
  AssignmentReason,
  Candidate,
  DryRunResult,
  IneligibleReason,
  SampleRequest,
  Team,
} from '@voronka/contract';
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as crm from '../crm/service.js';
import * as forms from '../forms/service.js';
import * as inbox from '../inbox/service.js';
import * as leads from '../leads/service.js';
import {
  eligibility,
  memberStates,
  openLoads,
  roster,
  teamsOf,
  type Member,
  type MemberState,
} from './availability.js';
import { addBusinessTime } from './business-time.js';
import { channelOf, scoreRequest, type PriorityScore } from './priority.js';
import {
  failedConditions,
  pickPolicy,
  policyRows,
  ruleRows,
  type PolicyRow,
  type RequestFacts,
  type RuleRow,
} from './rules.js';
import { businessSchedule, loadSettings, type RoutingSettings } from './settings.js';
import { leadAssignments, leadTimers, routingRules, type TimerKind } from './tables.js';
import { noticeInTelegram } from './telegram.js';

// The decisions: whom a request goes to, when it is late, and what a missed deadline does.
// Called by the timer loop (timers.ts) inside the request's workspace transaction, with the
// request's row locked; and by the dry run, which writes nothing.

// A request waiting in a queue (no one eligible) is offered again this often.
export const REQUEUE_MS = 60_000;

type World = {
  settings: RoutingSettings;
  rules: RuleRow[];
  policies: PolicyRow[];
  members: Member[];
  states: Map<string, MemberState>;
  teams: Team[];
};

// Within one batch of timers the loop claimed together (a burst falling due), a workspace's rules,
// policies, people and availability are read once (`WorldCache`, made per batch); each member's open
// load is always read fresh. Between batches everything is read again, so an edit applies at once.
export type WorldCache = Map<string, World>;

async function loadWorld(ctx: Ctx, cache?: WorldCache): Promise<World> {
  const hit = cache?.get(ctx.workspaceId);
  if (hit) {
    const loads = await openLoads(ctx, [...hit.states.keys()]);
    return {
      ...hit,
      states: new Map(
        [...hit.states].map(([id, s]) => [id, { ...s, openLoad: loads.get(id) ?? 0 }]),
      ),
    };
  }
  const settings = await loadSettings(ctx);
  const [rules, policies, members, teams] = [
    await ruleRows(ctx),
    await policyRows(ctx),
    await roster(ctx),
    await teamsOf(ctx),
  ];
  const states = await memberStates(
    ctx,
    members.filter((m) => m.status === 'active'),
    settings.timeZone,
  );
  const world = { settings, rules, policies, members, states, teams };
  cache?.set(ctx.workspaceId, world);
  return world;
}

export type Decision = {
  rule: RuleRow | null;
  memberId: string | null;
  queueTeamId: string | null;
  reason: AssignmentReason;
  candidates: Candidate[];
  matches: { id: string; name: string; matched: boolean; failed: string[] }[];
};

const reasonOf = (
  code: string,
  rule: RuleRow | null,
  detail: AssignmentReason['detail'] = {},
): AssignmentReason => ({
  code,
  ruleId: rule?.id ?? null,
  ruleName: rule?.name ?? null,
  strategy: rule?.strategy ?? null,
  detail,
});

// Who a rule's pool is: the team's active members but its head (the head steers the queue), or,
// without a team, the workspace's managers (and heads, when there are no managers).
function poolOf(world: World, teamId: string | null): Member[] {
  const active = world.members.filter((m) => m.status === 'active');
  if (teamId) {
    const head = world.teams.find((t) => t.id === teamId)?.headId ?? null;
    return active.filter(
      (m) => m.teamId === teamId && m.id !== head && m.role !== 'owner' && m.role !== 'admin',
    );
  }
  const managers = active.filter((m) => m.role === 'manager');
  return managers.length ? managers : active.filter((m) => m.role === 'head');
}

// The people to tell about a queue, a breach or an escalation: the team's head, else the heads,
// else the owners and admins.
export function headsOf(world: Pick<World, 'members' | 'teams'>, teamId: string | null): string[] {
  const active = world.members.filter((m) => m.status === 'active');
  const head = teamId ? world.teams.find((t) => t.id === teamId)?.headId : null;
  if (head && active.some((m) => m.id === head)) return [head];
  const heads = active.filter((m) => m.role === 'head').map((m) => m.id);
  return heads.length
    ? heads
    : active.filter((m) => m.role === 'owner' || m.role === 'admin').map((m) => m.id);
}

// Decides where a request goes by the first matching rule and its strategy, among the members
// eligible at `at` and not in `exclude` (those who already missed it). Pure but for the contact's
// owner lookup; the round-robin cursor is returned, not written.
export async function decide(
  ctx: Ctx,
  world: World,
  facts: RequestFacts & { contactId: string | null },
  at: Date,
  exclude: Set<string>,
): Promise<Decision & { cursor: string | null }> {
  const matches = world.rules
    .filter((r) => r.enabled)
    .map((r) => ({ id: r.id, name: r.name, failed: failedConditions(r.conditions, facts) }));
  const first = matches.find((m) => m.failed.length === 0);
  const rule = first ? world.rules.find((r) => r.id === first.id)! : null;
  const calendar = world.settings.productionCalendar;
  const why = (m: Member): IneligibleReason | null => {
    if (exclude.has(m.id)) return 'already_missed';
    const s = world.states.get(m.id);
    return s ? eligibility(s, at, { productionCalendar: calendar }) : 'inactive';
  };
  const candidate = (m: Member): Candidate => {
    const s = world.states.get(m.id);
    const reason = why(m);
    return {
      memberId: m.id,
      name: m.name,
      openLoad: s?.openLoad ?? 0,
      capacity: s?.capacity ?? null,
      eligible: reason === null,
      reason,
    };
  };
  const teamId = rule?.teamId ?? null;
  const pool = poolOf(world, teamId);
  const candidates = pool.map(candidate);
  const eligible = pool.filter((m) => why(m) === null);
  const result = (
    memberId: string | null,
    reason: AssignmentReason,
    cursor: string | null = rule?.cursorMemberId ?? null,
    extra: Candidate[] = [],
  ) => ({
    rule,
    memberId,
    queueTeamId: memberId ? null : teamId,
    reason,
    cursor,
    candidates: [
      ...extra.filter((e) => !candidates.some((c) => c.memberId === e.memberId)),
      ...candidates,
    ],
    matches: matches.map((m) => ({ ...m, matched: m.failed.length === 0 })),
  });
  const queued = (extra: Candidate[] = [], detail: AssignmentReason['detail'] = {}) =>
    result(null, reasonOf('queued_no_one_eligible', rule, detail), undefined, extra);

  // Round robin: the next eligible member after the last one given a request by this rule.
  const roundRobin = (
    code: string,
    detail: AssignmentReason['detail'] = {},
    extra: Candidate[] = [],
  ) => {
    if (!eligible.length) return queued(extra, detail);
    const order = [...pool].sort((a, b) => a.id.localeCompare(b.id));
    const start = rule?.cursorMemberId ? order.findIndex((m) => m.id > rule.cursorMemberId!) : 0;
    const rotated = start < 0 ? order : [...order.slice(start), ...order.slice(0, start)];
    const next = rotated.find((m) => eligible.includes(m))!;
    return result(next.id, reasonOf(code, rule, detail), next.id, extra);
  };
  // Least load: the fewest open requests; ties go round the cursor as round robin would.
  const leastLoad = (
    code: string,
    detail: AssignmentReason['detail'] = {},
    extra: Candidate[] = [],
  ) => {
    if (!eligible.length) return queued(extra, detail);
    const min = Math.min(...eligible.map((m) => world.states.get(m.id)?.openLoad ?? 0));
    const order = [...eligible]
      .filter((m) => (world.states.get(m.id)?.openLoad ?? 0) === min)
      .sort((a, b) => a.id.localeCompare(b.id));
    const next = order.find((m) => rule?.cursorMemberId && m.id > rule.cursorMemberId) ?? order[0]!;
    return result(next.id, reasonOf(code, rule, { ...detail, openLoad: min }), next.id, extra);
  };

  if (!rule) return { ...leastLoad('no_rule'), rule: null };
  switch (rule.strategy) {
    case 'round_robin':
      return roundRobin('round_robin');
    case 'least_load':
      return leastLoad('least_load');
    case 'named': {
      const named = world.members.find((m) => m.id === rule.memberId);
      const reason = named ? why(named) : 'inactive';
      if (named && reason === null) return result(named.id, reasonOf('named', rule));
      // The named manager cannot take it now: the team's least loaded member does.
      return leastLoad(
        'fallback_team',
        { unavailable: named?.name ?? null, why: reason },
        named ? [candidate(named)] : [],
      );
    }
    case 'client_owner': {
      const owner = facts.contactId
        ? await crm
            .getContact(ctx, facts.contactId, false)
            .then((c) => c.ownerId)
            .catch(() => null)
        : null;
      const member = owner ? world.members.find((m) => m.id === owner) : undefined;
      const reason = member ? why(member) : null;
      if (member && reason === null) return result(member.id, reasonOf('client_owner', rule));
      return roundRobin(
        'fallback_team',
        { unavailable: member?.name ?? null, why: member ? reason : 'unknown_client' },
        member ? [candidate(member)] : [],
      );
    }
  }
}

// The deadline and the warning time of a policy, from `start`.
export function deadlines(
  policy: PolicyRow,
  settings: RoutingSettings,
  start: Date,
): { dueAt: Date; warnAt: Date } {
  const ms = policy.responseSeconds * 1000;
  const warnMs = Math.floor((ms * policy.warnPercent) / 100);
  if (!policy.businessHours)
    return { dueAt: new Date(start.getTime() + ms), warnAt: new Date(start.getTime() + warnMs) };
  const schedule = businessSchedule(settings);
  return {
    dueAt: addBusinessTime(start, ms, schedule),
    warnAt: addBusinessTime(start, warnMs, schedule),
  };
}

// ---------------------------------------------------------------------------------------------
// Facts about a request: what it says (scored) and where it came from (for the rules).

// The score of what a request says, who sent it (the client's deals) and through which channel,
// by the workspace's weights and catalog. Shared by routing and the dry run.
async function score(
  ctx: Ctx,
  settings: RoutingSettings,
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
    r.contactId || r.companyId ? await crm.clientHistory(ctx, r.contactId, r.companyId) : null;
  return scoreRequest(
    {
      subject: r.subject,
      text: r.text,
      channel: channelOf(r.channel),
      attachments: r.attachments ?? [],
      catalog: settings.scoringCatalog,
      hasCalculatorResult: r.calculator,
      client: client
        ? {
            isKnownClient: r.contactId !== null,
            hasOpenDeal: client.hasOpenDeal,
            pastPurchases: client.pastPurchases,
          }
        : null,
    },
    settings.weights,
  );
}

const scoreLead = async (
  ctx: Ctx,
  lead: leads.LeadForRouting,
  settings: RoutingSettings,
  conversationId: string | null,
) =>
  score(ctx, settings, {
    subject: lead.title,
    text: lead.message,
    channel: lead.channel,
    contactId: lead.contactId,
    companyId: lead.companyId,
    attachments: conversationId ? await inbox.inboundAttachments(ctx, conversationId) : [],
    calculator: lead.custom?.calculator !== undefined && lead.custom?.calculator !== null,
  });

// What the rules match a request on. The client's time zone is read only when some rule asks for it.
async function factsOf(
  ctx: Ctx,
  world: World,
  lead: leads.LeadForRouting,
  priority: number,
): Promise<RequestFacts & { contactId: string | null }> {
  const formId = lead.channel === 'web' ? await forms.formOfLead(ctx, lead.id) : null;
  return {
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
}

async function clientTimeZone(
  ctx: Ctx,
  world: World,
  contactId: string | null,
): Promise<string | null> {
  if (!contactId || !world.rules.some((r) => r.enabled && r.conditions.timeZones?.length))
    return null;
  return crm
    .getContact(ctx, contactId, false)
    .then((c) => c.timezone ?? null)
    .catch(() => null);
}

// ---------------------------------------------------------------------------------------------
// Writing a decision.

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
      set: { kind, dueAt, lockedUntil: null, attempts: 0 },
    });
}

export async function clearTimer(ctx: Ctx, leadId: string): Promise<void> {
  await ctx.tx
    .delete(leadTimers)
    .where(and(eq(leadTimers.workspaceId, ctx.workspaceId), eq(leadTimers.leadId, leadId)));
}

// The next timer of an assigned request: its warning, or (past it) its deadline; none without one.
async function armSla(
  ctx: Ctx,
  leadId: string,
  due: { dueAt: Date; warnAt: Date } | null,
  now: Date,
) {
  if (!due) return clearTimer(ctx, leadId);
  await setTimer(
    ctx,
    leadId,
    due.warnAt > now ? 'warn' : 'breach',
    due.warnAt > now ? due.warnAt : due.dueAt,
  );
}

async function endAssignment(ctx: Ctx, leadId: string, set: { breachedAt?: Date } = {}) {
  await ctx.tx
    .update(leadAssignments)
    .set({
      endedAt: sql`now()`,
      ...(set.breachedAt
        ? {
            breachedAt: sql`coalesce(${leadAssignments.breachedAt}, ${set.breachedAt.toISOString()}::timestamptz)`,
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
  lead: leads.LeadForRouting,
  a: {
    memberId: string | null;
    teamId: string | null;
    reason: AssignmentReason;
    dueAt: Date | null;
  },
) {
  const memberName = a.memberId
    ? (world.members.find((m) => m.id === a.memberId)?.name ?? null)
    : null;
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
  await crm.writeActivity(ctx, {
    kind: 'assignment',
    leadId: lead.id,
    contactId: lead.contactId,
    companyId: lead.companyId,
    data: {
      memberId: a.memberId,
      memberName,
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

// The rule row is the batch's cached one too: the next request in the batch goes on from here.
async function saveCursor(ctx: Ctx, rule: RuleRow | null, cursor: string | null) {
  if (!rule || !cursor || cursor === rule.cursorMemberId) return;
  await ctx.tx
    .update(routingRules)
    .set({ cursorMemberId: cursor })
    .where(and(eq(routingRules.workspaceId, ctx.workspaceId), eq(routingRules.id, rule.id)));
  rule.cursorMemberId = cursor;
}

async function missedBy(ctx: Ctx, leadId: string): Promise<Set<string>> {
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

// A routing notice goes to the browser (the event bus, after the commit) and, for addressees who
// linked it, to their Telegram (a durable job in this transaction).
async function publish(
  ctx: Ctx,
  event: inbox.InboxEvent,
  lead?: leads.LeadForRouting,
): Promise<void> {
  await inbox.publish(ctx.workspaceId, event, ctx.tx);
  if (lead && 'memberIds' in event && event.memberIds)
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

// ---------------------------------------------------------------------------------------------
// The timer handlers.

// `route`: a new request (or one waiting in a queue) is scored and given to someone.
export async function routeLead(
  ctx: Ctx,
  leadId: string,
  now = new Date(),
  cache?: WorldCache,
): Promise<void> {
  const lead = await leads.lockLeadForRouting(ctx, leadId);
  if (!lead) return clearTimer(ctx, leadId);
  const world = await loadWorld(ctx, cache);
  const conversationId = await inbox.conversationOfLead(ctx, leadId);
  const priority = await scoreLead(ctx, lead, world.settings, conversationId);
  const scored = { priorityScore: priority.score, priorityReasons: priority.reasons };
  // Already answered or worked (or assigned by hand and answered): scored only.
  if (lead.status !== 'new' || lead.firstRespondedAt) {
    await leads.writeRouting(ctx, leadId, scored);
    return clearTimer(ctx, leadId);
  }
  const policy = pickPolicy(world.policies, lead.channel, priority.score);
  // Entered with an assignee (a manager typed it in): theirs, on the clock.
  if (lead.assigneeId && lead.queueTeamId === null && lead.firstResponseDueAt === null) {
    const due = policy ? deadlines(policy, world.settings, now) : null;
    await leads.writeRouting(ctx, leadId, { ...scored, firstResponseDueAt: due?.dueAt ?? null });
    await startAssignment(ctx, world, lead, {
      memberId: lead.assigneeId,
      teamId: null,
      reason: reasonOf('manual', null),
      dueAt: due?.dueAt ?? null,
    });
    return armSla(ctx, leadId, due, now);
  }
  const decision = await decide(
    ctx,
    world,
    await factsOf(ctx, world, lead, priority.score),
    now,
    await missedBy(ctx, leadId),
  );
  await saveCursor(ctx, decision.rule, decision.cursor);
  if (!decision.memberId) {
    const wasQueued =
      lead.queueTeamId !== null || (lead.assigneeId === null && lead.priorityScore !== null);
    await leads.writeRouting(ctx, leadId, { ...scored, queueTeamId: decision.queueTeamId });
    if (!wasQueued) {
      await startAssignment(ctx, world, lead, {
        memberId: null,
        teamId: decision.queueTeamId,
        reason: decision.reason,
        dueAt: null,
      });
      await publish(
        ctx,
        {
          type: 'routing.queued',
          leadId,
          conversationId,
          teamId: decision.queueTeamId,
          memberIds: headsOf(world, decision.queueTeamId),
        },
        lead,
      );
    }
    return setTimer(ctx, leadId, 'route', new Date(now.getTime() + REQUEUE_MS));
  }
  const due = policy ? deadlines(policy, world.settings, now) : null;
  await leads.writeRouting(ctx, leadId, {
    ...scored,
    assigneeId: decision.memberId,
    queueTeamId: null,
    firstResponseDueAt: due?.dueAt ?? null,
  });
  await endAssignment(ctx, leadId);
  await startAssignment(ctx, world, lead, {
    memberId: decision.memberId,
    teamId: decision.rule?.teamId ?? null,
    reason: decision.reason,
    dueAt: due?.dueAt ?? null,
  });
  await publish(
    ctx,
    { type: 'routing.assigned', leadId, conversationId, memberIds: [decision.memberId] },
    lead,
  );
  if (conversationId) await publish(ctx, { type: 'inbox.conversation', conversationId });
  await armSla(ctx, leadId, due, now);
}

// `warn`: the assignee is told the deadline is near; the timer moves on to the deadline.
export async function warnLead(ctx: Ctx, leadId: string, now = new Date()): Promise<void> {
  const lead = await leads.lockLeadForRouting(ctx, leadId);
  if (!lead || lead.firstRespondedAt || lead.status !== 'new' || !lead.firstResponseDueAt)
    return clearTimer(ctx, leadId);
  if (lead.assigneeId) {
    const conversationId = await inbox.conversationOfLead(ctx, leadId);
    await publish(
      ctx,
      {
        type: 'routing.warning',
        leadId,
        conversationId,
        dueAt: lead.firstResponseDueAt.toISOString(),
        memberIds: [lead.assigneeId],
      },
      lead,
    );
  }
  await setTimer(
    ctx,
    leadId,
    'breach',
    lead.firstResponseDueAt > now ? lead.firstResponseDueAt : now,
  );
}

// `breach`: the deadline passed unanswered. The breach stays against the member who held it; the
// heads are told; the request moves to the next eligible member by the same rule, or, after the
// policy's number of moves, to the head.
export async function breachLead(
  ctx: Ctx,
  leadId: string,
  now = new Date(),
  cache?: WorldCache,
): Promise<void> {
  const lead = await leads.lockLeadForRouting(ctx, leadId);
  if (!lead || lead.firstRespondedAt || lead.status !== 'new' || !lead.firstResponseDueAt)
    return clearTimer(ctx, leadId);
  // The deadline moved later (reassigned by hand with a fresh one): wait for it.
  if (lead.firstResponseDueAt.getTime() > now.getTime())
    return setTimer(ctx, leadId, 'breach', lead.firstResponseDueAt);
  const world = await loadWorld(ctx, cache);
  const conversationId = await inbox.conversationOfLead(ctx, leadId);
  const missed = lead.assigneeId;
  await endAssignment(ctx, leadId, { breachedAt: lead.firstResponseDueAt });
  await recordAudit(ctx, {
    action: 'lead.sla_breached',
    entity: 'leads',
    entityId: leadId,
    after: { memberId: missed, dueAt: lead.firstResponseDueAt },
  });
  const missedTeam = world.members.find((m) => m.id === missed)?.teamId ?? null;
  await publish(
    ctx,
    {
      type: 'routing.breach',
      leadId,
      conversationId,
      memberId: missed,
      memberIds: headsOf(world, missedTeam),
    },
    lead,
  );
  const policy = pickPolicy(world.policies, lead.channel, lead.priorityScore ?? 0);
  const maxMoves = policy?.maxMoves ?? 0;
  const tellMissed = async (to: string | null) => {
    if (missed && missed !== to)
      await publish(
        ctx,
        { type: 'routing.reassigned', leadId, conversationId, toMemberId: to, memberIds: [missed] },
        lead,
      );
  };

  if (lead.moves < maxMoves) {
    const exclude = await missedBy(ctx, leadId);
    const decision = await decide(
      ctx,
      world,
      await factsOf(ctx, world, lead, lead.priorityScore ?? 0),
      now,
      exclude,
    );
    await saveCursor(ctx, decision.rule, decision.cursor);
    const reason: AssignmentReason = {
      ...decision.reason,
      code: decision.memberId ? 'sla_breach_moved' : decision.reason.code,
      detail: {
        ...decision.reason.detail,
        by: decision.reason.code,
        from: world.members.find((m) => m.id === missed)?.name ?? null,
      },
    };
    if (!decision.memberId) {
      await leads.writeRouting(ctx, leadId, {
        assigneeId: null,
        queueTeamId: decision.queueTeamId,
        moves: lead.moves + 1,
        firstResponseDueAt: null,
      });
      await startAssignment(
        ctx,
        world,
        { ...lead, assigneeId: missed },
        { memberId: null, teamId: decision.queueTeamId, reason, dueAt: null },
      );
      await publish(
        ctx,
        {
          type: 'routing.queued',
          leadId,
          conversationId,
          teamId: decision.queueTeamId,
          memberIds: headsOf(world, decision.queueTeamId),
        },
        lead,
      );
      await tellMissed(null);
      return setTimer(ctx, leadId, 'route', new Date(now.getTime() + REQUEUE_MS));
    }
    const due = policy ? deadlines(policy, world.settings, now) : null;
    await leads.writeRouting(ctx, leadId, {
      assigneeId: decision.memberId,
      queueTeamId: null,
      moves: lead.moves + 1,
      firstResponseDueAt: due?.dueAt ?? null,
    });
    await startAssignment(
      ctx,
      world,
      { ...lead, assigneeId: missed },
      {
        memberId: decision.memberId,
        teamId: decision.rule?.teamId ?? null,
        reason,
        dueAt: due?.dueAt ?? null,
      },
    );
    await publish(
      ctx,
      { type: 'routing.assigned', leadId, conversationId, memberIds: [decision.memberId] },
      lead,
    );
    await tellMissed(decision.memberId);
    if (conversationId) await publish(ctx, { type: 'inbox.conversation', conversationId });
    return armSla(ctx, leadId, due, now);
  }

  if (lead.moves === maxMoves) {
    const [head] = headsOf(world, missedTeam);
    if (head && head !== missed) {
      const due = policy ? deadlines(policy, world.settings, now) : null;
      await leads.writeRouting(ctx, leadId, {
        assigneeId: head,
        queueTeamId: null,
        moves: lead.moves + 1,
        firstResponseDueAt: due?.dueAt ?? null,
      });
      await startAssignment(
        ctx,
        world,
        { ...lead, assigneeId: missed },
        {
          memberId: head,
          teamId: missedTeam,
          reason: reasonOf('escalated', null, {
            moves: lead.moves,
            from: world.members.find((m) => m.id === missed)?.name ?? null,
          }),
          dueAt: due?.dueAt ?? null,
        },
      );
      await publish(
        ctx,
        { type: 'routing.escalated', leadId, conversationId, headId: head, memberIds: [head] },
        lead,
      );
      await tellMissed(head);
      if (conversationId) await publish(ctx, { type: 'inbox.conversation', conversationId });
      return armSla(ctx, leadId, due, now);
    }
  }
  // Escalated already (or no one to escalate to): the breach is recorded, the request stays.
  await leads.writeRouting(ctx, leadId, {
    moves: lead.moves + 1,
    firstResponseDueAt: lead.firstResponseDueAt,
  });
  await startAssignment(
    ctx,
    world,
    { ...lead, assigneeId: missed },
    {
      memberId: missed,
      teamId: missedTeam,
      reason: reasonOf('kept_after_escalation', null),
      dueAt: null,
    },
  );
  await clearTimer(ctx, leadId);
}

export async function handleTimer(
  ctx: Ctx,
  leadId: string,
  kind: TimerKind,
  now = new Date(),
  cache?: WorldCache,
): Promise<void> {
  if (kind === 'route') return routeLead(ctx, leadId, now, cache);
  if (kind === 'warn') return warnLead(ctx, leadId, now);
  return breachLead(ctx, leadId, now, cache);
}

// ---------------------------------------------------------------------------------------------
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
  const phone = sample.phone ? (crm.toE164(sample.phone, 'RU') ?? sample.phone) : null;
  const contact =
    phone || sample.email
      ? await (
          phone
            ? crm.findContactByPoint(ctx, 'phone', phone)
            : crm.findContactByPoint(ctx, 'email', sample.email!.toLowerCase())
        ).catch(() => null)
      : null;
  const priority = await score(ctx, world.settings, {
    subject: sample.subject,
    text: sample.text,
    channel: sample.channel,
    contactId: contact?.id ?? null,
    companyId: contact?.companyId ?? null,
  });
  const facts = {
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
  };
  const d = await decide(ctx, world, facts, at, new Set());
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
