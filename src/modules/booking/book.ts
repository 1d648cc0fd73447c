import type { BookingBody } from '@voronka/contract';
import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { emitDomainEvent } from '../../platform/events/events.js';
import type { Sealer } from '../../platform/crypto.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { enqueue } from '../../platform/jobs/jobs.js';
import type { EventBus } from '../../platform/realtime/bus.js';
import * as calendar from '../calendar/service.js';
import * as clients from '../clients/service.js';
import * as leads from '../leads/service.js';
import { pickBalanced, slotsOf } from './availability.js';
import { scheduleReminder } from './client-letters.js';
import { bookingConfirm } from './confirm.js';
import { confirmationLetter } from './letter.js';
import { manageUrl, sealBookingLink } from './links.js';
import type { MeetingTypeRow } from './meeting-types.js';
import { bookings } from './tables.js';

export type BookDeps = { sealer: Sealer; publicUrl: string; events: EventBus };
export type BookInput = Omit<BookingBody, 'start'> & { start: number; ip: string | null };
export type Booked = {
  id: string;
  hostId: string;
  hostName: string;
  start: number;
  end: number;
  cancelUrl: string;
  rescheduleUrl: string;
};

const DAY = 86_400_000;
const MIN = 60_000;

// Custom questions: required ones answered, none the type does not ask.
function checkAnswers(type: MeetingTypeRow, answers: Record<string, string>): void {
  const asked = new Map(type.questions.map((q) => [q.key, q]));
  for (const key of Object.keys(answers))
    if (!asked.has(key))
      throw new DomainError('request.invalid', 'this meeting type does not ask this', {
        field: `answers.${key}`,
      });
  for (const q of type.questions)
    if (q.required && !answers[q.key]?.trim())
      throw new DomainError('request.invalid', 'an answer is required', {
        field: `answers.${q.key}`,
      });
}

// The hosts free at `start`, or why not: never a slot (422, the field named) or taken meanwhile
// by another booking (409). Read in the booking's own transaction: whether the time is offered at
// all (hours, events, notice) before the hosts' locks; then, under them, a cheap look for a booking
// that already blocks every host it could go to (the usual loser of a race stops there), and the
// full check with bookings and the daily limit.
async function freeHostsAt(
  ctx: Ctx,
  type: MeetingTypeRow,
  start: number,
  now: number,
): Promise<{ hostIds: string[]; names: Map<string, string> }> {
  const range = { from: start - DAY, to: start + DAY };
  const possible = await slotsOf(ctx, type, range, now, { withBookings: false });
  const offered = possible.slots.find((s) => s.start === start);
  if (!offered)
    throw new DomainError(
      'booking.slot_unavailable',
      'this time is not offered: in the past, too soon, too far ahead or outside working hours',
      { field: 'start' },
    );
  await lockHosts(ctx, offered.hostIds);
  const taken = () =>
    new DomainError('booking.slot_taken', 'this time was just taken', { field: 'start' });
  const blocked = await blockedHosts(ctx, offered.hostIds, {
    from: start - type.bufferBeforeMin * MIN,
    to: start + (type.durationMin + type.bufferAfterMin) * MIN,
  });
  if (offered.hostIds.every((h) => blocked.has(h))) throw taken();
  const free = await slotsOf(ctx, type, range, now);
  const slot = free.slots.find((s) => s.start === start);
  if (!slot) throw taken();
  return { hostIds: slot.hostIds, names: free.names };
}

// Hosts with a confirmed booking whose blocked range overlaps [from, to).
async function blockedHosts(ctx: Ctx, hostIds: string[], r: { from: number; to: number }) {
  const rows = await ctx.tx
    .selectDistinct({ hostId: bookings.hostId })
    .from(bookings)
    .where(
      and(
        eq(bookings.workspaceId, ctx.workspaceId),
        inArray(bookings.hostId, hostIds),
        eq(bookings.status, 'confirmed'),
        lt(bookings.blockedFrom, new Date(r.to)),
        gt(bookings.blockedTo, new Date(r.from)),
      ),
    );
  return new Set(rows.map((x) => x.hostId));
}

// The visitor's contact: matched by phone, then e-mail (as intake matches), else created.
async function contactOf(
  ctx: Ctx,
  input: { name: string; phone: string; email: string },
  ownerId: string,
): Promise<{ id: string; ownerId: string | null; created: boolean }> {
  const found =
    (await clients.findContactByPoint(ctx, 'phone', input.phone)) ??
    (await clients.findContactByPoint(ctx, 'email', input.email));
  if (found) {
    const c = await clients.getContact(ctx, found.id, false);
    return { id: found.id, ownerId: c.ownerId, created: false };
  }
  const c = await clients.createContact(ctx, {
    firstName: input.name,
    phones: [{ number: input.phone }],
    emails: [{ address: input.email }],
    ownerId,
  });
  return { id: c.id, ownerId, created: true };
}

