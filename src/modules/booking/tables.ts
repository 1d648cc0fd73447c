import type { BookingQuestion, LocationKind, MeetingHost } from '@voronka/contract';
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, ts, workspaceId } from '../../platform/db/columns.js';

// A kind of meeting visitors may book (a workspace setting, like a website form). `slug` names it
// in the public URL /book/<workspace slug>/<slug>. A deleted type keeps its row for its bookings.
export const meetingTypes = pgTable(
  'meeting_types',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: text('description').notNull().default(''),
    durationMin: integer('duration_min').notNull(),
    bufferBeforeMin: integer('buffer_before_min').notNull().default(0),
    bufferAfterMin: integer('buffer_after_min').notNull().default(0),
    minNoticeMin: integer('min_notice_min').notNull().default(60),
    horizonDays: integer('horizon_days').notNull().default(30),
    dailyLimit: integer('daily_limit'),
    locationKind: text('location_kind').$type<LocationKind>().notNull().default('video'),
    locationDetail: text('location_detail').notNull().default(''),
    questions: jsonb('questions').$type<BookingQuestion[]>().notNull().default([]),
    hostMode: text('host_mode')
      .$type<'named' | 'round_robin' | 'client_owner'>()
      .notNull()
      .default('named'),
    hosts: jsonb('hosts').$type<MeetingHost[]>().notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('meeting_types_slug_uq')
      .on(t.workspaceId, t.slug)
      .where(sql`${t.deletedAt} is null`),
  ],
);

// A visitor's booking. `blocked_from`/`blocked_to` is the meeting widened by the type's buffers (as
// they were when it was booked); the exclusion constraint bookings_no_overlap (custom migration)
// forbids two confirmed bookings of one host whose blocked ranges overlap — the database, not the
// code, is what makes double booking impossible. `link_nonce` is part of the signed cancel and
// reschedule links and changes when one is used, so a used link cannot be replayed.
export const bookings = pgTable(
  'bookings',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    meetingTypeId: uuid('meeting_type_id').notNull(),
    hostId: uuid('host_id').notNull(),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    blockedFrom: ts('blocked_from').notNull(),
    blockedTo: ts('blocked_to').notNull(),
    status: text('status').$type<'confirmed' | 'cancelled' | 'rescheduled'>().notNull(),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    email: text('email').notNull(),
    answers: jsonb('answers').$type<Record<string, string>>().notNull().default({}),
    timeZone: text('time_zone'),
    locale: text('locale').$type<'ru' | 'en'>().notNull().default('ru'),
    contactId: uuid('contact_id'),
    leadId: uuid('lead_id'),
    eventId: uuid('event_id'),
    // The booking this one replaced (a reschedule).
    previousId: uuid('previous_id'),
    linkNonce: text('link_nonce').notNull(),
    ip: text('ip'),
    // The confirmation letter, written when booked (its links are sealed then) and sent by the
    // durable job booking.confirm; `mail_sent_at` makes a repeated delivery a no-op.
    mailSubject: text('mail_subject'),
    mailText: text('mail_text'),
    mailSentAt: ts('mail_sent_at'),
    mailError: text('mail_error'),
    // The visitor's later letters (client-letters.ts), each sent once: the reminder before the
    // meeting, and the cancellation (also sent for the old time of a reschedule).
    reminderSentAt: ts('reminder_sent_at'),
    cancelMailSentAt: ts('cancel_mail_sent_at'),
    createdAt: createdAt(),
    cancelledAt: ts('cancelled_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('bookings_host_time_idx').on(t.workspaceId, t.hostId, t.startsAt),
    index('bookings_type_idx').on(t.workspaceId, t.meetingTypeId, t.startsAt),
  ],
);
