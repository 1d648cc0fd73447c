import {
  Board,
  BoardColumnParams,
  BoardColumnQuery,
  BoardParams,
  BoardQuery,
  Deal,
  DealCreateBody,
  DealListRequest,
  DealMoveBody,
  DealUpdateBody,
  IdParams,
  LostReason,
  LostReasonCreateBody,
  LostReasonUpdateBody,
  Pipeline,
  PipelineCreateBody,
  PipelineUpdateBody,
  StagesReplaceBody,
  page,
} from '@voronka/contract';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import type { ModuleDeps } from '../deps.js';
import * as pipeline from './service.js';

const read = { access: { entity: 'deals', action: 'read' } } as const;
// Pipelines, stages and lost reasons are workspace settings.
const configure = { access: { entity: 'workspace', action: 'update' } } as const;

// Lost reasons and the board.
const lostReasonRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db }) => {
  const run = <T>(
    req: Parameters<typeof inRequestWorkspace>[1],
    fn: Parameters<typeof inRequestWorkspace<T>>[2],
  ) => inRequestWorkspace(db, req, fn);
  const tags = ['pipelines'];

  app.get(
    '/pipelines/:id/board',
    {
      config: read,
      schema: {
        tags,
        summary: 'Kanban board: stages with totals and their first cards',
        params: BoardParams,
        querystring: BoardQuery,
        response: { 200: Board },
      },
    },
    async (req) => run(req, (ctx) => pipeline.getBoard(ctx, req.params.id, req.query.perStage)),
  );
  app.get(
    '/pipelines/:id/board/stages/:stageId',
    {
      config: read,
      schema: {
        tags,
        summary: 'More cards of one column (infinite scroll)',
        params: BoardColumnParams,
        querystring: BoardColumnQuery,
        response: { 200: page(Deal) },
      },
    },
    async (req) =>
      run(req, (ctx) =>
        pipeline.listBoardColumn(ctx, req.params.id, req.params.stageId, req.query),
      ),
  );

  app.get(
    '/lost-reasons',
    {
      config: read,
      schema: {
        tags,
        summary: 'Reasons a deal is lost',
        response: { 200: z.object({ items: z.array(LostReason) }) },
      },
    },
    async (req) => run(req, (ctx) => pipeline.listLostReasons(ctx)),
  );
  app.post(
    '/lost-reasons',
    {
      config: configure,
      schema: {
        tags,
        summary: 'Add a lost reason',
        body: LostReasonCreateBody,
        response: { 201: LostReason },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => pipeline.createLostReason(ctx, req.body))),
  );
  app.patch(
    '/lost-reasons/:id',
    {
      config: configure,
      schema: {
        tags,
        summary: 'Rename, reorder or archive a lost reason',
        params: IdParams,
        body: LostReasonUpdateBody,
        response: { 200: LostReason },
      },
    },
    async (req) => run(req, (ctx) => pipeline.updateLostReason(ctx, req.params.id, req.body)),
  );
};