async function chooseHost(
  ctx: Ctx,
  type: MeetingTypeRow,
  free: string[],
  input: { phone: string; email: string },
  now: number,
): Promise<string> {
  if (type.hostMode === 'client_owner') {
    const known =
      (await clients.findContactByPoint(ctx, 'phone', input.phone)) ??
      (await clients.findContactByPoint(ctx, 'email', input.email));
    const owner = known ? (await clients.getContact(ctx, known.id, false)).ownerId : null;
    if (owner && free.includes(owner)) return owner;
  }
  if (type.hostMode === 'named') return free[0]!;
  return pickBalanced(ctx, type, free, now);
}

function phoneOf(raw: string): string {
  const phone = clients.toE164(raw, 'RU');
  if (!phone) throw new DomainError('request.invalid', 'not a phone number', { field: 'phone' });
  return phone;
}

async function insertBooking(ctx: Ctx, row: typeof bookings.$inferInsert): Promise<void> {
  try {
    await ctx.tx.insert(bookings).values(row);
  } catch (err) {
    if (isExclusionViolation(err))
      throw new DomainError('booking.slot_taken', 'this time was just taken', { field: 'start' });
    throw err;
  }
}

// 23P01: the exclusion constraint refused an overlap. 40P01 (deadlock) and 40001 (serialization
// failure) mean another transaction won the same time: a lost race too, never a 500.
const RACE_CODES = new Set(['23P01', '40P01', '40001']);
export const isLostRace = (err: unknown): boolean => {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as never)
    if (e.code && RACE_CODES.has(e.code)) return true;
  return false;
};
const isExclusionViolation = isLostRace;

// One booking at a time per host: a transaction-scoped advisory lock on every host the type may
// give the meeting to, taken in one order (sorted ids) so two bookings never wait on each other in
// a cycle. Taken before the slot is re-checked, so the check (free time, the daily limit) reads
// what the previous winner committed — read-then-insert is safe under it; the exclusion
// constraint stays as the last word. On PGlite (one connection) the lock is granted at once.
export async function lockHosts(ctx: Ctx, hostIds: readonly string[]): Promise<void> {
  const keys = [...new Set(hostIds)].sort().map((id) => `booking-host:${id}`);
  if (!keys.length) return;
  await ctx.tx.execute(
    sql`select count(pg_advisory_xact_lock(h)) from (
      select hashtextextended(k, 0) as h from unnest(string_to_array(${keys.join(',')}, ',')) as k order by k
    ) as s`,
  );
}

export async function book(
  ctx: Ctx,
  deps: BookDeps,
  type: MeetingTypeRow,
  input: BookInput,
  now = Date.now(),
  // A reschedule: the booking it replaces and its request (no second request is raised).
  previous: { id: string; leadId: string | null } | null = null,
): Promise<Booked> {
  checkAnswers(type, input.answers);
  const phone = phoneOf(input.phone);
  const { hostIds, names } = await freeHostsAt(ctx, type, input.start, now);
  const hostId = await chooseHost(ctx, type, hostIds, { phone, email: input.email }, now);
  const id = newId();
  const nonce = newId();
  const start = input.start;
  const end = start + type.durationMin * MIN;
  // First the row the exclusion constraint guards: a race is lost here, before anything else is
  // written (the whole transaction rolls back; the route answers 409 with fresh slots).
  await insertBooking(ctx, {
    workspaceId: ctx.workspaceId,
    id,
    meetingTypeId: type.id,
    hostId,
    startsAt: new Date(start),
    endsAt: new Date(end),
    blockedFrom: new Date(start - type.bufferBeforeMin * MIN),
    blockedTo: new Date(end + type.bufferAfterMin * MIN),
    status: 'confirmed',
    name: input.name,
    phone,
    email: input.email,
    answers: input.answers,
    timeZone: input.tz ?? null,
    locale: input.locale ?? 'ru',
    linkNonce: nonce,
    previousId: previous?.id ?? null,
    ip: input.ip,
  });
  const contact = await contactOf(ctx, { name: input.name, phone, email: input.email }, hostId);
  const { lead, event } = await raiseRequestAndEvent(ctx, type, input, previous, {
    id,
    hostId,
    start,
    end,
    phone,
    contactId: contact.id,
  });
  const { cancelUrl, rescheduleUrl, letter } = lettered(deps, ctx.workspaceId, id, nonce, {
    locale: input.locale ?? 'ru',
    typeName: type.name,
    hostName: names.get(hostId) ?? '',
    start,
    tz: input.tz ?? 'Europe/Moscow',
    location: type.locationDetail,
  });
  await ctx.tx
    .update(bookings)
    .set({
      contactId: contact.id,
      leadId: lead.id,
      eventId: event.id,
      mailSubject: letter.subject,
      mailText: letter.text,
    })
    .where(and(eq(bookings.workspaceId, ctx.workspaceId), eq(bookings.id, id)));
  await recordAudit(ctx, {
    action: 'booking.created',
    entity: 'bookings',
    entityId: id,
    after: {
      meetingTypeId: type.id,
      hostId,
      start: new Date(start).toISOString(),
      leadId: lead.id,
    },
  });
  await announce(ctx, deps, { id, eventId: event.id, leadId: lead.id, start, hostId, now });
  // A new meeting (a reschedule is the same meeting moved): the domain event booking.created.
  if (!previous)
    await emitDomainEvent(ctx, { type: 'booking.created', key: id, entity: 'booking', id });
  return { id, hostId, hostName: names.get(hostId) ?? '', start, end, cancelUrl, rescheduleUrl };
}

