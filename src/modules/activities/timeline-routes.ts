import { Activity, ActivityCreateBody, TimelineQuery, page } from '@voronka/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import type { ModuleDeps } from '../deps.js';
import * as activities from './service.js';

export const timelineRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db }) => {
  const run = <T>(
    req: Parameters<typeof inRequestWorkspace>[1],
    fn: Parameters<typeof inRequestWorkspace<T>>[2],
  ) => inRequestWorkspace(db, req, fn);
  const tags = ['timeline'];

  app.get(
    '/timeline',
    {
      config: { access: { entity: 'contacts', action: 'read' } },
      schema: {
        tags,
        summary: 'Timeline of a contact, company, deal or lead, newest first',
        querystring: TimelineQuery,
        response: { 200: page(Activity) },
      },
    },
    async (req) => run(req, (ctx) => activities.listTimeline(ctx, req.query)),
  );
  app.post(
    '/activities',
    {
      config: { access: { entity: 'contacts', action: 'update' } },
      schema: {
        tags,
        summary: 'Log a call, meeting, e-mail or note',
        body: ActivityCreateBody,
        response: { 201: Activity },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => activities.logActivity(ctx, req.body))),
  );
};
