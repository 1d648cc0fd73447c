import {
  IdParams,
  Import,
  ImportPreview,
  ImportStartBody,
  ImportUploadQuery,
} from '@voronka/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DomainError } from '../../platform/errors.js';
import { attachmentHeader, tableFile } from '../../platform/export/export.js';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import type { ModuleDeps } from '../deps.js';
import * as transfer from './service.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const UPLOAD_TYPES = ['text/csv', 'application/csv', 'application/vnd.ms-excel', XLSX_TYPE];
export const UPLOAD_LIMIT = 20 * 1024 * 1024;

// Import of companies, contacts and products from CSV or XLSX: upload → preview and mapping → start → progress.
// An import's progress and its row errors.
const importStatusRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db }) => {
  const tags = ['imports'];
  const read = { anyOf: ['companies', 'contacts', 'catalog'], action: 'read' } as const;

  app.get(
    '/imports/:id',
    {
      config: { access: read },
      schema: {
        tags,
        summary: 'Progress, counts and the first errors of an import',
        params: IdParams,
        response: { 200: Import },
      },
    },
    async (req) => inRequestWorkspace(db, req, (ctx) => transfer.getImport(ctx, req.params.id)),
  );
  app.get(
    '/imports/:id/errors.csv',
    {
      config: { access: read },
      schema: {
        tags,
        summary: 'The rows an import refused, with the field and the reason (CSV)',
        params: IdParams,
      },
    },
    async (req, reply) => {
      const { errors } = await inRequestWorkspace(db, req, (ctx) =>
        transfer.importErrors(ctx, req.params.id),
      );
      const rows = (async function* () {
        yield errors.map((e) => [e.row, e.field, e.reason]);
      })();
      const file = tableFile('csv', {
        sheetName: 'errors',
        header: ['row', 'field', 'reason'],
        chunks: rows,
      });
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', attachmentHeader(`import-${req.params.id}-errors.csv`))
        .header('x-content-type-options', 'nosniff')
        .send(file.body);
    },
  );
};

export const importRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, deps) => {
  const { db } = deps;
  // The file is the raw body; these parsers (and their 20 MiB limit) exist in this plugin only.
  app.addContentTypeParser(
    UPLOAD_TYPES,
    { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT },
    (_req, body, done) => done(null, body),
  );
  const tags = ['imports'];
  // The upload names its entity in the query (products are governed by the catalog right); the
  // service checks that entity's own right, and later steps check the row's entity again (with the
  // duplicate policy's update right).
  const upload = { anyOf: ['companies', 'contacts', 'catalog'], action: 'create' } as const;
  const start = upload;

  app.post(
    '/imports',
    {
      config: { access: upload },
      schema: {
        tags,
        summary:
          'Upload a CSV or XLSX file (raw body, Content-Type text/csv or the XLSX type): header, 20 rows, suggested mapping',
        querystring: ImportUploadQuery,
        response: { 201: ImportPreview },
      },
    },
    async (req, reply) => {
      if (!Buffer.isBuffer(req.body))
        throw new DomainError(
          'request.unsupported_media_type',
          `send the file as the body with Content-Type ${UPLOAD_TYPES.join(' or ')}`,
        );
      const file = req.body;
      // Read and counted outside the transaction (a large file takes seconds; PGlite runs one at a time).
      const scanned = await transfer.scanImportFile(
        file,
        String(req.headers['content-type']).startsWith(XLSX_TYPE),
      );
      const preview = await inRequestWorkspace(db, req, (ctx) =>
        transfer.uploadImport(ctx, req.query, file, scanned),
      );
      return reply.code(201).send(preview);
    },
  );
  app.post(
    '/imports/:id/start',
    {
      config: { access: start },
      schema: {
        tags,
        summary:
          'Start an uploaded import with a column mapping and a duplicate policy (skip, update, create)',
        params: IdParams,
        body: ImportStartBody,
        response: { 202: Import },
      },
    },
    async (req, reply) =>
      reply
        .code(202)
        .send(
          await inRequestWorkspace(db, req, (ctx) =>
            transfer.startImport(ctx, req.params.id, req.body),
          ),
        ),
  );
  await app.register(importStatusRoutes, deps);
};
