import {
  ConsentLog,
  ConsentRecordBody,
  DestructionAct,
  HandoverBody,
  HandoverPreview,
  HandoverPreviewQuery,
  HandoverResult,
  IdParams,
  page,
  PersonalDataAccess,
  PersonalDataAccessQuery,
  PrivacyEraseBody,
  PrivacyErasure,
  PrivacyRequest,
  PrivacyRequestCloseBody,
  PrivacyRequestCreateBody,
  PrivacyRequestExtendBody,
  PrivacyRequestListQuery,
  RetentionRules,
  RetentionRulesBody,
  RetentionRunResult,
} from '@voronka/contract';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../../platform/context.js';
import { z } from 'zod';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import type { ModuleDeps } from '../deps.js';
import { listAccess } from './access-log.js';
import { letterPdf } from './answers.js';
import { listConsents, recordConsent } from './consents.js';
import { eraseRequest } from './erase.js';
import { exportFile, startExport } from './export.js';
import { handOver, previewHandover } from './handover.js';
import { actPdf, listActs, listRetention, runRetention, setRetention } from './retention.js';
import {
  closeRequest,
  createRequest,
  extendRequest,
  getRequest,
  listRequests,
} from './requests.js';

type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;
type Run = <T>(req: FastifyRequest, fn: (ctx: Ctx) => Promise<T>) => Promise<T>;
const tags = ['privacy'];
const can = (action: 'read' | 'create' | 'update' | 'delete' | 'export') =>
  ({ access: { entity: 'privacy', action } }) as const;

// Personal data under 152-FZ: the consent log on a contact, the register of data-subject requests
// (access with its export, correction, erasure), the access log, and hand-over. Owner and admin
// (the `privacy` entity of the matrix).
export const privacyRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db }) => {
  const run: Run = (req, fn) => inRequestWorkspace(db, req, fn);
  consentRoutes(app, run);
  requestRoutes(app, run);
  answerRoutes(app, run);
  peopleRoutes(app, run);
  retentionRoutes(app, run);
};

const pdfReply = (reply: FastifyReply, name: string, pdf: Buffer) =>
  reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(pdf);

function retentionRoutes(app: App, run: Run) {
  app.get(
    '/privacy/retention',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'Retention rules per kind of personal data, with how many records are due now',
        response: { 200: RetentionRules },
      },
    },
    async (req) => run(req, (ctx) => listRetention(ctx)),
  );
  app.put(
    '/privacy/retention',
    {
      config: can('update'),
      schema: {
        tags,
        summary: 'Set retention rules (months after the last activity, on or off)',
        body: RetentionRulesBody,
        response: { 200: RetentionRules },
      },
    },
    async (req) => run(req, (ctx) => setRetention(ctx, req.body)),
  );
  app.post(
    '/privacy/retention/run',
    {
      config: can('delete'),
      schema: {
        tags,
        summary:
          'Erase now what the rules say is past its term (as the nightly job does); the act, if any',
        response: { 200: RetentionRunResult },
      },
    },
    async (req) => run(req, async (ctx) => ({ act: await runRetention(ctx) })),
  );
  app.get(
    '/privacy/destruction-acts',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'Destruction acts of personal data, newest first',
        response: { 200: z.object({ items: z.array(DestructionAct) }) },
      },
    },
    async (req) => run(req, (ctx) => listActs(ctx)),
  );
  app.get(
    '/privacy/destruction-acts/:id/pdf',
    {
      config: can('read'),
      schema: { tags, summary: 'A destruction act as PDF', params: IdParams },
    },
    async (req, reply) => {
      const act = await run(req, (ctx) => actPdf(ctx, req.params.id));
      return pdfReply(reply, `destruction-act-${act.number}.pdf`, act.pdf);
    },
  );
}

function consentRoutes(app: App, run: Run) {
  app.get(
    '/contacts/:id/consents',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'A person’s consent log: every consent and withdrawal, form consents included',
        params: IdParams,
        response: { 200: ConsentLog },
      },
    },
    async (req) => run(req, (ctx) => listConsents(ctx, req.params.id)),
  );
  app.post(
    '/contacts/:id/consents',
    {
      config: can('create'),
      schema: {
        tags,
        summary:
          'Record a consent or its withdrawal; the contact’s consent flag follows the latest',
        params: IdParams,
        body: ConsentRecordBody,
        response: { 201: ConsentLog },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => recordConsent(ctx, req.params.id, req.body))),
  );
}