const answersText = (type: MeetingTypeRow, answers: Record<string, string>): string | null => {
  const lines = type.questions
    .filter((q) => answers[q.key]?.trim())
    .map((q) => `${q.label}: ${answers[q.key]!.trim()}`);
  return lines.length ? lines.join('\n') : null;
};

// The request (channel booking; a reschedule keeps the first one) and the host's calendar event.
async function raiseRequestAndEvent(
  ctx: Ctx,
  type: MeetingTypeRow,
  input: BookInput,
  previous: { id: string; leadId: string | null } | null,
  b: { id: string; hostId: string; start: number; end: number; phone: string; contactId: string },
) {
  const { id, hostId, start, end, phone } = b;
  const contact = { id: b.contactId };
  const when = DateTime.fromMillis(start, { zone: input.tz ?? 'Europe/Moscow' });
  const lead = previous?.leadId
    ? { id: previous.leadId, audit: Promise.resolve() }
    : await leads.insertInboundLead(ctx, {
        channel: 'booking',
        source: type.name,
        title: `${type.name} — ${when.toFormat('dd.MM.yyyy HH:mm')}`,
        message: answersText(type, input.answers),
        contactName: input.name,
        contactPhone: phone,
        contactEmail: input.email,
        contactId: contact.id,
      });
  await lead.audit;
  const event = await calendar.createEvent(ctx, {
    kind: 'meeting',
    title: `${type.name} — ${input.name}`,
    description: answersText(type, input.answers),
    ownerId: hostId,
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(end).toISOString(),
    locationKind: type.locationKind,
    location: type.locationDetail || null,
    contactId: contact.id,
    leadId: lead.id,
    source: 'booking',
    sourceId: id,
  });
  return { lead, event };
}

// The sealed links and the letter that carries them.
function lettered(
  deps: BookDeps,
  workspaceId: string,
  bookingId: string,
  nonce: string,
  l: Omit<Parameters<typeof confirmationLetter>[0], 'cancelUrl' | 'rescheduleUrl'>,
) {
  const claim = { workspaceId, bookingId, nonce };
  const cancelUrl = manageUrl(
    deps.publicUrl,
    'cancel',
    sealBookingLink(deps.sealer, 'cancel', claim),
  );
  const rescheduleUrl = manageUrl(
    deps.publicUrl,
    'reschedule',
    sealBookingLink(deps.sealer, 'reschedule', claim),
  );
  return {
    cancelUrl,
    rescheduleUrl,
    letter: confirmationLetter({ ...l, cancelUrl, rescheduleUrl }),
  };
}

// The host hears of it at once (the realtime stream, after commit); the visitor's letter is queued.
async function announce(
  ctx: Ctx,
  deps: BookDeps,
  b: { id: string; eventId: string; leadId: string; start: number; hostId: string; now: number },
) {
  const { id, start, hostId } = b;
  const event = { id: b.eventId };
  const lead = { id: b.leadId };
  await deps.events.publish(
    ctx.workspaceId,
    {
      type: 'booking.created',
      bookingId: id,
      eventId: event.id,
      leadId: lead.id,
      start: new Date(start).toISOString(),
      conversationId: null,
      memberIds: [hostId],
    },
    ctx.tx,
  );
  await enqueue(
    ctx.tx,
    bookingConfirm,
    { bookingId: id },
    { workspaceId: ctx.workspaceId, key: id },
  );
  await scheduleReminder(ctx, id, start, b.now);
}

// A booking as automation's rules read it.
export async function bookingFacts(ctx: Ctx, id: string) {
  const [row] = await ctx.tx
    .select({
      id: bookings.id,
      meetingTypeId: bookings.meetingTypeId,
      hostId: bookings.hostId,
      startsAt: bookings.startsAt,
      status: bookings.status,
      name: bookings.name,
      phone: bookings.phone,
      email: bookings.email,
      contactId: bookings.contactId,
      leadId: bookings.leadId,
    })
    .from(bookings)
    .where(and(eq(bookings.workspaceId, ctx.workspaceId), eq(bookings.id, id)));
  return row ? { ...row, startsAt: row.startsAt.toISOString() } : null;
}
