import {
  type LeadListQuery as LeadListQueryType,
  IdParams,
  Lead,
  LeadConvertBody,
  LeadConverted,
  LeadCounts,
  LeadCreateBody,
  LeadCreated,
  LeadListQuery,
  LeadUpdateBody,
  page,
} from '@voronka/contract';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../../platform/context.js';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import type { ModuleDeps } from '../deps.js';
import * as leads from './service.js';

export const leadRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db }) => {
  const run: Run = (req, fn) => inRequestWorkspace(db, req, fn);
  readRoutes(app, run);
  writeRoutes(app, run);
};

type App = Parameters<FastifyPluginAsyncZod<ModuleDeps>>[0];
type Run = <T>(req: FastifyRequest, fn: (ctx: Ctx) => Promise<T>) => Promise<T>;
const tags = ['leads'];

function readRoutes(app: App, run: Run) {
  app.get(
    '/leads',
    {
      config: { access: { entity: 'leads', action: 'read' } },
      schema: {
        tags,
        summary: 'List leads, newest first; custom.<key> filters',
        querystring: LeadListQuery,
        response: { 200: page(Lead) },
      },
    },
    async (req) => run(req, (ctx) => leads.listLeads(ctx, req.query as LeadListQueryType)),
  );
  app.get(
    '/leads/counts',
    {
      config: { access: { entity: 'leads', action: 'read' } },
      schema: {
        tags,
        summary: 'How many new leads I can see (capped at 1000)',
        response: { 200: LeadCounts },
      },
    },
    async (req) => run(req, (ctx) => leads.countNewLeads(ctx)),
  );
  app.get(
    '/leads/:id',
    {
      config: { access: { entity: 'leads', action: 'read' } },
      schema: { tags, summary: 'Get a lead', params: IdParams, response: { 200: Lead } },
    },
    async (req) => run(req, (ctx) => leads.getLead(ctx, req.params.id)),
  );
}

function writeRoutes(app: App, run: Run) {
  app.post(
    '/leads',
    {
      config: { access: { entity: 'leads', action: 'create' } },
      schema: {
        tags,
        summary: 'Enter a lead by hand; matched to a contact by phone or e-mail',
        body: LeadCreateBody,
        response: { 201: LeadCreated },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => leads.createLead(ctx, req.body))),
  );
  app.patch(
    '/leads/:id',
    {
      config: { access: { entity: 'leads', action: 'update' } },
      schema: {
        tags,
        summary: 'Change status, assignee or contact data',
        params: IdParams,
        body: LeadUpdateBody,
        response: { 200: Lead },
      },
    },
    async (req) => run(req, (ctx) => leads.updateLead(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/leads/:id',
    {
      config: { access: { entity: 'leads', action: 'delete' } },
      schema: { tags, summary: 'Delete a lead', params: IdParams },
    },
    async (req, reply) => {
      await run(req, (ctx) => leads.deleteLead(ctx, req.params.id));
      return reply.code(204).send();
    },
  );
  app.post(
    '/leads/:id/convert',
    {
      config: { access: { entity: 'leads', action: 'update' } },
      schema: {
        tags,
        summary: 'Make or link contact, company and deal in one go',
        params: IdParams,
        body: LeadConvertBody,
        response: { 200: LeadConverted },
      },
    },
    async (req) => run(req, (ctx) => leads.convertLead(ctx, req.params.id, req.body)),
  );
}
