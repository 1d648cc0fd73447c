import type { WorkingHours } from '@voronka/contract';
import { describe, expect, it } from 'vitest';
import type { RoutedLead } from './lead-state.js';
import type { MemberState } from './availability.js';
import { OFFICE_HOURS } from './business-time.js';
import type { Facts } from './decide.js';
import { DEFAULT_WEIGHTS } from './priority.js';
import type { PolicyRow, RuleRow } from './rules.js';
import type { TimerKind } from './tables.js';
import { REQUEUE_MS, transition, type Effect, type State, type TimerInput } from './transitions.js';
import type { World } from './world.js';

// The routing state machine, table-driven: a world (members, availability, loads, rules, policies),
// a request, a timer kind and a time in; the state and the effects out. No database: transition is
// a pure function, and these are its decisions.

const NOW = new Date('2026-03-10T09:00:00Z'); // a Tuesday, 12:00 in Moscow
const at = (s: number) => new Date(NOW.getTime() + s * 1000);

type MemberSpec = Partial<Omit<MemberState, 'id'>> & { id: string; load?: number };

// The world builder: the team "sales" (head h, managers m1, m2 unless told otherwise), no rules, no
// policies, office hours in Moscow, everyone available with no load.
function world(
  o: {
    members?: MemberSpec[];
    rules?: Partial<RuleRow>[];
    policies?: Partial<PolicyRow>[];
    teamHead?: string | null;
  } = {},
): World {
  const specs: MemberSpec[] = o.members ?? [{ id: 'h', role: 'head' }, { id: 'm1' }, { id: 'm2' }];
  const states = specs.map((s): MemberState => ({
    name: s.id.toUpperCase(),
    role: 'manager',
    teamId: 'sales',
    status: 'active',
    timeZone: 'Europe/Moscow',
    hours: null,
    vacations: [],
    away: false,
    capacity: null,
    openLoad: s.load ?? 0,
    telegramLinked: false,
    ...s,
  }));
  return {
    settings: {
      timeZone: 'Europe/Moscow',
      hours: OFFICE_HOURS as WorkingHours,
      productionCalendar: 'none',
      catalog: [],
      scoringCatalog: [],
      weights: DEFAULT_WEIGHTS,
      weightsSource: 'default',
      fittedAt: null,
      lastFit: null,
    },
    rules: (o.rules ?? []).map((r, i) => ({
      workspaceId: 'ws',
      id: `r${i + 1}`,
      name: `Rule ${i + 1}`,
      position: i,
      enabled: true,
      conditions: {},
      strategy: 'least_load',
      teamId: 'sales',
      memberId: null,
      cursorMemberId: null,
      createdAt: NOW,
      updatedAt: NOW,
      ...r,
    })),
    policies: (o.policies ?? []).map((p, i) => ({
      workspaceId: 'ws',
      id: `p${i + 1}`,
      name: `Policy ${i + 1}`,
      position: i,
      enabled: true,
      channels: [],
      minPriority: null,
      responseSeconds: 600,
      businessHours: false,
      warnPercent: 80,
      maxMoves: 2,
      createdAt: NOW,
      updatedAt: NOW,
      ...p,
    })),
    members: states.map(({ id, name, role, teamId, status }) => ({
      id,
      name,
      role,
      teamId,
      status,
    })),
    states: new Map(states.filter((s) => s.status === 'active').map((s) => [s.id, s])),
    teams: [
      {
        id: 'sales',
        name: 'Sales',
        headId: o.teamHead === undefined ? 'h' : o.teamHead,
        memberCount: specs.length,
        createdAt: NOW.toISOString(),
      },
    ],
  };
}

const lead = (o: Partial<RoutedLead> = {}): RoutedLead => ({
  id: 'L',
  channel: 'web',
  source: null,
  utm: {},
  title: 'Заявка',
  message: 'Нужен кирпич, 2000 шт',
  contactPhone: null,
  contactEmail: null,
  contactId: null,
  companyId: null,
  conversationId: null,
  tags: [],
  status: 'new',
  assigneeId: null,
  queueTeamId: null,
  priorityScore: null,
  firstResponseDueAt: null,
  firstRespondedAt: null,
  moves: 0,
  receivedAt: NOW,
  custom: {},
  ...o,
});

const facts = (o: Partial<Facts> = {}): Facts => ({
  channel: 'web',
  formId: null,
  source: null,
  utm: {},
  text: 'Нужен кирпич, 2000 шт',
  phone: null,
  timeZone: null,
  tags: [],
  priority: 60,
  contactId: null,
  ...o,
});

