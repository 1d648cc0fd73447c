import { IdParams, SavedView, SavedViewCreateBody, SavedViewListQuery } from '@voronka/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import type { ModuleDeps } from '../deps.js';
import * as fields from './service.js';

// Saved views are a member's own: any signed-in member keeps them, for lists their role can read.
export const viewRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db }) => {
  const run = <T>(
    req: Parameters<typeof inRequestWorkspace>[1],
    fn: Parameters<typeof inRequestWorkspace<T>>[2],
  ) => inRequestWorkspace(db, req, fn);
  const tags = ['views'];
  const access = { access: 'signed-in' } as const;

  app.get(
    '/views',
    {
      config: access,
      schema: {
        tags,
        summary: 'My saved views',
        querystring: SavedViewListQuery,
        response: { 200: z.object({ items: z.array(SavedView) }) },
      },
    },
    async (req) => run(req, (ctx) => fields.listViews(ctx, req.query)),
  );
  app.post(
    '/views',
    {
      config: access,
      schema: {
        tags,
        summary: 'Save a named filter and sort for a list',
        body: SavedViewCreateBody,
        response: { 201: SavedView },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => fields.createView(ctx, req.body))),
  );
  app.delete(
    '/views/:id',
    { config: access, schema: { tags, summary: 'Delete one of my saved views', params: IdParams } },
    async (req, reply) => {
      await run(req, (ctx) => fields.deleteView(ctx, req.params.id));
      return reply.code(204).send();
    },
  );
};