export const pipelineRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, deps) => {
  const { db } = deps;
  const run = <T>(
    req: Parameters<typeof inRequestWorkspace>[1],
    fn: Parameters<typeof inRequestWorkspace<T>>[2],
  ) => inRequestWorkspace(db, req, fn);
  const tags = ['pipelines'];

  app.get(
    '/pipelines',
    {
      config: read,
      schema: {
        tags,
        summary: 'Pipelines with their ordered stages (the default «Продажи» appears on first use)',
        response: { 200: z.object({ items: z.array(Pipeline) }) },
      },
    },
    async (req) => run(req, (ctx) => pipeline.listPipelines(ctx)),
  );
  app.post(
    '/pipelines',
    {
      config: configure,
      schema: {
        tags,
        summary: 'Create a pipeline',
        body: PipelineCreateBody,
        response: { 201: Pipeline },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => pipeline.createPipeline(ctx, req.body))),
  );
  app.patch(
    '/pipelines/:id',
    {
      config: configure,
      schema: {
        tags,
        summary: 'Rename, reorder or make default',
        params: IdParams,
        body: PipelineUpdateBody,
        response: { 200: Pipeline },
      },
    },
    async (req) => run(req, (ctx) => pipeline.updatePipeline(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/pipelines/:id',
    {
      config: configure,
      schema: { tags, summary: 'Delete a pipeline without deals', params: IdParams },
    },
    async (req, reply) => {
      await run(req, (ctx) => pipeline.deletePipeline(ctx, req.params.id));
      return reply.code(204).send();
    },
  );
  app.put(
    '/pipelines/:id/stages',
    {
      config: configure,
      schema: {
        tags,
        summary:
          'Replace the ordered stage list (409 naming a stage that holds deals and would be removed or change kind)',
        params: IdParams,
        body: StagesReplaceBody,
        response: { 200: Pipeline },
      },
    },
    async (req) => run(req, (ctx) => pipeline.replaceStages(ctx, req.params.id, req.body.stages)),
  );
  await app.register(lostReasonRoutes, deps);
};

// Moving a deal on the board.
const dealMoveRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db }) => {
  const run = <T>(
    req: Parameters<typeof inRequestWorkspace>[1],
    fn: Parameters<typeof inRequestWorkspace<T>>[2],
  ) => inRequestWorkspace(db, req, fn);
  const tags = ['deals'];
  const can = (action: 'read' | 'create' | 'update' | 'delete') =>
    ({ access: { entity: 'deals', action } }) as const;

  app.post(
    '/deals/:id/move',
    {
      config: can('update'),
      schema: {
        tags,
        summary: 'Drag on the board: stage and place in the column',
        params: IdParams,
        body: DealMoveBody,
        response: { 200: Deal },
      },
    },
    async (req) => run(req, (ctx) => pipeline.moveDeal(ctx, req.params.id, req.body)),
  );
};

export const dealRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, deps) => {
  const { db } = deps;
  const run = <T>(
    req: Parameters<typeof inRequestWorkspace>[1],
    fn: Parameters<typeof inRequestWorkspace<T>>[2],
  ) => inRequestWorkspace(db, req, fn);
  const tags = ['deals'];
  const can = (action: 'read' | 'create' | 'update' | 'delete') =>
    ({ access: { entity: 'deals', action } }) as const;

  app.get(
    '/deals',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'List deals (keyset pages, filters, sort)',
        querystring: DealListRequest,
        response: { 200: page(Deal) },
      },
    },
    async (req) => run(req, (ctx) => pipeline.listDeals(ctx, req.query as DealListRequest)),
  );
  app.post(
    '/deals',
    {
      config: can('create'),
      schema: {
        tags,
        summary: 'Create a deal (amount in kopecks)',
        body: DealCreateBody,
        response: { 201: Deal },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => pipeline.createDeal(ctx, req.body))),
  );
  app.get(
    '/deals/:id',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'Get a deal with its stage history',
        params: IdParams,
        response: { 200: Deal },
      },
    },
    async (req) => run(req, (ctx) => pipeline.getDeal(ctx, req.params.id)),
  );
  app.patch(
    '/deals/:id',
    {
      config: can('update'),
      schema: {
        tags,
        summary: 'Change a deal (a lost stage needs lostReasonId)',
        params: IdParams,
        body: DealUpdateBody,
        response: { 200: Deal },
      },
    },
    async (req) => run(req, (ctx) => pipeline.updateDeal(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/deals/:id',
    { config: can('delete'), schema: { tags, summary: 'Delete a deal', params: IdParams } },
    async (req, reply) => {
      await run(req, (ctx) => pipeline.deleteDeal(ctx, req.params.id));
      return reply.code(204).send();
    },
  );
  await app.register(dealMoveRoutes, deps);
};

// The pipeline's routes, registered by app.ts in one line.
export const pipelineAreaRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, deps) => {
  await app.register(pipelineRoutes, deps);
  await app.register(dealRoutes, deps);
};
