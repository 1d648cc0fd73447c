import {
  Calculator,
  CalculatorApplyBody,
  CalculatorCreateBody,
  CalculatorEvaluateBody,
  CalculatorPreviewBody,
  CalculatorUpdateBody,
  DealLines,
  Estimate,
  IdParams,
} from '@voronka/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import type { ModuleDeps } from '../deps.js';
import * as calcs from './calculators.js';
import * as estimates from './estimates.js';

// Calculators are part of the catalog's settings: everyone who reads the catalog sees and evaluates
// them; the catalog's update right changes and publishes them. Applying one to a deal is changing
// the deal's lines: the deals update right (and the deal must be visible).
type Api = Parameters<FastifyPluginAsyncZod<ModuleDeps>>[0];
const tags = ['calculators'];
const read = { access: { entity: 'catalog', action: 'read' } } as const;
const manage = { access: { entity: 'catalog', action: 'update' } } as const;

const runner =
  (db: ModuleDeps['db']) =>
  <T>(
    req: Parameters<typeof inRequestWorkspace>[1],
    fn: Parameters<typeof inRequestWorkspace<T>>[2],
  ) =>
    inRequestWorkspace(db, req, fn);

export const calculatorRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, deps) => {
  definitionRoutes(app, deps);
  estimateRoutes(app, deps);
};

function definitionRoutes(app: Api, { db, config }: ModuleDeps) {
  const run = runner(db);
  const deps = { publicUrl: config.publicUrl };

  app.get(
    '/calculators',
    {
      config: read,
      schema: {
        tags,
        summary: 'Service cost calculators',
        response: { 200: z.object({ items: z.array(Calculator) }) },
      },
    },
    async (req) => run(req, (ctx) => calcs.listCalculators(ctx, deps)),
  );
  app.get(
    '/calculators/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'A calculator (its draft, or the published version)',
        params: IdParams,
        response: { 200: Calculator },
      },
    },
    async (req) => run(req, (ctx) => calcs.getCalculator(ctx, deps, req.params.id)),
  );
  app.post(
    '/calculators',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create a calculator: its definition is draft version 1',
        body: CalculatorCreateBody,
        response: { 201: Calculator },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => calcs.createCalculator(ctx, deps, req.body))),
  );
  app.patch(
    '/calculators/:id',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Change a calculator: a new definition goes into the draft (a published version never changes)',
        params: IdParams,
        body: CalculatorUpdateBody,
        response: { 200: Calculator },
      },
    },
    async (req) => run(req, (ctx) => calcs.updateCalculator(ctx, deps, req.params.id, req.body)),
  );
  app.post(
    '/calculators/:id/publish',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Publish the draft: the widget and evaluations use it from now on',
        params: IdParams,
        response: { 200: Calculator },
      },
    },
    async (req) => run(req, (ctx) => calcs.publishCalculator(ctx, deps, req.params.id)),
  );
  deleteRoute(app, db);
}

function estimateRoutes(app: Api, { db }: ModuleDeps) {
  const run = runner(db);
  app.post(
    '/calculators/preview',
    {
      config: read,
      schema: {
        tags,
        summary: "Evaluate an unsaved definition (the builder's live preview), as the server will",
        body: CalculatorPreviewBody,
        response: { 200: Estimate },
      },
    },
    async (req) => run(req, (ctx) => estimates.previewCalculator(ctx, req.body)),
  );
  app.post(
    '/calculators/:id/evaluate',
    {
      config: read,
      schema: {
        tags,
        summary: 'The itemised estimate with VAT; cost price and margin with the margin right',
        params: IdParams,
        body: CalculatorEvaluateBody,
        response: { 200: Estimate },
      },
    },
    async (req) => run(req, (ctx) => estimates.evaluateCalculator(ctx, req.params.id, req.body)),
  );
  app.post(
    '/calculators/:id/apply',
    {
      config: { access: { entity: 'deals', action: 'update' } },
      schema: {
        tags,
        summary:
          "The published calculator's estimate becomes the deal's line items (replacing them)",
        params: IdParams,
        body: CalculatorApplyBody,
        response: { 200: DealLines },
      },
    },
    async (req) => run(req, (ctx) => estimates.applyToDeal(ctx, req.params.id, req.body)),
  );
}

function deleteRoute(app: Api, db: ModuleDeps['db']) {
  const run = runner(db);
  app.delete(
    '/calculators/:id',
    {
      config: manage,
      schema: { tags, summary: 'Delete a calculator: its widget stops', params: IdParams },
    },
    async (req, reply) => {
      await run(req, (ctx) => calcs.deleteCalculator(ctx, req.params.id));
      return reply.code(204).send();
    },
  );
}
