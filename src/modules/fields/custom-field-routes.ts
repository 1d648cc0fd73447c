import {
  CustomField,
  CustomFieldCreateBody,
  CustomFieldListQuery,
  CustomFieldUpdateBody,
  IdParams,
} from '@voronka/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import type { ModuleDeps } from '../deps.js';
import * as fields from './service.js';

// Definitions are workspace settings: reading them is open to every member who reads the
// workspace (forms need them); changing them takes the matrix's `workspace` update right.
export const customFieldRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db }) => {
  const run = <T>(
    req: Parameters<typeof inRequestWorkspace>[1],
    fn: Parameters<typeof inRequestWorkspace<T>>[2],
  ) => inRequestWorkspace(db, req, fn);
  const tags = ['custom fields'];
  const manage = { access: { entity: 'workspace', action: 'update' } } as const;

  app.get(
    '/custom-fields',
    {
      config: { access: { entity: 'workspace', action: 'read' } },
      schema: {
        tags,
        summary: 'Custom field definitions, per entity',
        querystring: CustomFieldListQuery,
        response: { 200: z.object({ items: z.array(CustomField) }) },
      },
    },
    async (req) => run(req, (ctx) => fields.listCustomFields(ctx, req.query)),
  );
  app.post(
    '/custom-fields',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Define a custom field',
        body: CustomFieldCreateBody,
        response: { 201: CustomField },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => fields.createCustomField(ctx, req.body))),
  );
  app.patch(
    '/custom-fields/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Rename, reorder, change options or required',
        params: IdParams,
        body: CustomFieldUpdateBody,
        response: { 200: CustomField },
      },
    },
    async (req) => run(req, (ctx) => fields.updateCustomField(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/custom-fields/:id',
    {
      config: manage,
      schema: { tags, summary: 'Delete a custom field definition', params: IdParams },
    },
    async (req, reply) => {
      await run(req, (ctx) => fields.deleteCustomField(ctx, req.params.id));
      return reply.code(204).send();
    },
  );
};
