import {
  Contact,
  ContactCreateBody,
  ContactListRequest,
  ContactSaved,
  ContactUpdateBody,
  DuplicateList,
  DuplicatesQuery,
  IdParams,
  MergeBody,
  page,
} from '@voronka/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../../platform/context.js';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import type { ModuleDeps } from '../deps.js';
import * as clients from './service.js';
import { vcardRoutes } from './vcard-routes.js';

// Deleting and merging contacts, and their duplicates.
const contactChangeRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db }) => {
  const run = <T>(
    req: Parameters<typeof inRequestWorkspace>[1],
    fn: Parameters<typeof inRequestWorkspace<T>>[2],
  ) => inRequestWorkspace(db, req, fn);
  const tags = ['contacts'];
  const can = (action: 'read' | 'create' | 'update' | 'delete') =>
    ({ access: { entity: 'contacts', action } }) as const;

  app.delete(
    '/contacts/:id',
    { config: can('delete'), schema: { tags, summary: 'Delete a contact', params: IdParams } },
    async (req, reply) => {
      await run(req, (ctx) => clients.deleteContact(ctx, req.params.id));
      return reply.code(204).send();
    },
  );
  app.post(
    '/contacts/:id/merge',
    {
      config: can('update'),
      schema: {
        tags,
        summary: 'Merge another contact into this one, field by field; the other is deleted',
        params: IdParams,
        body: MergeBody,
        response: { 200: Contact },
      },
    },
    async (req) => run(req, (ctx) => clients.mergeContacts(ctx, req.params.id, req.body)),
  );
  // Access is declared on contacts; for companies the service checks the companies read right.
  app.get(
    '/duplicates',
    {
      config: can('read'),
      schema: {
        tags: ['duplicates'],
        summary: 'Candidate duplicate pairs: same phone, e-mail or INN, similar names',
        querystring: DuplicatesQuery,
        response: { 200: DuplicateList },
      },
    },
    async (req) => run(req, (ctx) => clients.listDuplicates(ctx, req.query)),
  );
};

export const contactRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, deps) => {
  const { db } = deps;
  const run = <T>(
    req: Parameters<typeof inRequestWorkspace>[1],
    fn: Parameters<typeof inRequestWorkspace<T>>[2],
  ) => inRequestWorkspace(db, req, fn);
  const tags = ['contacts'];
  const can = (action: 'read' | 'create' | 'update' | 'delete') =>
    ({ access: { entity: 'contacts', action } }) as const;

  app.get(
    '/contacts',
    {
      config: can('read'),
      schema: {
        tags,
        summary:
          'List contacts (keyset pages; filters q, companyId, ownerId, tag, phone in any format, email)',
        querystring: ContactListRequest,
        response: { 200: page(Contact) },
      },
    },
    async (req) => run(req, (ctx) => clients.listContacts(ctx, req.query as ContactListRequest)),
  );
  app.post(
    '/contacts',
    {
      config: can('create'),
      schema: {
        tags,
        summary:
          'Create a contact; contacts with the same phone or e-mail come back in `duplicates`',
        body: ContactCreateBody,
        response: { 201: ContactSaved },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await run(req, async (ctx) =>
            logConsent(ctx, await clients.createContact(ctx, req.body)),
          ),
        ),
  );
  app.get(
    '/contacts/:id',
    {
      config: can('read'),
      schema: { tags, summary: 'Get a contact', params: IdParams, response: { 200: Contact } },
    },
    async (req) =>
      run(req, async (ctx) => {
        const contact = await clients.getContact(ctx, req.params.id);
        await clients.cardRead(ctx, { entity: 'contacts', ids: [contact.id], how: 'view' });
        return contact;
      }),
  );
  app.patch(
    '/contacts/:id',
    {
      config: can('update'),
      schema: {
        tags,
        summary: 'Change a contact; phones, e-mails and messengers given replace the old ones',
        params: IdParams,
        body: ContactUpdateBody,
        response: { 200: ContactSaved },
      },
    },
    async (req) => run(req, (ctx) => updateLogged(ctx, req.params.id, req.body)),
  );
  await app.register(contactChangeRoutes, deps);
  await app.register(vcardRoutes, deps);
};

// A consent changed on the form is logged (privacy's consent log, source `manual`).
async function updateLogged(ctx: Ctx, id: string, body: ContactUpdateBody) {
  const before = body.consent === undefined ? null : (await clients.getContact(ctx, id)).consent;
  const saved = await clients.updateContact(ctx, id, body);
  return before !== null && saved.consent !== before ? logConsent(ctx, saved) : saved;
}

// A consent set by hand on the contact form goes to the consent log (privacy's listener).
async function logConsent<C extends { id: string; consent: 'unknown' | 'given' | 'withdrawn' }>(
  ctx: Ctx,
  saved: C,
): Promise<C> {
  if (saved.consent !== 'unknown')
    await clients.consentChanged(ctx, { contactId: saved.id, kind: saved.consent });
  return saved;
}
