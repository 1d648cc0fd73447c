import {
  DunningPauseBody,
  DunningPolicy,
  DunningPolicyBody,
  DunningPolicyList,
  DunningPreview,
  DunningPreviewBody,
  DunningState,
  IdParams,
} from '@voronka/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../../../platform/context.js';
import * as dunning from './service.js';

type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;
type Run = <T>(req: FastifyRequest, fn: (ctx: Ctx) => Promise<T>) => Promise<T>;
const can = (action: 'read' | 'create' | 'update' | 'delete') =>
  ({ access: { entity: 'finance', action } }) as const;

// The dunning ladder's HTTP face; registered from money/routes.ts.
export function dunningRoutes(app: App, run: Run) {
  policyRoutes(app, run);
  policyItemRoutes(app, run);
  pauseRoutes(app, run);
}

function policyRoutes(app: App, run: Run) {
  const tags = ['dunning'];
  app.get(
    '/dunning-policies',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'The workspace’s dunning ladders',
        response: { 200: DunningPolicyList },
      },
    },
    async (req) => run(req, (ctx) => dunning.listPolicies(ctx)),
  );
  app.post(
    '/dunning-policies',
    {
      config: can('create'),
      schema: {
        tags,
        summary:
          'Create a ladder: steps relative to the due date, each by e-mail, messenger and/or a task, with {{variable}} texts; the first (or isDefault) is the one the scan follows',
        body: DunningPolicyBody,
        response: { 201: DunningPolicy },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => dunning.createPolicy(ctx, req.body))),
  );
  app.post(
    '/dunning-policies/preview',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'A step’s subject and text filled from an invoice (or a sample one)',
        body: DunningPreviewBody,
        response: { 200: DunningPreview },
      },
    },
    async (req) => run(req, (ctx) => dunning.previewStep(ctx, req.body)),
  );
}

function policyItemRoutes(app: App, run: Run) {
  const tags = ['dunning'];
  app.get(
    '/dunning-policies/:id',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'A dunning ladder',
        params: IdParams,
        response: { 200: DunningPolicy },
      },
    },
    async (req) => run(req, (ctx) => dunning.getPolicy(ctx, req.params.id)),
  );
  app.put(
    '/dunning-policies/:id',
    {
      config: can('update'),
      schema: {
        tags,
        summary: 'Replace a ladder (steps already fired for an invoice do not fire again)',
        params: IdParams,
        body: DunningPolicyBody,
        response: { 200: DunningPolicy },
      },
    },
    async (req) => run(req, (ctx) => dunning.updatePolicy(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/dunning-policies/:id',
    {
      config: can('delete'),
      schema: { tags, summary: 'Delete a ladder', params: IdParams },
    },
    async (req, reply) => {
      await run(req, (ctx) => dunning.deletePolicy(ctx, req.params.id));
      return reply.code(204).send();
    },
  );
}

function pauseRoutes(app: App, run: Run) {
  const tags = ['dunning'];
  app.get(
    '/companies/:id/dunning-pause',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'A client’s dunning: the pause in force (if any) and the reminders sent',
        params: IdParams,
        response: { 200: DunningState },
      },
    },
    async (req) => run(req, (ctx) => dunning.getDunningState(ctx, req.params.id)),
  );
  app.post(
    '/companies/:id/dunning-pause',
    {
      config: can('update'),
      schema: {
        tags,
        summary: 'Pause dunning for a client (why, until when); audited',
        params: IdParams,
        body: DunningPauseBody,
        response: { 200: DunningState },
      },
    },
    async (req) => run(req, (ctx) => dunning.pauseDunning(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/companies/:id/dunning-pause',
    {
      config: can('update'),
      schema: {
        tags,
        summary: 'Resume dunning for a client; audited',
        params: IdParams,
        response: { 200: DunningState },
      },
    },
    async (req) => run(req, (ctx) => dunning.resumeDunning(ctx, req.params.id)),
  );
}
