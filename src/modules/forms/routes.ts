import { Form, FormCreateBody, FormUpdateBody, IdParams } from '@voronka/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import type { ModuleDeps } from '../deps.js';
import * as forms from './forms.js';

// Form definitions are workspace settings, like custom fields: every member who reads the
// workspace sees them; changing them takes the matrix's `workspace` update right.
export const formRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (
  app,
  { db, sealer, config },
) => {
  const run = <T>(
    req: Parameters<typeof inRequestWorkspace>[1],
    fn: Parameters<typeof inRequestWorkspace<T>>[2],
  ) => inRequestWorkspace(db, req, fn);
  const deps = { sealer, publicUrl: config.publicUrl };
  const tags = ['forms'];
  const read = { access: { entity: 'workspace', action: 'read' } } as const;
  const manage = { access: { entity: 'workspace', action: 'update' } } as const;

  app.get(
    '/forms',
    {
      config: read,
      schema: {
        tags,
        summary: 'Website forms',
        response: { 200: z.object({ items: z.array(Form) }) },
      },
    },
    async (req) => run(req, (ctx) => forms.listForms(ctx, deps)),
  );
  app.get(
    '/forms/:id',
    {
      config: read,
      schema: { tags, summary: 'A website form', params: IdParams, response: { 200: Form } },
    },
    async (req) => run(req, (ctx) => forms.getForm(ctx, deps, req.params.id)),
  );
  app.post(
    '/forms',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create a website form (with its inbox channel)',
        body: FormCreateBody,
        response: { 201: Form },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => forms.createForm(ctx, deps, req.body))),
  );
  app.patch(
    '/forms/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change a form; a new consent text is a new consent version',
        params: IdParams,
        body: FormUpdateBody,
        response: { 200: Form },
      },
    },
    async (req) => run(req, (ctx) => forms.updateForm(ctx, deps, req.params.id, req.body)),
  );
  app.delete(
    '/forms/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Delete a form: it stops taking submissions; what it brought stays',
        params: IdParams,
      },
    },
    async (req, reply) => {
      await run(req, (ctx) => forms.deleteForm(ctx, deps, req.params.id));
      return reply.code(204).send();
    },
  );
};
