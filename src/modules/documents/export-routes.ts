import { DocumentExport, DocumentExportBody, IdParams } from '@voronka/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../../platform/context.js';
import * as documents from './service.js';

type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;
type Run = <T>(req: FastifyRequest, fn: (ctx: Ctx) => Promise<T>) => Promise<T>;
const tags = ['documents'];
const read = { access: { entity: 'documents', action: 'read' } } as const;

// Bulk export: ask (202), watch the progress, download the ZIP of PDFs.
export function exportRoutes(app: App, run: Run) {
  app.post(
    '/documents/exports',
    {
      // It stores a file and starts a job: a write (an expired trial's read-only workspace refuses it).
      config: { access: { entity: 'documents', action: 'create' } },
      schema: {
        tags,
        summary:
          'Export the chosen documents (ids) or all the filters match as one ZIP of PDFs: a job (at most 500, only documents you may see)',
        body: DocumentExportBody,
        response: { 202: DocumentExport },
      },
    },
    async (req, reply) =>
      reply.code(202).send(await run(req, (ctx) => documents.createExport(ctx, req.body))),
  );
  app.get(
    '/documents/exports/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'An export’s progress (done of total) and state',
        params: IdParams,
        response: { 200: DocumentExport },
      },
    },
    async (req) => run(req, (ctx) => documents.getExport(ctx, req.params.id)),
  );
  app.get(
    '/documents/exports/:id/file',
    {
      config: read,
      schema: { tags, summary: 'The export’s ZIP once done (409 before)', params: IdParams },
    },
    async (req, reply) => {
      const zip = await run(req, (ctx) => documents.getExportFile(ctx, req.params.id));
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', 'attachment; filename="documents.zip"')
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(zip);
    },
  );
}
