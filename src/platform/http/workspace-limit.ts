import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../errors.js';

// Per-workspace API rate limit (docs/operations.md, "Rate limits"): every authenticated request
// counts against its workspace — a session's and an API token's alike — in a fixed window per
// process (@fastify/rate-limit's local store; N API processes allow N times as much). Over the
// limit: 429 problem+json with Retry-After; every counted answer carries the IETF draft's
// RateLimit-Limit / -Remaining / -Reset headers. Unauthenticated requests (sign-in, public forms,
// webhooks) have their own per-address limits and are not counted here.
export type WorkspaceLimit = { max: number; windowSeconds: number };

export async function installWorkspaceLimit(app: FastifyInstance, limit: WorkspaceLimit) {
  if (limit.max <= 0) return;
  await app.register(fastifyRateLimit, {
    global: true,
    max: limit.max,
    timeWindow: limit.windowSeconds * 1000,
    enableDraftSpec: true,
    // Route-level onRequest hooks run after the guard's app-level one: the principal is known.
    hook: 'onRequest',
    keyGenerator: (req) => `w:${req.principal?.workspaceId ?? ''}`,
    allowList: (req) => !req.principal,
    errorResponseBuilder: (_req, ctx) =>
      new DomainError(
        'request.rate_limited',
        `the workspace made more than ${ctx.max} requests in ${limit.windowSeconds} s: retry in ${ctx.after}`,
        { retryAfter: Math.ceil(ctx.ttl / 1000) },
      ),
  });
}
