import type {
  CalendarEvent,
  CalendarEventCreateBody,
  CalendarEventUpdateBody,
} from '@voronka/contract';
import { and, eq, exists, or, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as activities from '../activities/service.js';
import * as workspaces from '../workspaces/service.js';
import { recurrenceEnd } from './recurrence.js';
import { afterEventChange } from './reminders.js';
import { calendarAttendees, calendarEvents } from './tables.js';

export type EventRow = typeof calendarEvents.$inferSelect;
// What a module (booking) may add when it makes an event: where it came from.
export type NewEvent = CalendarEventCreateBody & { source?: string; sourceId?: string };

const MAX_SPAN_MS = 31 * 86_400_000;
const iso = (d: Date) => d.toISOString();

export const toEvent = (r: EventRow, attendeeIds: string[]): CalendarEvent => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  description: r.description,
  ownerId: r.ownerId,
  startsAt: iso(r.startsAt),
  endsAt: iso(r.endsAt),
  allDay: r.allDay,
  timeZone: r.timeZone,
  locationKind: r.locationKind,
  location: r.location,
  videoUrl: r.videoUrl,
  contactId: r.contactId,
  companyId: r.companyId,
  dealId: r.dealId,
  leadId: r.leadId,
  taskId: r.taskId,
  rrule: r.rrule,
  status: r.status,
  reminders: r.reminders,
  attendeeIds,
  source: r.source,
  sourceId: r.sourceId,
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
});

// Events are seen like tasks (own / team / all by the owner), and by everyone invited to them.
export function eventScope(ctx: Ctx): SQL | undefined {
  const byOwner = workspaces.visibleTo(ctx, 'tasks', calendarEvents.ownerId);
  if (!byOwner) return eq(calendarEvents.workspaceId, ctx.workspaceId);
  const invited = exists(
    ctx.tx
      .select({ one: sql`1` })
      .from(calendarAttendees)
      .where(
        and(
          eq(calendarAttendees.workspaceId, calendarEvents.workspaceId),
          eq(calendarAttendees.eventId, calendarEvents.id),
          eq(calendarAttendees.memberId, ctx.actor.memberId ?? sql`null::uuid`),
        ),
      ),
  );
  return and(eq(calendarEvents.workspaceId, ctx.workspaceId), or(byOwner, invited));
}

async function findEvent(ctx: Ctx, id: string): Promise<EventRow> {
  const [row] = await ctx.tx
    .select()
    .from(calendarEvents)
    .where(and(eventScope(ctx), eq(calendarEvents.id, id)));
  if (!row) throw new DomainError('calendar_event.not_found', 'event not found');
  return row;
}

async function attendeesOf(ctx: Ctx, eventId: string): Promise<string[]> {
  const rows = await ctx.tx
    .select({ id: calendarAttendees.memberId })
    .from(calendarAttendees)
    .where(
      and(
        eq(calendarAttendees.workspaceId, ctx.workspaceId),
        eq(calendarAttendees.eventId, eventId),
      ),
    );
  return rows.map((r) => r.id).sort();
}

export const getEvent = async (ctx: Ctx, id: string): Promise<CalendarEvent> => {
  const row = await findEvent(ctx, id);
  return toEvent(row, await attendeesOf(ctx, id));
};

async function assertMember(ctx: Ctx, id: string, field: string) {
  try {
    await workspaces.getUser(ctx, id);
  } catch {
    throw new DomainError('user.not_found', 'member not found', { field });
  }
}

const invalid = (field: string, message: string) =>
  new DomainError('calendar_event.invalid', message, { field });

// The checks every write shares: the order and span of times, a recurrence only on internal events
// (and readable), the zone. Returns the recurrence's end for the range index.
function checkTimes(e: Pick<EventRow, 'kind' | 'startsAt' | 'endsAt' | 'timeZone' | 'rrule'>) {
  if (e.endsAt < e.startsAt) throw invalid('endsAt', 'the end is before the start');
  if (e.endsAt.getTime() - e.startsAt.getTime() > MAX_SPAN_MS)
    throw invalid('endsAt', 'an event lasts at most 31 days');
  if (e.rrule && e.kind !== 'internal')
    throw invalid('rrule', 'only internal events recur; meetings and calls happen once');
  return e.rrule ? recurrenceEnd({ ...e, rrule: e.rrule }) : null;
}

async function setAttendees(ctx: Ctx, eventId: string, ownerId: string, ids: string[]) {
  const unique = [...new Set(ids)].filter((m) => m !== ownerId);
  for (const m of unique) await assertMember(ctx, m, 'attendeeIds');
  await ctx.tx
    .delete(calendarAttendees)
    .where(
      and(
        eq(calendarAttendees.workspaceId, ctx.workspaceId),
        eq(calendarAttendees.eventId, eventId),
      ),
    );
  if (unique.length)
    await ctx.tx
      .insert(calendarAttendees)
      .values(unique.map((memberId) => ({ workspaceId: ctx.workspaceId, eventId, memberId })));
}

async function defaultZone(ctx: Ctx): Promise<string> {
  return (await workspaces.getWorkspace(ctx)).timezone;
}

