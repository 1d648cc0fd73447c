import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import { inSystemWorkspace, type Ctx } from '../../platform/context.js';
import type { Db } from '../../platform/db/types.js';
import { emitDomainEvent } from '../../platform/events/events.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as calendar from '../calendar/service.js';
import * as workspaces from '../workspaces/service.js';
import { queueCancellation } from './client-letters.js';
import { book, isLostRace, type BookDeps, type Booked } from './book.js';
import { openBookingLink, type LinkClaim } from './links.js';
import { bookings, meetingTypes } from './tables.js';

// What a visitor does with the links in their confirmation: cancel, or move to another slot. Each
// link works once: the booking is read under a row lock, and a link whose nonce no longer matches
// (or whose booking is no longer confirmed) is used up — 409, nothing changes.

async function lockLive(ctx: Ctx, claim: LinkClaim) {
  const [b] = await ctx.tx
    .select()
    .from(bookings)
    .where(and(eq(bookings.workspaceId, ctx.workspaceId), eq(bookings.id, claim.bookingId)))
    .for('update');
  if (!b) throw new DomainError('booking.not_found', 'no such booking');
  if (b.status !== 'confirmed' || b.linkNonce !== claim.nonce)
    throw new DomainError('booking.link_used', 'this link was already used', { field: 'token' });
  return b;
}

async function endBooking(ctx: Ctx, id: string, status: 'cancelled' | 'rescheduled') {
  await ctx.tx
    .update(bookings)
    .set({ status, cancelledAt: new Date(), linkNonce: newId() })
    .where(and(eq(bookings.workspaceId, ctx.workspaceId), eq(bookings.id, id)));
}

export async function cancelByLink(
  db: Db,
  deps: BookDeps,
  token: string,
  ip: string,
): Promise<{ id: string; status: 'cancelled' }> {
  const claim = openBookingLink(deps.sealer, 'cancel', token);
  return inSystemWorkspace(
    db,
    claim.workspaceId,
    async (ctx) => {
      const b = await lockLive(ctx, claim);
      await endBooking(ctx, b.id, 'cancelled');
      if (b.eventId) await calendar.cancelEvent(ctx, b.eventId);
      await queueCancellation(ctx, b.id);
      await recordAudit(ctx, { action: 'booking.cancelled', entity: 'bookings', entityId: b.id });
      await emitDomainEvent(ctx, {
        type: 'booking.cancelled',
        key: b.id,
        entity: 'booking',
        id: b.id,
      });
      return { id: b.id, status: 'cancelled' as const };
    },
    { ip },
  );
}

export async function rescheduleByLink(
  db: Db,
  deps: BookDeps,
  token: string,
  start: number,
  ip: string,
): Promise<Booked & { typeName: string }> {
  const claim = openBookingLink(deps.sealer, 'reschedule', token);
  return moveInWorkspace(
    db,
    claim.workspaceId,
    async (ctx) => {
      const b = await lockLive(ctx, claim);
      const [type] = await ctx.tx
        .select()
        .from(meetingTypes)
        .where(
          and(eq(meetingTypes.workspaceId, ctx.workspaceId), eq(meetingTypes.id, b.meetingTypeId)),
        );
      if (!type || type.deletedAt)
        throw new DomainError(
          'meeting_type.not_found',
          'this meeting type no longer takes bookings',
        );
      // The old time is freed first (its row and its event), so the new one may overlap it.
      await endBooking(ctx, b.id, 'rescheduled');
      if (b.eventId) await calendar.cancelEvent(ctx, b.eventId);
      await queueCancellation(ctx, b.id);
      const booked = await book(
        ctx,
        deps,
        type,
        {
          start,
          name: b.name,
          phone: b.phone,
          email: b.email,
          answers: b.answers,
          tz: b.timeZone ?? undefined,
          locale: b.locale,
          ip,
        },
        Date.now(),
        { id: b.id, leadId: b.leadId },
      );
      return { ...booked, typeName: type.name };
    },
    { ip },
  );
}

// A reschedule that lost a race for the new time (a deadlock or serialization failure the
// database broke) is the same answer as the slot being taken: 409, the old booking untouched.
async function moveInWorkspace<T>(
  db: Db,
  workspaceId: string,
  fn: (ctx: Ctx) => Promise<T>,
  opts: { ip: string },
): Promise<T> {
  try {
    return await inSystemWorkspace(db, workspaceId, fn, opts);
  } catch (err) {
    if (isLostRace(err))
      throw new DomainError('booking.slot_taken', 'this time was just taken', { field: 'start' });
    throw err;
  }
}

export type LinkView = {
  id: string;
  start: number;
  end: number;
  typeName: string;
  hostName: string;
  workspaceSlug: string;
  typeSlug: string;
  typeLive: boolean;
  timeZone: string;
  locale: 'ru' | 'en';
};

// What a link's page shows before anything is done: the booking as it stands. The same checks as
// using it — a forged or cross-purpose token is 400, a used one (or a booking no longer
// confirmed) 409 — so the page answers with the right status before the visitor clicks.
export async function readLink(
  db: Db,
  deps: Pick<BookDeps, 'sealer'>,
  purpose: 'cancel' | 'reschedule',
  token: string,
): Promise<LinkView> {
  const claim = openBookingLink(deps.sealer, purpose, token);
  return inSystemWorkspace(db, claim.workspaceId, async (ctx) => {
    const [b] = await ctx.tx
      .select()
      .from(bookings)
      .where(and(eq(bookings.workspaceId, ctx.workspaceId), eq(bookings.id, claim.bookingId)));
    if (!b) throw new DomainError('booking.not_found', 'no such booking');
    if (b.status !== 'confirmed' || b.linkNonce !== claim.nonce)
      throw new DomainError('booking.link_used', 'this link was already used', { field: 'token' });
    const [type] = await ctx.tx
      .select()
      .from(meetingTypes)
      .where(
        and(eq(meetingTypes.workspaceId, ctx.workspaceId), eq(meetingTypes.id, b.meetingTypeId)),
      );
    const ws = await workspaces.getWorkspace(ctx);
    const host = await workspaces.getUser(ctx, b.hostId).catch(() => null);
    return {
      id: b.id,
      start: b.startsAt.getTime(),
      end: b.endsAt.getTime(),
      typeName: type?.name ?? '',
      hostName: host?.name ?? '',
      workspaceSlug: ws.slug,
      typeSlug: type?.slug ?? '',
      typeLive: !!type && type.active && !type.deletedAt,
      timeZone: b.timeZone ?? 'Europe/Moscow',
      locale: b.locale,
    };
  });
}
