import type { Team } from '@voronka/contract';
import type { Ctx } from '../../platform/context.js';
import {
  memberStates,
  openLoads,
  roster,
  teamsOf,
  type Member,
  type MemberState,
} from './availability.js';
import { policyRows, ruleRows, type PolicyRow, type RuleRow } from './rules.js';
import { loadSettings, type RoutingSettings } from './settings.js';

// What routing decides against: the workspace's settings, rules, policies, people, their
// availability and open load, and teams.
export type World = {
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

export async function loadWorld(ctx: Ctx, cache?: WorldCache): Promise<World> {
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

// Who a rule's pool is: the team's active members but its head (the head steers the queue), or,
// without a team, the workspace's managers (and heads, when there are no managers).
export function poolOf(world: World, teamId: string | null): Member[] {
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

export const memberName = (world: World, id: string | null): string | null =>
  id ? (world.members.find((m) => m.id === id)?.name ?? null) : null;
