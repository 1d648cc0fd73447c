import type {
  Availability,
  AvailabilityBody,
  IneligibleReason,
  Team,
  User,
  WorkingHours,
} from '@voronka/contract';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import * as workspaces from '../workspaces/service.js';
import { addBusinessTime, type WorkingHours as ScheduleHours } from './business-time.js';
import { RU_PRODUCTION_CALENDAR } from './ru-calendar.js';
import { memberAvailability, memberLoads } from './tables.js';
import { isoDate, localDateOf } from './zoned-time.js';

export type Member = Pick<User, 'id' | 'name' | 'role' | 'teamId' | 'status'>;
export type MemberState = Member & {
  timeZone: string;
  hours: WorkingHours | null;
  vacations: { from: string; to: string }[];
  away: boolean;
  capacity: number | null;
  openLoad: number;
  telegramLinked: boolean;
};

// Every page of a keyset-paged list (people and teams: a few hundred at most).
async function allPages<T>(
  read: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

// Everyone in the workspace, read through the workspaces module.
export const roster = async (ctx: Ctx): Promise<Member[]> =>
  (await allPages((cursor) => workspaces.listUsers(ctx, { limit: 200, cursor }))).map(
    ({ id, name, role, teamId, status }) => ({ id, name, role, teamId, status }),
  );

export const teamsOf = (ctx: Ctx): Promise<Team[]> =>
  allPages((cursor) => workspaces.listTeams(ctx, { limit: 200, cursor }));

// Members with their availability and open load, for the given ids (all when absent).
export async function memberStates(
  ctx: Ctx,
  members: Member[],
  defaultTimeZone: string,
): Promise<Map<string, MemberState>> {
  const ids = members.map((m) => m.id);
  const rows = ids.length
    ? await ctx.tx
        .select()
        .from(memberAvailability)
        .where(
          and(
            eq(memberAvailability.workspaceId, ctx.workspaceId),
            inArray(memberAvailability.memberId, ids),
          ),
        )
    : [];
  const byId = new Map(rows.map((r) => [r.memberId, r]));
  const loads = await openLoads(ctx, ids);
  return new Map(
    members.map((m) => {
      const a = byId.get(m.id);
      return [
        m.id,
        {
          ...m,
          timeZone: a?.timeZone ?? defaultTimeZone,
          hours: a?.hours ?? null,
          vacations: a?.vacations ?? [],
          away: a?.away ?? false,
          capacity: a?.capacity ?? null,
          openLoad: loads.get(m.id) ?? 0,
          telegramLinked: Boolean(a?.telegramChatId),
        },
      ];
    }),
  );
}

// Open requests per member, from the counters a trigger on leads keeps (routing/triggers.sql).
export async function openLoads(ctx: Ctx, memberIds: string[]): Promise<Map<string, number>> {
  if (!memberIds.length) return new Map();
  const rows = await ctx.tx
    .select({ id: memberLoads.memberId, open: memberLoads.open })
    .from(memberLoads)
    .where(
      and(eq(memberLoads.workspaceId, ctx.workspaceId), inArray(memberLoads.memberId, memberIds)),
    );
  return new Map(rows.map((r) => [r.id, r.open]));
}

// Whether a member can take a request at `at`, and if not the first reason why: deactivated, marked
// away, on vacation (dates in their own zone), outside their working hours (their zone; the Russian
// calendar's holidays when the workspace keeps it), or at their capacity of open requests.
export function eligibility(
  m: MemberState,
  at: Date,
  opts: { productionCalendar: 'ru' | 'none' },
): IneligibleReason | null {
  if (m.status !== 'active') return 'inactive';
  if (m.away) return 'away';
  const today = isoDate(localDateOf(at.getTime(), m.timeZone));
  if (m.vacations.some((v) => v.from <= today && today <= v.to)) return 'vacation';
  if (m.hours && !withinHours(m.hours, m.timeZone, at, opts.productionCalendar)) return 'off_hours';
  if (m.capacity !== null && m.openLoad >= m.capacity) return 'at_capacity';
  return null;
}

// Inside working hours ⇔ the next working instant from `at` is `at` itself.
export function withinHours(
  hours: WorkingHours,
  timeZone: string,
  at: Date,
  calendar: 'ru' | 'none',
): boolean {
  const any = Object.values(hours).some((ranges) => (ranges ?? []).length > 0);
  if (!any) return false;
  const next = addBusinessTime(at, 0, {
    timeZone,
    hours: hours as ScheduleHours,
    calendar: calendar === 'ru' ? RU_PRODUCTION_CALENDAR : null,
    shortenPreHolidays: false,
  });
  return next.getTime() === at.getTime();
}

function toAvailability(m: MemberState, reason: IneligibleReason | null): Availability {
  return {
    memberId: m.id,
    name: m.name,
    teamId: m.teamId,
    role: m.role,
    timeZone: m.timeZone,
    hours: m.hours,
    vacations: m.vacations,
    away: m.away,
    capacity: m.capacity,
    telegramLinked: m.telegramLinked,
    openLoad: m.openLoad,
    eligible: reason === null,
    reason,
  };
}

export async function listAvailability(
  ctx: Ctx,
  calendar: 'ru' | 'none',
  timeZone: string,
  now = new Date(),
): Promise<Availability[]> {
  const members = (await roster(ctx)).filter((m) => m.status === 'active');
  const states = await memberStates(ctx, members, timeZone);
  return members.map((m) => {
    const s = states.get(m.id)!;
    return toAvailability(s, eligibility(s, now, { productionCalendar: calendar }));
  });
}

export async function getAvailability(
  ctx: Ctx,
  memberId: string,
  calendar: 'ru' | 'none',
  timeZone: string,
): Promise<Availability> {
  const member = await workspaces.getUser(ctx, memberId);
  const s = (await memberStates(ctx, [member], timeZone)).get(member.id)!;
  return toAvailability(s, eligibility(s, new Date(), { productionCalendar: calendar }));
}

// A member edits their own; someone with routing.update edits anyone's.
export async function putAvailability(
  ctx: Ctx,
  memberId: string,
  body: AvailabilityBody,
  calendar: 'ru' | 'none',
  timeZone: string,
): Promise<Availability> {
  const own = ctx.actor.memberId === memberId;
  if (!own && ctx.actor.permissions && !ctx.actor.permissions.routing?.update)
    throw new DomainError(
      'auth.forbidden',
      'only your own availability, or with the right to manage routing',
    );
  const before = await getAvailability(ctx, memberId, calendar, timeZone);
  const set = {
    ...(body.timeZone !== undefined ? { timeZone: body.timeZone } : {}),
    ...(body.hours !== undefined ? { hours: body.hours } : {}),
    ...(body.vacations !== undefined ? { vacations: body.vacations } : {}),
    ...(body.away !== undefined ? { away: body.away } : {}),
    ...(body.capacity !== undefined ? { capacity: body.capacity } : {}),
  };
  await ctx.tx
    .insert(memberAvailability)
    .values({
      workspaceId: ctx.workspaceId,
      memberId,
      timeZone: before.timeZone,
      hours: before.hours,
      vacations: before.vacations,
      away: before.away,
      capacity: before.capacity,
      ...set,
    })
    .onConflictDoUpdate({
      target: [memberAvailability.workspaceId, memberAvailability.memberId],
      set: { ...set, updatedAt: sql`now()` },
    });
  const after = await getAvailability(ctx, memberId, calendar, timeZone);
  await recordAudit(ctx, {
    action: 'routing.availability_updated',
    entity: 'users',
    entityId: memberId,
    before: pickAvail(before),
    after: pickAvail(after),
  });
  return after;
}

const pickAvail = ({ timeZone, hours, vacations, away, capacity }: Availability) => ({
  timeZone,
  hours,
  vacations,
  away,
  capacity,
});
