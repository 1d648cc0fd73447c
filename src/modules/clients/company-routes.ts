import {
  Company,
  CompanyCreateBody,
  CompanyListRequest,
  CompanySaved,
  CompanyUpdateBody,
  IdParams,
  MergeBody,
  page,
} from '@voronka/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import type { ModuleDeps } from '../deps.js';
import * as clients from './service.js';

// Every company route runs in the request's workspace and is declared on the companies entity.
const runner =
  (db: ModuleDeps['db']) =>
  <T>(
    req: Parameters<typeof inRequestWorkspace>[1],
    fn: Parameters<typeof inRequestWorkspace<T>>[2],
  ) =>
    inRequestWorkspace(db, req, fn);
const tags = ['companies'];
const can = (action: 'read' | 'create' | 'update' | 'delete') =>
  ({ access: { entity: 'companies', action } }) as const;

// Deleting and merging companies.
const companyChangeRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db }) => {
  const run = runner(db);

  app.delete(
    '/companies/:id',
    {
      config: can('delete'),
      schema: {
        tags,
        summary: 'Delete a company (its contacts and deals stay, unlinked)',
        params: IdParams,
      },
    },
    async (req, reply) => {
      await run(req, (ctx) => clients.deleteCompany(ctx, req.params.id));
      return reply.code(204).send();
    },
  );
  app.post(
    '/companies/:id/merge',
    {
      config: can('update'),
      schema: {
        tags,
        summary: 'Merge another company into this one, field by field; the other is deleted',
        params: IdParams,
        body: MergeBody,
        response: { 200: Company },
      },
    },
    async (req) => run(req, (ctx) => clients.mergeCompanies(ctx, req.params.id, req.body)),
  );
};

export const companyRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, deps) => {
  const { db } = deps;
  const run = runner(db);

  app.get(
    '/companies',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'List companies (keyset pages; filters q, ownerId, tag, industry, inn)',
        querystring: CompanyListRequest,
        response: { 200: page(Company) },
      },
    },
    async (req) => run(req, (ctx) => clients.listCompanies(ctx, req.query as CompanyListRequest)),
  );
  app.post(
    '/companies',
    {
      config: can('create'),
      schema: {
        tags,
        summary: 'Create a company; companies with the same INN come back in `duplicates`',
        body: CompanyCreateBody,
        response: { 201: CompanySaved },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => clients.createCompany(ctx, req.body))),
  );
  app.get(
    '/companies/:id',
    {
      config: can('read'),
      schema: { tags, summary: 'Get a company', params: IdParams, response: { 200: Company } },
    },
    async (req) =>
      run(req, async (ctx) => {
        const company = await clients.getCompany(ctx, req.params.id);
        await clients.cardRead(ctx, { entity: 'companies', ids: [company.id], how: 'view' });
        return company;
      }),
  );
  app.patch(
    '/companies/:id',
    {
      config: can('update'),
      schema: {
        tags,
        summary: 'Change a company',
        params: IdParams,
        body: CompanyUpdateBody,
        response: { 200: CompanySaved },
      },
    },
    async (req) => run(req, (ctx) => clients.updateCompany(ctx, req.params.id, req.body)),
  );
  await app.register(companyChangeRoutes, deps);
};
