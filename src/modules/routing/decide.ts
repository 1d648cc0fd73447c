import type { AssignmentReason, Candidate, IneligibleReason } from '@voronka/contract';
import { eligibility, type Member } from './availability.js';
import { addBusinessTime } from './business-time.js';
import { failedConditions, type PolicyRow, type RequestFacts, type RuleRow } from './rules.js';
import { businessSchedule, type RoutingSettings } from './settings.js';
import { poolOf, type World } from './world.js';

// Whom a request goes to, by the first matching rule and its strategy — a pure function of the
// world, the request's facts and the time (the load step looked up what it needs beforehand).

// The request as the rules see it, with its client (contactId) and, when the first matching rule
// gives requests to the client's own manager, that manager (ownerId, looked up by the load step).
export type Facts = RequestFacts & { contactId: string | null; ownerId?: string | null };

export type Decision = {
  rule: RuleRow | null;
  memberId: string | null;
  queueTeamId: string | null;
  reason: AssignmentReason;
  candidates: Candidate[];
  matches: { id: string; name: string; matched: boolean; failed: string[] }[];
  // Round robin's new place (written by the apply step when it moved).
  cursor: string | null;
};

export const reasonOf = (
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

// The first enabled rule whose conditions hold (null: none does).
export function firstRule(world: World, facts: RequestFacts): RuleRow | null {
  return (
    world.rules.find((r) => r.enabled && failedConditions(r.conditions, facts).length === 0) ?? null
  );
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

// Why a member cannot take a request at `at` (null: they can), and them as a candidate.
function judge(world: World, at: Date, exclude: Set<string>) {
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
  return { why, candidate };
}

// Round robin: the next eligible member after `cursor` (the last one given a request by the rule).
function nextInTurn(pool: Member[], eligible: Member[], cursor: string | null): Member {
  const order = [...pool].sort((a, b) => a.id.localeCompare(b.id));
  const start = cursor ? order.findIndex((m) => m.id > cursor) : 0;
  const rotated = start < 0 ? order : [...order.slice(start), ...order.slice(0, start)];
  return rotated.find((m) => eligible.includes(m))!;
}

// Decides where a request goes among the members eligible at `at` and not in `exclude` (those who
// already missed it). The round-robin cursor is returned, not written.
export function decide(world: World, facts: Facts, at: Date, exclude: Set<string>): Decision {
  const matches = world.rules
    .filter((r) => r.enabled)
    .map((r) => ({ id: r.id, name: r.name, failed: failedConditions(r.conditions, facts) }));
  const rule = world.rules.find((r) => r.id === matches.find((m) => !m.failed.length)?.id) ?? null;
  const { why, candidate } = judge(world, at, exclude);
  const teamId = rule?.teamId ?? null;
  const pool = poolOf(world, teamId);
  const candidates = pool.map(candidate);
  const eligible = pool.filter((m) => why(m) === null);
  const result = (
    memberId: string | null,
    reason: AssignmentReason,
    cursor: string | null = rule?.cursorMemberId ?? null,
    extra: Candidate[] = [],
  ): Decision => ({
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
    const next = nextInTurn(pool, eligible, rule?.cursorMemberId ?? null);
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
      const owner = facts.contactId ? (facts.ownerId ?? null) : null;
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
