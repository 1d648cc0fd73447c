import type { CalendarEntry, CalendarRangeQuery } from '@voronka/contract';
import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import * as activities from '../activities/service.js';
import { overlapping } from './busy.js';
import { eventScope } from './events.js';
import { occurrences } from './recurrence.js';
import { calendarAttendees, calendarEvents } from './tables.js';

// A range is at most 62 days (a month view with its spill-over weeks, a list of two months).
const MAX_RANGE_MS = 62 * 86_400_000;
// A task is a point in time; the calendar draws it as half an hour.
const TASK_MS = 30 * 60_000;

export const memberIdsOf = (ctx: Ctx, list: string | undefined): string[] =>
  list
    ? [...new Set(list.split(',').map((s) => s.toLowerCase()))]
    : ctx.actor.memberId
      ? [ctx.actor.memberId]
      : [];

export function rangeOf(q: { from: string; to: string }): { from: Date; to: Date } {
  const from = new Date(q.from);
  const to = new Date(q.to);
  if (!(from < to))
    throw new DomainError('calendar_event.invalid', 'the range ends before it starts', {
      field: 'to',
    });
  if (to.getTime() - from.getTime() > MAX_RANGE_MS)
    throw new DomainError('calendar_event.invalid', 'a range is at most 62 days', { field: 'to' });
  return { from, to };
}

// The members' calendars over [from, to): the events they own or attend that the caller may see
// (recurring ones once per occurrence) and, unless left out, their tasks with a due time.
export async function listRange(ctx: Ctx, q: CalendarRangeQuery): Promise<CalendarEntry[]> {
  const { from, to } = rangeOf(q);
  const members = memberIdsOf(ctx, q.memberIds);
  if (!members.length) return [];
  const entries = await eventEntries(ctx, members, from, to);
  if (q.tasks === 'true') entries.push(...(await taskEntries(ctx, members, from, to)));
  return entries.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

async function eventEntries(ctx: Ctx, members: string[], from: Date, to: Date) {
  const attendedIds = ctx.tx
    .select({ id: calendarAttendees.eventId })
    .from(calendarAttendees)
    .where(
      and(
        eq(calendarAttendees.workspaceId, ctx.workspaceId),
        inArray(calendarAttendees.memberId, members),
      ),
    );
  const owned = await ctx.tx
    .select()
    .from(calendarEvents)
    .where(and(eventScope(ctx), inArray(calendarEvents.ownerId, members), overlapping(from, to)));
  const attended = await ctx.tx
    .select()
    .from(calendarEvents)
    .where(and(eventScope(ctx), inArray(calendarEvents.id, attendedIds), overlapping(from, to)));
  const rows = new Map([...owned, ...attended].map((r) => [r.id, r]));
  const attendees = await attendeesByEvent(ctx, [...rows.keys()]);
  const out: CalendarEntry[] = [];
  for (const r of rows.values()) {
    const spans = r.rrule
      ? occurrences({ ...r, rrule: r.rrule }, from, to)
      : [{ start: r.startsAt, end: r.endsAt }];
    for (const s of spans)
      out.push({
        key: r.rrule ? `${r.id}:${s.start.toISOString()}` : r.id,
        source: 'event',
        id: r.id,
        kind: r.kind,
        title: r.title,
        ownerId: r.ownerId,
        start: s.start.toISOString(),
        end: s.end.toISOString(),
        allDay: r.allDay,
        status: r.status,
        recurring: Boolean(r.rrule),
        overdue: false,
        attendeeIds: attendees.get(r.id) ?? [],
        contactId: r.contactId,
        companyId: r.companyId,
        dealId: r.dealId,
        leadId: r.leadId,
      });
  }
  return out;
}

async function attendeesByEvent(ctx: Ctx, ids: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (!ids.length) return map;
  const rows = await ctx.tx
    .select({ eventId: calendarAttendees.eventId, memberId: calendarAttendees.memberId })
    .from(calendarAttendees)
    .where(
      and(
        eq(calendarAttendees.workspaceId, ctx.workspaceId),
        inArray(calendarAttendees.eventId, ids),
      ),
    );
  for (const r of rows) map.set(r.eventId, [...(map.get(r.eventId) ?? []), r.memberId]);
  return map;
}

// Tasks with a due time in the range, read through the tasks' own list (its visibility and links).
async function taskEntries(ctx: Ctx, members: string[], from: Date, to: Date) {
  const tasks = await activities.tasksDueBetween(
    ctx,
    members,
    new Date(from.getTime() - TASK_MS),
    to,
  );
  const now = Date.now();
  return tasks.map((t): CalendarEntry => ({
    key: `task:${t.id}`,
    source: 'task',
    id: t.id,
    kind: t.kind === 'call' ? 'call' : t.kind === 'meeting' ? 'meeting' : 'task',
    title: t.title,
    ownerId: t.ownerId,
    start: t.dueAt!,
    end: new Date(Date.parse(t.dueAt!) + TASK_MS).toISOString(),
    allDay: false,
    status: t.doneAt ? 'done' : 'scheduled',
    recurring: false,
    overdue: !t.doneAt && Date.parse(t.dueAt!) < now,
    attendeeIds: [],
    contactId: t.contactId,
    companyId: t.companyId,
    dealId: t.dealId,
    leadId: t.leadId,
  }));
}
