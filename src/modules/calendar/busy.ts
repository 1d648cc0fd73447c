import { and, eq, gt, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { occurrences } from './recurrence.js';
import { calendarAttendees, calendarEvents } from './tables.js';

export type BusyInterval = { memberId: string; start: Date; end: Date; eventId: string };

// Rows of the members' events (owned or attended) that may overlap [from, to): not cancelled,
// starting before `to` and ending after `from`, or recurring on past it.
export function overlapping(from: Date, to: Date) {
  return and(
    ne(calendarEvents.status, 'cancelled'),
    lt(calendarEvents.startsAt, to),
    or(
      gt(calendarEvents.endsAt, from),
      and(
        sql`${calendarEvents.rrule} is not null`,
        or(isNull(calendarEvents.recursUntil), gt(calendarEvents.recursUntil, from)),
      ),
    ),
  );
}

// When the members are busy between `from` and `to`: every non-cancelled event they own or attend
// (done ones too: the time was spent), recurring ones expanded, as UTC intervals sorted by start.
// Read as the system would (no visibility filter): booking asks for hosts whose events the visitor
// must never see, and only the intervals leave this function.
export async function busyIntervals(
  ctx: Ctx,
  userIds: string[],
  from: Date,
  to: Date,
): Promise<BusyInterval[]> {
  if (!userIds.length || !(from < to)) return [];
  const ws = eq(calendarEvents.workspaceId, ctx.workspaceId);
  const cols = {
    id: calendarEvents.id,
    startsAt: calendarEvents.startsAt,
    endsAt: calendarEvents.endsAt,
    timeZone: calendarEvents.timeZone,
    rrule: calendarEvents.rrule,
  };
  const owned = await ctx.tx
    .select({ ...cols, memberId: calendarEvents.ownerId })
    .from(calendarEvents)
    .where(and(ws, inArray(calendarEvents.ownerId, userIds), overlapping(from, to)));
  const attended = await ctx.tx
    .select({ ...cols, memberId: calendarAttendees.memberId })
    .from(calendarAttendees)
    .innerJoin(
      calendarEvents,
      and(
        eq(calendarEvents.workspaceId, calendarAttendees.workspaceId),
        eq(calendarEvents.id, calendarAttendees.eventId),
      ),
    )
    .where(
      and(
        eq(calendarAttendees.workspaceId, ctx.workspaceId),
        inArray(calendarAttendees.memberId, userIds),
        overlapping(from, to),
      ),
    );
  const out: BusyInterval[] = [];
  for (const r of [...owned, ...attended]) {
    const spans = r.rrule
      ? occurrences({ ...r, rrule: r.rrule }, from, to)
      : [{ start: r.startsAt, end: r.endsAt }];
    for (const s of spans)
      if (s.start < to && s.end > from)
        out.push({ memberId: r.memberId, start: s.start, end: s.end, eventId: r.id });
  }
  return out.sort(
    (a, b) => a.start.getTime() - b.start.getTime() || (a.memberId < b.memberId ? -1 : 1),
  );
}
