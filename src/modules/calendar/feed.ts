import type { CalendarFeed } from '@voronka/contract';
import { and, eq, inArray, or } from 'drizzle-orm';
import { createRequire } from 'node:module';
import { recordAudit } from '../../platform/audit/audit.js';
import { inSystemWorkspace, type Ctx } from '../../platform/context.js';
import { hashToken, randomToken } from '../../platform/crypto.js';
import type { Db } from '../../platform/db/types.js';
import * as routing from '../routing/service.js';
import { overlapping } from './busy.js';
import { occurrences } from './recurrence.js';
import { calendarAttendees, calendarEvents, calendarFeeds } from './tables.js';

// ical-generator's ESM build is fine, but one require keeps its default export's typing simple.
const ical = (createRequire(import.meta.url)('ical-generator') as typeof import('ical-generator'))
  .default;

const PAST_MS = 30 * 86_400_000;
const AHEAD_MS = 180 * 86_400_000;

export const feedUrl = (publicUrl: string, token: string) =>
  `${publicUrl.replace(/\/$/, '')}/api/v1/calendar/feed/${token}.ics`;

export async function feedStatus(ctx: Ctx): Promise<CalendarFeed> {
  const [row] = await ctx.tx
    .select({ createdAt: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .where(mine(ctx));
  return { active: Boolean(row), createdAt: row?.createdAt.toISOString() ?? null, url: null };
}

const mine = (ctx: Ctx) =>
  and(
    eq(calendarFeeds.workspaceId, ctx.workspaceId),
    eq(calendarFeeds.memberId, ctx.actor.memberId ?? '00000000-0000-0000-0000-000000000000'),
  );

// A new secret URL (the old one stops working at once); shown only in this answer.
export async function regenerateFeed(ctx: Ctx, publicUrl: string): Promise<CalendarFeed> {
  const memberId = ctx.actor.memberId;
  if (!memberId) throw new Error('a feed belongs to a member');
  const token = randomToken('', 24);
  await ctx.tx.delete(calendarFeeds).where(mine(ctx));
  const [row] = await ctx.tx
    .insert(calendarFeeds)
    .values({ workspaceId: ctx.workspaceId, memberId, tokenHash: hashToken(token) })
    .returning();
  await recordAudit(ctx, { action: 'calendar_feed.created', entity: 'users', entityId: memberId });
  return { active: true, createdAt: row!.createdAt.toISOString(), url: feedUrl(publicUrl, token) };
}

export async function revokeFeed(ctx: Ctx): Promise<void> {
  await ctx.tx.delete(calendarFeeds).where(mine(ctx));
  await recordAudit(ctx, {
    action: 'calendar_feed.revoked',
    entity: 'users',
    entityId: ctx.actor.memberId,
  });
}

// The feed by its token: found by hash before any workspace is known (as a session is), then read
// inside that workspace. Null when no such feed (revoked, regenerated, never made).
export async function renderFeed(db: Db, token: string): Promise<string | null> {
  const [feed] = await db
    .select({ workspaceId: calendarFeeds.workspaceId, memberId: calendarFeeds.memberId })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.tokenHash, hashToken(token)))
    .limit(1);
  if (!feed) return null;
  return inSystemWorkspace(db, feed.workspaceId, (ctx) => feedText(ctx, feed.memberId), {
    requestId: 'calendar-feed',
  });
}

// An all-day event's date in its own zone, as the UTC midnight ical-generator writes as a DATE.
function dateOnly(at: Date, timeZone: string): Date {
  const p = routing.localParts(at.getTime(), timeZone);
  return new Date(Date.UTC(p.year, p.month - 1, p.day));
}

// The member's events (owned and attended, not cancelled) from 30 days back to 180 ahead, each
// occurrence of a recurring one as its own VEVENT (UID per occurrence), times in UTC (RFC 5545
// form 2: a time zone generator is not needed and no floating times are written).
async function feedText(ctx: Ctx, memberId: string): Promise<string> {
  const from = new Date(Date.now() - PAST_MS);
  const to = new Date(Date.now() + AHEAD_MS);
  const attended = ctx.tx
    .select({ id: calendarAttendees.eventId })
    .from(calendarAttendees)
    .where(
      and(
        eq(calendarAttendees.workspaceId, ctx.workspaceId),
        eq(calendarAttendees.memberId, memberId),
      ),
    );
  const rows = await ctx.tx
    .select()
    .from(calendarEvents)
    .where(
      and(
        eq(calendarEvents.workspaceId, ctx.workspaceId),
        or(eq(calendarEvents.ownerId, memberId), inArray(calendarEvents.id, attended)),
        overlapping(from, to),
      ),
    );
  const cal = ical({
    name: 'Voronka',
    prodId: { company: 'Voronka', product: 'CRM', language: 'RU' },
  });
  for (const r of rows) {
    const spans = r.rrule
      ? occurrences({ ...r, rrule: r.rrule }, from, to)
      : [{ start: r.startsAt, end: r.endsAt }];
    for (const s of spans)
      cal.createEvent({
        id: r.rrule ? `${r.id}-${s.start.getTime()}@voronka` : `${r.id}@voronka`,
        start: r.allDay ? dateOnly(s.start, r.timeZone) : s.start,
        end: r.allDay ? dateOnly(s.end, r.timeZone) : s.end,
        allDay: r.allDay,
        summary: r.title,
        description: r.description ?? undefined,
        location: r.location ?? r.videoUrl ?? undefined,
        url: r.videoUrl ?? undefined,
        stamp: r.updatedAt,
      });
  }
  return cal.toString();
}
