import {
  CallJournalEntry,
  CallJournalQuery,
  CallList,
  CallListCreateBody,
  CallListImported,
  CallListImportQuery,
  CallListItem,
  CallListUpdateBody,
  CallScriptBranches,
  DoNotCallBody,
  DoNotCallEntry,
  DoNotCallQuery,
  CallListNext,
  CallOutcomeBody,
  CallStats,
  CallStatsQuery,
  IdParams,
  page,
} from '@voronka/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../platform/errors.js';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import * as activities from '../activities/service.js';
import type { ModuleDeps } from '../deps.js';
import * as dnc from './do-not-call.js';
import { importCallList } from './import.js';
import * as create from './create.js';
import * as lists from './lists.js';
import * as outcome from './outcome.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const UPLOAD_TYPES = ['text/csv', 'application/csv', 'application/vnd.ms-excel', XLSX_TYPE];

// Call lists, the call journal and call statistics. Making a list takes the right to change
// contacts; working one, being among its managers; the journal reads calls as requests are read
// (a manager who sees their own requests sees their own calls).
export const callListRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db }) => {
  const tags = ['calls'];
  const read = { access: { entity: 'contacts', action: 'read' } } as const;
  const manage = { access: { entity: 'contacts', action: 'update' } } as const;

  app.get(
    '/call-lists',
    {
      config: read,
      schema: {
        tags,
        summary: 'Call lists I manage or work',
        response: { 200: z.object({ items: z.array(CallList) }) },
      },
    },
    async (req) => ({
      items: await inRequestWorkspace(db, req, (ctx) => lists.listCallLists(ctx)),
    }),
  );
  app.post(
    '/call-lists',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Make a call list from chosen contacts/companies and/or a search',
        body: CallListCreateBody,
        response: { 201: CallList },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await inRequestWorkspace(db, req, (ctx) => create.createCallList(ctx, req.body))),
  );
  app.get(
    '/call-lists/:id',
    {
      config: read,
      schema: { tags, summary: 'A call list', params: IdParams, response: { 200: CallList } },
    },
    async (req) => inRequestWorkspace(db, req, (ctx) => lists.getCallList(ctx, req.params.id)),
  );
  app.delete(
    '/call-lists/:id',
    {
      config: manage,
      schema: { tags, summary: 'Delete a call list', params: IdParams },
    },
    async (req, reply) => {
      await inRequestWorkspace(db, req, (ctx) => lists.deleteCallList(ctx, req.params.id));
      return reply.code(204).send();
    },
  );
  await scriptRoutes(app, db);
  await app.register(importRoute, { db });
  await doNotCallRoutes(app, db);
  await workRoutes(app, db);
  await journalRoutes(app, db);
};

// Call mode: a list's clients, the next one for me, the outcome.
async function workRoutes(app: Parameters<FastifyPluginAsyncZod>[0], db: ModuleDeps['db']) {
  const tags = ['calls'];
  const read = { access: { entity: 'contacts', action: 'read' } } as const;
  // Handing out a client and recording an outcome change data: refused in an expired trial.
  const work = { access: { entity: 'contacts', action: 'read', writes: true } } as const;
  const ItemParams = z.strictObject({ id: z.uuid(), itemId: z.uuid() });
  app.get(
    '/call-lists/:id/items',
    {
      config: read,
      schema: {
        tags,
        summary: 'The clients of a call list with their outcomes',
        params: IdParams,
        response: { 200: z.object({ items: z.array(CallListItem) }) },
      },
    },
    async (req) => ({
      items: await inRequestWorkspace(db, req, (ctx) => lists.listItems(ctx, req.params.id)),
    }),
  );
  app.post(
    '/call-lists/:id/next',
    {
      config: work,
      schema: {
        tags,
        summary: 'My current client of the list, or the next one nobody holds (handed to me)',
        params: IdParams,
        response: { 200: CallListNext },
      },
    },
    async (req) => inRequestWorkspace(db, req, (ctx) => lists.nextItem(ctx, req.params.id)),
  );
  app.post(
    '/call-lists/:id/items/:itemId/outcome',
    {
      config: work,
      schema: {
        tags,
        summary: 'Record how the call went (call back → a task; interested → a request)',
        params: ItemParams,
        body: CallOutcomeBody,
        response: { 200: CallListItem },
      },
    },
    async (req) =>
      inRequestWorkspace(db, req, (ctx) =>
        outcome.recordOutcome(ctx, req.params.id, req.params.itemId, req.body),
      ),
  );
}

