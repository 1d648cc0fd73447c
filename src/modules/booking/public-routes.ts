import {
  BookingBody,
  CancelBookingBody,
  BookingTypeParams,
  RescheduleBody,
  SlotsAnswer,
  SlotsQuery,
  Timestamp,
} from '@voronka/contract';
import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import { inSystemWorkspace } from '../../platform/context.js';
import type { Db } from '../../platform/db/types.js';
import { DomainError } from '../../platform/errors.js';
import { problemBody, sendProblem } from '../../platform/http/problem.js';
import * as forms from '../forms/service.js';
import * as workspaces from '../workspaces/service.js';
import type { ModuleDeps } from '../deps.js';
import { slotsOf } from './availability.js';
import { book, isLostRace, type BookDeps } from './book.js';
import { cancelByLink, rescheduleByLink } from './manage.js';
import type { MeetingTypeRow } from './meeting-types.js';
import { groupByDay, localToInstant, visitorRange } from './slots.js';
import { meetingTypes } from './tables.js';

// The public booking API under /api/public/booking: no session (access 'public'); the workspace's
// slug and the type's slug name what is booked, and forms' per-IP counters limit how often one
// address may ask (slots) and book.

const publicAccess = { access: 'public' } as const;
const SLOTS_PER_MINUTE = 120;
const BOOKINGS_PER_MINUTE = 10;
const SLOTS_NS = '6f1d8a52-3c0e-4c35-9d4f-8a7b2b7f0c11';
type Found = { workspaceId: string; workspaceName: string; type: MeetingTypeRow };

async function findType(db: Db, workspaceSlug: string, typeSlug: string): Promise<Found> {
  const ws = await workspaces.findWorkspaceBySlug(db, workspaceSlug);
  const type = ws
    ? await inSystemWorkspace(db, ws.id, async (ctx) => {
        const [row] = await ctx.tx
          .select()
          .from(meetingTypes)
          .where(
            and(
              eq(meetingTypes.workspaceId, ws.id),
              eq(meetingTypes.slug, typeSlug),
              eq(meetingTypes.active, true),
              isNull(meetingTypes.deletedAt),
            ),
          );
        return row ?? null;
      })
    : null;
  if (!ws || !type) throw new DomainError('meeting_type.not_found', 'no such booking page');
  return { workspaceId: ws.id, workspaceName: ws.name, type };
}

async function limit(db: Db, f: Found, ip: string, key: string, perMinute: number) {
  const counted = await forms.countSubmission(
    db,
    { workspaceId: f.workspaceId, id: key, rateLimitPerMinute: perMinute },
    ip,
  );
  if (!counted.allowed)
    throw new DomainError(
      'request.rate_limited',
      `too many requests: at most ${perMinute} a minute`,
      {
        retryAfter: counted.retryAfter,
      },
    );
}

const publicType = (f: Found) => ({
  name: f.type.name,
  description: f.type.description,
  durationMin: f.type.durationMin,
  locationKind: f.type.locationKind,
  questions: f.type.questions,
  workspaceName: f.workspaceName,
});

// The visitor's start: an instant with an offset, or a local time in their zone (refused in a DST
// gap, where the clock never shows it).
export function startOf(start: string, tz: string | undefined): number {
  if (Timestamp.safeParse(start).success) return Date.parse(start);
  const local = tz ? localToInstant(start, tz) : null;
  if (local === null)
    throw new DomainError(
      'request.invalid',
      tz
        ? 'this local time does not exist in the time zone (a daylight-saving gap) or is not a date-time'
        : 'give an instant with an offset, or a local time with tz',
      { field: 'start' },
    );
  return local;
}

// Fresh slots for the visitor's week from the start's day, sent with a 409.
async function slotsAround(db: Db, f: Found, start: number, tz: string) {
  const range = { from: start - 86_400_000, to: start + 7 * 86_400_000 };
  const { slots } = await inSystemWorkspace(db, f.workspaceId, (ctx) =>
    slotsOf(ctx, f.type, range, Date.now()),
  );
  return groupByDay(slots, tz);
}

async function taken(reply: FastifyReply, db: Db, f: Found, start: number, tz: string) {
  return reply
    .code(409)
    .type('application/problem+json; charset=utf-8')
    .send({
      ...problemBody('booking.slot_taken', 'this time was just taken: choose another', {
        field: 'start',
      }),
      days: await slotsAround(db, f, start, tz),
    });
}

