import {
  Assignment,
  Availability,
  AvailabilityBody,
  BusinessHours,
  BusinessHoursBody,
  DryRunResult,
  IdParams,
  PriorityWeightsBody,
  PriorityWeightsView,
  QueueOverview,
  RoutingRule,
  RoutingRuleCreateBody,
  RoutingRuleUpdateBody,
  SampleRequest,
  SlaPolicy,
  SlaPolicyCreateBody,
  SlaPolicyUpdateBody,
  SlaReport,
  SlaReportQuery,
  TelegramLink,
  TelegramLinkBody,
} from '@voronka/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import type { ModuleDeps } from '../deps.js';
import * as availability from './availability.js';
import { dryRun } from './engine.js';
import { refit } from './refit.js';
import * as reports from './reports.js';
import * as rules from './rules.js';
import * as settings from './settings.js';
import { startTelegramLink, unlinkTelegram } from './telegram.js';

// Routing rules, SLA policies, business hours and priority weights are the `routing` entity of the
// permission matrix (the head manages them; managers read them). Availability: a member's own, or
// anyone's with routing update. Assignments follow the request's own visibility (leads read).
export const routingRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db }) => {
  const run = <T>(
    req: Parameters<typeof inRequestWorkspace>[1],
    fn: Parameters<typeof inRequestWorkspace<T>>[2],
  ) => inRequestWorkspace(db, req, fn);
  const tags = ['routing'];
  const read = { access: { entity: 'routing', action: 'read' } } as const;
  const create = { access: { entity: 'routing', action: 'create' } } as const;
  const update = { access: { entity: 'routing', action: 'update' } } as const;
  const remove = { access: { entity: 'routing', action: 'delete' } } as const;
  const items = <T extends z.ZodType>(t: T) => z.object({ items: z.array(t) });

  app.get(
    '/routing-rules',
    {
      config: read,
      schema: {
        tags,
        summary: 'Routing rules, in the order they are tried',
        response: { 200: items(RoutingRule) },
      },
    },
    async (req) => run(req, (ctx) => rules.listRules(ctx)),
  );
  app.get(
    '/routing-rules/:id',
    {
      config: read,
      schema: { tags, summary: 'A routing rule', params: IdParams, response: { 200: RoutingRule } },
    },
    async (req) => run(req, (ctx) => rules.getRule(ctx, req.params.id)),
  );
  app.post(
    '/routing-rules',
    {
      config: create,
      schema: {
        tags,
        summary: 'Create a routing rule (at `position`, default last)',
        body: RoutingRuleCreateBody,
        response: { 201: RoutingRule },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => rules.createRule(ctx, req.body))),
  );
  app.patch(
    '/routing-rules/:id',
    {
      config: update,
      schema: {
        tags,
        summary: 'Change a routing rule or move it in the order',
        params: IdParams,
        body: RoutingRuleUpdateBody,
        response: { 200: RoutingRule },
      },
    },
    async (req) => run(req, (ctx) => rules.updateRule(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/routing-rules/:id',
    { config: remove, schema: { tags, summary: 'Delete a routing rule', params: IdParams } },
    async (req, reply) => {
      await run(req, (ctx) => rules.deleteRule(ctx, req.params.id));
      return reply.code(204).send();
    },
  );
  app.post(
    '/routing-rules/dry-run',
    {
      config: read,
      schema: {
        tags,
        summary: 'Who would get this request, and why (the whole rule set; nothing is written)',
        body: SampleRequest,
        response: { 200: DryRunResult },
      },
    },
    async (req) => run(req, (ctx) => dryRun(ctx, req.body)),
  );
  app.post(
    '/routing-rules/:id/dry-run',
    {
      config: read,
      schema: {
        tags,
        summary: 'Who this rule alone would give the request to, and why',
        params: IdParams,
        body: SampleRequest,
        response: { 200: DryRunResult },
      },
    },
    async (req) => run(req, (ctx) => dryRun(ctx, req.body, req.params.id)),
  );

  app.get(
    '/sla-policies',
    {
      config: read,
      schema: {
        tags,
        summary: 'SLA policies, in the order they are tried',
        response: { 200: items(SlaPolicy) },
      },
    },
    async (req) => run(req, (ctx) => rules.listPolicies(ctx)),
  );
  app.get(
    '/sla-policies/:id',
    {
      config: read,
      schema: { tags, summary: 'An SLA policy', params: IdParams, response: { 200: SlaPolicy } },
    },
    async (req) => run(req, (ctx) => rules.getPolicy(ctx, req.params.id)),
  );
  app.post(
    '/sla-policies',
    {
      config: create,
      schema: {
        tags,
        summary: 'Create an SLA policy',
        body: SlaPolicyCreateBody,
        response: { 201: SlaPolicy },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => rules.createPolicy(ctx, req.body))),
  );
  app.patch(
    '/sla-policies/:id',
    {
      config: update,
      schema: {
        tags,
        summary: 'Change an SLA policy (new deadlines use it)',
        params: IdParams,
        body: SlaPolicyUpdateBody,
        response: { 200: SlaPolicy },
      },
    },
    async (req) => run(req, (ctx) => rules.updatePolicy(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/sla-policies/:id',
    { config: remove, schema: { tags, summary: 'Delete an SLA policy', params: IdParams } },
    async (req, reply) => {
      await run(req, (ctx) => rules.deletePolicy(ctx, req.params.id));
      return reply.code(204).send();
    },
  );

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
};
