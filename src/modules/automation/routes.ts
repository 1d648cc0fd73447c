import {
  Automation,
  AutomationButton,
  AutomationCreateBody,
  AutomationHookAccepted,
  AutomationHookUrl,
  AutomationRunBody,
  AutomationRunStarted,
  AutomationDryRun,
  AutomationDryRunBody,
  AutomationListQuery,
  AutomationRun,
  AutomationRunQuery,
  AutomationUpdateBody,
  IdParams,
  page,
  Webhook,
  WebhookCreateBody,
  WebhookDelivery,
  WebhookDeliveryParams,
  WebhookDeliveryQuery,
  WebhookRedelivered,
  WebhookUpdateBody,
  WebhookWithSecret,
} from '@voronka/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../../platform/context.js';
import { z } from 'zod';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import type { ModuleDeps } from '../deps.js';
import {
  createAutomation,
  deleteAutomation,
  getAutomation,
  hookUrlOf,
  listAutomations,
  settleRuleCache,
  updateAutomation,
  webhookSecretOf,
} from './automations.js';
import { acceptHook, dealButtons, HookBody, pressButton } from './manual.js';
import { dryRun, listRuns } from './runs.js';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listDeliveries,
  listWebhooks,
  redeliver,
  rotateWebhookSecret,
  updateWebhook,
} from './subscriptions.js';

type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;
type Run = <T>(req: FastifyRequest, fn: (ctx: Ctx) => Promise<T>) => Promise<T>;
const tags = ['automation'];
const can = (action: 'read' | 'create' | 'update' | 'delete') =>
  ({ access: { entity: 'automation', action } }) as const;

// Rules as data (/automations), their run log and a dry run; a deal's runs under the deals' rights.
export const automationRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db, config }) => {
  const run: Run = (req, fn) => inRequestWorkspace(db, req, fn);
  ruleRoutes(app, run);
  logRoutes(app, run);
  manualRoutes(app, run, config.publicUrl);
  webhookRoutes(app, run);
};

// Outgoing webhook subscriptions: they carry the whole workspace's records out, so they are the
// workspace's settings (workspace:update), like API tokens.
function webhookRoutes(app: App, run: Run) {
  app.get(
    '/webhooks',
    {
      config: admin,
      schema: {
        tags: hookTags,
        summary: 'Outgoing webhook subscriptions',
        response: { 200: z.object({ items: z.array(Webhook) }) },
      },
    },
    async (req) => run(req, (ctx) => listWebhooks(ctx)),
  );
  app.post(
    '/webhooks',
    {
      config: admin,
      schema: {
        tags: hookTags,
        summary: 'Subscribe a URL to event types; the signing secret is shown in this answer only',
        body: WebhookCreateBody,
        response: { 201: WebhookWithSecret },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => createWebhook(ctx, req.body))),
  );
  app.get(
    '/webhooks/:id',
    {
      config: admin,
      schema: {
        tags: hookTags,
        summary: 'Get a subscription',
        params: IdParams,
        response: { 200: Webhook },
      },
    },
    async (req) => run(req, (ctx) => getWebhook(ctx, req.params.id)),
  );
  app.patch(
    '/webhooks/:id',
    {
      config: admin,
      schema: {
        tags: hookTags,
        summary: 'Change the URL or events, switch on/off (on again: the failure count restarts)',
        params: IdParams,
        body: WebhookUpdateBody,
        response: { 200: Webhook },
      },
    },
    async (req) => run(req, (ctx) => updateWebhook(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/webhooks/:id',
    {
      config: admin,
      schema: { tags: hookTags, summary: 'Delete a subscription and its log', params: IdParams },
    },
    async (req, reply) => {
      await run(req, (ctx) => deleteWebhook(ctx, req.params.id));
      return reply.code(204).send();
    },
  );
  webhookLogRoutes(app, run);
}

const admin = { access: { entity: 'workspace', action: 'update' } } as const;
const hookTags = ['webhooks'];

// A subscription's secret, its delivery log and redelivery by hand.
function webhookLogRoutes(app: App, run: Run) {
  app.post(
    '/webhooks/:id/rotate-secret',
    {
      config: admin,
      schema: {
        tags: hookTags,
        summary: 'A new signing secret (shown in this answer only); the old one stops at once',
        params: IdParams,
        response: { 200: WebhookWithSecret },
      },
    },
    async (req) => run(req, (ctx) => rotateWebhookSecret(ctx, req.params.id)),
  );
  app.get(
    '/webhooks/:id/deliveries',
    {
      config: admin,
      schema: {
        tags: hookTags,
        summary: 'The delivery log, newest first: each attempt’s status code, time and answer',
        params: IdParams,
        querystring: WebhookDeliveryQuery,
        response: { 200: page(WebhookDelivery) },
      },
    },
    async (req) => run(req, (ctx) => listDeliveries(ctx, req.params.id, req.query)),
  );
  app.post(
    '/webhooks/:id/deliveries/:deliveryId/redeliver',
    {
      config: admin,
      schema: {
        tags: hookTags,
        summary: 'Send a delivery again now (same delivery id and body, a fresh signature)',
        params: WebhookDeliveryParams,
        response: { 202: WebhookRedelivered },
      },
    },
    async (req, reply) =>
      reply
        .code(202)
        .send(await run(req, (ctx) => redeliver(ctx, req.params.id, req.params.deliveryId))),
  );
}

// Buttons on the deal card (pressed by whoever may change the deal) and the incoming webhook's URL.
function manualRoutes(app: App, run: Run, publicUrl: string) {
  app.get(
    '/deals/:id/automation-buttons',
    {
      config: { access: { entity: 'deals', action: 'read' } },
      schema: {
        tags,
        summary: 'The automation buttons shown on a deal’s card (rules with a button trigger)',
        params: IdParams,
        response: { 200: z.object({ items: z.array(AutomationButton) }) },
      },
    },
    async (req) => run(req, (ctx) => dealButtons(ctx, req.params.id)),
  );
  app.post(
    '/automations/:id/run',
    {
      config: { access: { entity: 'deals', action: 'update' } },
      schema: {
        tags,
        summary: 'Press a rule’s button on a deal: a run of the rule for that deal',
        params: IdParams,
        body: AutomationRunBody,
        response: { 202: AutomationRunStarted },
      },
    },
    async (req, reply) =>
      reply
        .code(202)
        .send(await run(req, (ctx) => pressButton(ctx, req.params.id, req.body.dealId))),
  );
  app.get(
    '/automations/:id/hook',
    {
      config: can('update'),
      schema: {
        tags,
        summary: 'The secret URL of a rule’s incoming webhook (null: its trigger is not one)',
        params: IdParams,
        response: { 200: AutomationHookUrl },
      },
    },
    async (req) => run(req, (ctx) => hookUrlOf(ctx, req.params.id, publicUrl)),
  );
}

// A rule's incoming webhook, /api/public/automations/{key}: no session (the key is the secret),
// limited per address and per rule, a JSON object of at most 64 KiB.
export const publicAutomationRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db }) => {
  app.post(
    '/:key',
    {
      config: { access: 'public' },
      bodyLimit: 64 * 1024,
      schema: {
        tags,
        summary: 'Call a rule’s incoming webhook (its secret URL); the JSON fields feed the rule',
        params: z.strictObject({ key: z.string().min(1).max(100) }),
        body: HookBody,
        response: { 202: AutomationHookAccepted },
      },
    },
    async (req, reply) =>
      reply.code(202).send(await acceptHook(db, req.params.key, req.ip, req.body)),
  );
};