const input = (kind: TimerKind, o: Partial<Omit<TimerInput, 'kind'>> = {}): TimerInput => ({
  kind,
  now: NOW,
  lead: lead(),
  world: world(),
  conversationId: 'C',
  priority: kind === 'route' ? { score: 60, reasons: [] } : null,
  facts: facts(),
  missed: new Set(),
  ...o,
});

// What a test reads off the effects: who it went to, what was told to whom, the next timer.
const summary = (effects: Effect[]) => ({
  does: effects.map((e) => e.do),
  assignee: effects
    .flatMap((e) => (e.do === 'write' && 'assigneeId' in e.set ? [e.set.assigneeId] : []))
    .at(-1),
  told: effects.flatMap((e) =>
    e.do === 'notify' ? [`${e.event.type}→${e.event.memberIds.join(',')}`] : [],
  ),
  reasons: effects.flatMap((e) => (e.do === 'start-assignment' ? [e.reason.code] : [])),
  timer:
    effects
      .flatMap((e) =>
        e.do === 'timer' ? [`${e.kind}@${(e.dueAt.getTime() - NOW.getTime()) / 1000}`] : [],
      )
      .at(-1) ?? null,
});

type Row = {
  name: string;
  in: TimerInput;
  state: State;
  expect?: Partial<ReturnType<typeof summary>>;
};

const tenMinutes = [{ responseSeconds: 600, warnPercent: 80, maxMoves: 2 }];
const due = at(-1); // a deadline just passed

const route: Row[] = [
  {
    name: 'a request that is gone: its timer goes',
    in: input('route', { lead: null }),
    state: 'gone',
    expect: { does: ['clear-timer'] },
  },
  {
    name: 'answered before routing: scored only',
    in: input('route', { lead: lead({ status: 'in_work' }) }),
    state: 'scored',
    expect: { does: ['write', 'clear-timer'], assignee: undefined },
  },
  {
    name: 'least load: the member with fewer open requests, warned at 80% of the deadline',
    in: input('route', {
      world: world({
        members: [
          { id: 'h', role: 'head' },
          { id: 'm1', load: 3 },
          { id: 'm2', load: 1 },
        ],
        rules: [{}],
        policies: tenMinutes,
      }),
    }),
    state: 'assigned',
    expect: {
      assignee: 'm2',
      reasons: ['least_load'],
      told: ['routing.assigned→m2'],
      timer: 'warn@480',
    },
  },
  {
    name: 'round robin: the next after the cursor, which moves',
    in: input('route', {
      world: world({ rules: [{ strategy: 'round_robin', cursorMemberId: 'm1' }] }),
    }),
    state: 'assigned',
    expect: {
      does: [
        'save-cursor',
        'write',
        'end-assignment',
        'start-assignment',
        'notify',
        'refresh',
        'clear-timer',
      ],
      assignee: 'm2',
    },
  },
  {
    name: 'the head of the team is not in its pool, nor a member away or at capacity: queued, the head told',
    in: input('route', {
      world: world({
        members: [
          { id: 'h', role: 'head' },
          { id: 'm1', away: true },
          { id: 'm2', capacity: 2, load: 2 },
        ],
        rules: [{}],
      }),
    }),
    state: 'queued',
    expect: {
      reasons: ['queued_no_one_eligible'],
      told: ['routing.queued→h'],
      timer: `route@${REQUEUE_MS / 1000}`,
    },
  },
  {
    name: 'still queued a minute later: offered again, no one told twice',
    in: input('route', {
      lead: lead({ queueTeamId: 'sales', priorityScore: 60 }),
      world: world({
        members: [
          { id: 'h', role: 'head' },
          { id: 'm1', away: true },
        ],
        rules: [{}],
      }),
    }),
    state: 'queued',
    expect: { does: ['write', 'timer'], told: [] },
  },
  {
    name: 'entered with an assignee: theirs, on the clock, recorded as manual',
    in: input('route', {
      lead: lead({ assigneeId: 'm1' }),
      world: world({ policies: tenMinutes }),
    }),
    state: 'on-the-clock',
    expect: { reasons: ['manual'], told: [], timer: 'warn@480' },
  },
  {
    name: 'named manager on vacation: the team’s least loaded takes it',
    in: input('route', {
      world: world({
        members: [
          { id: 'h', role: 'head' },
          { id: 'm1', vacations: [{ from: '2026-03-01', to: '2026-03-20' }] },
          { id: 'm2' },
        ],
        rules: [{ strategy: 'named', memberId: 'm1' }],
      }),
    }),
    state: 'assigned',
    expect: { assignee: 'm2', reasons: ['fallback_team'] },
  },
  {
    name: "the client's own manager, looked up beforehand",
    in: input('route', {
      facts: facts({ contactId: 'K', ownerId: 'm2' }),
      world: world({ rules: [{ strategy: 'client_owner' }] }),
    }),
    state: 'assigned',
    expect: { assignee: 'm2', reasons: ['client_owner'] },
  },
  {
    name: 'no rule matches: the least loaded manager of the workspace',
    in: input('route', {
      world: world({
        members: [
          { id: 'm1', load: 1 },
          { id: 'm2', load: 0, teamId: null },
        ],
        rules: [{ conditions: { channels: ['email'] } }],
      }),
    }),
    state: 'assigned',
    expect: { assignee: 'm2', reasons: ['no_rule'] },
  },
];

