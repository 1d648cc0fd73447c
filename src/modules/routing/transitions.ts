import type { AssignmentReason } from '@voronka/contract';
import type { InboxEvent } from '../inbox/service.js';
import type { RoutedLead, RoutingUpdate } from './lead-state.js';
import { deadlines, decide, reasonOf, type Decision, type Facts } from './decide.js';
import type { PriorityScore } from './priority.js';
import { pickPolicy, type PolicyRow, type RuleRow } from './rules.js';
import type { TimerKind } from './tables.js';
import { headsOf, memberName, type World } from './world.js';

// Routing as a state machine: a request's timer falls due, and `transition` — a pure function of the
// request, the world, the timer's kind and the time — says what becomes of it (`state`) and what to
// write and tell (`effects`, applied in order by apply.ts). See DESIGN.md for the diagram.

// A request waiting in a queue (no one eligible) is offered again this often.
export const REQUEUE_MS = 60_000;

export type RoutingEvent = Extract<InboxEvent, { type: `routing.${string}` }>;

export type Effect =
  // The request's routing columns.
  | { do: 'write'; set: RoutingUpdate }
  // The assignment in force ends (with the breach recorded against it).
  | { do: 'end-assignment'; breachedAt?: Date }
  // A new assignment (or queueing) with its reason: on the timeline and in the audit log.
  | {
      do: 'start-assignment';
      memberId: string | null;
      teamId: string | null;
      reason: AssignmentReason;
      dueAt: Date | null;
    }
  | { do: 'save-cursor'; rule: RuleRow; cursor: string }
  | { do: 'audit-breach'; memberId: string | null; dueAt: Date }
  // A routing notice to the members it names (browser and Telegram).
  | { do: 'notify'; event: RoutingEvent }
  // Everyone's inbox lists refresh this conversation.
  | { do: 'refresh'; conversationId: string }
  | { do: 'timer'; kind: TimerKind; dueAt: Date }
  | { do: 'clear-timer' };

export type State =
  | 'gone' // the request no longer exists
  | 'settled' // answered, worked or closed: nothing to route or watch
  | 'scored' // answered before routing: only scored
  | 'on-the-clock' // entered with an assignee: theirs, with a deadline
  | 'assigned'
  | 'queued' // no one eligible: waits in the team's queue, offered again each minute
  | 'warned'
  | 'waiting' // its deadline moved later: the breach waits for it
  | 'moved' // missed: given to the next eligible member
  | 'escalated' // missed after the last move: given to the head
  | 'kept'; // missed after the escalation: recorded, stays where it is

export type TimerInput = {
  kind: TimerKind;
  now: Date;
  lead: RoutedLead | null;
  // Read for route and breach (warn needs only the request).
  world: World | null;
  conversationId: string | null;
  // route: the request scored now.
  priority: PriorityScore | null;
  // Present when a decision is needed (needsDecision).
  facts: Facts | null;
  // The members who already missed this request's deadline.
  missed: Set<string>;
};

export type Transition = { state: State; effects: Effect[] };

const open = (lead: RoutedLead) => lead.status === 'new' && !lead.firstRespondedAt;
const enteredWithAssignee = (lead: RoutedLead) =>
  lead.assigneeId !== null && lead.queueTeamId === null && lead.firstResponseDueAt === null;
const policyOf = (world: World, lead: RoutedLead, priority: number): PolicyRow | null =>
  pickPolicy(world.policies, lead.channel, priority);

// Whether the load step must gather the request's facts (and who missed it) for a decision.
export function needsDecision(kind: TimerKind, lead: RoutedLead, world: World, now: Date): boolean {
  if (!open(lead)) return false;
  if (kind === 'route') return !enteredWithAssignee(lead);
  if (kind !== 'breach' || !lead.firstResponseDueAt || lead.firstResponseDueAt > now) return false;
  const maxMoves = policyOf(world, lead, lead.priorityScore ?? 0)?.maxMoves ?? 0;
  return lead.moves < maxMoves;
}

// The next timer of an assigned request: its warning, or (past it) its deadline; none without one.
function armSla(due: { dueAt: Date; warnAt: Date } | null, now: Date): Effect {
  if (!due) return { do: 'clear-timer' };
  return due.warnAt > now
    ? { do: 'timer', kind: 'warn', dueAt: due.warnAt }
    : { do: 'timer', kind: 'breach', dueAt: due.dueAt };
}

const requeue = (now: Date): Effect => ({
  do: 'timer',
  kind: 'route',
  dueAt: new Date(now.getTime() + REQUEUE_MS),
});

const refresh = (conversationId: string | null): Effect[] =>
  conversationId ? [{ do: 'refresh', conversationId }] : [];

const cursorMoved = (d: { rule: RuleRow | null; cursor: string | null }): Effect[] =>
  d.rule && d.cursor && d.cursor !== d.rule.cursorMemberId
    ? [{ do: 'save-cursor', rule: d.rule, cursor: d.cursor }]
    : [];

