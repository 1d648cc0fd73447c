import {
  DiscountApproval,
  DiscountApprovalCreateBody,
  DiscountApprovalListQuery,
  DiscountDecisionBody,
  DiscountLimits,
  DiscountLimitsBody,
  IdParams,
} from '@voronka/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import type { ModuleDeps } from '../deps.js';
import * as discounts from './discounts.js';

// Discount control: everyone who reads deals reads the limits and the approvals of deals they see;
// the limits are set by whoever changes roles (an admin); asking and deciding change deals — and
// deciding also needs a role whose limit covers the discount (discounts.ts).
const tags = ['discounts'];
const readDeals = { access: { entity: 'deals', action: 'read' } } as const;
const updateDeals = { access: { entity: 'deals', action: 'update' } } as const;

type Api = Parameters<FastifyPluginAsyncZod<ModuleDeps>>[0];

export const discountRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db }) => {
  limitRoutes(app, db);
  approvalRoutes(app, db);
};

function limitRoutes(app: Api, db: ModuleDeps['db']) {
  app.get(
    '/discount-limits',
    {
      config: readDeals,
      schema: {
        tags,
        summary: 'The largest line discount each role gives on its own, in percent',
        response: { 200: DiscountLimits },
      },
    },
    async (req) => inRequestWorkspace(db, req, (ctx) => discounts.listDiscountLimits(ctx)),
  );
  app.put(
    '/discount-limits',
    {
      config: { access: { entity: 'roles', action: 'update' } },
      schema: {
        tags,
        summary: "Set roles' discount limits (the roles not named keep theirs)",
        body: DiscountLimitsBody,
        response: { 200: DiscountLimits },
      },
    },
    async (req) => inRequestWorkspace(db, req, (ctx) => discounts.setDiscountLimits(ctx, req.body)),
  );
}

function approvalRoutes(app: Api, db: ModuleDeps['db']) {
  app.get(
    '/discount-approvals',
    {
      config: readDeals,
      schema: {
        tags,
        summary: 'Discount approval requests (newest first) of the deals one sees',
        querystring: DiscountApprovalListQuery,
        response: { 200: z.object({ items: z.array(DiscountApproval) }) },
      },
    },
    async (req) =>
      inRequestWorkspace(db, req, (ctx) => discounts.listDiscountApprovals(ctx, req.query)),
  );
  app.post(
    '/discount-approvals',
    {
      config: updateDeals,
      schema: {
        tags,
        summary: "Ask the head to approve the discount a deal's or a draft document's lines carry",
        body: DiscountApprovalCreateBody,
        response: { 201: DiscountApproval },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await inRequestWorkspace(db, req, (ctx) =>
            discounts.requestDiscountApproval(ctx, req.body),
          ),
        ),
  );
  for (const [verb, status] of [
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ] as const)
    app.post(
      `/discount-approvals/:id/${verb}`,
      {
        config: updateDeals,
        schema: {
          tags,
          summary: `${verb === 'approve' ? 'Approve' : 'Reject'} a pending discount request, with a comment (audited)`,
          params: IdParams,
          body: DiscountDecisionBody,
          response: { 200: DiscountApproval },
        },
      },
      async (req) =>
        inRequestWorkspace(db, req, (ctx) =>
          discounts.decideDiscountApproval(ctx, req.params.id, status, req.body.comment),
        ),
    );
}
