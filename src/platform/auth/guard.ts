import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from '../http/problem.js';
import { can, isTrialExpired, type Access, type Principal, type PrincipalResolver } from './principal.js';

export const SESSION_COOKIE = 'voronka_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function authenticate(req: FastifyRequest, resolver: PrincipalResolver): Promise<Principal | null | 'bad-token'> {
  const header = req.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) return 'bad-token';
    return (await resolver.fromApiToken(m[1]!)) ?? 'bad-token';
  }
  const cookie = req.cookies?.[SESSION_COOKIE];
  return cookie ? resolver.fromSession(cookie) : null;
}

// The one mechanism that guards every route: authentication, second factor, CSRF for cookie writes,
// the role's permission matrix and the trial. It runs before the body is parsed, so nothing a
// refused caller sent is even read.
export function installGuard(app: FastifyInstance, resolver: PrincipalResolver) {
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1') && !route.config?.access) throw new Error(`route ${route.method} ${route.url} declares no access`);
  });
  app.addHook('onRequest', async (req, reply) => {
    const access = req.routeOptions.config?.access;
    if (!access) return;
    const found = await authenticate(req, resolver);
    if (found === 'bad-token') return sendProblem(reply, 'auth.invalid_token', 'the API token is invalid or revoked');
    req.principal = found;
    if (access === 'public') return;
    return check(req, reply, access, found);
  });
}

function check(req: FastifyRequest, reply: FastifyReply, access: Exclude<Access, 'public'>, p: Principal | null) {
  if (!p) return sendProblem(reply, 'auth.required', 'sign in first');
  if (!p.memberActive) return sendProblem(reply, 'auth.user_deactivated', 'this user is deactivated in the workspace');
  if (p.session && !SAFE_METHODS.has(req.method) && req.headers[CSRF_HEADER] !== p.session.csrfToken) {
    return sendProblem(reply, 'auth.csrf', `missing or wrong ${CSRF_HEADER} header`);
  }
  if (access === 'pending') return;
  if (p.session?.twoFactorPending) return sendProblem(reply, 'auth.two_factor_required', 'enter the two-factor code first');
  if (access === 'signed-in') return;
  if (p.session?.twoFactorSetupRequired) return sendProblem(reply, 'auth.two_factor_setup_required', 'the workspace requires two-factor sign-in: set it up first');
  if (!can(p, access.entity, access.action)) return sendProblem(reply, 'auth.forbidden', `your role may not ${access.action} ${access.entity}`);
  // Read-only means no writes: a GET stays open even when its route is guarded by a write right
  // (listing invitations needs users.create).
  const isWrite = !SAFE_METHODS.has(req.method) && access.action !== 'read' && access.action !== 'export';
  if (isWrite && isTrialExpired(p.workspace, new Date())) {
    return sendProblem(reply, 'workspace.trial_expired', 'the free trial has ended: the workspace is read-only until it is extended or paid');
  }
}
