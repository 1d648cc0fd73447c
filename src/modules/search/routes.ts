import { SearchQuery, SearchResults } from '@voronka/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import type { ModuleDeps } from '../deps.js';
import * as searching from './service.js';

export const searchRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db }) => {
  // Signed in is enough to ask; each type is searched only if the role may read it.
  app.get(
    '/search',
    {
      config: { access: { anyOf: ['companies', 'contacts', 'leads', 'deals'], action: 'read' } },
      schema: {
        tags: ['search'],
        summary: 'Search companies, contacts, leads and deals (phone, e-mail, INN, words, typos)',
        querystring: SearchQuery,
        response: { 200: SearchResults },
      },
    },
    async (req) => {
      return inRequestWorkspace(db, req, (ctx) => searching.search(ctx, req.query));
    },
  );
};