export const publicBookingRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (
  app,
  { db, sealer, config, events },
) => {
  const deps = { sealer, publicUrl: config.publicUrl, events };
  const tags = ['public booking'];
  corsForWidget(app);

  app.get(
    '/:workspace/:type/slots',
    {
      config: publicAccess,
      schema: {
        tags,
        summary: "A meeting type's free slots between two of the visitor's dates, in their zone",
        params: BookingTypeParams,
        querystring: SlotsQuery,
        response: { 200: SlotsAnswer },
      },
    },
    async (req, reply) => {
      const f = await findType(db, req.params.workspace, req.params.type);
      await limit(db, f, req.ip, uuidv5(f.type.id, SLOTS_NS), SLOTS_PER_MINUTE);
      let range;
      try {
        range = visitorRange(req.query.from, req.query.to, req.query.tz);
      } catch (err) {
        const [field = 'to', ...rest] = (err as Error).message.split(': ');
        return sendProblem(reply, 'request.invalid', rest.join(': '), { field });
      }
      const { slots } = await inSystemWorkspace(db, f.workspaceId, (ctx) =>
        slotsOf(ctx, f.type, range, Date.now()),
      );
      return reply
        .header('cache-control', 'no-store')
        .send({ type: publicType(f), tz: req.query.tz, days: groupByDay(slots, req.query.tz) });
    },
  );

  app.post(
    '/:workspace/:type/bookings',
    {
      config: publicAccess,
      schema: {
        tags,
        summary: 'Book a slot: the contact, a request (channel booking) and the host’s event',
        params: BookingTypeParams,
        body: BookingBody.extend({ start: z.string().min(10).max(40) }),
        response: { 201: BookedAnswer },
      },
    },
    async (req, reply) => {
      const f = await findType(db, req.params.workspace, req.params.type);
      await limit(db, f, req.ip, f.type.id, BOOKINGS_PER_MINUTE);
      const start = startOf(req.body.start, req.body.tz);
      const tz = req.body.tz ?? 'Europe/Moscow';
      try {
        const b = await inSystemWorkspace(
          db,
          f.workspaceId,
          (ctx) => book(ctx, deps, f.type, { ...req.body, start, ip: req.ip }),
          { ip: req.ip, requestId: String(req.id) },
        );
        return reply.code(201).send(bookedAnswer(b, f));
      } catch (err) {
        if ((err instanceof DomainError && err.code === 'booking.slot_taken') || isLostRace(err))
          return taken(reply, db, f, start, tz);
        throw err;
      }
    },
  );

  linkRoutes(app, db, deps);
};

const BookedAnswer = z.object({
  id: z.string(),
  start: Timestamp,
  end: Timestamp,
  hostName: z.string(),
  typeName: z.string(),
  cancelUrl: z.string(),
  rescheduleUrl: z.string(),
});

const bookedAnswer = (
  b: {
    id: string;
    start: number;
    end: number;
    hostName: string;
    cancelUrl: string;
    rescheduleUrl: string;
  },
  f: Found,
) => ({
  id: b.id,
  start: new Date(b.start).toISOString(),
  end: new Date(b.end).toISOString(),
  hostName: b.hostName,
  typeName: f.type.name,
  cancelUrl: b.cancelUrl,
  rescheduleUrl: b.rescheduleUrl,
});

type Api = Parameters<FastifyPluginAsyncZod<ModuleDeps>>[0];
// What the confirmation's links do: cancel, or move to another slot (each link once).
function linkRoutes(app: Api, db: Db, deps: BookDeps) {
  const tags = ['public booking'];
  app.post(
    '/cancel',
    {
      config: publicAccess,
      schema: {
        tags,
        summary: 'Cancel a booking by the signed link from its confirmation (once)',
        body: CancelBookingBody,
        response: { 200: z.object({ id: z.string(), status: z.literal('cancelled') }) },
      },
    },
    async (req) => cancelByLink(db, deps, req.body.token, req.ip),
  );

  app.post(
    '/reschedule',
    {
      config: publicAccess,
      schema: {
        tags,
        summary: 'Move a booking to another free slot by the signed link (once per link)',
        body: RescheduleBody,
        response: { 201: BookedAnswer },
      },
    },
    async (req, reply) => {
      const b = await rescheduleByLink(
        db,
        deps,
        req.body.token,
        Date.parse(req.body.start),
        req.ip,
      );
      return reply.code(201).send({
        id: b.id,
        start: new Date(b.start).toISOString(),
        end: new Date(b.end).toISOString(),
        hostName: b.hostName,
        typeName: b.typeName,
        cancelUrl: b.cancelUrl,
        rescheduleUrl: b.rescheduleUrl,
      });
    },
  );
}

// booking.js embedded on a client's own site calls this API from that site: any origin may. No
// cookie or session is read here, so a wildcard grants a page nothing it could not do itself.
function corsForWidget(app: Api) {
  app.addHook('onSend', async (_req, reply) => {
    reply.header('access-control-allow-origin', '*');
  });
  const preflight = async (_req: unknown, reply: FastifyReply) =>
    reply
      .headers({
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': 'content-type',
        'access-control-max-age': '600',
      })
      .code(204)
      .send();
  for (const path of ['/:workspace/:type/bookings', '/cancel', '/reschedule'])
    app.options(path, { config: publicAccess, schema: { hide: true } }, preflight);
}
