import { Readable } from 'node:stream';
import type { Entity } from '@voronka/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { attachmentHeader, tableFile, type Cell } from '../../platform/export/export.js';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import type { Db } from '../../platform/db/types.js';
import type { ModuleDeps } from '../deps.js';
import {
  exportRecords,
  primed,
  toCells,
  type ExportColumn,
  type ExportEntity,
  type InWorkspace,
} from './export.js';
import { exportDeclarations, type ExportDeclaration } from './registry.js';

const today = () => new Date().toISOString().slice(0, 10);

export function download(
  reply: FastifyReply,
  fileName: string,
  contentType: string,
  body: Readable,
) {
  return reply
    .header('content-type', contentType)
    .header('content-disposition', attachmentHeader(fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send(body);
}

async function sendTable<T>(
  reply: FastifyReply,
  entity: ExportEntity,
  q: { format: 'csv' | 'xlsx'; separator: 'comma' | 'semicolon' },
  columns: ExportColumn<T>[],
  records: AsyncGenerator<T[]>,
) {
  const chunks: AsyncIterable<Cell[][]> = toCells(await primed(records), columns);
  const file = tableFile(q.format, {
    sheetName: entity,
    header: columns.map((c) => c.header),
    chunks,
    delimiter: q.separator === 'semicolon' ? ';' : ',',
  });
  return download(reply, `${entity}-${today()}.${file.extension}`, file.contentType, file.body);
}

// Downloads of filtered lists (CSV, XLSX; the cards a module declares, as vCard for contacts): the
// export right, every matching row. One route per declared entity (registry.ts).
export const exportRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db }) => {
  const runner =
    (req: FastifyRequest): InWorkspace =>
    (fn) =>
      inRequestWorkspace(db as Db, req, fn);
  for (const d of exportDeclarations()) exportRoute(app, runner, d);
};

type Query = { format: 'csv' | 'xlsx' | 'vcf'; separator: 'comma' | 'semicolon' };

function exportRoute<T>(
  app: Parameters<FastifyPluginAsyncZod<ModuleDeps>>[0],
  runner: (req: FastifyRequest) => InWorkspace,
  d: ExportDeclaration<Query, T>,
) {
  const { entity } = d;
  app.get(
    `/${entity}/export`,
    {
      config: { access: { entity: d.rights ?? (entity as Entity), action: 'export' } },
      schema: { tags: ['export'], summary: d.summary, querystring: d.query },
    },
    async (req, reply) => {
      const { format, separator, ...filter } = req.query as Query;
      const records = exportRecords(
        runner(req),
        entity,
        (ctx, p) => d.list(ctx, { ...filter, ...p }),
        {
          filter,
          format,
        },
      );
      if (format === 'vcf' && d.cards)
        return download(
          reply,
          `${entity}-${today()}.vcf`,
          d.cards.type,
          Readable.from(d.cards.toCards(await primed(records))),
        );
      return sendTable(
        reply,
        entity,
        { format: format as 'csv' | 'xlsx', separator },
        d.columns,
        records,
      );
    },
  );
}