export function transition(input: TimerInput): Transition {
  if (!input.lead) return { state: 'gone', effects: [{ do: 'clear-timer' }] };
  if (input.kind === 'warn') return warn(input, input.lead);
  return input.kind === 'route' ? route(input, input.lead) : breach(input, input.lead);
}

function need<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`routing: the transition needs ${what}`);
  return value;
}

// `route`: a new request (or one waiting in a queue) is scored and given to someone.
function route(input: TimerInput, lead: RoutedLead): Transition {
  const { now, conversationId } = input;
  const world = need(input.world, 'the world');
  const priority = need(input.priority, 'the request scored');
  const scored = { priorityScore: priority.score, priorityReasons: priority.reasons };
  // Already answered or worked (or assigned by hand and answered): scored only.
  if (!open(lead))
    return { state: 'scored', effects: [{ do: 'write', set: scored }, { do: 'clear-timer' }] };
  const policy = policyOf(world, lead, priority.score);
  const due = policy ? deadlines(policy, world.settings, now) : null;
  // Entered with an assignee (a manager typed it in): theirs, on the clock.
  if (enteredWithAssignee(lead))
    return {
      state: 'on-the-clock',
      effects: [
        { do: 'write', set: { ...scored, firstResponseDueAt: due?.dueAt ?? null } },
        {
          do: 'start-assignment',
          memberId: lead.assigneeId,
          teamId: null,
          reason: reasonOf('manual', null),
          dueAt: due?.dueAt ?? null,
        },
        armSla(due, now),
      ],
    };
  const decision = decide(world, need(input.facts, 'the facts'), now, input.missed);
  if (!decision.memberId) return queue(input, lead, world, scored, decision);
  return {
    state: 'assigned',
    effects: [
      ...cursorMoved(decision),
      {
        do: 'write',
        set: {
          ...scored,
          assigneeId: decision.memberId,
          queueTeamId: null,
          firstResponseDueAt: due?.dueAt ?? null,
        },
      },
      { do: 'end-assignment' },
      {
        do: 'start-assignment',
        memberId: decision.memberId,
        teamId: decision.rule?.teamId ?? null,
        reason: decision.reason,
        dueAt: due?.dueAt ?? null,
      },
      {
        do: 'notify',
        event: {
          type: 'routing.assigned',
          leadId: lead.id,
          conversationId,
          memberIds: [decision.memberId],
        },
      },
      ...refresh(conversationId),
      armSla(due, now),
    ],
  };
}

// No one eligible: the request waits in the team's queue (the heads told the first time).
function queue(
  { now, conversationId }: TimerInput,
  lead: RoutedLead,
  world: World,
  scored: RoutingUpdate,
  decision: Decision,
): Transition {
  const wasQueued =
    lead.queueTeamId !== null || (lead.assigneeId === null && lead.priorityScore !== null);
  const teamId = decision.queueTeamId;
  return {
    state: 'queued',
    effects: [
      ...cursorMoved(decision),
      { do: 'write', set: { ...scored, queueTeamId: teamId } },
      ...(wasQueued
        ? []
        : ([
            {
              do: 'start-assignment',
              memberId: null,
              teamId,
              reason: decision.reason,
              dueAt: null,
            },
            {
              do: 'notify',
              event: {
                type: 'routing.queued',
                leadId: lead.id,
                conversationId,
                teamId,
                memberIds: headsOf(world, teamId),
              },
            },
          ] satisfies Effect[])),
      requeue(now),
    ],
  };
}

// `warn`: the assignee is told the deadline is near; the timer moves on to the deadline.
function warn({ now, conversationId }: TimerInput, lead: RoutedLead): Transition {
  const dueAt = lead.firstResponseDueAt;
  if (!open(lead) || !dueAt) return { state: 'settled', effects: [{ do: 'clear-timer' }] };
  const notice: Effect[] = lead.assigneeId
    ? [
        {
          do: 'notify',
          event: {
            type: 'routing.warning',
            leadId: lead.id,
            conversationId,
            dueAt: dueAt.toISOString(),
            memberIds: [lead.assigneeId],
          },
        },
      ]
    : [];
  return {
    state: 'warned',
    effects: [...notice, { do: 'timer', kind: 'breach', dueAt: dueAt > now ? dueAt : now }],
  };
}