function requestRoutes(app: App, run: Run) {
  app.get(
    '/privacy/requests',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'Data-subject requests: open ones by deadline first, overdue flagged',
        querystring: PrivacyRequestListQuery,
        response: { 200: z.object({ items: z.array(PrivacyRequest) }) },
      },
    },
    async (req) => run(req, (ctx) => listRequests(ctx, req.query)),
  );
  app.post(
    '/privacy/requests',
    {
      config: can('create'),
      schema: {
        tags,
        summary: 'Register a request (access, correction, erasure): due in 10 working days',
        body: PrivacyRequestCreateBody,
        response: { 201: PrivacyRequest },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => createRequest(ctx, req.body))),
  );
  app.get(
    '/privacy/requests/:id',
    {
      config: can('read'),
      schema: { tags, summary: 'A request', params: IdParams, response: { 200: PrivacyRequest } },
    },
    async (req) => run(req, (ctx) => getRequest(ctx, req.params.id)),
  );
  app.post(
    '/privacy/requests/:id/extend',
    {
      config: can('update'),
      schema: {
        tags,
        summary: 'Extend the deadline once by 5 working days, with the reason',
        params: IdParams,
        body: PrivacyRequestExtendBody,
        response: { 200: PrivacyRequest },
      },
    },
    async (req) => run(req, (ctx) => extendRequest(ctx, req.params.id, req.body)),
  );
  app.post(
    '/privacy/requests/:id/close',
    {
      config: can('update'),
      schema: {
        tags,
        summary: 'Close a request with the answer given (done or rejected)',
        params: IdParams,
        body: PrivacyRequestCloseBody,
        response: { 200: PrivacyRequest },
      },
    },
    async (req) => run(req, (ctx) => closeRequest(ctx, req.params.id, req.body)),
  );
}

function answerRoutes(app: App, run: Run) {
  app.post(
    '/privacy/requests/:id/export',
    {
      // It stores a file and starts a job: a write (an expired trial's read-only workspace refuses it).
      config: can('create'),
      schema: {
        tags,
        summary:
          'Start the export of everything about the person (ZIP of JSON): a job; watch the request',
        params: IdParams,
        response: { 202: PrivacyRequest },
      },
    },
    async (req, reply) =>
      reply.code(202).send(await run(req, (ctx) => startExport(ctx, req.params.id))),
  );
  app.get(
    '/privacy/requests/:id/export/file',
    {
      config: can('export'),
      schema: { tags, summary: 'The export’s ZIP once done (409 before)', params: IdParams },
    },
    async (req, reply) => {
      const zip = await run(req, (ctx) => exportFile(ctx, req.params.id));
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="personal-data-${req.params.id}.zip"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(zip);
    },
  );
  app.get(
    '/privacy/requests/:id/letter',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'The answer letter to the person, from the template of the request’s kind (PDF)',
        params: IdParams,
      },
    },
    async (req, reply) => {
      const pdf = await run(req, (ctx) => letterPdf(ctx, req.params.id));
      return pdfReply(reply, `answer-${req.params.id}.pdf`, pdf);
    },
  );
  app.post(
    '/privacy/requests/:id/erase',
    {
      config: can('delete'),
      schema: {
        tags,
        summary:
          'Anonymise the person everywhere except issued documents: irreversible; confirm with their name',
        params: IdParams,
        body: PrivacyEraseBody,
        response: { 200: PrivacyErasure },
      },
    },
    async (req) => run(req, (ctx) => eraseRequest(ctx, req.params.id, req.body.confirm)),
  );
}

function peopleRoutes(app: App, run: Run) {
  app.get(
    '/privacy/access-log',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'Who viewed or exported which person’s card, newest first',
        querystring: PersonalDataAccessQuery,
        response: { 200: page(PersonalDataAccess) },
      },
    },
    async (req) => run(req, (ctx) => listAccess(ctx, req.query)),
  );
  app.get(
    '/privacy/handover',
    {
      config: can('read'),
      schema: {
        tags,
        summary:
          'What a member’s hand-over would move: companies, contacts, deals, open requests, open tasks',
        querystring: HandoverPreviewQuery,
        response: { 200: HandoverPreview },
      },
    },
    async (req) => run(req, (ctx) => previewHandover(ctx, req.query.memberId)),
  );
  app.post(
    '/privacy/handover',
    {
      config: can('update'),
      schema: {
        tags,
        summary:
          'Hand a member’s clients over to one or several colleagues (in turn), then deactivate them',
        body: HandoverBody,
        response: { 200: HandoverResult },
      },
    },
    async (req) => run(req, (ctx) => handOver(ctx, req.body)),
  );
}
