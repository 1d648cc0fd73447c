import {
  DryRunResult,
  IdParams,
  RoutingRule,
  RoutingRuleCreateBody,
  RoutingRuleUpdateBody,
  SampleRequest,
  SlaPolicy,
  SlaPolicyCreateBody,
  SlaPolicyUpdateBody,
} from '@voronka/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import type { ModuleDeps } from '../deps.js';
import { dryRun } from './engine.js';
import * as rules from './rules.js';
import {
  availabilityRoutes,
  hoursRoutes,
  queueRoutes,
  telegramRoutes,
  weightRoutes,
} from './routes-people.js';

// Routing rules, SLA policies, business hours and priority weights are the `routing` entity of the
// permission matrix (the head manages them; managers read them). Availability: a member's own, or
// anyone's with routing update. Assignments follow the request's own visibility (leads read).
export const routingRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db }) => {
  const kit = kitOf(db);
  for (const routes of [
    ruleRoutes,
    dryRunRoutes,
    policyRoutes,
    hoursRoutes,
    availabilityRoutes,
    telegramRoutes,
    queueRoutes,
    weightRoutes,
  ])
    routes(app, kit);
};

export type App = Parameters<FastifyPluginAsyncZod>[0];
export type Kit = ReturnType<typeof kitOf>;

// What every routing route shares: the workspace transaction, the OpenAPI tag, the access checks.
export function kitOf(db: ModuleDeps['db']) {
  const run = <T>(
    req: Parameters<typeof inRequestWorkspace>[1],
    fn: Parameters<typeof inRequestWorkspace<T>>[2],
  ) => inRequestWorkspace(db, req, fn);
  const read = { access: { entity: 'routing', action: 'read' } } as const;
  const create = { access: { entity: 'routing', action: 'create' } } as const;
  const update = { access: { entity: 'routing', action: 'update' } } as const;
  const remove = { access: { entity: 'routing', action: 'delete' } } as const;
  const items = <T extends z.ZodType>(t: T) => z.object({ items: z.array(t) });
  return { run, tags: ['routing'], read, create, update, remove, items };
}

// Routing rules as a resource.
function ruleRoutes(app: App, { run, tags, read, create, update, remove, items }: Kit) {
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
}

// The dry run: the same decision for a sample request, written nowhere.
function dryRunRoutes(app: App, { run, tags, read }: Kit) {
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
}

// SLA policies as a resource.
function policyRoutes(app: App, { run, tags, read, create, update, remove, items }: Kit) {
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
}
