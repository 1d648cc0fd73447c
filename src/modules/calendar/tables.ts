import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, ts, workspaceId } from '../../platform/db/columns.js';

export type EventKind = 'meeting' | 'call' | 'task' | 'internal';
export type EventStatus = 'scheduled' | 'done' | 'cancelled';
export type LocationKind = 'office' | 'client_address' | 'phone' | 'video' | 'other';

// An event in a member's calendar (DESIGN.md). Times are instants (timestamptz); `time_zone` is the
// zone its wall-clock times and recurrence are reckoned in. A recurring (internal) event keeps its
// first occurrence in starts_at/ends_at and its RRULE; `recurs_until` bounds the expansion (null:
// for ever), so a range query reads `starts_at < to and (ends_at > from or recurs …)` from an index.
export const calendarEvents = pgTable(
  'calendar_events',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    ownerId: uuid('owner_id').notNull(),
    kind: text('kind').$type<EventKind>().notNull(),
    title: text('title').notNull(),
    description: text('description'),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    allDay: boolean('all_day').notNull().default(false),
    timeZone: text('time_zone').notNull(),
    locationKind: text('location_kind').$type<LocationKind>(),
    location: text('location'),
    videoUrl: text('video_url'),
    contactId: uuid('contact_id'),
    companyId: uuid('company_id'),
    dealId: uuid('deal_id'),
    leadId: uuid('lead_id'),
    taskId: uuid('task_id'),
    rrule: text('rrule'),
    recursUntil: ts('recurs_until'),
    status: text('status').$type<EventStatus>().notNull().default('scheduled'),
    // Minutes before the start at which the owner is reminded.
    reminders: integer('reminders')
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    // What made it, when not a person in the calendar (e.g. 'booking' and the booking's id).
    source: text('source'),
    sourceId: text('source_id'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('calendar_events_owner_start_idx').on(t.workspaceId, t.ownerId, t.startsAt),
    index('calendar_events_recurring_idx')
      .on(t.workspaceId, t.ownerId)
      .where(sql`${t.rrule} is not null`),
    uniqueIndex('calendar_events_source_uq')
      .on(t.workspaceId, t.source, t.sourceId)
      .where(sql`${t.source} is not null`),
    check('calendar_events_order', sql`${t.endsAt} >= ${t.startsAt}`),
  ],
);

// Colleagues invited to an event (the owner is not listed): their calendars show it and it makes them busy.
export const calendarAttendees = pgTable(
  'calendar_attendees',
  {
    workspaceId: workspaceId(),
    eventId: uuid('event_id').notNull(),
    memberId: uuid('member_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.eventId, t.memberId] }),
    foreignKey({
      columns: [t.workspaceId, t.eventId],
      foreignColumns: [calendarEvents.workspaceId, calendarEvents.id],
    }).onDelete('cascade'),
    index('calendar_attendees_member_idx').on(t.workspaceId, t.memberId),
  ],
);

// A reminder sent: one row per item, occurrence and offset, written in the job's transaction, so a
// repeated job (a worker that died after sending) finds it and sends nothing again.
export const calendarRemindersSent = pgTable(
  'calendar_reminders_sent',
  {
    workspaceId: workspaceId(),
    key: text('key').notNull(),
    sentAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.key] })],
);

// A member's ICS feed: only the token's SHA-256 is kept; revoking deletes the row.
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    workspaceId: workspaceId(),
    memberId: uuid('member_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.memberId] }),
    uniqueIndex('calendar_feeds_token_uq').on(t.tokenHash),
  ],
);