const warn: Row[] = [
  {
    name: 'the assignee is told; the timer moves on to the deadline',
    in: input('warn', {
      lead: lead({ assigneeId: 'm1', firstResponseDueAt: at(120) }),
      world: null,
    }),
    state: 'warned',
    expect: { told: ['routing.warning→m1'], timer: 'breach@120' },
  },
  {
    name: 'answered meanwhile: the timer goes',
    in: input('warn', {
      lead: lead({ assigneeId: 'm1', firstResponseDueAt: at(120), firstRespondedAt: at(-5) }),
      world: null,
    }),
    state: 'settled',
    expect: { does: ['clear-timer'] },
  },
];

const missedBy = (moves: number, o: Partial<RoutedLead> = {}) =>
  lead({ assigneeId: 'm1', firstResponseDueAt: due, moves, priorityScore: 60, ...o });
const breach: Row[] = [
  {
    name: 'the deadline moved later: wait for it',
    in: input('breach', { lead: missedBy(0, { firstResponseDueAt: at(300) }) }),
    state: 'waiting',
    expect: { does: ['timer'], timer: 'breach@300' },
  },
  {
    name: 'missed: recorded against m1, the head told, moved to m2 (never back to m1), m1 told',
    in: input('breach', {
      lead: missedBy(0),
      world: world({
        members: [{ id: 'h', role: 'head' }, { id: 'm1' }, { id: 'm2', load: 5 }],
        rules: [{}],
        policies: tenMinutes,
      }),
    }),
    state: 'moved',
    expect: {
      assignee: 'm2',
      reasons: ['sla_breach_moved'],
      told: ['routing.breach→h', 'routing.assigned→m2', 'routing.reassigned→m1'],
      timer: 'warn@480',
    },
  },
  {
    name: 'missed and everyone else has missed it too: queued in the team',
    in: input('breach', {
      lead: missedBy(1),
      missed: new Set(['m2']),
      world: world({ rules: [{}], policies: tenMinutes }),
    }),
    state: 'queued',
    expect: {
      assignee: null,
      reasons: ['queued_no_one_eligible'],
      told: ['routing.breach→h', 'routing.queued→h', 'routing.reassigned→m1'],
      timer: 'route@60',
    },
  },
  {
    name: 'maxMoves reached: escalated to the head',
    in: input('breach', { lead: missedBy(2), world: world({ rules: [{}], policies: tenMinutes }) }),
    state: 'escalated',
    expect: {
      assignee: 'h',
      reasons: ['escalated'],
      told: ['routing.breach→h', 'routing.escalated→h', 'routing.reassigned→m1'],
    },
  },
  {
    name: 'missed after the escalation: recorded, kept, the clock stops',
    in: input('breach', {
      lead: missedBy(3, { assigneeId: 'h' }),
      world: world({ policies: tenMinutes }),
    }),
    state: 'kept',
    expect: {
      reasons: ['kept_after_escalation'],
      timer: null,
      does: [
        'end-assignment',
        'audit-breach',
        'notify',
        'write',
        'start-assignment',
        'clear-timer',
      ],
    },
  },
  {
    name: 'no policy: no moves, straight to the head',
    in: input('breach', { lead: missedBy(0), world: world() }),
    state: 'escalated',
    expect: { assignee: 'h', timer: null },
  },
];

describe.each([
  ['route', route],
  ['warn', warn],
  ['breach', breach],
] as const)('the %s transition', (_, rows) => {
  it.each(rows)('$name', (row) => {
    const t = transition(row.in);
    expect(t.state).toBe(row.state);
    if (row.expect) expect(summary(t.effects)).toMatchObject(row.expect);
  });
});

describe('transition', () => {
  it('is pure: the same input gives the same decision, and the world is not changed', () => {
    const w = world({ rules: [{ strategy: 'round_robin', cursorMemberId: 'm1' }] });
    const before = JSON.stringify([...w.states]) + JSON.stringify(w.rules);
    const a = transition(input('route', { world: w }));
    const b = transition(input('route', { world: w }));
    expect(a).toEqual(b);
    expect(JSON.stringify([...w.states]) + JSON.stringify(w.rules)).toBe(before);
  });
});
