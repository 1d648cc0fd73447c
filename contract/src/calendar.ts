import { z } from 'zod';
import { Id, Name, TimeZone, Timestamp } from './common.js';

// The calendar (src/modules/calendar): meetings, calls, tasks and internal events of the team.
export const CalendarEventKind = z.enum(['meeting', 'call', 'task', 'internal']);
export type CalendarEventKind = z.infer<typeof CalendarEventKind>;
export const CalendarEventStatus = z.enum(['scheduled', 'done', 'cancelled']);
export type CalendarEventStatus = z.infer<typeof CalendarEventStatus>;
// Where a meeting takes place: our office, the client's address, by phone, by video, elsewhere.
export const LocationKind = z.enum(['office', 'client_address', 'phone', 'video', 'other']);
export type LocationKind = z.infer<typeof LocationKind>;

// Minutes before the start a reminder fires (0 = at the start; at most 7 days); at most 5.
export const ReminderOffsets = z
  .array(
    z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60),
  )
  .max(5)
  .refine((a) => new Set(a).size === a.length, 'offsets must differ');

// An RFC 5545 RRULE value without DTSTART (e.g. FREQ=WEEKLY;BYDAY=MO), for internal events only.
export const Recurrence = z
  .string()
  .trim()
  .max(300)
  .regex(/^FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)(;[A-Z]+=[A-Za-z0-9,+\-:]+)*$/, 'an RRULE value');

const Links = {
  contactId: Id.nullable().optional(),
  companyId: Id.nullable().optional(),
  dealId: Id.nullable().optional(),
  leadId: Id.nullable().optional(),
};

export const CalendarEvent = z.object({
  id: Id,
  kind: CalendarEventKind,
  title: z.string(),
  description: z.string().nullable(),
  ownerId: Id,
  startsAt: Timestamp,
  endsAt: Timestamp,
  allDay: z.boolean(),
  timeZone: z.string(),
  locationKind: LocationKind.nullable(),
  location: z.string().nullable(),
  videoUrl: z.string().nullable(),
  contactId: Id.nullable(),
  companyId: Id.nullable(),
  dealId: Id.nullable(),
  leadId: Id.nullable(),
  taskId: Id.nullable(),
  rrule: z.string().nullable(),
  status: CalendarEventStatus,
  reminders: z.array(z.number().int()),
  attendeeIds: z.array(Id),
  source: z.string().nullable(),
  sourceId: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type CalendarEvent = z.infer<typeof CalendarEvent>;

const VideoUrl = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .nullable()
  .optional();

export const CalendarEventCreateBody = z.strictObject({
  kind: CalendarEventKind.default('meeting'),
  title: Name(300),
  description: z.string().max(5000).nullable().optional(),
  ownerId: Id.optional(),
  startsAt: Timestamp,
  endsAt: Timestamp,
  allDay: z.boolean().default(false),
  timeZone: TimeZone.optional(),
  locationKind: LocationKind.nullable().optional(),
  location: z.string().trim().max(500).nullable().optional(),
  videoUrl: VideoUrl,
  ...Links,
  taskId: Id.nullable().optional(),
  rrule: Recurrence.nullable().optional(),
  reminders: ReminderOffsets.optional(),
  attendeeIds: z.array(Id).max(50).optional(),
});
export type CalendarEventCreateBody = z.input<typeof CalendarEventCreateBody>;

export const CalendarEventUpdateBody = z.strictObject({
  kind: CalendarEventKind.optional(),
  title: Name(300).optional(),
  description: z.string().max(5000).nullable().optional(),
  ownerId: Id.optional(),
  startsAt: Timestamp.optional(),
  endsAt: Timestamp.optional(),
  allDay: z.boolean().optional(),
  timeZone: TimeZone.optional(),
  locationKind: LocationKind.nullable().optional(),
  location: z.string().trim().max(500).nullable().optional(),
  videoUrl: VideoUrl,
  ...Links,
  rrule: Recurrence.nullable().optional(),
  reminders: ReminderOffsets.optional(),
  attendeeIds: z.array(Id).max(50).optional(),
  status: z.enum(['scheduled', 'done']).optional(),
});
export type CalendarEventUpdateBody = z.infer<typeof CalendarEventUpdateBody>;

// One occurrence in a range: an event (a recurring one once per occurrence) or a task with a time.
export const CalendarEntry = z.object({
  key: z.string(),
  source: z.enum(['event', 'task']),
  id: Id,
  kind: CalendarEventKind,
  title: z.string(),
  ownerId: Id.nullable(),
  start: Timestamp,
  end: Timestamp,
  allDay: z.boolean(),
  status: CalendarEventStatus,
  recurring: z.boolean(),
  overdue: z.boolean(),
  attendeeIds: z.array(Id),
  contactId: Id.nullable(),
  companyId: Id.nullable(),
  dealId: Id.nullable(),
  leadId: Id.nullable(),
});
export type CalendarEntry = z.infer<typeof CalendarEntry>;

const MemberList = z
  .string()
  .max(40 * 50)
  .regex(/^[0-9a-f-]{36}(,[0-9a-f-]{36})*$/i, 'comma-separated member ids')
  .optional();

export const CalendarRangeQuery = z.strictObject({
  from: Timestamp,
  to: Timestamp,
  // Whose calendars (members, comma-separated); absent: the caller's own.
  memberIds: MemberList,
  tasks: z.enum(['true', 'false']).default('true'),
});
export type CalendarRangeQuery = z.infer<typeof CalendarRangeQuery>;

export const CalendarRange = z.object({ items: z.array(CalendarEntry) });
export type CalendarRange = z.infer<typeof CalendarRange>;

// Working hours of members over a range, from routing's availability (for shading the views).
export const WorkingWindow = z.object({ memberId: Id, start: Timestamp, end: Timestamp });
export const WorkingHoursQuery = z.strictObject({
  from: Timestamp,
  to: Timestamp,
  memberIds: MemberList,
});
export const WorkingHoursRange = z.object({ items: z.array(WorkingWindow) });
export type WorkingHoursRange = z.infer<typeof WorkingHoursRange>;

// The caller's ICS feed: whether one exists; the secret URL is shown once, when made.
export const CalendarFeed = z.object({
  active: z.boolean(),
  createdAt: Timestamp.nullable(),
  url: z.string().nullable(),
});
export type CalendarFeed = z.infer<typeof CalendarFeed>;
export const CalendarFeedParams = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}\.ics$/, 'a feed token'),
});
