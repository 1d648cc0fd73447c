import {
  Campaign,
  CampaignCreateBody,
  CampaignRecipient,
  CampaignRecipientQuery,
  IdParams,
  Segment,
  SegmentCount,
  SegmentCountBody,
  SegmentCreateBody,
  UnsubscribeQuery,
} from '@voronka/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inSystemWorkspace, type Ctx } from '../../platform/context.js';
import type { ModuleDeps } from '../deps.js';
import {
  cancelCampaign,
  createCampaign,
  getCampaign,
  listCampaigns,
  listRecipients,
  startCampaign,
} from './campaigns.js';
import {
  createSegment,
  deleteSegment,
  getSegment,
  listSegments,
  previewCount,
} from './segments.js';
import { openUnsubscribe, unsubscribe } from './unsubscribe.js';

type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;
export type Run = <T>(req: FastifyRequest, fn: (ctx: Ctx) => Promise<T>) => Promise<T>;
const can = (action: 'read' | 'create' | 'update' | 'delete') =>
  ({ access: { entity: 'messaging', action } }) as const;

export function segmentRoutes(app: App, run: Run) {
  const tags = ['segments'];
  app.get(
    '/segments',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'Segments: saved contact filters, each with its live count',
        response: { 200: z.object({ items: z.array(Segment) }) },
      },
    },
    async (req) => run(req, (ctx) => listSegments(ctx)),
  );
  app.post(
    '/segments/count',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'How many contacts a filter (the contacts list’s query) selects now',
        body: SegmentCountBody,
        response: { 200: SegmentCount },
      },
    },
    async (req) => run(req, (ctx) => previewCount(ctx, req.body)),
  );
  app.post(
    '/segments',
    {
      config: can('create'),
      schema: {
        tags,
        summary: 'Save a contacts filter as a segment',
        body: SegmentCreateBody,
        response: { 201: Segment },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => createSegment(ctx, req.body))),
  );
  app.get(
    '/segments/:id',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'A segment and its live count',
        params: IdParams,
        response: { 200: Segment },
      },
    },
    async (req) => run(req, (ctx) => getSegment(ctx, req.params.id)),
  );
  app.delete(
    '/segments/:id',
    { config: can('delete'), schema: { tags, summary: 'Delete a segment', params: IdParams } },
    async (req, reply) => {
      await run(req, (ctx) => deleteSegment(ctx, req.params.id));
      return reply.code(204).send();
    },
  );
}

export function campaignRoutes(app: App, run: Run) {
  const tags = ['campaigns'];
  app.get(
    '/campaigns',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'E-mail campaigns with their counters',
        response: { 200: z.object({ items: z.array(Campaign) }) },
      },
    },
    async (req) => run(req, (ctx) => listCampaigns(ctx)),
  );
  app.post(
    '/campaigns',
    {
      config: can('create'),
      schema: {
        tags,
        summary: 'A draft campaign: segment, letter template, sender e-mail channel, schedule',
        body: CampaignCreateBody,
        response: { 201: Campaign },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => createCampaign(ctx, req.body))),
  );
  app.get(
    '/campaigns/:id',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'A campaign and its progress',
        params: IdParams,
        response: { 200: Campaign },
      },
    },
    async (req) => run(req, (ctx) => getCampaign(ctx, req.params.id)),
  );
  for (const [path, fn, summary] of [
    ['start', startCampaign, 'Start a draft (or schedule it for its time)'],
    ['cancel', cancelCampaign, 'Stop sending; what was sent stays sent'],
  ] as const)
    app.post(
      `/campaigns/:id/${path}`,
      {
        config: can('update'),
        schema: { tags, summary, params: IdParams, response: { 200: Campaign } },
      },
      async (req) => run(req, (ctx) => fn(ctx, req.params.id)),
    );
  app.get(
    '/campaigns/:id/recipients',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'The per-recipient report: state, skip reason, error, when sent',
        params: IdParams,
        querystring: CampaignRecipientQuery,
        response: { 200: z.object({ items: z.array(CampaignRecipient) }) },
      },
    },
    async (req) => run(req, (ctx) => listRecipients(ctx, req.params.id, req.query)),
  );
}

// RFC 8058: the mail client's one-click POST (`List-Unsubscribe=One-Click`), no session, no cookie.
// The body (`List-Unsubscribe=One-Click`, form-encoded or multipart) carries nothing we need: the
// signed token in the URL says who; it is read as bytes and left alone.
export const publicUnsubscribeRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db }) => {
  for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data']) {
    if (app.hasContentTypeParser(type)) app.removeContentTypeParser(type);
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: 4096 }, (_req, _body, done) =>
      done(null, undefined),
    );
  }
  app.post(
    '/api/public/unsubscribe',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'One-click unsubscribe (RFC 8058) by the signed link of a campaign letter',
        querystring: UnsubscribeQuery,
        response: { 200: z.object({ unsubscribed: z.literal(true) }) },
      },
    },
    async (req) => {
      const t = openUnsubscribe(req.query.token);
      await inSystemWorkspace(
        db,
        t.workspaceId,
        (ctx) => unsubscribe(ctx, t.contactId, t.campaignId),
        {
          ip: req.ip ?? null,
          requestId: String(req.id),
        },
      );
      return { unsubscribed: true as const };
    },
  );
};
