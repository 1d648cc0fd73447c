import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import type { Db } from '../../platform/db/types.js';
import { defineJob, enqueue, PermanentJobError } from '../../platform/jobs/jobs.js';
import * as workspaces from '../workspaces/service.js';
import { deliverLetter, mailChannelOf, type Prepared } from './confirm.js';
import { cancellationLetter, invitationIcs, reminderAt, reminderLetter } from './letter.js';
import { bookings, meetingTypes } from './tables.js';

// The visitor's letters after the confirmation, each a durable job keyed by the booking and sent
// once (its own *_sent_at column; a resend after a crash carries the same Message-ID):
// - booking.remind: before the meeting (letter.ts reminderAt), only while the booking is still
//   confirmed and ahead — a cancelled or moved booking's reminder does nothing;
// - booking.cancel-mail: the cancellation (or the old time of a reschedule) with the invitation's
//   METHOD:CANCEL — the same UID as the confirmation's REQUEST and SEQUENCE 1, so calendar
//   programs remove the event they added.

type BookingRow = typeof bookings.$inferSelect;
const byId = (ctx: Ctx, id: string) =>
  and(eq(bookings.workspaceId, ctx.workspaceId), eq(bookings.id, id));

async function loadBooking(ctx: Ctx, id: string) {
  const [b] = await ctx.tx.select().from(bookings).where(byId(ctx, id));
  if (!b) return null;
  const [type] = await ctx.tx
    .select({ name: meetingTypes.name, locationDetail: meetingTypes.locationDetail })
    .from(meetingTypes)
    .where(
      and(eq(meetingTypes.workspaceId, ctx.workspaceId), eq(meetingTypes.id, b.meetingTypeId)),
    );
  return { b, typeName: type?.name ?? '', location: type?.locationDetail ?? '' };
}

async function invitation(
  ctx: Ctx,
  b: BookingRow,
  typeName: string,
  location: string,
  text: string,
  cancelled: boolean,
) {
  const host = await workspaces.getUser(ctx, b.hostId);
  return invitationIcs({
    uid: b.id,
    summary: typeName,
    description: text,
    start: b.startsAt,
    end: b.endsAt,
    location,
    organizer: { name: host.name, email: host.email },
    attendee: { name: b.name, email: b.email },
    cancelled,
  });
}

async function prepareReminder(ctx: Ctx, id: string, now: number): Promise<Prepared | null> {
  const found = await loadBooking(ctx, id);
  if (!found) return null;
  const { b, typeName, location } = found;
  if (b.status !== 'confirmed' || b.reminderSentAt || b.startsAt.getTime() <= now || !b.mailText)
    return null;
  const letter = reminderLetter({
    locale: b.locale,
    typeName,
    start: b.startsAt.getTime(),
    tz: b.timeZone ?? 'Europe/Moscow',
    confirmation: b.mailText,
  });
  return {
    id: b.id,
    channelId: await mailChannelOf(ctx),
    to: b.email,
    ...letter,
    ics: await invitation(ctx, b, typeName, location, letter.text, false),
  };
}

async function prepareCancellation(ctx: Ctx, id: string): Promise<Prepared | null> {
  const found = await loadBooking(ctx, id);
  if (!found) return null;
  const { b, typeName, location } = found;
  if (b.status === 'confirmed' || b.cancelMailSentAt) return null;
  const letter = cancellationLetter({
    locale: b.locale,
    typeName,
    start: b.startsAt.getTime(),
    tz: b.timeZone ?? 'Europe/Moscow',
    moved: b.status === 'rescheduled',
  });
  return {
    id: b.id,
    channelId: await mailChannelOf(ctx),
    to: b.email,
    ...letter,
    ics: await invitation(ctx, b, typeName, location, letter.text, true),
  };
}

// Sent (or refused for good): the column is set either way, so the letter is never tried again;
// a refusal is kept in mail_error for the team to see.
const recordSent =
  (column: 'reminderSentAt' | 'cancelMailSentAt') =>
  async (ctx: Ctx, id: string, outcome: { error: string | null }) => {
    await ctx.tx
      .update(bookings)
      .set({ [column]: new Date(), ...(outcome.error ? { mailError: outcome.error } : {}) })
      .where(and(byId(ctx, id), isNull(bookings[column])));
  };

const payload = z.object({ bookingId: z.string().uuid() });
const workspaceOnly = async () => {
  throw new PermanentJobError('booking letters run in their workspace only');
};

export const bookingRemind = defineJob({
  name: 'booking.remind',
  payload,
  maxAttempts: 5,
  run: workspaceOnly,
  async perform(db: Db, workspaceId: string, { bookingId }, requestId: string) {
    await deliverLetter(
      db,
      workspaceId,
      requestId,
      'remind',
      (ctx) => prepareReminder(ctx, bookingId, Date.now()),
      recordSent('reminderSentAt'),
    );
  },
});

export const bookingCancelMail = defineJob({
  name: 'booking.cancel-mail',
  payload,
  maxAttempts: 5,
  run: workspaceOnly,
  async perform(db: Db, workspaceId: string, { bookingId }, requestId: string) {
    await deliverLetter(
      db,
      workspaceId,
      requestId,
      'cancel',
      (ctx) => prepareCancellation(ctx, bookingId),
      recordSent('cancelMailSentAt'),
    );
  },
});

// Called in the booking's transaction.
export async function scheduleReminder(ctx: Ctx, bookingId: string, start: number, now: number) {
  const at = reminderAt(start, now);
  if (at === null) return;
  await enqueue(
    ctx.tx,
    bookingRemind,
    { bookingId },
    { workspaceId: ctx.workspaceId, key: bookingId, runAt: new Date(at) },
  );
}

// Called in the cancelling (or rescheduling) transaction.
export async function queueCancellation(ctx: Ctx, bookingId: string) {
  await enqueue(
    ctx.tx,
    bookingCancelMail,
    { bookingId },
    { workspaceId: ctx.workspaceId, key: bookingId },
  );
}