export async function createEvent(ctx: Ctx, input: NewEvent): Promise<CalendarEvent> {
  const ownerId = input.ownerId ?? ctx.actor.memberId;
  if (!ownerId) throw invalid('ownerId', 'whose calendar: name the owner');
  await assertMember(ctx, ownerId, 'ownerId');
  const links = await activities.assertSubjectLinks(ctx, input);
  const base = {
    kind: input.kind ?? 'meeting',
    startsAt: new Date(input.startsAt),
    endsAt: new Date(input.endsAt),
    timeZone: input.timeZone ?? (await defaultZone(ctx)),
    rrule: input.rrule ?? null,
  };
  const recursUntil = checkTimes(base);
  const id = newId();
  const [row] = await ctx.tx
    .insert(calendarEvents)
    .values({
      workspaceId: ctx.workspaceId,
      id,
      ownerId,
      ...base,
      title: input.title,
      description: input.description ?? null,
      allDay: input.allDay ?? false,
      locationKind: input.locationKind ?? null,
      location: input.location ?? null,
      videoUrl: input.videoUrl ?? null,
      contactId: links.contactId ?? null,
      companyId: links.companyId ?? null,
      dealId: links.dealId ?? null,
      leadId: links.leadId ?? null,
      taskId: input.taskId ?? null,
      recursUntil,
      reminders: [...(input.reminders ?? [15])].sort((a, b) => a - b),
      source: input.source ?? null,
      sourceId: input.sourceId ?? null,
      createdBy: ctx.actor.memberId,
    })
    .returning();
  await setAttendees(ctx, id, ownerId, input.attendeeIds ?? []);
  const after = toEvent(row!, await attendeesOf(ctx, id));
  await recordAudit(ctx, {
    action: 'calendar_event.created',
    entity: 'calendar_events',
    entityId: id,
    after,
  });
  await afterEventChange(ctx, row!);
  return after;
}

// Moving or resizing (drag in the calendar): new times, everything else kept.
export const moveEvent = (
  ctx: Ctx,
  id: string,
  times: { startsAt: string; endsAt: string },
): Promise<CalendarEvent> => updateEvent(ctx, id, times);

export async function updateEvent(
  ctx: Ctx,
  id: string,
  body: CalendarEventUpdateBody,
): Promise<CalendarEvent> {
  const before = await findEvent(ctx, id);
  if (before.status === 'cancelled') throw invalid('status', 'a cancelled event cannot be changed');
  if (body.ownerId) await assertMember(ctx, body.ownerId, 'ownerId');
  const { attendeeIds, startsAt, endsAt, contactId, companyId, dealId, leadId, ...fields } = body;
  const named = { contactId, companyId, dealId, leadId };
  const linksNamed = Object.values(named).some((v) => v !== undefined);
  const links = linksNamed ? await activities.assertSubjectLinks(ctx, named) : {};
  const next = {
    ...before,
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    startsAt: startsAt ? new Date(startsAt) : before.startsAt,
    endsAt: endsAt ? new Date(endsAt) : before.endsAt,
  } as EventRow;
  const recursUntil = checkTimes(next);
  const [row] = await ctx.tx
    .update(calendarEvents)
    .set({
      ...fields,
      ...(linksNamed ? pickDefined(named, links) : {}),
      startsAt: next.startsAt,
      endsAt: next.endsAt,
      recursUntil,
      reminders: fields.reminders ? [...fields.reminders].sort((a, b) => a - b) : undefined,
      updatedAt: new Date(),
    })
    .where(and(eq(calendarEvents.workspaceId, ctx.workspaceId), eq(calendarEvents.id, id)))
    .returning();
  if (attendeeIds) await setAttendees(ctx, id, row!.ownerId, attendeeIds);
  const after = toEvent(row!, await attendeesOf(ctx, id));
  const prior = toEvent(before, []);
  await recordAudit(ctx, {
    action: 'calendar_event.updated',
    entity: 'calendar_events',
    entityId: id,
    before: prior,
    after,
  });
  await afterEventChange(ctx, row!);
  return after;
}

// The links the body named, completed (a deal's company) where the body left the company out.
function pickDefined(named: Record<string, unknown>, links: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(links).filter(([k, v]) => named[k] !== undefined || (k === 'companyId' && v)),
  );
}

// Cancelling keeps the event (the client's history, a booking's record); it no longer makes anyone
// busy and reminds no one. Cancelling twice changes nothing.
export async function cancelEvent(ctx: Ctx, id: string): Promise<CalendarEvent> {
  const before = await findEvent(ctx, id);
  if (before.status !== 'cancelled') {
    await ctx.tx
      .update(calendarEvents)
      .set({ status: 'cancelled', updatedAt: new Date() })
      .where(and(eq(calendarEvents.workspaceId, ctx.workspaceId), eq(calendarEvents.id, id)));
    await recordAudit(ctx, {
      action: 'calendar_event.cancelled',
      entity: 'calendar_events',
      entityId: id,
      before: toEvent(before, []),
    });
  }
  return getEvent(ctx, id);
}