// `breach`: the deadline passed unanswered. The breach stays against the member who held it; the
// heads are told; the request moves to the next eligible member by the same rule, or, after the
// policy's number of moves, to the head.
function breach(input: TimerInput, lead: RoutedLead): Transition {
  const { now } = input;
  const dueAt = lead.firstResponseDueAt;
  if (!open(lead) || !dueAt) return { state: 'settled', effects: [{ do: 'clear-timer' }] };
  // The deadline moved later (reassigned by hand with a fresh one): wait for it.
  if (dueAt.getTime() > now.getTime())
    return { state: 'waiting', effects: [{ do: 'timer', kind: 'breach', dueAt }] };
  const world = need(input.world, 'the world');
  const missed = lead.assigneeId;
  const missedTeam = world.members.find((m) => m.id === missed)?.teamId ?? null;
  const recorded: Effect[] = [
    { do: 'end-assignment', breachedAt: dueAt },
    { do: 'audit-breach', memberId: missed, dueAt },
    {
      do: 'notify',
      event: {
        type: 'routing.breach',
        leadId: lead.id,
        conversationId: input.conversationId,
        memberId: missed,
        memberIds: headsOf(world, missedTeam),
      },
    },
  ];
  const policy = policyOf(world, lead, lead.priorityScore ?? 0);
  const maxMoves = policy?.maxMoves ?? 0;
  const next =
    lead.moves < maxMoves
      ? moveOn(input, lead, world, policy)
      : lead.moves === maxMoves
        ? escalate(input, lead, world, policy, missedTeam)
        : null;
  if (next) return { state: next.state, effects: [...recorded, ...next.effects] };
  // Escalated already (or no one to escalate to): the breach is recorded, the request stays.
  return {
    state: 'kept',
    effects: [
      ...recorded,
      { do: 'write', set: { moves: lead.moves + 1, firstResponseDueAt: dueAt } },
      {
        do: 'start-assignment',
        memberId: missed,
        teamId: missedTeam,
        reason: reasonOf('kept_after_escalation', null),
        dueAt: null,
      },
      { do: 'clear-timer' },
    ],
  };
}

// The member it was taken from is told who has it now.
function tellMissed(lead: RoutedLead, conversationId: string | null, to: string | null) {
  const missed = lead.assigneeId;
  return missed && missed !== to
    ? ([
        {
          do: 'notify',
          event: {
            type: 'routing.reassigned',
            leadId: lead.id,
            conversationId,
            toMemberId: to,
            memberIds: [missed],
          },
        },
      ] satisfies Effect[])
    : [];
}

// A move after a breach: the next eligible member by the same rule (never one who missed it).
function moveOn(
  { now, conversationId, facts, missed }: TimerInput,
  lead: RoutedLead,
  world: World,
  policy: PolicyRow | null,
): Transition {
  // Never back to one who missed it: those before, and the one who just did.
  const exclude = new Set(lead.assigneeId ? [...missed, lead.assigneeId] : missed);
  const decision = decide(world, need(facts, 'the facts'), now, exclude);
  const reason: AssignmentReason = {
    ...decision.reason,
    code: decision.memberId ? 'sla_breach_moved' : decision.reason.code,
    detail: {
      ...decision.reason.detail,
      by: decision.reason.code,
      from: memberName(world, lead.assigneeId),
    },
  };
  const moves = lead.moves + 1;
  if (!decision.memberId) {
    const teamId = decision.queueTeamId;
    return {
      state: 'queued',
      effects: [
        ...cursorMoved(decision),
        {
          do: 'write',
          set: { assigneeId: null, queueTeamId: teamId, moves, firstResponseDueAt: null },
        },
        { do: 'start-assignment', memberId: null, teamId, reason, dueAt: null },
        {
          do: 'notify',
          event: {
            type: 'routing.queued',
            leadId: lead.id,
            conversationId,
            teamId,
            memberIds: headsOf(world, teamId),
          },
        },
        ...tellMissed(lead, conversationId, null),
        requeue(now),
      ],
    };
  }
  const due = policy ? deadlines(policy, world.settings, now) : null;
  const to = decision.memberId;
  return {
    state: 'moved',
    effects: [
      ...cursorMoved(decision),
      {
        do: 'write',
        set: { assigneeId: to, queueTeamId: null, moves, firstResponseDueAt: due?.dueAt ?? null },
      },
      {
        do: 'start-assignment',
        memberId: to,
        teamId: decision.rule?.teamId ?? null,
        reason,
        dueAt: due?.dueAt ?? null,
      },
      {
        do: 'notify',
        event: { type: 'routing.assigned', leadId: lead.id, conversationId, memberIds: [to] },
      },
      ...tellMissed(lead, conversationId, to),
      ...refresh(conversationId),
      armSla(due, now),
    ],
  };
}

// The last move: to the head of the team of the member who missed it (null: no one to give it to).
function escalate(
  { now, conversationId }: TimerInput,
  lead: RoutedLead,
  world: World,
  policy: PolicyRow | null,
  missedTeam: string | null,
): Transition | null {
  const [head] = headsOf(world, missedTeam);
  if (!head || head === lead.assigneeId) return null;
  const due = policy ? deadlines(policy, world.settings, now) : null;
  return {
    state: 'escalated',
    effects: [
      {
        do: 'write',
        set: {
          assigneeId: head,
          queueTeamId: null,
          moves: lead.moves + 1,
          firstResponseDueAt: due?.dueAt ?? null,
        },
      },
      {
        do: 'start-assignment',
        memberId: head,
        teamId: missedTeam,
        reason: reasonOf('escalated', null, {
          moves: lead.moves,
          from: memberName(world, lead.assigneeId),
        }),
        dueAt: due?.dueAt ?? null,
      },
      {
        do: 'notify',
        event: {
          type: 'routing.escalated',
          leadId: lead.id,
          conversationId,
          headId: head,
          memberIds: [head],
        },
      },
      ...tellMissed(lead, conversationId, head),
      ...refresh(conversationId),
      armSla(due, now),
    ],
  };
}
