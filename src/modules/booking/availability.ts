import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import * as calendar from '../calendar/service.js';
import * as routing from '../routing/service.js';
import type { MeetingTypeRow } from './meeting-types.js';
import { hostDate, teamSlots, type HostInput, type Interval, type TeamSlot } from './slots.js';
import { bookings } from './tables.js';

// What the slot engine needs, read from the database: each host's schedule (routing), their
// calendar events (calendar's busyIntervals), their confirmed bookings with buffers, and the
// bookings of this type per host-local day (the daily limit).

const DAY = 86_400_000;
export type HostsInput = { hosts: HostInput[]; names: Map<string, string> };

export async function loadHosts(
  ctx: Ctx,
  type: MeetingTypeRow,
  range: Interval,
  opts: { withBookings: boolean },
): Promise<HostsInput> {
  const ids = type.hosts.map((h) => h.memberId);
  const schedules = await routing.hostSchedules(ctx, ids);
  // Widened by a day and the buffers: a booking or event just outside the range still blocks.
  const from = new Date(range.from - DAY);
  const to = new Date(range.to + DAY);
  const events = await calendar.busyIntervals(ctx, ids, from, to);
  const booked = await ctx.tx
    .select({
      hostId: bookings.hostId,
      meetingTypeId: bookings.meetingTypeId,
      startsAt: bookings.startsAt,
      blockedFrom: bookings.blockedFrom,
      blockedTo: bookings.blockedTo,
      eventId: bookings.eventId,
    })
    .from(bookings)
    .where(
      and(
        eq(bookings.workspaceId, ctx.workspaceId),
        inArray(bookings.hostId, ids),
        eq(bookings.status, 'confirmed'),
        lt(bookings.blockedFrom, to),
        gt(bookings.blockedTo, from),
      ),
    );
  const bookingEvents = new Set(booked.map((b) => b.eventId).filter((e) => e !== null));
  const hosts = schedules.map((s): HostInput => {
    const busy: Interval[] = [];
    for (const e of events)
      if (e.memberId === s.memberId && (opts.withBookings || !bookingEvents.has(e.eventId)))
        busy.push({ from: e.start.getTime(), to: e.end.getTime() });
    const perDay = new Map<string, number>();
    for (const b of booked) {
      if (b.hostId !== s.memberId || !opts.withBookings) continue;
      busy.push({ from: b.blockedFrom.getTime(), to: b.blockedTo.getTime() });
      if (b.meetingTypeId === type.id) {
        const d = hostDate(b.startsAt.getTime(), s.schedule.timeZone);
        perDay.set(d, (perDay.get(d) ?? 0) + 1);
      }
    }
    return {
      id: s.memberId,
      schedule: s.schedule,
      vacations: s.vacations,
      away: s.away,
      active: s.active,
      busy,
      bookedPerDay: perDay,
    };
  });
  return { hosts, names: new Map(schedules.map((s) => [s.memberId, s.name])) };
}

// Without bookings (withBookings false) the question is "could this start be booked at all" (hours,
// events, notice): the events bookings made are left out too, so a start another visitor just took
// reads as taken (409), not as never offered (422).

export async function slotsOf(
  ctx: Ctx,
  type: MeetingTypeRow,
  range: Interval,
  now: number,
  opts: { withBookings: boolean } = { withBookings: true },
): Promise<{ slots: TeamSlot[]; names: Map<string, string> }> {
  const { hosts, names } = await loadHosts(ctx, type, range, opts);
  return { slots: teamSlots(hosts, type, range, now), names };
}

// Round robin kept balanced: among the hosts free at the start, the one with the fewest confirmed
// bookings of this type in the last 30 days per unit of weight (ties: the earlier in the list).
export async function pickBalanced(
  ctx: Ctx,
  type: MeetingTypeRow,
  free: string[],
  now: number,
): Promise<string> {
  if (free.length === 1) return free[0]!;
  const rows = await ctx.tx
    .select({ hostId: bookings.hostId, n: sql<number>`count(*)::int` })
    .from(bookings)
    .where(
      and(
        eq(bookings.workspaceId, ctx.workspaceId),
        eq(bookings.meetingTypeId, type.id),
        eq(bookings.status, 'confirmed'),
        gt(bookings.createdAt, new Date(now - 30 * DAY)),
        inArray(bookings.hostId, free),
      ),
    )
    .groupBy(bookings.hostId);
  const counts = new Map(rows.map((r) => [r.hostId, Number(r.n)]));
  const weight = new Map(type.hosts.map((h) => [h.memberId, h.weight]));
  const order = type.hosts.map((h) => h.memberId);
  return [...free].sort(
    (a, b) =>
      (counts.get(a) ?? 0) / (weight.get(a) ?? 1) - (counts.get(b) ?? 0) / (weight.get(b) ?? 1) ||
      order.indexOf(a) - order.indexOf(b),
  )[0]!;
}
