import {
  IdParams,
  Template,
  TemplateCreateBody,
  TemplateListQuery,
  TemplatePreview,
  TemplatePreviewBody,
  TemplateUpdateBody,
} from '@voronka/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import type { ModuleDeps } from '../deps.js';
import { campaignRoutes, segmentRoutes } from './campaign-routes.js';
import { previewTemplate } from './preview.js';
import {
  createTemplate,
  deleteTemplate,
  getTemplate,
  listTemplates,
  updateTemplate,
} from './templates.js';

type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;
type Run = <T>(req: FastifyRequest, fn: (ctx: Ctx) => Promise<T>) => Promise<T>;
const can = (action: 'read' | 'create' | 'update' | 'delete') =>
  ({ access: { entity: 'messaging', action } }) as const;

export const messagingRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db }) => {
  const run: Run = (req, fn) => inRequestWorkspace(db, req, fn);
  templateRoutes(app, run);
  segmentRoutes(app, run);
  campaignRoutes(app, run);
};

function templateRoutes(app: App, run: Run) {
  const tags = ['templates'];
  app.get(
    '/templates',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'Letter and message templates: the shared ones and the caller’s own',
        querystring: TemplateListQuery,
        response: { 200: z.object({ items: z.array(Template) }) },
      },
    },
    async (req) => run(req, async (ctx) => ({ items: await listTemplates(ctx, req.query) })),
  );
  app.post(
    '/templates',
    {
      config: can('create'),
      schema: {
        tags,
        summary: 'Create a template (Liquid text; shared ones need the messaging right over all)',
        body: TemplateCreateBody,
        response: { 201: Template },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => createTemplate(ctx, req.body))),
  );
  app.get(
    '/templates/:id',
    {
      config: can('read'),
      schema: { tags, summary: 'Get a template', params: IdParams, response: { 200: Template } },
    },
    async (req) => run(req, (ctx) => getTemplate(ctx, req.params.id)),
  );
  app.patch(
    '/templates/:id',
    {
      config: can('update'),
      schema: {
        tags,
        summary: 'Change a template',
        params: IdParams,
        body: TemplateUpdateBody,
        response: { 200: Template },
      },
    },
    async (req) => run(req, (ctx) => updateTemplate(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/templates/:id',
    {
      config: can('delete'),
      schema: { tags, summary: 'Delete a template', params: IdParams },
    },
    async (req, reply) => {
      await run(req, (ctx) => deleteTemplate(ctx, req.params.id));
      return reply.code(204).send();
    },
  );
  app.post(
    '/templates/:id/preview',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'Render the template for a real record (a deal, contact or company) or a sample',
        params: IdParams,
        body: TemplatePreviewBody,
        response: { 200: TemplatePreview },
      },
    },
    async (req) => run(req, (ctx) => previewTemplate(ctx, req.params.id, req.body)),
  );
}
