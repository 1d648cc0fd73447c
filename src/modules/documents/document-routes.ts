import {
  Document,
  DocumentCreateBody,
  DocumentFileQuery,
  DocumentListRequest,
  DocumentSendBody,
  DocumentSendResult,
  DocumentStatusBody,
  DocumentUpdateBody,
  IdParams,
  page,
  PdfPending,
} from '@voronka/contract';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { systemActor } from '../../platform/context.js';
import { inWorkspace } from '../../platform/db/tenancy.js';
import { attachmentHeader } from '../../platform/export/export.js';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import type { ModuleDeps } from '../deps.js';
import { exportRoutes } from './export-routes.js';
import * as documents from './service.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

// An inline PDF may be framed by our own pages (the preview on the document page); the site's
// policy otherwise forbids any framing.
const sendFile = (reply: FastifyReply, type: string, name: string, body: Buffer, inline = false) =>
  (inline ? reply.header('content-security-policy', "frame-ancestors 'self'") : reply)
    .header('content-type', type)
    .header(
      'content-disposition',
      inline ? attachmentHeader(name).replace(/^attachment/, 'inline') : attachmentHeader(name),
    )
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(body);

// A PDF now, or (a DOCX template not converted yet) 202 with Retry-After: the conversion is a job.
async function pdfReply(
  reply: FastifyReply,
  id: string,
  inTx: <T>(fn: (ctx: Ctx) => Promise<T>) => Promise<T>,
) {
  const { input, answer } = await inTx(async (ctx) => {
    const input = await documents.loadForRender(ctx, id);
    return { input, answer: await documents.pdfOrPending(ctx, id, input) };
  });
  if ('ready' in answer && !answer.ready)
    return reply
      .code(202)
      .header('retry-after', String(answer.retryAfter))
      .header('cache-control', 'no-store')
      .send({ status: 'pending' as const, retryAfter: answer.retryAfter });
  const pdf = 'render' in answer ? await documents.renderBuiltIn(input) : answer.pdf;
  return sendFile(reply, 'application/pdf', `${input.fileBase}.pdf`, pdf, true);
}

type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;
type Run = <T>(req: FastifyRequest, fn: (ctx: Ctx) => Promise<T>) => Promise<T>;
const tags = ['documents'];
const can = (action: 'read' | 'create' | 'update' | 'delete') =>
  ({ access: { entity: 'documents', action } }) as const;

export const documentRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, deps) => {
  const run: Run = (req, fn) => inRequestWorkspace(deps.db, req, fn);
  recordRoutes(app, run);
  fileRoutes(app, run, deps);
  exportRoutes(app, run);
};

function recordRoutes(app: App, run: Run) {
  app.get(
    '/documents',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'Documents, newest first (filters type, status, legalEntityId, dealId, period)',
        querystring: DocumentListRequest,
        response: { 200: page(Document) },
      },
    },
    async (req) =>
      run(req, (ctx) => documents.listDocuments(ctx, req.query as DocumentListRequest)),
  );
  app.post(
    '/documents',
    {
      config: can('create'),
      schema: {
        tags,
        summary:
          'Create a draft from a deal ({ dealId, type, legalEntityId }) or a company, lines from the deal or given',
        body: DocumentCreateBody,
        response: { 201: Document },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => documents.createDocument(ctx, req.body))),
  );
  app.get(
    '/documents/:id',
    {
      config: can('read'),
      schema: { tags, summary: 'A document', params: IdParams, response: { 200: Document } },
    },
    async (req) => run(req, (ctx) => documents.getDocument(ctx, req.params.id)),
  );
  app.patch(
    '/documents/:id',
    {
      config: can('update'),
      schema: {
        tags,
        summary: 'Change a draft',
        params: IdParams,
        body: DocumentUpdateBody,
        response: { 200: Document },
      },
    },
    async (req) => run(req, (ctx) => documents.updateDocument(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/documents/:id',
    {
      config: can('delete'),
      schema: { tags, summary: 'Delete a draft', params: IdParams },
    },
    async (req, reply) => {
      await run(req, (ctx) => documents.deleteDocument(ctx, req.params.id));
      return reply.code(204).send();
    },
  );
  app.post(
    '/documents/:id/status',
    {
      config: can('update'),
      schema: {
        tags,
        summary:
          'Move the status: issued (takes the next number, freezes the requisites), sent, paid, signed, cancelled',
        params: IdParams,
        body: DocumentStatusBody,
        response: { 200: Document },
      },
    },
    async (req) =>
      run(req, (ctx) => documents.setDocumentStatus(ctx, req.params.id, req.body.status)),
  );
}

function fileRoutes(app: App, run: Run, deps: ModuleDeps) {
  app.get(
    '/documents/:id/pdf',
    {
      config: can('read'),
      schema: {
        tags,
        summary:
          'The PDF (a draft: a preview). From a DOCX template: 202 with Retry-After until LibreOffice has converted it',
        params: IdParams,
        response: { 202: PdfPending },
      },
    },
    async (req, reply) => pdfReply(reply, req.params.id, (fn) => run(req, fn)),
  );
  app.get(
    '/documents/:id/docx',
    {
      config: can('read'),
      schema: { tags, summary: 'The DOCX filled from the document’s template', params: IdParams },
    },
    async (req, reply) => {
      const input = await run(req, (ctx) => documents.loadForRender(ctx, req.params.id));
      return sendFile(reply, DOCX, `${input.fileBase}.docx`, documents.docxOf(input));
    },
  );
  app.post(
    '/documents/:id/send',
    {
      config: can('update'),
      schema: {
        tags,
        summary:
          'E-mail an issued document through the workspace’s outgoing mail: PDF attached, a signed link that expires',
        params: IdParams,
        body: DocumentSendBody,
        response: { 202: DocumentSendResult },
      },
    },
    async (req, reply) => {
      const link = (id: string) =>
        `${deps.config.publicUrl}/api/public/documents/${id}/pdf?token=${encodeURIComponent(
          documents.signDocumentLink(deps.sealer, req.principal!.workspaceId, id),
        )}`;
      const queued = await run(req, (ctx) =>
        documents.queueDocumentSend(ctx, req.params.id, req.body, link),
      );
      return reply.code(202).send(queued);
    },
  );
}

// The client's copy: the PDF by the signed expiring link from the letter, no session needed.
export const publicDocumentRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, deps) => {
  app.get(
    '/api/public/documents/:id/pdf',
    {
      schema: {
        tags: ['documents'],
        summary: 'A sent document’s PDF by its signed link',
        params: IdParams,
        querystring: DocumentFileQuery,
        response: { 202: PdfPending },
      },
    },
    async (req, reply) => {
      const { workspaceId } = documents.openDocumentLink(
        deps.sealer,
        req.params.id,
        req.query.token ?? '',
      );
      return pdfReply(reply, req.params.id, (fn) =>
        inWorkspace(deps.db, workspaceId, (tx) =>
          fn({
            tx,
            workspaceId,
            actor: systemActor,
            ip: req.ip ?? null,
            requestId: String(req.id),
          }),
        ),
      );
    },
  );
};
