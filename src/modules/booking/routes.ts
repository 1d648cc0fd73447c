import {
  IdParams,
  MeetingType,
  MeetingTypeCreateBody,
  MeetingTypeUpdateBody,
} from '@voronka/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import type { ModuleDeps } from '../deps.js';
import * as types from './meeting-types.js';

// Meeting types are workspace settings, like website forms: every member who reads the workspace
// sees them (to share a link); changing them takes the matrix's `workspace` update right.
export const bookingRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db, config }) => {
  const run = <T>(
    req: Parameters<typeof inRequestWorkspace>[1],
    fn: Parameters<typeof inRequestWorkspace<T>>[2],
  ) => inRequestWorkspace(db, req, fn);
  const deps = { publicUrl: config.publicUrl };
  const tags = ['booking'];
  const read = { access: { entity: 'workspace', action: 'read' } } as const;
  const manage = { access: { entity: 'workspace', action: 'update' } } as const;

  app.get(
    '/meeting-types',
    {
      config: read,
      schema: {
        tags,
        summary: 'Meeting types visitors can book',
        response: { 200: z.object({ items: z.array(MeetingType) }) },
      },
    },
    async (req) => ({ items: await run(req, (ctx) => types.listMeetingTypes(ctx, deps)) }),
  );
  app.get(
    '/meeting-types/:id',
    {
      config: read,
      schema: { tags, summary: 'A meeting type', params: IdParams, response: { 200: MeetingType } },
    },
    async (req) => run(req, (ctx) => types.getMeetingType(ctx, deps, req.params.id)),
  );
  app.post(
    '/meeting-types',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create a meeting type (its public page is /book/<workspace>/<slug>)',
        body: MeetingTypeCreateBody,
        response: { 201: MeetingType },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => types.createMeetingType(ctx, deps, req.body))),
  );
  app.patch(
    '/meeting-types/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change a meeting type',
        params: IdParams,
        body: MeetingTypeUpdateBody,
        response: { 200: MeetingType },
      },
    },
    async (req) => run(req, (ctx) => types.updateMeetingType(ctx, deps, req.params.id, req.body)),
  );
  app.delete(
    '/meeting-types/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Delete a meeting type: its page stops taking bookings; bookings made stay',
        params: IdParams,
      },
    },
    async (req, reply) => {
      await run(req, (ctx) => types.deleteMeetingType(ctx, req.params.id));
      return reply.code(204).send();
    },
  );
};