async function journalRoutes(app: Parameters<FastifyPluginAsyncZod>[0], db: ModuleDeps['db']) {
  const tags = ['calls'];
  const journal = { access: { entity: 'leads', action: 'read' } } as const;
  app.get(
    '/calls',
    {
      config: journal,
      schema: {
        tags,
        summary: 'The call journal: every call, newest first, with filters',
        querystring: CallJournalQuery,
        response: { 200: page(CallJournalEntry) },
      },
    },
    async (req) => inRequestWorkspace(db, req, (ctx) => activities.callJournal(ctx, req.query)),
  );
  app.get(
    '/calls/stats',
    {
      config: journal,
      schema: {
        tags,
        summary: 'Calls per manager and day or week: in, out, answered, talk time',
        querystring: CallStatsQuery,
        response: { 200: CallStats },
      },
    },
    async (req) => ({
      items: await inRequestWorkspace(db, req, (ctx) => activities.callStats(ctx, req.query)),
    }),
  );
}

// A list from a CSV/XLSX file sent as the body (the parser exists in this plugin only).
const importRoute: FastifyPluginAsyncZod<{ db: ModuleDeps['db'] }> = async (app, { db }) => {
  app.addContentTypeParser(
    UPLOAD_TYPES,
    { parseAs: 'buffer', bodyLimit: 20 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );
  app.post(
    '/call-lists/import',
    {
      config: { access: { entity: 'contacts', action: 'update' } },
      schema: {
        tags: ['calls'],
        summary:
          'Make a call list from a CSV or XLSX file (raw body): a column of numbers and one of names',
        querystring: CallListImportQuery,
        response: { 201: CallListImported },
      },
    },
    async (req, reply) => {
      if (!Buffer.isBuffer(req.body))
        throw new DomainError(
          'request.unsupported_media_type',
          `send the file as the body with Content-Type ${UPLOAD_TYPES.join(' or ')}`,
        );
      const body = req.body;
      const isXlsx = (req.headers['content-type'] ?? '').startsWith(XLSX_TYPE);
      return reply
        .code(201)
        .send(
          await inRequestWorkspace(db, req, (ctx) => importCallList(ctx, req.query, body, isXlsx)),
        );
    },
  );
};

// The do-not-call list: read by whoever works calls, changed by whoever may change contacts (a
// manager records it from a call through the outcome).
async function doNotCallRoutes(app: Parameters<FastifyPluginAsyncZod>[0], db: ModuleDeps['db']) {
  const tags = ['calls'];
  app.get(
    '/calls/do-not-call',
    {
      config: { access: { entity: 'contacts', action: 'read' } },
      schema: {
        tags,
        summary: 'Numbers no call list hands out (optionally those of one contact)',
        querystring: DoNotCallQuery,
        response: { 200: z.object({ items: z.array(DoNotCallEntry) }) },
      },
    },
    async (req) => ({
      items: await inRequestWorkspace(db, req, (ctx) => dnc.listDoNotCall(ctx, req.query)),
    }),
  );
  app.post(
    '/calls/do-not-call',
    {
      config: { access: { entity: 'contacts', action: 'update' } },
      schema: {
        tags,
        summary: 'Put a number (or every phone of a contact) on the do-not-call list',
        body: DoNotCallBody,
        response: { 201: z.object({ items: z.array(DoNotCallEntry) }) },
      },
    },
    async (req, reply) =>
      reply.code(201).send({
        items: await inRequestWorkspace(db, req, (ctx) => dnc.addDoNotCall(ctx, req.body)),
      }),
  );
  app.delete(
    '/calls/do-not-call/:id',
    {
      config: { access: { entity: 'contacts', action: 'update' } },
      schema: { tags, summary: 'Take a number off the do-not-call list', params: IdParams },
    },
    async (req, reply) => {
      await inRequestWorkspace(db, req, (ctx) => dnc.removeDoNotCall(ctx, req.params.id));
      return reply.code(204).send();
    },
  );
}

// The head changes a list (its script with branches); which branches were taken.
async function scriptRoutes(app: Parameters<FastifyPluginAsyncZod>[0], db: ModuleDeps['db']) {
  const tags = ['calls'];
  const read = { access: { entity: 'contacts', action: 'read' } } as const;
  const manage = { access: { entity: 'contacts', action: 'update' } } as const;
  app.patch(
    '/call-lists/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change a call list: name, managers, the script with its branches',
        params: IdParams,
        body: CallListUpdateBody,
        response: { 200: CallList },
      },
    },
    async (req) =>
      inRequestWorkspace(db, req, (ctx) => create.updateCallList(ctx, req.params.id, req.body)),
  );
  app.get(
    '/call-lists/:id/branches',
    {
      config: read,
      schema: {
        tags,
        summary: "Which answer was taken at each step of the list's script",
        params: IdParams,
        response: { 200: CallScriptBranches },
      },
    },
    async (req) => inRequestWorkspace(db, req, (ctx) => create.scriptBranches(ctx, req.params.id)),
  );
}
