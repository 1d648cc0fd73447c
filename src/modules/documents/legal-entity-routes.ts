import {
  DocumentTemplate,
  DocumentTemplateUploadQuery,
  IdParams,
  LegalEntity,
  LegalEntityCreateBody,
  LegalEntityImageQuery,
  LegalEntityUpdateBody,
} from '@voronka/contract';
import { z } from 'zod';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { attachmentHeader } from '../../platform/export/export.js';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import type { ModuleDeps } from '../deps.js';
import * as documents from './service.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

// Our legal entities (requisites, bank accounts, signers, images) and the DOCX templates.
type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;
type Run = <T>(req: FastifyRequest, fn: (ctx: Ctx) => Promise<T>) => Promise<T>;
const tags = ['legal-entities'];
const can = (action: 'read' | 'create' | 'update' | 'delete') =>
  ({ access: { entity: 'legal_entities', action } }) as const;
const raw = (body: unknown, field: string): Buffer => {
  if (!Buffer.isBuffer(body))
    throw new DomainError(
      'image.unsupported_type',
      `${field}: send the file as the body (Content-Type image/png, image/jpeg or the DOCX type)`,
      { field },
    );
  return body;
};

export const legalEntityRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db }) => {
  const run: Run = (req, fn) => inRequestWorkspace(db, req, fn);
  // Uploads are the raw body. Anything image-like is taken (up to a little over the limit, so the
  // refusal names the field) and sniffed by its bytes: the claimed type decides nothing.
  app.addContentTypeParser(
    /^(image\/|application\/octet-stream|application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document)/,
    { parseAs: 'buffer', bodyLimit: 64 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );
  entityRoutes(app, run);
  imageRoutes(app, run);
  templateRoutes(app, run);
};

function entityRoutes(app: App, run: Run) {
  app.get(
    '/legal-entities',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'Our legal entities',
        response: { 200: z.object({ items: z.array(LegalEntity) }) },
      },
    },
    async (req) => run(req, (ctx) => documents.listLegalEntities(ctx)),
  );
  app.post(
    '/legal-entities',
    {
      config: can('create'),
      schema: {
        tags,
        summary: 'Add a legal entity (requisites checked by their check digits)',
        body: LegalEntityCreateBody,
        response: { 201: LegalEntity },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => documents.createLegalEntity(ctx, req.body))),
  );
  app.get(
    '/legal-entities/:id',
    {
      config: can('read'),
      schema: { tags, summary: 'A legal entity', params: IdParams, response: { 200: LegalEntity } },
    },
    async (req) => run(req, (ctx) => documents.getLegalEntity(ctx, req.params.id)),
  );
  app.patch(
    '/legal-entities/:id',
    {
      config: can('update'),
      schema: {
        tags,
        summary: 'Change a legal entity (issued documents keep what they printed)',
        params: IdParams,
        body: LegalEntityUpdateBody,
        response: { 200: LegalEntity },
      },
    },
    async (req) => run(req, (ctx) => documents.updateLegalEntity(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/legal-entities/:id',
    {
      config: can('delete'),
      schema: { tags, summary: 'Delete a legal entity without documents', params: IdParams },
    },
    async (req, reply) => {
      await run(req, (ctx) => documents.deleteLegalEntity(ctx, req.params.id));
      return reply.code(204).send();
    },
  );
}

function imageRoutes(app: App, run: Run) {
  app.put(
    '/legal-entities/:id/image',
    {
      config: can('update'),
      schema: {
        tags,
        summary: 'Upload the logo, stamp or signature: PNG or JPEG, at most 1 MiB (raw body)',
        params: IdParams,
        querystring: LegalEntityImageQuery,
      },
    },
    async (req, reply) => {
      await run(req, (ctx) => documents.putImage(ctx, req.params.id, req.query.kind, req.body));
      return reply.code(204).send();
    },
  );
  app.get(
    '/legal-entities/:id/image',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'The uploaded image',
        params: IdParams,
        querystring: LegalEntityImageQuery,
      },
    },
    async (req, reply) => {
      const img = await run(req, (ctx) => documents.getImage(ctx, req.params.id, req.query.kind));
      return reply
        .header('content-type', img.mime)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-cache')
        .send(img.data);
    },
  );
  app.delete(
    '/legal-entities/:id/image',
    {
      config: can('update'),
      schema: {
        tags,
        summary: 'Remove an image',
        params: IdParams,
        querystring: LegalEntityImageQuery,
      },
    },
    async (req, reply) => {
      await run(req, (ctx) => documents.deleteImage(ctx, req.params.id, req.query.kind));
      return reply.code(204).send();
    },
  );
}

function templateRoutes(app: App, run: Run) {
  const ttags = ['document-templates'];
  app.get(
    '/document-templates',
    {
      config: { access: { anyOf: ['documents', 'legal_entities'], action: 'read' } },
      schema: {
        tags: ttags,
        summary: 'DOCX templates',
        response: { 200: z.object({ items: z.array(DocumentTemplate) }) },
      },
    },
    async (req) => run(req, (ctx) => documents.listTemplates(ctx)),
  );
  app.post(
    '/document-templates',
    {
      config: can('create'),
      schema: {
        tags: ttags,
        summary:
          'Upload a DOCX template (raw body, the DOCX Content-Type; at most 10 MiB): placeholders and XML checked, nothing stored on a problem',
        querystring: DocumentTemplateUploadQuery,
        response: { 201: DocumentTemplate },
      },
    },
    async (req, reply) => {
      const content = raw(req.body, 'file');
      const { placeholders } = await documents.checkTemplateFile(content);
      const created = await run(req, (ctx) =>
        documents.createTemplate(ctx, req.query, content, placeholders),
      );
      return reply.code(201).send(created);
    },
  );
  app.get(
    '/document-templates/:id',
    {
      config: can('read'),
      schema: { tags: ttags, summary: 'Download a DOCX template', params: IdParams },
    },
    async (req, reply) => {
      const t = await run(req, (ctx) => documents.getTemplateFile(ctx, req.params.id));
      return reply
        .header('content-type', DOCX)
        .header('content-disposition', attachmentHeader(`${t.name}.docx`))
        .send(t.content);
    },
  );
  app.delete(
    '/document-templates/:id',
    {
      config: can('delete'),
      schema: { tags: ttags, summary: 'Delete a DOCX template', params: IdParams },
    },
    async (req, reply) => {
      await run(req, (ctx) => documents.deleteTemplate(ctx, req.params.id));
      return reply.code(204).send();
    },
  );
}
