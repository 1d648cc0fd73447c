import { z } from 'zod';
import { LocationKind } from './calendar.js';
import { Email, Id, Name, Timestamp, TimeZone } from './common.js';

// Public self-booking: meeting types (workspace settings), their free slots and bookings made by
// visitors on a public page. Times on the wire are instants (ISO 8601 with an offset); a visitor's
// zone only decides how the slots are grouped and shown.

export const HostMode = z.enum(['named', 'round_robin', 'client_owner']);
export type HostMode = z.infer<typeof HostMode>;

export const BookingSlug = z
  .string()
  .trim()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/, 'lower-case latin letters, digits and -');

export const BookingQuestion = z.strictObject({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case latin letters, digits and _')
    .refine(
      (k) => !['name', 'phone', 'email'].includes(k),
      'name, phone and email are always asked',
    ),
  label: Name(200),
  required: z.boolean().default(false),
});
export type BookingQuestion = z.infer<typeof BookingQuestion>;

export const MeetingHost = z.strictObject({
  memberId: Id,
  weight: z.number().int().min(1).max(100).default(1),
});
export type MeetingHost = z.infer<typeof MeetingHost>;

const minutes = (max: number) => z.number().int().min(0).max(max);
const meetingTypeFields = {
  name: Name(200),
  slug: BookingSlug,
  description: z.string().trim().max(2000),
  durationMin: z.number().int().min(5).max(480),
  bufferBeforeMin: minutes(240),
  bufferAfterMin: minutes(240),
  minNoticeMin: minutes(60 * 24 * 30),
  horizonDays: z.number().int().min(1).max(365),
  dailyLimit: z.number().int().min(1).max(100).nullable(),
  locationKind: LocationKind,
  locationDetail: z.string().trim().max(500),
  questions: z.array(BookingQuestion).max(20),
  hostMode: HostMode,
  hosts: z.array(MeetingHost).min(1).max(50),
  active: z.boolean(),
};

export const MeetingTypeCreateBody = z.strictObject({
  ...meetingTypeFields,
  description: meetingTypeFields.description.default(''),
  bufferBeforeMin: meetingTypeFields.bufferBeforeMin.default(0),
  bufferAfterMin: meetingTypeFields.bufferAfterMin.default(0),
  minNoticeMin: meetingTypeFields.minNoticeMin.default(60),
  horizonDays: meetingTypeFields.horizonDays.default(30),
  dailyLimit: meetingTypeFields.dailyLimit.default(null),
  locationKind: meetingTypeFields.locationKind.default('video'),
  locationDetail: meetingTypeFields.locationDetail.default(''),
  questions: meetingTypeFields.questions.default([]),
  hostMode: meetingTypeFields.hostMode.default('named'),
  active: meetingTypeFields.active.default(true),
});
export type MeetingTypeCreateBody = z.infer<typeof MeetingTypeCreateBody>;
export const MeetingTypeUpdateBody = z.strictObject(meetingTypeFields).partial();
export type MeetingTypeUpdateBody = z.infer<typeof MeetingTypeUpdateBody>;

export const MeetingType = z.object({
  id: Id,
  name: z.string(),
  slug: z.string(),
  description: z.string(),
  durationMin: z.number(),
  bufferBeforeMin: z.number(),
  bufferAfterMin: z.number(),
  minNoticeMin: z.number(),
  horizonDays: z.number(),
  dailyLimit: z.number().nullable(),
  locationKind: LocationKind,
  locationDetail: z.string(),
  questions: z.array(BookingQuestion),
  hostMode: HostMode,
  hosts: z.array(MeetingHost),
  active: z.boolean(),
  // The public page's address (absolute).
  publicUrl: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type MeetingType = z.infer<typeof MeetingType>;

// Public side.
export const BookingTypeParams = z.strictObject({
  workspace: z.string().min(1).max(100),
  type: z.string().min(1).max(100),
});
export const SlotsQuery = z.strictObject({
  from: z.iso.date(),
  to: z.iso.date(),
  tz: TimeZone,
});
export type SlotsQuery = z.infer<typeof SlotsQuery>;

export const Slot = z.object({ start: Timestamp, end: Timestamp });
export type Slot = z.infer<typeof Slot>;
export const PublicMeetingType = z.object({
  name: z.string(),
  description: z.string(),
  durationMin: z.number(),
  locationKind: LocationKind,
  questions: z.array(BookingQuestion),
  workspaceName: z.string(),
});
export type PublicMeetingType = z.infer<typeof PublicMeetingType>;
export const SlotsAnswer = z.object({
  type: PublicMeetingType,
  tz: z.string(),
  // The visitor's local dates (in `tz`) with their slots.
  days: z.array(z.object({ date: z.iso.date(), slots: z.array(Slot) })),
});
export type SlotsAnswer = z.infer<typeof SlotsAnswer>;

export const BookingBody = z.strictObject({
  start: Timestamp,
  name: Name(200),
  phone: z.string().trim().min(5).max(40),
  email: Email,
  answers: z.record(z.string().max(40), z.string().max(2000)).default({}),
  tz: TimeZone.optional(),
  locale: z.enum(['ru', 'en']).optional(),
});
export type BookingBody = z.infer<typeof BookingBody>;

export const BookingStatus = z.enum(['confirmed', 'cancelled', 'rescheduled']);
export const PublicBooking = z.object({
  id: Id,
  status: BookingStatus,
  start: Timestamp,
  end: Timestamp,
  typeName: z.string(),
  hostName: z.string(),
});
export type PublicBooking = z.infer<typeof PublicBooking>;

// A cancel or reschedule link's token travels in the body (it is longer than a path segment may be).
const LinkToken = z.string().min(10).max(2000);
export const CancelBookingBody = z.strictObject({ token: LinkToken });
export const RescheduleBody = z.strictObject({ token: LinkToken, start: Timestamp });
