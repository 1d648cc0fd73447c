import { Readable } from 'node:stream';
import { IdParams } from '@voronka/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { attachmentHeader } from '../../platform/export/export.js';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import type { ModuleDeps } from '../deps.js';
import * as clients from './service.js';

// One contact's card (the list's cards are an export: transfer/export-routes.ts).
export const vcardRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db }) => {
  app.get(
    '/contacts/:id/vcard',
    {
      config: { access: { entity: 'contacts', action: 'export' } },
      schema: { tags: ['export'], summary: "A contact's vCard 4.0", params: IdParams },
    },
    async (req, reply) => {
      const card = await inRequestWorkspace(db, req, async (ctx) => {
        const contact = await clients.getContact(ctx, req.params.id);
        await clients.cardRead(ctx, { entity: 'contacts', ids: [contact.id], how: 'vcard' });
        return clients.contactVCard(ctx, contact);
      });
      return reply
        .header('content-type', 'text/vcard; charset=utf-8')
        .header('content-disposition', attachmentHeader(`contact-${req.params.id}.vcf`))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(Readable.from([card]));
    },
  );
};
