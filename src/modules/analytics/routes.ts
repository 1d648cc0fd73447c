import {
  ActivityQuery,
  ActivityReport,
  Dashboard,
  DrillDeals,
  FunnelDrillQuery,
  FunnelExportQuery,
  FunnelReport,
  IdParams,
  PlanFactQuery,
  PlanFactReport,
  ReportFilter,
  SalesPlan,
  SalesPlanBody,
  SalesPlanQuery,
  SalesPlanUpdateBody,
  WinBackActionBody,
  WinBackActionResult,
  WinBackList,
  WinBackQuery,
  type Entity,
} from '@voronka/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { attachmentHeader } from '../../platform/export/export.js';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import type { ModuleDeps } from '../deps.js';
import { activityReport } from './activity.js';
import { dashboard } from './dashboard.js';
import { funnelDeals, funnelExport, funnelReport } from './funnel.js';
import { planFact } from './plan-fact.js';
import { createPlan, deletePlan, listPlans, updatePlan } from './plans.js';
import { winBack, winBackList } from './win-back.js';

type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;
type Run = <T>(req: FastifyRequest, fn: (ctx: Ctx) => Promise<T>) => Promise<T>;
const tags = ['analytics'];
const can = (entity: Entity, action: 'read' | 'create' | 'update' | 'delete' | 'export') =>
  ({ access: { entity, action } }) as const;

// Reports read deals (and what hangs on them) under the deals' visibility: a head the team's, a
// manager their own. Plans are the `plans` entity. Win-back acts through tasks and deals.
export const analyticsRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db }) => {
  const run: Run = (req, fn) => inRequestWorkspace(db, req, fn);
  funnelRoutes(app, run);
  reportRoutes(app, run);
  planRoutes(app, run);
  winBackRoutes(app, run);
};

function funnelRoutes(app: App, run: Run) {
  app.get(
    '/reports/funnel',
    {
      config: can('deals', 'read'),
      schema: {
        tags,
        summary:
          'Funnel of the deals created in the period: conversion, time in stage (median, p90), lost reasons, win rate, deal size, cycle',
        querystring: ReportFilter,
        response: { 200: FunnelReport },
      },
    },
    async (req) => run(req, (ctx) => funnelReport(ctx, req.query)),
  );
  app.get(
    '/reports/funnel/deals',
    {
      config: can('deals', 'read'),
      schema: {
        tags,
        summary: 'The deals behind a number of the funnel (at most 500, the largest first)',
        querystring: FunnelDrillQuery,
        response: { 200: DrillDeals },
      },
    },
    async (req) => run(req, (ctx) => funnelDeals(ctx, req.query)),
  );
  app.get(
    '/reports/funnel/export',
    {
      config: can('deals', 'export'),
      schema: {
        tags,
        summary: 'The funnel as XLSX or CSV (UTF-8, «;»)',
        querystring: FunnelExportQuery,
      },
    },
    async (req, reply) => {
      const { from, to, file } = await run(req, (ctx) => funnelExport(ctx, req.query));
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', attachmentHeader(`funnel-${from}-${to}.${file.extension}`))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );
}

function reportRoutes(app: App, run: Run) {
  app.get(
    '/reports/plan-fact',
    {
      config: can('deals', 'read'),
      schema: {
        tags,
        summary: 'Plan vs fact per month or quarter: won deals and paid money, forecast, run-rate',
        querystring: PlanFactQuery,
        response: { 200: PlanFactReport },
      },
    },
    async (req) => run(req, (ctx) => planFact(ctx, req.query)),
  );
  app.get(
    '/reports/activity',
    {
      config: can('deals', 'read'),
      schema: {
        tags,
        summary: "Each manager's week: calls, meetings, messages, tasks done/overdue, won deals",
        querystring: ActivityQuery,
        response: { 200: ActivityReport },
      },
    },
    async (req) => run(req, (ctx) => activityReport(ctx, req.query)),
  );
  app.get(
    '/reports/dashboard',
    {
      config: can('deals', 'read'),
      schema: {
        tags,
        summary: "The home page's figures within the reader's rights",
        response: { 200: Dashboard },
      },
    },
    async (req) => run(req, (ctx) => dashboard(ctx)),
  );
}

function planRoutes(app: App, run: Run) {
  app.get(
    '/plans',
    {
      config: can('plans', 'read'),
      schema: {
        tags,
        summary: "A year's sales plans",
        querystring: SalesPlanQuery,
        response: { 200: z.object({ items: z.array(SalesPlan) }) },
      },
    },
    async (req) => run(req, (ctx) => listPlans(ctx, req.query)),
  );
  app.post(
    '/plans',
    {
      config: can('plans', 'create'),
      schema: {
        tags,
        summary: 'Set a plan for a month or quarter (department, team or member; won or paid)',
        body: SalesPlanBody,
        response: { 201: SalesPlan },
      },
    },
    async (req, reply) => reply.code(201).send(await run(req, (ctx) => createPlan(ctx, req.body))),
  );
  app.patch(
    '/plans/:id',
    {
      config: can('plans', 'update'),
      schema: {
        tags,
        summary: "Change a plan's amount",
        params: IdParams,
        body: SalesPlanUpdateBody,
        response: { 200: SalesPlan },
      },
    },
    async (req) => run(req, (ctx) => updatePlan(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/plans/:id',
    {
      config: can('plans', 'delete'),
      schema: { tags, summary: 'Delete a plan', params: IdParams },
    },
    async (req, reply) => {
      await run(req, (ctx) => deletePlan(ctx, req.params.id));
      return reply.code(204).send();
    },
  );
}

function winBackRoutes(app: App, run: Run) {
  app.get(
    '/reports/win-back',
    {
      config: can('companies', 'read'),
      schema: {
        tags,
        summary: 'Sleeping and lost clients with the reason and the value at stake',
        querystring: WinBackQuery,
        response: { 200: WinBackList },
      },
    },
    async (req) => run(req, (ctx) => winBackList(ctx, req.query)),
  );
  app.post(
    '/reports/win-back/:id',
    {
      config: can('tasks', 'create'),
      schema: {
        tags,
        summary: 'Win a client back: a call task for their manager, or a new deal',
        params: IdParams,
        body: WinBackActionBody,
        response: { 201: WinBackActionResult },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => winBack(ctx, req.params.id, req.body))),
  );
}
