import {
  Assignment,
  Availability,
  AvailabilityBody,
  BusinessHours,
  BusinessHoursBody,
  IdParams,
  PriorityWeightsBody,
  PriorityWeightsView,
  QueueOverview,
  SlaReport,
  SlaReportQuery,
  TelegramLink,
  TelegramLinkBody,
} from '@voronka/contract';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import * as availability from './availability.js';
import { refit } from './refit.js';
import * as reports from './reports.js';
import * as settings from './settings.js';
import { startTelegramLink, unlinkTelegram } from './telegram.js';
import type { App, Kit } from './routes.js';

// The people side of routing's API: business hours, availability, Telegram, the queue, reports, weights.

// The workspace's business hours.
export function hoursRoutes(app: App, { run, tags, read, update }: Kit) {
  app.get(
    '/business-hours',
    {
      config: read,
      schema: {
        tags,
        summary: "The workspace's business hours (the SLA clock)",
        response: { 200: BusinessHours },
      },
    },
    async (req) => run(req, (ctx) => settings.getBusinessHours(ctx)),
  );
  app.put(
    '/business-hours',
    {
      config: update,
      schema: {
        tags,
        summary: 'Set the business hours, time zone and production calendar',
        body: BusinessHoursBody,
        response: { 200: BusinessHours },
      },
    },
    async (req) => run(req, (ctx) => settings.putBusinessHours(ctx, req.body)),
  );
}

// Members' availability: their own, or anyone's with routing update.
export function availabilityRoutes(app: App, { run, tags, items }: Kit) {
  const withCalendar = <T>(
    req: Parameters<typeof inRequestWorkspace>[1],
    fn: (
      ctx: Parameters<Parameters<typeof inRequestWorkspace<T>>[2]>[0],
      s: settings.RoutingSettings,
    ) => Promise<T>,
  ) => run(req, async (ctx) => fn(ctx, await settings.loadSettings(ctx)));
  app.get(
    '/availability',
    {
      config: { access: { entity: 'users', action: 'read' } },
      schema: {
        tags,
        summary: "Every member's availability, open load and whether they can take a request now",
        response: { 200: items(Availability) },
      },
    },
    async (req) =>
      withCalendar(req, async (ctx, s) => ({
        items: await availability.listAvailability(ctx, s.productionCalendar, s.timeZone),
      })),
  );
  app.get(
    '/availability/:id',
    {
      config: { access: { entity: 'users', action: 'read' } },
      schema: {
        tags,
        summary: "A member's availability",
        params: IdParams,
        response: { 200: Availability },
      },
    },
    async (req) =>
      withCalendar(req, (ctx, s) =>
        availability.getAvailability(ctx, req.params.id, s.productionCalendar, s.timeZone),
      ),
  );
  app.put(
    '/availability/:id',
    {
      config: { access: { entity: 'users', action: 'read', writes: true } },
      schema: {
        tags,
        summary:
          'Set working hours, time zone, vacations, away, capacity (own, or anyone with routing update)',
        params: IdParams,
        body: AvailabilityBody,
        response: { 200: Availability },
      },
    },
    async (req) =>
      withCalendar(req, (ctx, s) =>
        availability.putAvailability(
          ctx,
          req.params.id,
          req.body,
          s.productionCalendar,
          s.timeZone,
        ),
      ),
  );
}

// Linking a member's Telegram for notices.
export function telegramRoutes(app: App, { run, tags }: Kit) {
  app.post(
    '/availability/:id/telegram',
    {
      config: { access: { entity: 'users', action: 'read', writes: true } },
      schema: {
        tags,
        summary: 'Link your Telegram for notices: a one-time code for the workspace bot',
        params: IdParams,
        body: TelegramLinkBody,
        response: { 201: TelegramLink },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await run(req, (ctx) => startTelegramLink(ctx, req.params.id, req.body.channelId))),
  );
  app.delete(
    '/availability/:id/telegram',
    {
      config: { access: { entity: 'users', action: 'read', writes: true } },
      schema: { tags, summary: 'Stop notices in Telegram', params: IdParams },
    },
    async (req, reply) => {
      await run(req, (ctx) => unlinkTelegram(ctx, req.params.id));
      return reply.code(204).send();
    },
  );
}

// The queue overview, a request's assignments and the SLA report.
export function queueRoutes(app: App, { run, tags, read, items }: Kit) {
  app.get(
    '/routing/queue',
    {
      config: read,
      schema: {
        tags,
        summary: "Everyone's load, overdue requests and breaches; the queues",
        response: { 200: QueueOverview },
      },
    },
    async (req) => run(req, (ctx) => reports.queueOverview(ctx)),
  );
  app.get(
    '/leads/:id/assignments',
    {
      config: { access: { entity: 'leads', action: 'read' } },
      schema: {
        tags,
        summary: "A request's assignments: who, why, deadline, response, breach",
        params: IdParams,
        response: { 200: items(Assignment) },
      },
    },
    async (req) => run(req, (ctx) => reports.listAssignments(ctx, req.params.id)),
  );
  app.get(
    '/reports/sla',
    {
      config: read,
      schema: {
        tags,
        summary:
          'First-response time (median, 90th percentile) and breach rate by manager, channel or week',
        querystring: SlaReportQuery,
        response: { 200: SlaReport },
      },
    },
    async (req) => run(req, (ctx) => reports.slaReport(ctx, req.query)),
  );
}

// The priority weights and their re-fit.
export function weightRoutes(app: App, { run, tags, read, update }: Kit) {
  app.get(
    '/priority-weights',
    {
      config: read,
      schema: {
        tags,
        summary: 'The priority weights in force, the catalog, and the last re-fit',
        response: { 200: PriorityWeightsView },
      },
    },
    async (req) => run(req, (ctx) => settings.getPriorityWeights(ctx)),
  );
  app.put(
    '/priority-weights',
    {
      config: update,
      schema: {
        tags,
        summary: 'Edit weights or the catalog, or reset the weights to the defaults',
        body: PriorityWeightsBody,
        response: { 200: PriorityWeightsView },
      },
    },
    async (req) => run(req, (ctx) => settings.putPriorityWeights(ctx, req.body)),
  );
  app.post(
    '/priority-weights/refit',
    {
      config: update,
      schema: {
        tags,
        summary: "Re-fit the weights from the workspace's outcomes now",
        response: { 200: PriorityWeightsView },
      },
    },
    async (req) =>
      run(req, async (ctx) => {
        await refit(ctx);
        return settings.getPriorityWeights(ctx);
      }),
  );
}
