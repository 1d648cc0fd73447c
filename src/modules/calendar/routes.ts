import {
  CalendarEvent,
  CalendarEventCreateBody,
  CalendarEventUpdateBody,
  CalendarFeed,
  CalendarFeedParams,
  CalendarRange,
  CalendarRangeQuery,
  IdParams,
  WorkingHoursQuery,
  WorkingHoursRange,
} from '@voronka/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import { sendProblem } from '../../platform/http/problem.js';
import type { ModuleDeps } from '../deps.js';
import * as routing from '../routing/service.js';
import { cancelEvent, createEvent, getEvent, updateEvent } from './events.js';
import { feedStatus, regenerateFeed, renderFeed, revokeFeed } from './feed.js';
import { listRange, memberIdsOf, rangeOf } from './list.js';

// The calendar under the tasks' rights: who may read, create, change and delete tasks may do the
// same with events, and sees them as tasks (own / team / all by owner; invited members too).
export const calendarRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db, config }) => {
  const run = <T>(
    req: Parameters<typeof inRequestWorkspace>[1],
    fn: Parameters<typeof inRequestWorkspace<T>>[2],
  ) => inRequestWorkspace(db, req, fn);
  const tags = ['calendar'];
  const can = (action: 'read' | 'create' | 'update' | 'delete') =>
    ({ access: { entity: 'tasks', action } }) as const;

  app.get(
    '/calendar/events',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'Events and tasks with a time of members over a range (recurrences expanded)',
        querystring: CalendarRangeQuery,
        response: { 200: CalendarRange },
      },
    },
    async (req) => run(req, async (ctx) => ({ items: await listRange(ctx, req.query) })),
  );
  app.post(
    '/calendar/events',
    {
      config: can('create'),
      schema: {
        tags,
        summary: 'Create an event (meeting, call, task, internal; recurrence for internal ones)',
        body: CalendarEventCreateBody,
        response: { 201: CalendarEvent },
      },
    },
    async (req, reply) => reply.code(201).send(await run(req, (ctx) => createEvent(ctx, req.body))),
  );
  app.get(
    '/calendar/events/:id',
    {
      config: can('read'),
      schema: { tags, summary: 'Get an event', params: IdParams, response: { 200: CalendarEvent } },
    },
    async (req) => run(req, (ctx) => getEvent(ctx, req.params.id)),
  );
  app.patch(
    '/calendar/events/:id',
    {
      config: can('update'),
      schema: {
        tags,
        summary: 'Change an event: move or resize it, its details, attendees, reminders',
        params: IdParams,
        body: CalendarEventUpdateBody,
        response: { 200: CalendarEvent },
      },
    },
    async (req) => run(req, (ctx) => updateEvent(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/calendar/events/:id',
    {
      config: can('delete'),
      schema: { tags, summary: 'Cancel an event (kept as cancelled)', params: IdParams },
    },
    async (req, reply) => {
      await run(req, (ctx) => cancelEvent(ctx, req.params.id));
      return reply.code(204).send();
    },
  );
  workingHoursRoute(app, db);
  feedRoutes(app, { db, config });
};

function feedRoutes(
  app: Parameters<FastifyPluginAsyncZod<ModuleDeps>>[0],
  { db, config }: Pick<ModuleDeps, 'db' | 'config'>,
) {
  const tags = ['calendar'];
  // My own feed, under the calendar's read right; making or revoking one is a write, so an
  // expired trial refuses it like any other change.
  const own = { access: { entity: 'tasks', action: 'read' } } as const;
  const ownWrite = { access: { entity: 'tasks', action: 'read', writes: true } } as const;
  app.get(
    '/calendar/feed',
    {
      config: own,
      schema: { tags, summary: 'Whether my ICS feed exists', response: { 200: CalendarFeed } },
    },
    async (req) => inRequestWorkspace(db, req, (ctx) => feedStatus(ctx)),
  );
  app.post(
    '/calendar/feed',
    {
      config: ownWrite,
      schema: {
        tags,
        summary: 'Make a new secret URL of my ICS feed (the old one stops working)',
        response: { 201: CalendarFeed },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await inRequestWorkspace(db, req, (ctx) => regenerateFeed(ctx, config.publicUrl))),
  );
  app.delete(
    '/calendar/feed',
    { config: ownWrite, schema: { tags, summary: 'Revoke my ICS feed' } },
    async (req, reply) => {
      await inRequestWorkspace(db, req, (ctx) => revokeFeed(ctx));
      return reply.code(204).send();
    },
  );
  app.get(
    '/calendar/feed/:token',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'A member’s events as iCalendar (RFC 5545), by the secret URL',
        params: CalendarFeedParams,
      },
    },
    async (req, reply) => {
      const text = await renderFeed(db, req.params.token.replace(/\.ics$/, ''));
      if (text === null) return sendProblem(reply, 'calendar_feed.not_found', 'no such feed');
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .send(text);
    },
  );
}

function workingHoursRoute(
  app: Parameters<FastifyPluginAsyncZod<ModuleDeps>>[0],
  db: ModuleDeps['db'],
) {
  app.get(
    '/calendar/working-hours',
    {
      config: { access: { entity: 'tasks', action: 'read' } },
      schema: {
        tags: ['calendar'],
        summary: "Members' working hours over a range (routing's availability and calendar)",
        querystring: WorkingHoursQuery,
        response: { 200: WorkingHoursRange },
      },
    },
    async (req) =>
      inRequestWorkspace(db, req, async (ctx) => {
        const { from, to } = rangeOf(req.query);
        const windows = await routing.memberWorkingWindows(
          ctx,
          memberIdsOf(ctx, req.query.memberIds),
          from,
          to,
        );
        return {
          items: windows.map((w) => ({
            memberId: w.memberId,
            start: w.start.toISOString(),
            end: w.end.toISOString(),
          })),
        };
      }),
  );
}