// A rule write, committed: this process's rule cache has heard of it before the answer goes.
const settled = async <T>(written: Promise<T>): Promise<T> => {
  const value = await written;
  await settleRuleCache();
  return value;
};

function ruleRoutes(app: App, run: Run) {
  app.get(
    '/automations',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'Automation rules (filters: a stage’s robots, a trigger kind)',
        querystring: AutomationListQuery,
        response: { 200: z.object({ items: z.array(Automation) }) },
      },
    },
    async (req) => run(req, (ctx) => listAutomations(ctx, req.query)),
  );
  app.post(
    '/automations',
    {
      config: can('create'),
      schema: {
        tags,
        summary: 'Create a rule: trigger → conditions → delay → actions',
        body: AutomationCreateBody,
        response: { 201: Automation },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await settled(run(req, (ctx) => createAutomation(ctx, req.body)))),
  );
  app.get(
    '/automations/:id',
    {
      config: can('read'),
      schema: { tags, summary: 'Get a rule', params: IdParams, response: { 200: Automation } },
    },
    async (req) => run(req, (ctx) => getAutomation(ctx, req.params.id)),
  );
  app.patch(
    '/automations/:id',
    {
      config: can('update'),
      schema: {
        tags,
        summary: 'Rename, switch on/off, or change the definition (a new version)',
        params: IdParams,
        body: AutomationUpdateBody,
        response: { 200: Automation },
      },
    },
    async (req) => settled(run(req, (ctx) => updateAutomation(ctx, req.params.id, req.body))),
  );
  app.delete(
    '/automations/:id',
    {
      config: can('delete'),
      schema: { tags, summary: 'Delete a rule (its run log stays)', params: IdParams },
    },
    async (req, reply) => {
      await settled(run(req, (ctx) => deleteAutomation(ctx, req.params.id)));
      return reply.code(204).send();
    },
  );
}

function logRoutes(app: App, run: Run) {
  app.get(
    '/automations/:id/runs',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'The rule’s run log, newest first: conditions seen, what each action did',
        params: IdParams,
        querystring: AutomationRunQuery,
        response: { 200: page(AutomationRun) },
      },
    },
    async (req) => run(req, (ctx) => listRuns(ctx, { ...req.query, automationId: req.params.id })),
  );
  app.post(
    '/automations/:id/dry-run',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'Check the rule against a real deal, writing nothing',
        params: IdParams,
        body: AutomationDryRunBody,
        response: { 200: AutomationDryRun },
      },
    },
    async (req) => run(req, (ctx) => dryRun(ctx, req.params.id, req.body.dealId)),
  );
  app.get(
    '/automations/:id/webhook-secret',
    {
      config: can('update'),
      schema: {
        tags,
        summary: 'The key the rule’s webhooks are signed with (Voronka-Signature, docs/api.md)',
        params: IdParams,
        response: { 200: z.object({ secret: z.string() }) },
      },
    },
    async (req) => run(req, (ctx) => webhookSecretOf(ctx, req.params.id)),
  );
  app.get(
    '/deals/:id/automation-runs',
    {
      config: { access: { entity: 'deals', action: 'read' } },
      schema: {
        tags,
        summary: 'Automation runs on one deal, newest first (the deal’s own log)',
        params: IdParams,
        querystring: AutomationRunQuery.omit({ dealId: true }),
        response: { 200: page(AutomationRun) },
      },
    },
    async (req) => run(req, (ctx) => listRuns(ctx, { ...req.query, dealId: req.params.id })),
  );
}
