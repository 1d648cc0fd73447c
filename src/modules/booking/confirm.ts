import { and, eq, isNull } from 'drizzle-orm';
import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import { systemActor, type Ctx } from '../../platform/context.js';
import { inWorkspace } from '../../platform/db/tenancy.js';
import type { Db } from '../../platform/db/types.js';
import { defineJob, PermanentJobError } from '../../platform/jobs/jobs.js';
import { listChannelsWithSetting, sendThroughChannel } from '../inbox/service.js';
import * as workspaces from '../workspaces/service.js';
import { invitationIcs } from './letter.js';
import { bookings, meetingTypes } from './tables.js';

// The confirmation e-mail, durable and sent once: written with the booking (booking.created), sent
// through the workspace's outgoing mail (the first enabled e-mail channel with an SMTP server, as
// documents are sent) outside any transaction with a Message-ID from the booking's id (a resend
// after a crash carries the same one), then marked sent under a row lock; a delivery of an already
// sent booking is a no-op. No outgoing mail set up: the booking stands, the error is kept on it.

export type Prepared = {
  id: string;
  channelId: string | null;
  to: string;
  subject: string;
  text: string;
  ics: string;
};

async function prepare(ctx: Ctx, bookingId: string): Promise<Prepared | null> {
  const [b] = await ctx.tx
    .select()
    .from(bookings)
    .where(
      and(
        eq(bookings.workspaceId, ctx.workspaceId),
        eq(bookings.id, bookingId),
        isNull(bookings.mailSentAt),
      ),
    );
  if (!b || !b.mailSubject || !b.mailText) return null;
  const [type] = await ctx.tx
    .select()
    .from(meetingTypes)
    .where(
      and(eq(meetingTypes.workspaceId, ctx.workspaceId), eq(meetingTypes.id, b.meetingTypeId)),
    );
  const host = await workspaces.getUser(ctx, b.hostId);
  return {
    id: b.id,
    channelId: await mailChannelOf(ctx),
    to: b.email,
    subject: b.mailSubject,
    text: b.mailText,
    ics: invitationIcs({
      uid: b.id,
      summary: type?.name ?? b.mailSubject,
      description: b.mailText,
      start: b.startsAt,
      end: b.endsAt,
      location: type?.locationDetail ?? '',
      organizer: { name: host.name, email: host.email },
      attendee: { name: b.name, email: b.email },
    }),
  };
}

// The workspace's outgoing mail: its first enabled e-mail channel with an SMTP server.
export async function mailChannelOf(ctx: Ctx): Promise<string | null> {
  const [channel] = (await listChannelsWithSetting(ctx.tx, 'email', 'smtpHost')).filter(
    (c) => c.workspaceId === ctx.workspaceId,
  );
  return channel?.id ?? null;
}

export type LetterKind = 'confirm' | 'remind' | 'cancel';
// Each letter of a booking has its own Message-ID (a resend after a crash repeats it).
const LETTER_NS = '3b8e2f4c-51a6-4f0e-9c7d-2d6a1e9b7f30';
export const letterId = (bookingId: string, kind: LetterKind): string =>
  kind === 'confirm' ? bookingId : uuidv5(`${kind}:${bookingId}`, LETTER_NS);

// Sends one prepared letter with its invitation (REQUEST or CANCEL) outside any transaction, then
// records the outcome; a permanent refusal (no channel, the server refused) is kept, not retried.
export async function deliverLetter(
  db: Db,
  workspaceId: string,
  requestId: string,
  kind: LetterKind,
  prepareFn: (ctx: Ctx) => Promise<Prepared | null>,
  recordFn: (ctx: Ctx, id: string, outcome: { error: string | null }) => Promise<void>,
): Promise<void> {
  const inWs = <T>(fn: (ctx: Ctx) => Promise<T>) =>
    inWorkspace(db, workspaceId, (tx) =>
      fn({ tx, workspaceId, actor: systemActor, ip: null, requestId }),
    );
  const p = await inWs(prepareFn);
  if (!p) return;
  if (!p.channelId) {
    await inWs((ctx) => recordFn(ctx, p.id, { error: 'no e-mail channel with an SMTP server' }));
    return;
  }
  const method = kind === 'cancel' ? 'CANCEL' : 'REQUEST';
  let error: string | null = null;
  try {
    await sendThroughChannel(db, workspaceId, p.channelId, p.to, {
      id: letterId(p.id, kind),
      subject: p.subject,
      text: p.text,
      attachments: [
        {
          name: kind === 'cancel' ? 'cancel.ics' : 'invite.ics',
          type: `text/calendar; charset=utf-8; method=${method}`,
          content: Buffer.from(p.ics, 'utf8'),
        },
      ],
    });
  } catch (err) {
    if (!(err instanceof PermanentJobError)) throw err;
    error = err.message.slice(0, 1000);
  }
  await inWs((ctx) => recordFn(ctx, p.id, { error }));
}

async function record(ctx: Ctx, id: string, outcome: { error: string | null }): Promise<void> {
  await ctx.tx
    .update(bookings)
    .set(outcome.error ? { mailError: outcome.error } : { mailSentAt: new Date(), mailError: null })
    .where(
      and(
        eq(bookings.workspaceId, ctx.workspaceId),
        eq(bookings.id, id),
        isNull(bookings.mailSentAt),
      ),
    );
}

export const bookingConfirm = defineJob({
  name: 'booking.confirm',
  payload: z.object({ bookingId: z.string().uuid() }),
  maxAttempts: 5,
  async run() {
    throw new PermanentJobError('booking.confirm runs in its workspace only');
  },
  async perform(db: Db, workspaceId: string, { bookingId }, requestId: string) {
    await deliverLetter(
      db,
      workspaceId,
      requestId,
      'confirm',
      (ctx) => prepare(ctx, bookingId),
      record,
    );
  },
});
