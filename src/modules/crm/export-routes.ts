import { Readable } from 'node:stream';
import {
  CompanyExportQuery,
  ContactExportQuery,
  DealExportQuery,
  IdParams,
  LeadExportQuery,
} from '@voronka/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { attachmentHeader, tableFile, type Cell } from '../../platform/export/export.js';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import type { Db } from '../../platform/db/types.js';
import type { ModuleDeps } from '../deps.js';
import * as leads from '../leads/service.js';
import * as crm from './service.js';

const today = () => new Date().toISOString().slice(0, 10);

function download(reply: FastifyReply, fileName: string, contentType: string, body: Readable) {
  return reply
    .header('content-type', contentType)
    .header('content-disposition', attachmentHeader(fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send(body);
}

async function sendTable<T>(
  reply: FastifyReply,
  entity: crm.ExportEntity,
  q: { format: 'csv' | 'xlsx'; separator: 'comma' | 'semicolon' },
  columns: crm.ExportColumn<T>[],
  records: AsyncGenerator<T[]>,
) {
  const chunks: AsyncIterable<Cell[][]> = crm.toCells(await crm.primed(records), columns);
  const file = tableFile(q.format, {
    sheetName: entity,
    header: columns.map((c) => c.header),
    chunks,
    delimiter: q.separator === 'semicolon' ? ';' : ',',
  });
  return download(reply, `${entity}-${today()}.${file.extension}`, file.contentType, file.body);
}

// Downloads of filtered lists (CSV, XLSX; vCard for contacts): the export right, every matching row.
export const exportRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db }) => {
  const runner =
    (req: FastifyRequest): crm.InWorkspace =>
    (fn) =>
      inRequestWorkspace(db as Db, req, fn);
  const tags = ['export'];

  app.get(
    '/companies/export',
    {
      config: { access: { entity: 'companies', action: 'export' } },
      schema: {
        tags,
        summary: 'Download the filtered company list (CSV or XLSX)',
        querystring: CompanyExportQuery,
      },
    },
    async (req, reply) => {
      const { format, separator, ...filter } = req.query as CompanyExportQuery;
      return sendTable(
        reply,
        'companies',
        { format, separator },
        crm.companyExportColumns,
        crm.exportRecords(
          runner(req),
          'companies',
          (ctx, p) => crm.listCompanies(ctx, { ...filter, ...p }),
          { filter, format },
        ),
      );
    },
  );
  app.get(
    '/contacts/export',
    {
      config: { access: { entity: 'contacts', action: 'export' } },
      schema: {
        tags,
        summary: 'Download the filtered contact list (CSV, XLSX or vCard)',
        querystring: ContactExportQuery,
      },
    },
    async (req, reply) => {
      const { format, separator, ...filter } = req.query as ContactExportQuery;
      const records = crm.exportRecords(
        runner(req),
        'contacts',
        (ctx, p) => crm.listContacts(ctx, { ...filter, ...p }),
        { filter, format },
      );
      if (format === 'vcf')
        return download(
          reply,
          `contacts-${today()}.vcf`,
          'text/vcard; charset=utf-8',
          Readable.from(crm.toVCards(await crm.primed(records))),
        );
      return sendTable(reply, 'contacts', { format, separator }, crm.contactExportColumns, records);
    },
  );
  app.get(
    '/deals/export',
    {
      config: { access: { entity: 'deals', action: 'export' } },
      schema: {
        tags,
        summary: 'Download the filtered deal list (CSV or XLSX)',
        querystring: DealExportQuery,
      },
    },
    async (req, reply) => {
      const { format, separator, ...filter } = req.query as DealExportQuery;
      return sendTable(
        reply,
        'deals',
        { format, separator },
        crm.dealExportColumns,
        crm.exportRecords(
          runner(req),
          'deals',
          (ctx, p) => crm.listDeals(ctx, { ...filter, ...p }),
          { filter, format },
        ),
      );
    },
  );
  app.get(
    '/leads/export',
    {
      config: { access: { entity: 'leads', action: 'export' } },
      schema: {
        tags,
        summary: 'Download the filtered lead list (CSV or XLSX)',
        querystring: LeadExportQuery,
      },
    },
    async (req, reply) => {
      const { format, separator, ...filter } = req.query as LeadExportQuery;
      return sendTable(
        reply,
        'leads',
        { format, separator },
        crm.leadExportColumns,
        crm.exportRecords(
          runner(req),
          'leads',
          (ctx, p) => leads.listLeads(ctx, { ...filter, ...p }),
          { filter, format },
        ),
      );
    },
  );
  app.get(
    '/contacts/:id/vcard',
    {
      config: { access: { entity: 'contacts', action: 'export' } },
      schema: { tags, summary: "A contact's vCard 4.0", params: IdParams },
    },
    async (req, reply) => {
      const card = await inRequestWorkspace(db, req, async (ctx) =>
        crm.contactVCard(ctx, await crm.getContact(ctx, req.params.id)),
      );
      return download(
        reply,
        `contact-${req.params.id}.vcf`,
        'text/vcard; charset=utf-8',
        Readable.from([card]),
      );
    },
  );
};
